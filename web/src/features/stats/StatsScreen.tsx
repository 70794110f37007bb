import { Card, Col, Flex, Row, Select, Skeleton, Statistic, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import type { Stats } from '#shared/contract/ledger';
import { BarChart } from '../../components/chart/BarChart';
import { ErrorResult } from '../../components/ErrorResult';
import { PageHeader } from '../../components/PageHeader';
import { fenToWan, formatAmount, formatCount } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { JURISDICTION, jurisdictionCounties, regionLabel } from '../../lib/regions';
import { recentYears } from '../../lib/years';
import { useStatsByCampaign, useStatsByRegion } from './api';
import { ReportButton } from './ReportButton';

const YEARS = recentYears();

/** The public face's first screen: the jurisdiction's philanthropy, campaign by campaign. */
export default function StatsScreen() {
  const { t, locale } = useI18n();
  const [region, setRegion] = useState(JURISDICTION);
  const [year, setYear] = useState<number | undefined>();
  const query = useStatsByCampaign(region, year);
  const campaigns = (query.data?.items ?? []).filter((item) => item.campaign !== null);
  const total = query.data?.items.find((item) => item.campaign === null);
  const shown = campaigns.filter((item) => item.entries > 0);
  return (
    <>
      <PageHeader
        title={t('stats.title')}
        subtitle={t('stats.subtitle', { region: regionLabel(region) })}
        extra={<ReportButton region={region} year={year} />}
      />
      <Flex gap={12} wrap className="filters">
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          aria-label={t('common.region')}
          value={region}
          onChange={setRegion}
          style={{ minWidth: 160 }}
          options={[
            { value: JURISDICTION, label: regionLabel(JURISDICTION) },
            ...jurisdictionCounties().map((c) => ({ value: c.code, label: c.name })),
          ]}
        />
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          aria-label={t('common.year')}
          value={year ?? 0}
          onChange={(value) => setYear(value === 0 ? undefined : value)}
          style={{ minWidth: 140 }}
          options={[
            { value: 0, label: t('stats.allYears') },
            ...YEARS.map((y) => ({ value: y, label: t('common.yearValue', { year: y }) })),
          ]}
        />
      </Flex>
      {query.isError ? (
        <ErrorResult error={query.error} retry={() => void query.refetch()} />
      ) : query.isPending ? (
        <Skeleton active paragraph={{ rows: 8 }} />
      ) : (
        <>
          <Row gutter={[16, 16]}>
            {campaigns.map((item) => (
              <Col key={item.campaign} xs={24} sm={12} xl={8}>
                <CampaignCard item={item} />
              </Col>
            ))}
            {total && (
              <Col xs={24} sm={12} xl={8}>
                <Card title={<h2 className="card-title">{t('stats.total')}</h2>} size="small">
                  <Statistic
                    value={formatAmount(total.amountFen, locale)}
                    valueStyle={{ color: '#cf1322' }}
                  />
                  <Typography.Text type="secondary">
                    {t('stats.summary.other', {
                      donors: formatCount(total.donors, locale),
                      entries: formatCount(total.entries, locale),
                    })}
                  </Typography.Text>
                </Card>
              </Col>
            )}
          </Row>
          {shown.length > 0 && (
            <Card
              style={{ marginTop: 16 }}
              title={<h2 className="card-title">{t('stats.chartTitle')}</h2>}
              size="small"
            >
              <BarChart
                title={t('stats.chartTitle')}
                unit={t('ranking.chartUnit.money')}
                data={[...shown]
                  .sort((a, b) => b.amountFen - a.amountFen)
                  .map((item) => ({
                    label: t(`campaign.${item.campaign as NonNullable<Stats['campaign']>}`),
                    value:
                      locale === 'en' ? fenToWan(item.amountFen) / 100 : fenToWan(item.amountFen),
                  }))}
              />
            </Card>
          )}
          {region === JURISDICTION && <CountyChart year={year} />}
          <Typography.Paragraph style={{ marginTop: 16 }}>
            <Link to="/rankings/donations">{t('nav.rankDonations')}</Link>
            {' · '}
            <Link to="/rankings/donations-by-region">{t('nav.rankRegions')}</Link>
            {' · '}
            <Link to="/awards">{t('nav.awards')}</Link>
          </Typography.Paragraph>
        </>
      )}
    </>
  );
}

function CampaignCard({ item }: { item: Stats }) {
  const { t, locale } = useI18n();
  const campaign = item.campaign as NonNullable<Stats['campaign']>;
  const n = (value: number) => formatCount(value, locale);
  return (
    <Card title={<h2 className="card-title">{t(`campaign.${campaign}`)}</h2>} size="small">
      <Statistic
        value={formatAmount(item.amountFen, locale)}
        valueStyle={{ color: item.entries ? '#cf1322' : undefined }}
      />
      <Typography.Text type="secondary">
        {campaign === 'village-pairing'
          ? t('stats.summary.village-pairing', {
              donors: n(item.donors),
              villages: n(item.villages),
              people: n(item.peopleHelped),
            })
          : t('stats.summary.other', { donors: n(item.donors), entries: n(item.entries) })}
      </Typography.Text>
    </Card>
  );
}

/** The jurisdiction's counties side by side: what each gave in the year (or in all years). */
function CountyChart({ year }: { year: number | undefined }) {
  const { t, locale } = useI18n();
  const counties = jurisdictionCounties();
  const answer = useStatsByRegion(
    counties.map((c) => c.code),
    year,
  );
  if (!answer.data) return null;
  const items = answer.data.items;
  const data = counties
    .map((c, i) => ({ label: c.name, fen: items[i]?.amountFen ?? 0 }))
    .sort((a, b) => b.fen - a.fen)
    .map((d) => ({
      label: d.label,
      value: locale === 'en' ? fenToWan(d.fen) / 100 : fenToWan(d.fen),
    }));
  return (
    <Card
      style={{ marginTop: 16 }}
      title={<h2 className="card-title">{t('stats.byCounty')}</h2>}
      size="small"
    >
      <BarChart title={t('stats.byCounty')} unit={t('ranking.chartUnit.money')} data={data} />
    </Card>
  );
}
