import { App, Button, Card, Col, DatePicker, Flex, Form, Input, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useRef, useState } from 'react';
import { type Alliance, type JointActivity, jointActivityBody } from '#shared/contract/alliances';
import { MAX_JOINT_PARTICIPANTS } from '#shared/domain/alliance';
import { ACTIVITY_KINDS, type ActivityKind } from '#shared/domain/supervision';
import { CursorPager } from '../../components/CursorPager';
import { ErrorResult } from '../../components/ErrorResult';
import { ProblemsAlert } from '../../components/ProblemsAlert';
import { type Column, ResponsiveTable } from '../../components/ResponsiveTable';
import { useDraft } from '../../lib/drafts';
import { formatDate } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { ApiError } from '../../lib/problem';
import { schemaErrors, setFieldErrors } from '../../lib/validation';
import { recentYears } from '../../lib/years';
import { useJointActivities, useRecordJointActivity } from './api';
import { fieldRefusals, refusalMessage } from './refusals';

interface ActivityValues {
  kind?: ActivityKind;
  heldOn?: Dayjs | null;
  participants?: string[];
  note?: string;
}

/**
 * The activities the alliance's members held together, a year at a time, and a form to record
 * one with the member chambers taking part: it counts once in each one's activities (its
 * “七个一” tally), however often the form is sent (one Idempotency-Key per filled-in form).
 */
export function JointActivitiesCard({ alliance }: { alliance: Alliance }) {
  const i18n = useI18n();
  const { t, locale } = i18n;
  const years = recentYears().filter((y) => y >= Number(alliance.foundedOn.slice(0, 4)));
  const [year, setYear] = useState(years[0] ?? new Date().getFullYear());
  const [cursors, setCursors] = useState<string[]>([]);
  const activities = useJointActivities(alliance.id, year, cursors.at(-1));
  const names = new Map(alliance.members.map((m) => [m.chamberId, m.name]));
  const columns: Column<JointActivity>[] = [
    {
      key: 'heldOn',
      title: t('alliance.heldOn'),
      primary: true,
      render: (a) => formatDate(a.heldOn, locale),
    },
    { key: 'kind', title: t('alliance.kind'), render: (a) => t(`alliance.kind.${a.kind}`) },
    {
      key: 'participants',
      title: t('alliance.participants'),
      render: (a) =>
        t('alliance.participantsValue', {
          count: a.participants.length,
          names: a.participants
            .slice(0, 3)
            .map((id) => names.get(id) ?? t('alliance.formerMember'))
            .join(t('common.enumSeparator')),
        }),
    },
    { key: 'note', title: t('alliance.note'), render: (a) => a.note ?? '—' },
  ];
  return (
    <Card
      size="small"
      title={<h2 className="card-title">{t('alliance.activities')}</h2>}
      extra={
        <Select
          aria-label={t('common.year')}
          size="small"
          value={year}
          style={{ minWidth: 96 }}
          onChange={(value) => {
            setYear(value);
            setCursors([]);
          }}
          options={years.map((y) => ({ value: y, label: t('common.yearValue', { year: y }) }))}
        />
      }
    >
      <Row gutter={[24, 16]}>
        <Col xs={24} xl={14}>
          {activities.isError ? (
            <ErrorResult error={activities.error} retry={() => void activities.refetch()} />
          ) : (
            <ResponsiveTable
              caption={t('alliance.activities')}
              rows={activities.data?.items ?? []}
              columns={columns}
              rowKey={(a) => a.id}
              loading={activities.isPending}
              emptyText={t('alliance.noActivities', { year })}
            />
          )}
          <CursorPager
            hasPrevious={cursors.length > 0}
            next={activities.data?.nextCursor}
            onPrevious={() => setCursors((list) => list.slice(0, -1))}
            onNext={(cursor) => setCursors((list) => [...list, cursor])}
          />
        </Col>
        <Col xs={24} xl={10}>
          <RecordActivity alliance={alliance} onRecorded={(y) => setYear(y)} />
        </Col>
      </Row>
    </Card>
  );
}

