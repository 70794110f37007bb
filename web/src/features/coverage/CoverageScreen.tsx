import {
  Card,
  Col,
  Empty,
  Flex,
  Progress,
  Result,
  Row,
  Select,
  Skeleton,
  Space,
  Tag,
  Typography,
} from 'antd';
import { Link, useSearchParams } from 'react-router';
import { BarChart } from '../../components/chart/BarChart';
import { ErrorResult } from '../../components/ErrorResult';
import { PageHeader } from '../../components/PageHeader';
import { useI18n } from '../../lib/i18n';
import { countiesWithin, JURISDICTION } from '../../lib/regions';
import { useSession } from '../../lib/session';
import { useCoverage } from './api';

/** Which townships of a county have a registered township chamber, and which do not yet. */
export default function CoverageScreen() {
  const { t, locale } = useI18n();
  const { principal } = useSession();
  const scope = principal?.regionCode ?? JURISDICTION;
  const counties = countiesWithin(scope);
  const [params, setParams] = useSearchParams();
  const county = params.get('county') ?? counties[0]?.code;
  const coverage = useCoverage(county);
  const data = coverage.data;
  const rate = data && data.townships > 0 ? Math.round((100 * data.covered) / data.townships) : 0;
  return (
    <>
      <PageHeader title={t('coverage.title')} subtitle={t('coverage.subtitle')} />
      <Flex gap={12} wrap className="filters" role="search">
        <Select
          aria-label={t('common.county')}
          value={county}
          style={{ minWidth: 180 }}
          showSearch={{ optionFilterProp: 'label' }}
          onChange={(code) => setParams({ county: code })}
          options={counties.map((c) => ({ value: c.code, label: c.name }))}
        />
      </Flex>
      {coverage.isError ? (
        <ErrorResult error={coverage.error} retry={() => void coverage.refetch()} />
      ) : !data ? (
        <Skeleton active paragraph={{ rows: 6 }} />
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={10}>
            <Card size="small" title={<h2 className="card-title">{t('coverage.chartTitle')}</h2>}>
              <Space direction="vertical" style={{ width: '100%' }}>
                <Typography.Text strong aria-live="polite">
                  {t('coverage.summary', {
                    county: data.name,
                    townships: data.townships,
                    covered: data.covered,
                  })}
                </Typography.Text>
                <Progress
                  percent={rate}
                  aria-label={`${t('coverage.rate')} ${rate}%`}
                  status={data.covered === data.townships ? 'success' : 'active'}
                />
                <BarChart
                  title={`${data.name} ${t('coverage.chartTitle')}`}
                  unit={locale === 'en' ? '' : '个'}
                  height={140}
                  colors={['#52c41a', '#d9d9d9']}
                  data={[
                    { label: t('coverage.covered'), value: data.covered },
                    { label: t('coverage.notCovered'), value: data.townships - data.covered },
                  ]}
                />
              </Space>
            </Card>
          </Col>
          <Col xs={24} xl={14}>
            <Card
              size="small"
              title={
                <h2 className="card-title">
                  {t('common.withCount', {
                    label: t('coverage.uncovered'),
                    count: data.uncovered.length,
                  })}
                </h2>
              }
            >
              {data.uncovered.length === 0 ? (
                <Result status="success" title={t('coverage.full')} />
              ) : (
                <ul className="township-list" aria-label={t('coverage.uncovered')}>
                  {data.uncovered.map((township) => (
                    <li key={township.code}>
                      <Tag>{township.name}</Tag>
                      <Link to={`/chambers/new?regionCode=${township.code}`}>
                        {t('coverage.applyHere')}
                      </Link>
                    </li>
                  ))}
                </ul>
              )}
              {data.townships === 0 && <Empty />}
            </Card>
          </Col>
        </Row>
      )}
    </>
  );
}
