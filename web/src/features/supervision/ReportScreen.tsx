import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Form,
  Input,
  InputNumber,
  Row,
  Skeleton,
  Space,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { useParams } from 'react-router';
import { type AnnualReport, supervisionRoutes } from '#shared/contract/supervision';
import { ErrorResult, NotFoundResult } from '../../components/ErrorResult';
import { PageHeader } from '../../components/PageHeader';
import { ProblemsAlert } from '../../components/ProblemsAlert';
import { useChamberName } from '../../lib/chambers';
import { formatDateTime, formatYuan } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { ApiError } from '../../lib/problem';
import { useSession } from '../../lib/session';
import { schemaErrors, setFieldErrors } from '../../lib/validation';
import { useAnnualReport, useReviewReport, useSubmitReport } from './api';
import { fenToYuanText, yuanToFen } from './money';
import { problemsOf } from './problems';
import { ReportStatusTag } from './ReportStatusTag';

const reportBody = supervisionRoutes.submitAnnualReport.body;
const MONEY = ['incomeFen', 'expenseFen', 'netAssetsFen', 'donationsReceivedFen'] as const;

type Values = {
  firms?: number;
  individuals?: number;
  incomeFen?: string;
  expenseFen?: string;
  netAssetsFen?: string;
  donationsReceivedFen?: string;
  activitiesHeld?: number;
  partyMembers?: number;
  partySummary?: string;
  workSummary?: string;
};

function toValues(report: AnnualReport): Values {
  return {
    firms: report.members.firms,
    individuals: report.members.individuals,
    ...Object.fromEntries(MONEY.map((field) => [field, fenToYuanText(report[field])])),
    activitiesHeld: report.activitiesHeld,
    partyMembers: report.partyBuilding.partyMembers,
    partySummary: report.partyBuilding.summary ?? '',
    workSummary: report.workSummary,
  };
}

/** The form's paths → the API's (money typed in 元 is sent as fen). */
const API_PATHS: Record<string, (string | number)[]> = {
  firms: ['members', 'firms'],
  individuals: ['members', 'individuals'],
  partyMembers: ['partyBuilding', 'partyMembers'],
  partySummary: ['partyBuilding', 'summary'],
};
const formPath = (path: (string | number)[]) => {
  const key = Object.entries(API_PATHS).find(([, p]) => p.join('.') === path.join('.'))?.[0];
  return key ? [key] : path.slice(0, 1);
};

/**
 * A chamber's annual report for a year: the officer fills it in (and sends it again when it was
 * returned); FIC staff read it and accept it or return it with a note. An accepted report is
 * final. The form is sent at the version it was opened on, so two people never overwrite.
 */
