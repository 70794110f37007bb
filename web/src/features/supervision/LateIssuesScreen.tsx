import { Card, Tag } from 'antd';
import { Link } from 'react-router';
import type { LateIssue } from '#shared/contract/supervision';
import { ErrorResult } from '../../components/ErrorResult';
import { PageHeader } from '../../components/PageHeader';
import { type Column, ResponsiveTable } from '../../components/ResponsiveTable';
import { formatDate } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { JURISDICTION } from '../../lib/regions';
import { useSession } from '../../lib/session';
import { useLateIssues } from './api';
import { useCursors } from './ListParts';
import { TAG } from './tag-colors';

/** Issues raised at visits and still unanswered after their 15 days, from the latest check. */
export default function LateIssuesScreen() {
  const { t, locale } = useI18n();
  const { principal } = useSession();
  const { cursor, pager } = useCursors();
  const late = useLateIssues(principal?.regionCode ?? JURISDICTION, cursor);
  const data = late.data;
  const columns: Column<LateIssue>[] = [
    { key: 'summary', title: t('sv.issue'), primary: true, render: (row) => row.summary },
    {
      key: 'name',
      title: t('sv.chamber'),
      render: (row) => <Link to={`/chambers/${row.chamberId}/issues`}>{row.name}</Link>,
    },
    {
      key: 'visited',
      title: t('sv.visitedOn'),
      render: (row) => formatDate(row.visitedOn, locale),
    },
    { key: 'due', title: t('sv.replyDueOn'), render: (row) => formatDate(row.replyDueOn, locale) },
    {
      key: 'days',
      title: t('sv.daysLate'),
      align: 'right',
      render: (row) => <Tag color={TAG.red}>{t('sv.lateDays', { days: row.daysLate })}</Tag>,
    },
  ];
  return (
    <>
      <PageHeader
        title={t('sv.lateTitle')}
        subtitle={
          data &&
          (data.asOf ? t('sv.asOf', { date: formatDate(data.asOf, locale) }) : t('sv.neverRun'))
        }
      />
      {late.isError ? (
        <ErrorResult error={late.error} retry={() => void late.refetch()} />
      ) : (
        <Card size="small">
          <ResponsiveTable
            caption={t('sv.lateTitle')}
            rows={data?.items ?? []}
            loading={late.isPending}
            columns={columns}
            rowKey={(row) => row.issueId}
            emptyText={t('sv.noneLate')}
          />
          {pager(data?.nextCursor)}
        </Card>
      )}
    </>
  );
}
