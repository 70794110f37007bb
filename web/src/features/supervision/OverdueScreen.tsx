import { Alert, Card, Tag } from 'antd';
import { Link } from 'react-router';
import type { OverdueVisit } from '#shared/contract/supervision';
import { ErrorResult } from '../../components/ErrorResult';
import { ExportButton } from '../../components/ExportButton';
import { PageHeader } from '../../components/PageHeader';
import { type Column, ResponsiveTable } from '../../components/ResponsiveTable';
import { formatDate } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { JURISDICTION } from '../../lib/regions';
import { useSession } from '../../lib/session';
import { allPages } from '../../lib/spreadsheets';
import { useOverdueVisits } from './api';
import { overdueExport } from './exports';
import { useCursors } from './ListParts';
import { TAG } from './tag-colors';

/** Chambers overdue for their liaison's visit, as the latest scheduled check found them. */
export default function OverdueScreen() {
  const { t, locale } = useI18n();
  const { principal } = useSession();
  const { cursor, pager } = useCursors();
  const region = principal?.regionCode ?? JURISDICTION;
  const overdue = useOverdueVisits(region, cursor);
  const data = overdue.data;
  const columns: Column<OverdueVisit>[] = [
    {
      key: 'name',
      title: t('sv.chamber'),
      primary: true,
      render: (row) => <Link to={`/chambers/${row.chamberId}`}>{row.name}</Link>,
    },
    { key: 'leader', title: t('sv.leader'), render: (row) => row.leaderName },
    {
      key: 'last',
      title: t('sv.lastVisitedOn'),
      render: (row) =>
        row.lastVisitedOn ? formatDate(row.lastVisitedOn, locale) : t('sv.neverVisited'),
    },
    { key: 'due', title: t('sv.dueOn'), render: (row) => formatDate(row.dueOn, locale) },
    {
      key: 'days',
      title: t('sv.daysOverdue'),
      align: 'right',
      render: (row) => <Tag color={TAG.red}>{t('sv.overdueDays', { days: row.daysOverdue })}</Tag>,
    },
  ];
  return (
    <>
      <PageHeader
        title={t('sv.overdueTitle')}
        subtitle={
          data &&
          (data.asOf ? t('sv.asOf', { date: formatDate(data.asOf, locale) }) : t('sv.neverRun'))
        }
        extra={
          <ExportButton
            build={async (api) =>
              overdueExport(
                t,
                region,
                data?.asOf ?? null,
                await allPages(api, '/v1/visits/overdue', { regionCode: region }),
              )
            }
          />
        }
      />
      {overdue.isError ? (
        <ErrorResult error={overdue.error} retry={() => void overdue.refetch()} />
      ) : (
        <Card size="small">
          {data?.asOf === null && <Alert type="info" showIcon message={t('sv.neverRun')} />}
          <ResponsiveTable
            caption={t('sv.overdueTitle')}
            rows={data?.items ?? []}
            loading={overdue.isPending}
            columns={columns}
            rowKey={(row) => `${row.chamberId}/${row.leaderId}`}
            emptyText={t('sv.noneOverdue')}
          />
          {pager(data?.nextCursor)}
        </Card>
      )}
    </>
  );
}
