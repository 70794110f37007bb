import { Alert, Card, Descriptions, Skeleton, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import type { LedgerAudit } from '#shared/contract/ledger';
import { ErrorResult } from '../../components/ErrorResult';
import { type Column, ResponsiveTable } from '../../components/ResponsiveTable';
import { formatCount, formatDateTime } from '../../lib/format';
import { type MessageKey, useI18n } from '../../lib/i18n';
import { regionLabel, useDivisionNames } from '../../lib/regions';
import { useLatestAudit } from './audit-api';

type Finding = LedgerAudit['findings'][number];

const KIND: Record<Finding['kind'], { label: MessageKey; color: string }> = {
  chain: { label: 'audit.kind.chain', color: 'red' },
  'chamber-totals': { label: 'audit.kind.chamberTotals', color: 'orange' },
  'region-totals': { label: 'audit.kind.regionTotals', color: 'orange' },
};

/**
 * The nightly ledger audit's latest result for FIC staff: when it ran, what it read, and what
 * it found within their region (a chamber whose chain no longer verifies, from which entry).
 */
export function AuditCard() {
  const { t, locale } = useI18n();
  const audit = useLatestAudit();
  useDivisionNames();
  const data = audit.data;
  const columns: Column<Finding>[] = [
    {
      key: 'kind',
      title: t('audit.column.kind'),
      primary: true,
      render: (f) => <Tag color={KIND[f.kind].color}>{t(KIND[f.kind].label)}</Tag>,
    },
    {
      key: 'chamber',
      title: t('audit.column.chamber'),
      render: (f) =>
        f.chamberId ? <Link to={`/chambers/${f.chamberId}`}>{f.chamberId}</Link> : '—',
    },
    { key: 'region', title: t('common.region'), render: (f) => regionLabel(f.regionCode) },
    {
      key: 'seq',
      title: t('audit.column.firstBadSeq'),
      render: (f) => (f.firstBadSeq === null ? '—' : t('audit.seq', { seq: f.firstBadSeq })),
    },
    {
      key: 'detail',
      title: t('audit.column.detail'),
      render: (f) => <Typography.Text type="secondary">{f.detail}</Typography.Text>,
    },
  ];
  return (
    <Card size="small" title={<h2 className="card-title">{t('audit.cardTitle')}</h2>}>
      {audit.isError ? (
        <ErrorResult error={audit.error} retry={() => void audit.refetch()} />
      ) : !data ? (
        <Skeleton active paragraph={{ rows: 4 }} />
      ) : data.ranAt === null ? (
        <Alert type="info" showIcon title={t('audit.never')} description={t('audit.schedule')} />
      ) : (
        <>
          <Descriptions
            size="small"
            column={{ xs: 1, sm: 2, lg: 3 }}
            items={[
              {
                key: 'ranAt',
                label: t('audit.ranAt'),
                children: formatDateTime(data.ranAt, locale),
              },
              {
                key: 'chambers',
                label: t('audit.chambers'),
                children: formatCount(data.chambers, locale),
              },
              {
                key: 'entries',
                label: t('audit.entriesRead'),
                children: formatCount(data.entriesRead, locale),
              },
              {
                key: 'items',
                label: t('audit.itemsRead'),
                children: formatCount(data.itemsRead, locale),
              },
              {
                key: 'sample',
                label: t('audit.sample'),
                children: data.sample
                  ? `${regionLabel(data.sample.regionCode)}${data.sample.checked ? '' : t('audit.sampleSkipped')}`
                  : '—',
              },
            ]}
          />
          {data.findings.length === 0 ? (
            <Alert
              type="success"
              showIcon
              title={t('audit.clean')}
              description={t('audit.cleanText')}
            />
          ) : (
            <>
              <Alert
                type="error"
                showIcon
                title={t('audit.found', { count: data.findings.length })}
                description={t('audit.foundText')}
                style={{ marginBottom: 12 }}
              />
              <ResponsiveTable
                rows={data.findings}
                columns={columns}
                rowKey={(f) => `${f.kind}|${f.chamberId ?? ''}|${f.regionCode}|${f.detail}`}
                caption={t('audit.cardTitle')}
              />
            </>
          )}
        </>
      )}
    </Card>
  );
}
