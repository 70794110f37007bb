import { Card, Flex, Segmented } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { ErrorResult } from '../../components/ErrorResult';
import { ExportButton } from '../../components/ExportButton';
import { PageHeader } from '../../components/PageHeader';
import { type Column, ResponsiveTable } from '../../components/ResponsiveTable';
import { useI18n } from '../../lib/i18n';
import { JURISDICTION } from '../../lib/regions';
import { useSession } from '../../lib/session';
import { allPages } from '../../lib/spreadsheets';
import { type ReportStatusRow, useReportStatuses } from './api';
import { reportsExport } from './exports';
import { useCursors, useYear, YearSelect } from './ListParts';
import { ReportStatusTag } from './ReportStatusTag';

/**
 * Annual reports of a year: the chambers still missing theirs (never sent, or returned and not
 * yet sent again), or every registered chamber with its report's status. Each opens the report.
 */
export default function ReportsScreen() {
  const { t } = useI18n();
  const { principal } = useSession();
  const [params, setParams] = useSearchParams();
  const [year, setYear] = useYear();
  const missing = params.get('show') !== 'all';
  const { cursor, pager } = useCursors();
  const region = principal?.regionCode ?? JURISDICTION;
  const reports = useReportStatuses(region, year, missing, cursor);
  const show = (value: string) => {
    const copy = new URLSearchParams(params);
    copy.set('show', value);
    copy.delete('after');
    setParams(copy);
  };
  const columns: Column<ReportStatusRow>[] = [
    {
      key: 'name',
      title: t('sv.chamber'),
      primary: true,
      render: (row) => (
        <Link to={`/chambers/${row.chamberId}/annual-reports/${year}`}>{row.name}</Link>
      ),
    },
    { key: 'kind', title: t('sv.kind'), render: (row) => t(`kind.${row.kind}` as never) },
    {
      key: 'status',
      title: t('sv.reportStatus'),
      render: (row) => <ReportStatusTag status={row.reportStatus} />,
    },
  ];
  const title = missing ? t('sv.missingTitle', { year }) : t('sv.reportsTitle', { year });
  return (
    <>
      <PageHeader
        title={t('sv.reports')}
        subtitle={t('sv.reportsSubtitle')}
        extra={
          <ExportButton
            build={async (api) =>
              reportsExport(
                t,
                region,
                year,
                missing,
                await allPages(api, missing ? '/v1/annual-reports/missing' : '/v1/annual-reports', {
                  regionCode: region,
                  year,
                }),
              )
            }
          />
        }
      />
      <Flex gap={12} wrap className="filters" role="search">
        <YearSelect year={year} onChange={setYear} />
        <Segmented
          aria-label={t('sv.show')}
          value={missing ? 'missing' : 'all'}
          onChange={(value) => show(String(value))}
          options={[
            { value: 'missing', label: t('sv.showMissing') },
            { value: 'all', label: t('sv.showAll') },
          ]}
        />
      </Flex>
      {reports.isError ? (
        <ErrorResult error={reports.error} retry={() => void reports.refetch()} />
      ) : (
        <Card size="small" title={<h2 className="card-title">{title}</h2>}>
          <ResponsiveTable
            caption={title}
            rows={reports.data?.items ?? []}
            loading={reports.isPending}
            columns={columns}
            rowKey={(row) => row.chamberId}
            emptyText={missing ? t('sv.noneMissing') : undefined}
          />
          {pager(reports.data?.nextCursor)}
        </Card>
      )}
    </>
  );
}
