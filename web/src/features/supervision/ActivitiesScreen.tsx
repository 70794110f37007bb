import { Card, Flex, Progress, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { SEVEN_ONES } from '#shared/domain/supervision';
import { ErrorResult } from '../../components/ErrorResult';
import { PageHeader } from '../../components/PageHeader';
import { type Column, ResponsiveTable } from '../../components/ResponsiveTable';
import { useI18n } from '../../lib/i18n';
import { JURISDICTION } from '../../lib/regions';
import { useSession } from '../../lib/session';
import { type ActivityProgress, useActivityProgress } from './api';
import { useCursors, useYear, YearSelect } from './ListParts';
import { TAG } from './tag-colors';

/** Each registered chamber's activities in a year and how far it is with the "七个一". */
export default function ActivitiesScreen() {
  const { t } = useI18n();
  const { principal } = useSession();
  const [year, setYear] = useYear();
  const { cursor, pager } = useCursors();
  const progress = useActivityProgress(principal?.regionCode ?? JURISDICTION, year, cursor);
  const columns: Column<ActivityProgress>[] = [
    {
      key: 'name',
      title: t('sv.chamber'),
      primary: true,
      render: (row) => <Link to={`/chambers/${row.chamberId}`}>{row.name}</Link>,
    },
    {
      key: 'progress',
      title: t('sv.sevenOnes'),
      render: (row) => {
        const done = SEVEN_ONES.length - row.sevenOnesMissing.length;
        return (
          <Flex gap={8} align="center">
            <Progress
              percent={Math.round((100 * done) / SEVEN_ONES.length)}
              steps={SEVEN_ONES.length}
              showInfo={false}
              strokeColor={row.sevenOnesComplete ? '#52c41a' : '#1677ff'}
              aria-label={t('sv.sevenOnesOf', { done, total: SEVEN_ONES.length })}
            />
            <span>{t('sv.sevenOnesOf', { done, total: SEVEN_ONES.length })}</span>
            {row.sevenOnesComplete && <Tag color={TAG.green}>{t('sv.complete')}</Tag>}
          </Flex>
        );
      },
    },
    {
      key: 'missing',
      title: t('sv.stillToHold'),
      render: (row) =>
        row.sevenOnesMissing.length === 0 ? (
          t('common.none')
        ) : (
          <Typography.Text type="secondary">
            {row.sevenOnesMissing
              .map((kind) => t(`sv.activity.${kind}` as never))
              .join(t('common.enumSeparator'))}
          </Typography.Text>
        ),
    },
    {
      key: 'total',
      title: t('sv.activitiesHeld'),
      align: 'right',
      render: (row) => Object.values(row.counts).reduce((a, b) => a + b, 0),
    },
  ];
  const title = t('sv.activitiesTitle', { year });
  return (
    <>
      <PageHeader title={t('sv.activities')} subtitle={t('sv.activitiesSubtitle')} />
      <Flex gap={12} wrap className="filters" role="search">
        <YearSelect year={year} onChange={setYear} />
      </Flex>
      {progress.isError ? (
        <ErrorResult error={progress.error} retry={() => void progress.refetch()} />
      ) : (
        <Card size="small" title={<h2 className="card-title">{title}</h2>}>
          <ResponsiveTable
            caption={title}
            rows={progress.data?.items ?? []}
            loading={progress.isPending}
            columns={columns}
            rowKey={(row) => row.chamberId}
          />
          {pager(progress.data?.nextCursor)}
        </Card>
      )}
    </>
  );
}