export default function ReportScreen() {
  const { id = '', year: yearText = '' } = useParams();
  const year = Number(yearText);
  const i18n = useI18n();
  const { t, locale } = i18n;
  const { message } = App.useApp();
  const { principal } = useSession();
  const name = useChamberName(id);
  const report = useAnnualReport(id, year);
  const submitReport = useSubmitReport(id, year);
  const [form] = Form.useForm<Values>();
  const [problems, setProblems] = useState<string[]>([]);
  const current = report.data;
  useEffect(() => {
    if (current) form.setFieldsValue(toValues(current));
  }, [current, form]);

  if (!Number.isInteger(year) || year < 1949 || year > 2100) return <NotFoundResult />;
  if (report.isError)
    return <ErrorResult error={report.error} retry={() => void report.refetch()} />;
  if (report.isPending) return <Skeleton active />;
  const admin = principal?.role === 'fic-admin';
  const editable = current?.status !== 'accepted';

  const submit = async (values: Values) => {
    setProblems([]);
    const money: Record<string, number | undefined> = {};
    const refused: { name: (string | number)[]; errors: string[] }[] = [];
    for (const field of MONEY) {
      const text = values[field]?.trim() ?? '';
      // Donations received may be left empty: none.
      const fen =
        text === '' && field === 'donationsReceivedFen'
          ? 0
          : yuanToFen(text, field === 'netAssetsFen');
      if (fen === undefined) refused.push({ name: [field], errors: [t('sv.yuanInvalid')] });
      money[field] = fen;
    }
    const body = {
      members: { firms: values.firms, individuals: values.individuals ?? 0 },
      ...money,
      activitiesHeld: values.activitiesHeld ?? 0,
      partyBuilding: {
        partyMembers: values.partyMembers ?? 0,
        ...(values.partySummary?.trim() && { summary: values.partySummary.trim() }),
      },
      workSummary: values.workSummary?.trim() ?? '',
    };
    for (const e of schemaErrors(reportBody, body, i18n.apiMessage)) {
      const name = formPath(e.name);
      if (!refused.some((r) => r.name.join() === name.join())) refused.push({ ...e, name });
    }
    if (refused.length > 0) {
      setFieldErrors(form, refused);
      return;
    }
    try {
      await submitReport.mutateAsync({ body: reportBody.parse(body), version: current?.version });
      message.success(t('sv.reportSubmitted'));
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return;
      const { fields, rest } = problemsOf(error, i18n);
      setFieldErrors(
        form,
        fields.map((f) => ({ ...f, name: formPath(f.name) })),
      );
      setProblems(error instanceof ApiError && error.status === 412 ? [t('sv.reportMoved')] : rest);
      if (error instanceof ApiError && error.status === 412) void report.refetch();
    }
  };

  const yuan = (field: (typeof MONEY)[number], label: string) => (
    <Col xs={24} md={12}>
      <Form.Item name={field} label={label} required={field !== 'donationsReceivedFen'}>
        <Input inputMode="decimal" suffix="元" disabled={!editable} />
      </Form.Item>
    </Col>
  );
  const count = (field: keyof Values, label: string, required = true) => (
    <Col xs={24} md={12}>
      <Form.Item name={field} label={label} required={required}>
        <InputNumber min={0} precision={0} style={{ width: '100%' }} disabled={!editable} />
      </Form.Item>
    </Col>
  );

  return (
    <>
      <PageHeader
        title={t('sv.reportTitle', { year })}
        subtitle={name}
        tags={<ReportStatusTag status={current?.status ?? null} />}
        crumbs={
          admin
            ? [
                { title: t('sv.reports'), to: `/supervision/annual-reports?year=${year}` },
                { title: name ?? id },
              ]
            : [
                { title: name ?? id, to: `/chambers/${id}` },
                { title: t('sv.reportTitle', { year }) },
              ]
        }
      />
      {current?.review && (
        <Alert
          style={{ marginBottom: 16 }}
          showIcon
          type={current.review.decision === 'returned' ? 'warning' : 'success'}
          message={t(current.review.decision === 'returned' ? 'sv.wasReturned' : 'sv.wasAccepted', {
            at: formatDateTime(current.review.reviewedAt, locale),
          })}
          description={current.review.note ?? undefined}
        />
      )}
      {current && (
        <Typography.Paragraph type="secondary">
          {t('sv.submittedAt', {
            at: formatDateTime(current.submittedAt, locale),
            version: current.version,
          })}
        </Typography.Paragraph>
      )}
      {admin && current?.status === 'submitted' && <ReviewCard chamberId={id} year={year} />}
      <Card size="small" title={<h2 className="card-title">{t('sv.reportForm')}</h2>}>
        <ProblemsAlert problems={problems} />
        <Form form={form} layout="vertical" onFinish={submit} aria-label={t('sv.reportForm')}>
          <Row gutter={16}>
            {count('firms', t('sv.r.firms'))}
            {count('individuals', t('sv.r.individuals'), false)}
            {yuan('incomeFen', t('sv.r.income'))}
            {yuan('expenseFen', t('sv.r.expense'))}
            {yuan('netAssetsFen', t('sv.r.netAssets'))}
            {yuan('donationsReceivedFen', t('sv.r.donations'))}
            {count('activitiesHeld', t('sv.r.activities'))}
            {count('partyMembers', t('sv.r.partyMembers'))}
            <Col xs={24}>
              <Form.Item name="partySummary" label={t('sv.r.partySummary')}>
                <Input.TextArea rows={2} maxLength={2000} disabled={!editable} />
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Form.Item name="workSummary" label={t('sv.r.workSummary')} required>
                <Input.TextArea rows={5} maxLength={10_000} disabled={!editable} />
              </Form.Item>
            </Col>
          </Row>
          {editable && (
            <Button type="primary" htmlType="submit" loading={submitReport.isPending}>
              {current?.status === 'returned'
                ? t('sv.resubmit')
                : current
                  ? t('sv.saveReport')
                  : t('sv.submitReport')}
            </Button>
          )}
          {current && (
            <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
              {t('sv.incomeLine', {
                income: formatYuan(current.incomeFen, locale),
                expense: formatYuan(current.expenseFen, locale),
              })}
            </Typography.Paragraph>
          )}
        </Form>
      </Card>
    </>
  );
}

/** FIC staff's review: accept, or return with a note saying what to put right. */
function ReviewCard({ chamberId, year }: { chamberId: string; year: number }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { message } = App.useApp();
  const review = useReviewReport(chamberId, year);
  const [form] = Form.useForm<{ note?: string }>();
  const [problems, setProblems] = useState<string[]>([]);
  const decide = async (decision: 'accepted' | 'returned') => {
    setProblems([]);
    const note = (form.getFieldValue('note') as string | undefined)?.trim();
    if (decision === 'returned' && !note) {
      form.setFields([{ name: 'note', errors: [t('sv.noteNeeded')] }]);
      return;
    }
    try {
      await review.mutateAsync({ decision, ...(note && { note }) });
      message.success(t(decision === 'accepted' ? 'sv.accepted' : 'sv.returned'));
      form.resetFields();
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return;
      setProblems(problemsOf(error, i18n).rest);
    }
  };
  return (
    <Card
      size="small"
      style={{ marginBottom: 16 }}
      title={<h2 className="card-title">{t('sv.review')}</h2>}
    >
      <ProblemsAlert problems={problems} />
      <Form form={form} layout="vertical" aria-label={t('sv.review')}>
        <Form.Item name="note" label={t('sv.reviewNote')} extra={t('sv.reviewNoteHelp')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Space wrap>
          <Button type="primary" loading={review.isPending} onClick={() => void decide('accepted')}>
            {t('sv.accept')}
          </Button>
          <Button danger loading={review.isPending} onClick={() => void decide('returned')}>
            {t('sv.return')}
          </Button>
        </Space>
      </Form>
    </Card>
  );
}