function RecordActivity({
  alliance,
  onRecorded,
}: {
  alliance: Alliance;
  onRecorded: (year: number) => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const { message } = App.useApp();
  const [form] = Form.useForm<ActivityValues>();
  const record = useRecordJointActivity(alliance.id);
  const [problems, setProblems] = useState<string[]>([]);
  const key = useRef<string>(crypto.randomUUID());
  useDraft(
    `alliance-activity:${alliance.id}`,
    () => {
      const v = form.getFieldsValue();
      return { ...v, heldOn: v.heldOn?.format('YYYY-MM-DD') ?? null, key: key.current };
    },
    (draft: Omit<ActivityValues, 'heldOn'> & { heldOn: string | null; key: string }) => {
      form.setFieldsValue({ ...draft, heldOn: draft.heldOn ? dayjs(draft.heldOn) : null });
      key.current = draft.key;
    },
  );
  const members = alliance.members.map((m) => ({ value: m.chamberId, label: m.name }));
  const submit = async (values: ActivityValues) => {
    setProblems([]);
    const note = values.note?.trim();
    const body = {
      kind: values.kind ?? '',
      heldOn: values.heldOn?.format('YYYY-MM-DD') ?? '',
      participants: values.participants ?? [],
      ...(note ? { note } : {}),
    };
    const refused = schemaErrors(jointActivityBody, body, i18n.apiMessage);
    if (refused.length > 0) {
      setFieldErrors(
        form,
        refused.map((e) => ({ ...e, name: e.name.slice(0, 1) })),
      );
      return;
    }
    try {
      const saved = await record.mutateAsync({
        body: body as Parameters<typeof record.mutateAsync>[0]['body'],
        key: key.current,
      });
      message.success(t('alliance.recorded', { count: saved.participants.length }));
      key.current = crypto.randomUUID();
      form.resetFields();
      onRecorded(Number(saved.heldOn.slice(0, 4)));
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return;
      const fields = fieldRefusals(error, i18n);
      if (fields.length > 0) {
        setFieldErrors(form, fields);
      } else if (error instanceof ApiError && error.status === 409) {
        form.setFields([{ name: 'participants', errors: [refusalMessage(error, i18n)] }]);
      } else {
        setProblems([refusalMessage(error, i18n)]);
      }
    }
  };
  return (
    <Form<ActivityValues> form={form} name="alliance-activity" layout="vertical" onFinish={submit}>
      <h3 className="card-title" style={{ marginTop: 0 }}>
        {t('alliance.record')}
      </h3>
      <ProblemsAlert problems={problems} />
      <Row gutter={12}>
        <Col xs={24} md={12}>
          <Form.Item name="kind" label={t('alliance.kind')} required>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              options={ACTIVITY_KINDS.map((k) => ({ value: k, label: t(`alliance.kind.${k}`) }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="heldOn" label={t('alliance.heldOn')} required>
            <DatePicker
              style={{ width: '100%' }}
              disabledDate={(d) =>
                d.isAfter(dayjs(), 'day') || d.isBefore(dayjs(alliance.foundedOn), 'day')
              }
            />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item
        label={t('alliance.participants')}
        required
        extra={t('alliance.participantsHint', { max: MAX_JOINT_PARTICIPANTS })}
      >
        <Flex gap={8} align="start">
          <Form.Item name="participants" noStyle>
            <Select
              mode="multiple"
              aria-label={t('alliance.participants')}
              showSearch={{ optionFilterProp: 'label' }}
              options={members}
              maxTagCount="responsive"
              style={{ flex: 1, minWidth: 0 }}
            />
          </Form.Item>
          <Button
            onClick={() =>
              form.setFieldsValue({
                participants: members.slice(0, MAX_JOINT_PARTICIPANTS).map((m) => m.value),
              })
            }
          >
            {t('alliance.allMembers')}
          </Button>
        </Flex>
      </Form.Item>
      <Form.Item name="note" label={t('alliance.note')}>
        <Input.TextArea maxLength={1000} showCount autoSize={{ minRows: 2, maxRows: 5 }} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={record.isPending}>
        {t('alliance.recordSubmit')}
      </Button>
    </Form>
  );
}
