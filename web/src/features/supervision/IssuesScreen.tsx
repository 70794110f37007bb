import { App, Button, Card, Empty, Flex, Form, Input, List, Skeleton, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import type { Issue, Visit } from '#shared/contract/supervision';
import { supervisionRoutes } from '#shared/contract/supervision';
import { todayInShanghai } from '#shared/domain/calendar';
import { daysBetween } from '#shared/domain/supervision';
import { ErrorResult } from '../../components/ErrorResult';
import { PageHeader } from '../../components/PageHeader';
import { ProblemsAlert } from '../../components/ProblemsAlert';
import { formatDate } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { ApiError } from '../../lib/problem';
import { schemaErrors, setFieldErrors } from '../../lib/validation';
import { useReply, useVisits } from './api';
import { problemsOf } from './problems';
import { TAG } from './tag-colors';

const replyBody = supervisionRoutes.replyToIssue.body;
type Row = Issue & { visit: Visit };

/** A chamber's inbox of the issues raised at visits: open ones first, each with its 15-day
 * clock (days left, or days late) and the reply form; answered ones below with their reply. */
export default function IssuesScreen() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const visits = useVisits(id);
  const today = todayInShanghai();
  const rows: Row[] = (visits.data?.items ?? []).flatMap((visit) =>
    visit.issues.map((issue) => ({ ...issue, visit })),
  );
  rows.sort(
    (a, b) =>
      Number(a.status !== 'open') - Number(b.status !== 'open') ||
      (a.status === 'open'
        ? a.replyDueOn.localeCompare(b.replyDueOn)
        : b.replyDueOn.localeCompare(a.replyDueOn)),
  );
  const open = rows.filter((row) => row.status === 'open').length;
  return (
    <>
      <PageHeader
        title={t('sv.inbox')}
        subtitle={visits.data && t('sv.inboxCount', { open, total: rows.length })}
      />
      {visits.isError ? (
        <ErrorResult error={visits.error} retry={() => void visits.refetch()} />
      ) : !visits.data ? (
        <Skeleton active />
      ) : rows.length === 0 ? (
        <Empty description={t('sv.noIssues')} />
      ) : (
        <List
          aria-label={t('sv.inbox')}
          dataSource={rows}
          renderItem={(row) => (
            <List.Item key={row.id} style={{ border: 'none' }}>
              <IssueCard chamberId={id} row={row} today={today} />
            </List.Item>
          )}
        />
      )}
    </>
  );
}

function Clock({ row, today }: { row: Row; today: string }) {
  const { t } = useI18n();
  if (row.status === 'answered') {
    const on = (row.answeredAt ?? '').slice(0, 10);
    const late = on > row.replyDueOn;
    return (
      <Tag color={late ? TAG.orange : TAG.green}>
        {t(late ? 'sv.answeredLate' : 'sv.answeredInTime')}
      </Tag>
    );
  }
  const days = daysBetween(today, row.replyDueOn);
  if (days < 0) return <Tag color={TAG.red}>{t('sv.lateDays', { days: -days })}</Tag>;
  return <Tag color={days <= 3 ? TAG.orange : TAG.blue}>{t('sv.daysLeft', { days })}</Tag>;
}

function IssueCard({ chamberId, row, today }: { chamberId: string; row: Row; today: string }) {
  const i18n = useI18n();
  const { t, locale } = i18n;
  const { message } = App.useApp();
  const reply = useReply(chamberId);
  const [form] = Form.useForm<{ reply?: string }>();
  const [problems, setProblems] = useState<string[]>([]);
  const submit = async (values: { reply?: string }) => {
    setProblems([]);
    const body = { reply: (values.reply ?? '').trim() };
    const refused = schemaErrors(replyBody, body, i18n.apiMessage);
    if (refused.length > 0) {
      setFieldErrors(form, refused);
      return;
    }
    try {
      await reply.mutateAsync({ visitId: row.visit.id, issueId: row.id, reply: body.reply });
      message.success(t('sv.replied'));
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return;
      const { fields, rest } = problemsOf(error, i18n);
      setFieldErrors(form, fields);
      setProblems(rest);
    }
  };
  return (
    <Card
      size="small"
      style={{ width: '100%' }}
      title={<h2 className="card-title">{row.summary}</h2>}
      extra={<Clock row={row} today={today} />}
    >
      <Flex vertical gap={8}>
        <Typography.Text type="secondary">
          {t('sv.raisedAt', {
            date: formatDate(row.visit.visitedOn, locale),
            topics: row.visit.topics.join(t('common.enumSeparator')),
          })}
          {t('common.listSeparator')}
          {t('sv.replyBy', { date: formatDate(row.replyDueOn, locale) })}
        </Typography.Text>
        {row.status === 'answered' ? (
          <Typography.Paragraph style={{ margin: 0 }}>
            <Typography.Text strong>{t('sv.reply')}：</Typography.Text>
            {row.reply}
          </Typography.Paragraph>
        ) : (
          <Form
            form={form}
            name={`reply-${row.id}`} // each card's fields their own ids, so each label names its box
            layout="vertical"
            onFinish={submit}
            aria-label={t('sv.replyTo', { summary: row.summary })}
          >
            <ProblemsAlert problems={problems} />
            <Form.Item name="reply" label={t('sv.reply')} required>
              <Input.TextArea rows={3} maxLength={2000} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={reply.isPending}>
              {t('sv.sendReply')}
            </Button>
          </Form>
        )}
      </Flex>
    </Card>
  );
}
