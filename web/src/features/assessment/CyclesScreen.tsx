import { App, Button, Card, Col, Form, Input, Row, Select, Skeleton } from 'antd';
import { useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { Cycle } from '#shared/contract/assessment';
import { cycleBody } from '#shared/contract/assessment';
import { describeError, ErrorResult } from '../../components/ErrorResult';
import { PageHeader } from '../../components/PageHeader';
import { ProblemsAlert } from '../../components/ProblemsAlert';
import { type Column, ResponsiveTable } from '../../components/ResponsiveTable';
import { formatDateTime } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { ApiError } from '../../lib/problem';
import { countiesWithin, JURISDICTION, regionLabel } from '../../lib/regions';
import { useSession } from '../../lib/session';
import { schemaErrors, setFieldErrors } from '../../lib/validation';
import { recentYears } from '../../lib/years';
import { useCycles, useOpenCycle, useRubrics } from './api';
import { CycleStatusTag } from './labels';

type OpenValues = { year?: number; rubricId?: string; regionCode?: string; title?: string };

/**
 * The Four-Good cycles. FIC staff open one (year, rubric, region) and open each to run it; a
 * chamber officer sees the cycles their chamber takes part in and opens its self-assessment.
 */
export default function CyclesScreen() {
  const { t, locale } = useI18n();
  const { principal } = useSession();
  const admin = principal?.role === 'fic-admin';
  const cycles = useCycles();
  if (cycles.isError)
    return <ErrorResult error={cycles.error} retry={() => void cycles.refetch()} />;
  const chamberId = principal?.chamberId ?? '';
  const columns: Column<Cycle>[] = [
    {
      key: 'title',
      title: t('assess.cycle'),
      primary: true,
      render: (c) =>
        admin ? <Link to={`/assessment/${encodeURIComponent(c.id)}`}>{c.title}</Link> : c.title,
    },
    {
      key: 'year',
      title: t('common.year'),
      render: (c) => t('common.yearValue', { year: c.year }),
    },
    { key: 'rubric', title: t('assess.rubric'), render: (c) => t(rubricLabel(c.rubricId)) },
    { key: 'region', title: t('common.region'), render: (c) => regionLabel(c.regionCode) },
    {
      key: 'status',
      title: t('assess.statusLabel'),
      render: (c) => <CycleStatusTag status={c.status} />,
    },
    {
      key: 'createdAt',
      title: t('assess.openedAt'),
      render: (c) => formatDateTime(c.createdAt, locale),
    },
    ...(admin
      ? []
      : [
          {
            key: 'self',
            title: t('assess.action'),
            render: (c: Cycle) => (
              <Link
                to={`/assessment/${encodeURIComponent(c.id)}/self/${encodeURIComponent(chamberId)}`}
              >
                {c.status === 'open' ? t('assess.doSelf') : t('assess.viewSelf')}
              </Link>
            ),
          },
        ]),
  ];
  return (
    <>
      <PageHeader
        title={admin ? t('nav.cycles') : t('nav.selfAssessment')}
        subtitle={admin ? t('assess.cyclesSubtitle') : t('assess.officerSubtitle')}
      />
      {admin && <OpenCycleCard />}
      <Card size="small" title={<h2 className="card-title">{t('assess.cycleList')}</h2>}>
        {cycles.isPending ? (
          <Skeleton active />
        ) : (
          <ResponsiveTable
            caption={t('assess.cycleList')}
            rows={cycles.data.items}
            columns={columns}
            rowKey={(c) => c.id}
            emptyText={t('assess.noCycles')}
          />
        )}
      </Card>
    </>
  );
}

function rubricLabel(rubricId: string) {
  return rubricId === 'four-good-2017'
    ? ('assess.rubric.2017' as const)
    : rubricId === 'four-good-2020'
      ? ('assess.rubric.2020' as const)
      : ('assess.rubric.other' as const);
}

function OpenCycleCard() {
  const i18n = useI18n();
  const { t } = i18n;
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { principal } = useSession();
  const rubrics = useRubrics();
  const openCycle = useOpenCycle();
  const [form] = Form.useForm<OpenValues>();
  const [problems, setProblems] = useState<string[]>([]);
  const key = useRef(crypto.randomUUID());
  const scope = principal?.regionCode ?? JURISDICTION;
  const regions = [
    { value: scope, label: regionLabel(scope) },
    ...countiesWithin(scope)
      .filter((c) => c.code !== scope)
      .map((c) => ({ value: c.code, label: c.name })),
  ];
  const submit = async (values: OpenValues) => {
    setProblems([]);
    const body = {
      year: values.year,
      rubricId: values.rubricId,
      regionCode: values.regionCode,
      ...(values.title?.trim() ? { title: values.title.trim() } : {}),
    };
    const refused = schemaErrors(cycleBody, body, i18n.apiMessage);
    if (refused.length > 0) {
      setFieldErrors(form, refused);
      return;
    }
    try {
      const cycle = await openCycle.mutateAsync({
        body: body as { year: number; rubricId: string; regionCode: string; title?: string },
        key: key.current,
      });
      key.current = crypto.randomUUID();
      message.success(t('assess.opened', { title: cycle.title }));
      navigate(`/assessment/${encodeURIComponent(cycle.id)}`);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return;
      if (error instanceof ApiError && error.status >= 400 && error.status < 500)
        key.current = crypto.randomUUID();
      const fields = error instanceof ApiError ? error.fieldErrors : [];
      setFieldErrors(
        form,
        fields.map((e) => ({ name: e.path, errors: [i18n.apiMessage(e.message)] })),
      );
      setProblems([describeError(error, t, i18n.apiMessage)]);
    }
  };
  return (
    <Card
      size="small"
      style={{ marginBottom: 16 }}
      title={<h2 className="card-title">{t('assess.openCycle')}</h2>}
    >
      <ProblemsAlert problems={problems} />
      <Form<OpenValues>
        form={form}
        name="open-cycle"
        layout="vertical"
        onFinish={submit}
        initialValues={{
          year: new Date().getFullYear(),
          rubricId: 'four-good-2020',
          regionCode: scope,
        }}
      >
        <Row gutter={16}>
          <Col xs={24} md={6}>
            <Form.Item name="year" label={t('common.year')} required>
              <Select
                options={recentYears().map((y) => ({
                  value: y,
                  label: t('common.yearValue', { year: y }),
                }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item name="rubricId" label={t('assess.rubric')} required>
              <Select
                loading={rubrics.isPending}
                options={(rubrics.data?.items ?? []).map((r) => ({
                  value: r.id,
                  label: `${t(rubricLabel(r.id))}（${r.title}）`,
                }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item name="regionCode" label={t('common.region')} required>
              <Select showSearch={{ optionFilterProp: 'label' }} options={regions} />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item name="title" label={t('assess.cycleTitle')}>
              <Input maxLength={200} placeholder={t('assess.cycleTitleHint')} />
            </Form.Item>
          </Col>
        </Row>
        <Button type="primary" htmlType="submit" loading={openCycle.isPending}>
          {t('assess.openCycle')}
        </Button>
      </Form>
    </Card>
  );
}
