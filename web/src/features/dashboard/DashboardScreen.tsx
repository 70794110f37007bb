import { Card, Col, Flex, Progress, Row, Skeleton, Statistic, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { BarChart } from '../../components/chart/BarChart';
import { ErrorResult } from '../../components/ErrorResult';
import { PageHeader } from '../../components/PageHeader';
import { fenToWan, formatAmount, formatDate, formatDateTime } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { JURISDICTION, regionLabel } from '../../lib/regions';
import { useSession } from '../../lib/session';
import { useCampaignTotals, useDashboard } from './api';

/** A figure as a card that opens its list. */
function Figure({
  to,
  title,
  value,
  alert,
  note,
}: {
  to: string;
  title: string;
  value: number;
  alert?: boolean;
  note?: ReactNode;
}) {
  return (
    <Link to={to} className="figure-link" aria-label={`${title}：${value}`}>
      <Card size="small" hoverable style={{ height: '100%' }}>
        <Statistic
          title={title}
          value={value}
          valueStyle={alert && value > 0 ? { color: '#cf1322' } : undefined}
        />
        {note && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {note}
          </Typography.Text>
        )}
      </Card>
    </Link>
  );
}

function Panel({
  title,
  more,
  children,
}: {
  title: string;
  more?: ReactNode;
  children: ReactNode;
}) {
  return (
    <Card
      size="small"
      title={<h2 className="card-title">{title}</h2>}
      extra={more}
      style={{ height: '100%' }}
    >
      {children}
    </Card>
  );
}

/**
 * FIC staff's home (首页): the region's figures in two requests, each card or chart opening the
 * list it counts. The figures are those of the latest scheduled run (its time is shown); the
 * campaign totals are live.
 */
