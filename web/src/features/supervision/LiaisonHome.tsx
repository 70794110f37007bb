import { Button, Card, Empty, Flex, List, Skeleton, Tag, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { todayInShanghai } from '#shared/domain/calendar';
import { daysBetween } from '#shared/domain/supervision';
import { ErrorResult } from '../../components/ErrorResult';
import { PageHeader } from '../../components/PageHeader';
import { formatDate } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { useSession } from '../../lib/session';
import { type Assignment, useAssignments } from './api';
import { TAG } from './tag-colors';

/** A liaison leader's chambers, the next visit due first and the overdue ones in red on top. */
export default function LiaisonHome() {
  const { t, locale } = useI18n();
  const { principal } = useSession();
  const navigate = useNavigate();
  const assignments = useAssignments(principal?.sub ?? '');
  const today = todayInShanghai();
  const rows = [...(assignments.data?.items ?? [])].sort(
    (a, b) => a.dueOn.localeCompare(b.dueOn) || a.chamberId.localeCompare(b.chamberId),
  );
  const overdue = rows.filter((row) => row.dueOn < today).length;
  return (
    <>
      <PageHeader
        title={t('sv.myChambers')}
        subtitle={
          assignments.data &&
          (overdue > 0
            ? t('sv.myChambersOverdue', { count: rows.length, overdue })
            : t('sv.myChambersCount', { count: rows.length }))
        }
      />
      {assignments.isError ? (
        <ErrorResult error={assignments.error} retry={() => void assignments.refetch()} />
      ) : !assignments.data ? (
        <Skeleton active />
      ) : rows.length === 0 ? (
        <Empty description={t('sv.noAssignments')} />
      ) : (
        <List
          aria-label={t('sv.myChambers')}
          dataSource={rows}
          renderItem={(row: Assignment) => {
            const days = daysBetween(today, row.dueOn);
            const late = days < 0;
            return (
              <List.Item key={`${row.chamberId}/${row.leaderId}`} style={{ border: 'none' }}>
                <Card
                  size="small"
                  style={{ width: '100%', borderColor: late ? '#ff4d4f' : undefined }}
                  title={<h2 className="card-title">{row.chamber?.name ?? row.chamberId}</h2>}
                  extra={
                    late ? (
                      <Tag color={TAG.red}>{t('sv.overdueDays', { days: -days })}</Tag>
                    ) : (
                      <Tag color={days <= 7 ? TAG.orange : TAG.green}>
                        {t('sv.dueInDays', { days })}
                      </Tag>
                    )
                  }
                >
                  <Flex vertical gap={8}>
                    <Typography.Text type={late ? 'danger' : undefined}>
                      {t('sv.nextDue', { date: formatDate(row.dueOn, locale) })}
                    </Typography.Text>
                    <Typography.Text type="secondary">
                      {row.lastVisitedOn
                        ? t('sv.lastVisit', { date: formatDate(row.lastVisitedOn, locale) })
                        : t('sv.neverVisited')}
                      {t('common.listSeparator')}
                      {t('sv.everyDays', { days: row.visitEveryDays })}
                    </Typography.Text>
                    <Button
                      type="primary"
                      size="large"
                      block
                      aria-label={t('sv.recordVisitAt', { name: row.chamber?.name ?? '' })}
                      onClick={() => navigate(`/liaison/visits/${row.chamberId}`)}
                    >
                      {t('sv.recordVisit')}
                    </Button>
                  </Flex>
                </Card>
              </List.Item>
            );
          }}
        />
      )}
    </>
  );
}
