import {
  Alert,
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Flex,
  Row,
  Select,
  Skeleton,
  Space,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { Ranking, RankingItem, RankingMetric } from '#shared/contract/rankings';
import { BarChart } from '../../components/chart/BarChart';
import { ErrorResult } from '../../components/ErrorResult';
import { ExportButton } from '../../components/ExportButton';
import { PageHeader } from '../../components/PageHeader';
import { type Column, ResponsiveTable } from '../../components/ResponsiveTable';
import { fenToWan, formatAmount, formatDateTime, shanghaiDay } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { JURISDICTION, jurisdictionCounties, regionLabel } from '../../lib/regions';
import { recentYears } from '../../lib/years';
import { useRanking, useRankingHistory } from './api';
import { rankingExport } from './exports';

const THIS_YEAR = new Date().getFullYear();
const YEARS = recentYears();

/**
 * A published ranking (donations by chamber, by region, or the Four-Good assessment): year and
 * county filters, an earlier snapshot by its publication date, the table beside its bar chart.
 * The filters live in the address, so a ranking can be linked to and the back button works.
 */
export default function RankingScreen({ metric }: { metric: RankingMetric }) {
  const { t, locale } = useI18n();
  const [params, setParams] = useSearchParams();
  const year = Number(params.get('year')) || THIS_YEAR;
  const region = params.get('regionCode') || JURISDICTION;
  const at = params.get('at') ?? undefined;
  const [pickerOpen, setPickerOpen] = useState(false);
  const ranking = useRanking(metric, region, year, at);
  const history = useRankingHistory(metric, region, year, pickerOpen || at !== undefined);
  const set = (next: Record<string, string | undefined>) => {
    const merged = new URLSearchParams(params);
    for (const [key, value] of Object.entries(next)) {
      if (value === undefined) merged.delete(key);
      else merged.set(key, value);
    }
    setParams(merged);
  };
  const money = metric !== 'assessment';
  const value = (v: number) =>
    money ? formatAmount(v, locale) : t('ranking.points', { score: v.toFixed(2) });
  const published = useMemo(() => {
    // Newest first: a day published more than once keeps its last publication.
    const days = new Map<string, string>();
    for (const { computedAt } of history.data?.items ?? []) {
      const day = shanghaiDay(computedAt);
      if (!days.has(day)) days.set(day, computedAt);
    }
    return days;
  }, [history.data]);
  const pickDay = (day: Dayjs | null) => {
    if (!day) return set({ at: undefined });
    const computedAt = published.get(day.format('YYYY-MM-DD'));
    set({ at: computedAt });
  };
  const items = ranking.data?.items ?? [];
  const title = t(`ranking.${metric}`);
  const columns: Column<RankingItem>[] = [
    { key: 'rank', title: t('common.rank'), render: (row) => row.rank, width: 72, align: 'center' },
    {
      key: 'name',
      title: metric === 'donations-by-region' ? t('ranking.region') : t('ranking.chamber'),
      render: (row) => row.name,
      primary: true,
    },
    {
      key: 'value',
      title: t(`ranking.value.${metric}`),
      render: (row) => value(row.value),
      align: 'right',
    },
  ];
  return (
    <>
      <PageHeader
        title={title}
        subtitle={
          ranking.data?.computedAt
            ? `${regionLabel(region)} · ${t('common.yearValue', { year })} · ${t(
                'ranking.computedAt',
                {
                  time: formatDateTime(ranking.data.computedAt, locale),
                },
              )}`
            : `${regionLabel(region)} · ${t('common.yearValue', { year })}`
        }
        extra={
          <ExportButton
            build={async (api) =>
              rankingExport(
                t,
                await api.get<Ranking>(
                  `/v1/rankings/${metric}`,
                  { regionCode: region, year, at },
                  { auth: false },
                ),
                at,
              )
            }
          />
        }
      />
      <Flex gap={12} wrap className="filters" role="search">
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          aria-label={t('common.year')}
          value={year}
          style={{ minWidth: 120 }}
          onChange={(y) => set({ year: String(y), at: undefined })}
          options={YEARS.map((y) => ({ value: y, label: t('common.yearValue', { year: y }) }))}
        />
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          aria-label={t('common.county')}
          value={region}
          style={{ minWidth: 160 }}
          onChange={(code) =>
            set({ regionCode: code === JURISDICTION ? undefined : code, at: undefined })
          }
          options={[
            {
              value: JURISDICTION,
              label: t('common.withNote', {
                text: regionLabel(JURISDICTION),
                note: t('common.wholeCity'),
              }),
            },
            ...jurisdictionCounties().map((c) => ({ value: c.code, label: c.name })),
          ]}
        />
        <DatePicker
          aria-label={t('ranking.history')}
          placeholder={t('ranking.historyPlaceholder')}
          value={at ? dayjs(shanghaiDay(at)) : null}
          onOpenChange={(open) => open && setPickerOpen(true)}
          onChange={pickDay}
          disabledDate={(day) => history.isSuccess && !published.has(day.format('YYYY-MM-DD'))}
          allowClear
        />
      </Flex>
      {at && (
        <Alert
          style={{ marginBottom: 16 }}
          type="info"
          showIcon
          message={t('ranking.viewingHistory', { time: formatDateTime(at, locale) })}
          action={
            <Button size="small" onClick={() => set({ at: undefined })}>
              {t('ranking.backToLatest')}
            </Button>
          }
        />
      )}
      {ranking.isError ? (
        <ErrorResult error={ranking.error} retry={() => void ranking.refetch()} />
      ) : ranking.isPending ? (
        <Skeleton active paragraph={{ rows: 8 }} />
      ) : items.length === 0 ? (
        <Empty
          description={
            <Space direction="vertical">
              <Typography.Text>
                {ranking.data?.computedAt ? t('common.empty') : t('ranking.notComputed')}
              </Typography.Text>
              <Space wrap>
                {YEARS.filter((y) => y !== year)
                  .slice(0, 8)
                  .map((y) => (
                    <Button
                      key={y}
                      size="small"
                      onClick={() => set({ year: String(y), at: undefined })}
                    >
                      {t('common.yearValue', { year: y })}
                    </Button>
                  ))}
              </Space>
            </Space>
          }
        />
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={12}>
            <Card
              size="small"
              title={<h2 className="card-title">{t('common.table', { title })}</h2>}
            >
              <ResponsiveTable
                caption={title}
                rows={items}
                columns={columns}
                rowKey={(row) => row.chamberId ?? row.regionCode ?? row.name}
              />
            </Card>
          </Col>
          <Col xs={24} xl={12}>
            <Card
              size="small"
              title={<h2 className="card-title">{t('common.chart', { title })}</h2>}
            >
              <BarChart
                title={title}
                unit={money ? t('ranking.chartUnit.money') : t('ranking.chartUnit.score')}
                data={items.map((row) => ({
                  label: row.name,
                  value: money
                    ? locale === 'en'
                      ? fenToWan(row.value) / 100
                      : fenToWan(row.value)
                    : row.value,
                }))}
              />
            </Card>
          </Col>
        </Row>
      )}
    </>
  );
}
