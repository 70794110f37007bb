import { Button, Card, Flex, Select, Skeleton, Tag } from 'antd';
import { useSearchParams } from 'react-router';
import type { Award } from '#shared/contract/assessment';
import { ErrorResult } from '../../components/ErrorResult';
import { PageHeader } from '../../components/PageHeader';
import { type Column, ResponsiveTable } from '../../components/ResponsiveTable';
import { formatDate } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { regionLabel } from '../../lib/regions';
import { recentYears } from '../../lib/years';
import { type AwardLevel, useAwards } from './api';

const LEVELS: AwardLevel[] = ['national', 'province', 'city'];
const LEVEL_COLORS: Record<AwardLevel, string> = {
  national: '#a8071a',
  province: '#ad2102',
  city: '#874d00',
};
const YEARS = recentYears();

/** The Four-Good chambers: who was recognised, at which level, and whether it still holds. */
export default function AwardsScreen() {
  const { t, locale } = useI18n();
  const [params, setParams] = useSearchParams();
  const level = (LEVELS as string[]).includes(params.get('level') ?? '')
    ? (params.get('level') as AwardLevel)
    : undefined;
  const year = Number(params.get('year')) || undefined;
  const cursor = params.get('cursor') ?? undefined;
  const awards = useAwards(level, year, cursor);
  const set = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    next.delete('cursor');
    setParams(next);
  };
  const columns: Column<Award>[] = [
    { key: 'name', title: t('awards.chamber'), render: (a) => a.name, primary: true },
    {
      key: 'level',
      title: t('awards.level'),
      render: (a) => <Tag color={LEVEL_COLORS[a.level]}>{t(`awards.level.${a.level}`)}</Tag>,
    },
    {
      key: 'year',
      title: t('awards.year'),
      render: (a) => t('common.yearValue', { year: a.year }),
    },
    { key: 'region', title: t('common.region'), render: (a) => regionLabel(a.regionCode) },
    { key: 'grade', title: t('awards.grade'), render: (a) => a.grade ?? '—' },
    {
      key: 'validUntil',
      title: t('awards.validUntil'),
      render: (a) => formatDate(a.validUntil, locale),
    },
    {
      key: 'validity',
      title: t('awards.validity'),
      render: (a) =>
        a.current ? (
          <>
            <Tag color="#237804">{t('awards.valid')}</Tag>
            {a.validUntil.startsWith(String(new Date().getFullYear())) && (
              <Tag color="#ad4e00">{t('awards.renewalDue')}</Tag>
            )}
          </>
        ) : (
          <Tag color="#595959">{t('awards.expired')}</Tag>
        ),
    },
  ];
  return (
    <>
      <PageHeader title={t('awards.title')} subtitle={t('awards.subtitle')} />
      <Flex gap={12} wrap className="filters" role="search">
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          aria-label={t('awards.level')}
          value={level ?? ''}
          style={{ minWidth: 120 }}
          onChange={(v) => set('level', v || undefined)}
          options={[
            {
              value: '',
              label: t('common.labelled', { label: t('awards.level'), value: t('common.all') }),
            },
            ...LEVELS.map((l) => ({ value: l, label: t(`awards.level.${l}`) })),
          ]}
        />
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          aria-label={t('awards.year')}
          value={year ?? 0}
          style={{ minWidth: 140 }}
          onChange={(v) => set('year', v ? String(v) : undefined)}
          options={[
            {
              value: 0,
              label: t('common.labelled', { label: t('awards.year'), value: t('common.all') }),
            },
            ...YEARS.map((y) => ({ value: y, label: t('common.yearValue', { year: y }) })),
          ]}
        />
      </Flex>
      {awards.isError ? (
        <ErrorResult error={awards.error} retry={() => void awards.refetch()} />
      ) : awards.isPending ? (
        <Skeleton active paragraph={{ rows: 6 }} />
      ) : (
        <Card size="small">
          <ResponsiveTable
            caption={t('awards.title')}
            rows={awards.data.items}
            columns={columns}
            rowKey={(a) => a.id}
          />
          {(cursor || awards.data.nextCursor) && (
            <Flex justify="end" gap={8} style={{ marginTop: 12 }}>
              {cursor && <Button onClick={() => window.history.back()}>{t('common.prev')}</Button>}
              {awards.data.nextCursor && (
                <Button
                  onClick={() => {
                    const next = new URLSearchParams(params);
                    next.set('cursor', awards.data.nextCursor as string);
                    setParams(next);
                  }}
                >
                  {t('common.next')}
                </Button>
              )}
            </Flex>
          )}
        </Card>
      )}
    </>
  );
}
