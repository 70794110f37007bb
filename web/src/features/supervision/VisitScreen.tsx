import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, Radio, Skeleton } from 'antd';
import { useRef, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { supervisionRoutes } from '#shared/contract/supervision';
import { todayInShanghai } from '#shared/domain/calendar';
import { VISIT_MODES } from '#shared/domain/supervision';
import { ErrorResult, NotFoundResult } from '../../components/ErrorResult';
import { PageHeader } from '../../components/PageHeader';
import { ProblemsAlert } from '../../components/ProblemsAlert';
import { useI18n } from '../../lib/i18n';
import { ApiError } from '../../lib/problem';
import { useSession } from '../../lib/session';
import { schemaErrors, setFieldErrors } from '../../lib/validation';
import { useAssignments, useRecordVisit } from './api';
import { problemsOf } from './problems';

const visitBody = supervisionRoutes.recordVisit.body;

type Values = {
  visitedOn?: string;
  mode?: string;
  topics?: string;
  issues?: { summary?: string }[];
  note?: string;
};

/**
 * A liaison records a visit, on a phone as much as at a desk: one column, large targets. Topics
 * are one per line; each issue raised gets its own box and, at the chamber, a 15-day reply clock.
 * One Idempotency-Key per submission, kept until an answer comes: a double tap records once.
 */
export default function VisitScreen() {
  const { chamberId = '' } = useParams();
  const i18n = useI18n();
  const { t } = i18n;
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { principal } = useSession();
  const assignments = useAssignments(principal?.sub ?? '');
  const record = useRecordVisit(chamberId);
  const [form] = Form.useForm<Values>();
  const [problems, setProblems] = useState<string[]>([]);
  const key = useRef<string | null>(null);
  const assignment = assignments.data?.items.find((a) => a.chamberId === chamberId);

  if (assignments.isError) {
    return <ErrorResult error={assignments.error} retry={() => void assignments.refetch()} />;
  }
  if (!assignments.data) return <Skeleton active />;
  if (!assignment) return <NotFoundResult />;
  const name = assignment.chamber?.name ?? chamberId;

  const submit = async (values: Values) => {
    setProblems([]);
    const body = {
      leaderId: principal?.sub ?? '',
      visitedOn: values.visitedOn ?? '',
      mode: values.mode,
      topics: (values.topics ?? '')
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean),
      issues: (values.issues ?? [])
        .map((issue) => ({ summary: (issue?.summary ?? '').trim() }))
        .filter((issue) => issue.summary),
      ...(values.note?.trim() && { note: values.note.trim() }),
    };
    const refused = schemaErrors(visitBody, body, i18n.apiMessage);
    if (body.visitedOn > todayInShanghai()) {
      refused.push({ name: ['visitedOn'], errors: [i18n.apiMessage('must not be in the future')] });
    }
    if (refused.length > 0) {
      setFieldErrors(
        form,
        refused.map((e) => ({ ...e, name: formPath(e.name) })),
      );
      return;
    }
    key.current ??= crypto.randomUUID();
    try {
      await record.mutateAsync({ body: visitBody.parse(body), key: key.current });
      key.current = null;
      message.success(t('sv.visitRecorded', { name }));
      navigate('/liaison');
    } catch (error) {
      // A network failure keeps the key: sending again is the same request, recorded once.
      if (error instanceof ApiError && error.status !== 0) key.current = null;
      if (error instanceof ApiError && error.status === 401) return;
      const { fields, rest } = problemsOf(error, i18n);
      setFieldErrors(
        form,
        fields.map((e) => ({ ...e, name: formPath(e.name) })),
      );
      setProblems(rest);
    }
  };

  return (
    <div className="narrow-form">
      <PageHeader
        title={t('sv.recordVisit')}
        subtitle={name}
        crumbs={[{ title: t('sv.myChambers'), to: '/liaison' }, { title: name }]}
      />
      <ProblemsAlert problems={problems} />
      <Form
        form={form}
        layout="vertical"
        size="large"
        onFinish={submit}
        aria-label={t('sv.recordVisit')}
        initialValues={{ visitedOn: todayInShanghai(), mode: 'on-site', issues: [] }}
      >
        <Form.Item name="visitedOn" label={t('sv.visitedOn')} required>
          <Input type="date" max={todayInShanghai()} />
        </Form.Item>
        <Form.Item name="mode" label={t('sv.mode')} required>
          <Radio.Group
            className="big-choices"
            options={VISIT_MODES.map((mode) => ({ value: mode, label: t(`sv.mode.${mode}`) }))}
          />
        </Form.Item>
        <Form.Item name="topics" label={t('sv.topics')} extra={t('sv.topicsHelp')} required>
          <Input.TextArea rows={3} />
        </Form.Item>
        <Form.List name="issues">
          {(fields, { add, remove }) => (
            <fieldset className="plain-fieldset">
              <legend>{t('sv.issuesRaised')}</legend>
              {fields.map((field, index) => (
                <Form.Item
                  key={field.key}
                  label={t('sv.issueN', { n: index + 1 })}
                  required
                  style={{ marginBottom: 12 }}
                >
                  <div style={{ display: 'flex', gap: 8 }}>
                    <Form.Item name={[field.name, 'summary']} noStyle>
                      <Input.TextArea rows={2} aria-label={t('sv.issueN', { n: index + 1 })} />
                    </Form.Item>
                    <Button
                      icon={<DeleteOutlined />}
                      aria-label={t('sv.removeIssue', { n: index + 1 })}
                      onClick={() => remove(field.name)}
                    />
                  </div>
                </Form.Item>
              ))}
              <Button block icon={<PlusOutlined />} onClick={() => add({ summary: '' })}>
                {t('sv.addIssue')}
              </Button>
              <p className="hint">{t('sv.replyClock')}</p>
            </fieldset>
          )}
        </Form.List>
        <Form.Item name="note" label={t('sv.note')}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={record.isPending}>
          {t('sv.saveVisit')}
        </Button>
      </Form>
    </div>
  );
}

/** The API names topics as a list; the form has them in one box. */
function formPath(path: (string | number)[]): (string | number)[] {
  return path[0] === 'topics' ? ['topics'] : path;
}
