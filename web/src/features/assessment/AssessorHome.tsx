import { Button, Card, Skeleton, Tag } from 'antd';
import { useNavigate } from 'react-router';
import type { Review } from '#shared/contract/assessment';
import { ErrorResult } from '../../components/ErrorResult';
import { PageHeader } from '../../components/PageHeader';
import { type Column, ResponsiveTable } from '../../components/ResponsiveTable';
import { formatDateTime } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { useSession } from '../../lib/session';
import { useCyclesById, useMyAssignments, useNamesIn } from './api';

/** An assessor's home: "my assignments", each opening the review form. */
export default function AssessorHome() {
  const { t, locale } = useI18n();
  const { principal } = useSession();
  const navigate = useNavigate();
  const mine = useMyAssignments(principal?.sub ?? '');
  const items = mine.data?.items ?? [];
  const cycleIds = [...new Set(items.map((a) => a.cycleId))];
  const names = useNamesIn(cycleIds);
  // An assessor may serve several cycles (a city's and a county's, this year's and last).
  const cycles = useCyclesById(cycleIds);
  if (mine.isError) return <ErrorResult error={mine.error} retry={() => void mine.refetch()} />;
  const open = (a: Review) =>
    navigate(
      `/assessment/${encodeURIComponent(a.cycleId)}/review/${encodeURIComponent(a.chamberId)}`,
    );
  const columns: Column<Review>[] = [
    {
      key: 'chamber',
      title: t('assess.chamber'),
      primary: true,
      render: (a) => names.get(a.chamberId) ?? a.chamberId,
    },
    {
      key: 'cycle',
      title: t('assess.cycle'),
      render: (a) => cycles.get(a.cycleId)?.title ?? '…',
    },
    {
      key: 'status',
      title: t('assess.reviewState'),
      render: (a) => (
        <Tag color={a.status === 'submitted' ? '#237804' : '#0958d9'}>
          {t(`assess.reviewStatus.${a.status}`)}
        </Tag>
      ),
    },
    {
      key: 'total',
      title: t('assess.total'),
      render: (a) => (a.total === null ? '—' : String(a.total)),
    },
    {
      key: 'assignedAt',
      title: t('assess.assignedAt'),
      render: (a) => formatDateTime(a.assignedAt, locale),
    },
    {
      key: 'open',
      title: t('assess.action'),
      render: (a) => (
        <Button type={a.status === 'submitted' ? 'default' : 'primary'} onClick={() => open(a)}>
          {a.status === 'submitted' ? t('assess.openReview') : t('assess.startReview')}
        </Button>
      ),
    },
  ];
  return (
    <>
      <PageHeader title={t('assessor.title')} subtitle={t('assess.mineSubtitle')} />
      {mine.isPending ? (
        <Skeleton active paragraph={{ rows: 6 }} />
      ) : (
        <Card size="small">
          <ResponsiveTable
            caption={t('assess.mine')}
            rows={items}
            columns={columns}
            rowKey={(a) => `${a.cycleId}/${a.chamberId}`}
            emptyText={t('assess.mineEmpty')}
          />
        </Card>
      )}
    </>
  );
}