export default function DashboardScreen() {
  const { t, locale } = useI18n();
  const { principal } = useSession();
  const region = principal?.regionCode ?? JURISDICTION;
  const dashboard = useDashboard(region);
  const campaigns = useCampaignTotals(region);
  const d = dashboard.data;
  if (dashboard.isError) {
    return <ErrorResult error={dashboard.error} retry={() => void dashboard.refetch()} />;
  }
  const kinds = largestFirst(d?.chambers.byKind);
  const byCampaign = (campaigns.data?.items ?? []).filter((s) => s.campaign && s.entries > 0);
  const figures = d
    ? [
        { to: '/chambers', title: t('db.chambers'), value: d.chambers.total },
        {
          to: '/supervision/overdue',
          title: t('db.overdue'),
          value: d.supervision.overdueVisits,
          alert: true,
          note:
            d.supervision.asOf && t('db.asOf', { date: formatDate(d.supervision.asOf, locale) }),
        },
        {
          to: '/supervision/late-issues',
          title: t('db.late'),
          value: d.supervision.lateIssues,
          alert: true,
        },
        {
          to: `/supervision/annual-reports?year=${d.reports.year}`,
          title: t('db.missing', { year: d.reports.year }),
          value: d.reports.missing,
          alert: true,
        },
        { to: '/awards?level=national', title: t('db.national'), value: d.awards.national },
        { to: '/awards?level=province', title: t('db.province'), value: d.awards.province },
      ]
    : [];
  return (
    <>
      <PageHeader
        title={t('db.title')}
        subtitle={
          d &&
          (d.computedAt
            ? t('db.computedAt', {
                region: regionLabel(region),
                at: formatDateTime(d.computedAt, locale),
              })
            : t('db.neverComputed'))
        }
      />
      {!d ? (
        <Skeleton active paragraph={{ rows: 8 }} />
      ) : (
        <Flex vertical gap={16}>
          <Row gutter={[12, 12]}>
            {figures.map((figure) => (
              <Col xs={12} md={8} xl={4} key={figure.to}>
                <Figure {...figure} />
              </Col>
            ))}
          </Row>
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={12}>
              <Panel
                title={t('db.byKind')}
                more={<Link to="/chambers">{t('db.openRegistry')}</Link>}
              >
                <BarChart
                  title={t('db.byKind')}
                  unit={locale === 'en' ? '' : '家'}
                  data={kinds.map(([kind, n]) => ({ label: t(`kind.${kind}` as never), value: n }))}
                />
                <RegistryCounts
                  filter="status"
                  counts={d.chambers.byStatus}
                  label={t('db.byStatus')}
                />
                <RegistryCounts
                  filter="relationship"
                  counts={d.chambers.byRelationship}
                  label={t('db.byRelationship')}
                />
              </Panel>
            </Col>
            <Col xs={24} xl={12}>
              <Panel
                title={t('db.coverage')}
                more={<Link to="/coverage">{t('db.openCoverage')}</Link>}
              >
                <ul className="plain-list" aria-label={t('db.coverage')}>
                  {d.coverage.map((c) => (
                    <li key={c.regionCode}>
                      <Link to={`/coverage?county=${c.regionCode}`}>
                        <Flex gap={8} align="center">
                          <span style={{ minWidth: 72 }}>{c.name}</span>
                          <Progress
                            style={{ flex: 1, margin: 0 }}
                            percent={c.townships ? Math.round((100 * c.covered) / c.townships) : 0}
                            format={() => `${c.covered}/${c.townships}`}
                            status={c.covered === c.townships ? 'success' : 'normal'}
                            aria-label={t('db.coverageOf', {
                              county: c.name,
                              covered: c.covered,
                              townships: c.townships,
                            })}
                          />
                        </Flex>
                      </Link>
                    </li>
                  ))}
                </ul>
              </Panel>
            </Col>
            <Col xs={24} xl={12}>
              <Panel title={t('db.byCampaign')} more={<Link to="/">{t('db.openStats')}</Link>}>
                {campaigns.isPending ? (
                  <Skeleton active />
                ) : (
                  <>
                    <BarChart
                      title={t('db.byCampaign')}
                      unit={locale === 'en' ? 'million yuan' : '万元'}
                      data={byCampaign.map((s) => ({
                        label: t(`campaign.${s.campaign}` as never),
                        value: fenToWan(s.amountFen),
                      }))}
                    />
                    <ul className="plain-list" aria-label={t('db.byCampaign')}>
                      {byCampaign.map((s) => (
                        <li key={s.campaign}>
                          <Link
                            to={`/?campaign=${s.campaign}`}
                            style={{ textDecoration: 'underline' }}
                          >
                            {t(`campaign.${s.campaign}` as never)}
                          </Link>
                          {'：'}
                          {formatAmount(s.amountFen, locale)}
                        </li>
                      ))}
                    </ul>
                  </>
                )}
              </Panel>
            </Col>
            <Col xs={24} xl={12}>
              <Panel
                title={t('db.byYear')}
                more={<Link to="/rankings/donations">{t('db.openRankings')}</Link>}
              >
                <BarChart
                  title={t('db.byYear')}
                  unit={locale === 'en' ? 'million yuan' : '万元'}
                  data={[...d.donations].reverse().map((y) => ({
                    label: t('common.yearValue', { year: y.year }),
                    value: fenToWan(y.amountFen),
                  }))}
                />
              </Panel>
            </Col>
          </Row>
        </Flex>
      )}
    </>
  );
}

/** Counts by key, the largest first. */
const largestFirst = (counts: Record<string, number> | undefined) =>
  Object.entries(counts ?? {}).sort(([, a], [, b]) => b - a);

/** The chambers counted by one of the registry's filters, each count opening it so filtered. */
function RegistryCounts({
  filter,
  counts,
  label,
}: {
  filter: 'status' | 'relationship';
  counts: Record<string, number>;
  label: string;
}) {
  const { t } = useI18n();
  return (
    <ul className="township-list" aria-label={label}>
      {largestFirst(counts).map(([value, n]) => (
        <li key={value}>
          <Link to={`/chambers?${filter}=${value}`}>
            <Tag>{`${t(`${filter}.${value}` as never)} ${n}`}</Tag>
          </Link>
        </li>
      ))}
    </ul>
  );
}
