import { useQuery } from '@tanstack/react-query';
import { Card, Col, Row, Statistic, Typography } from 'antd';
import { Link } from 'react-router';
import type { Chamber } from '#shared/contract/registration';
import { ErrorResult } from '../../components/ErrorResult';
import { PageHeader } from '../../components/PageHeader';
import { type Column, ResponsiveTable } from '../../components/ResponsiveTable';
import { useApi } from '../../lib/api';
import { formatCount } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { JURISDICTION } from '../../lib/regions';
import { useSession } from '../../lib/session';
import { MANAGEMENT_FIELDS } from './form';
import { StatusTag } from './labels';

const RELATIONSHIPS = ['supervised', 'group-member', 'classified'] as const;
type Relationship = (typeof RELATIONSHIPS)[number];
type Page<T> = { items: T[]; nextCursor: string | null };

/** A chamber still on the books: neither refused nor deregistered. */
const onTheBooks = (c: Chamber) => c.status !== 'rejected' && c.status !== 'deregistered';

/**
 * Every chamber of one relationship within the region, all pages (100 a page): the API filters
 * by relationship, so each request reads only what is counted. A city's region holds hundreds
 * of chambers, a few requests; the API offers no count by relationship of its own.
 */
function useByRelationship(regionCode: string, relationship: Relationship) {
  const api = useApi();
  return useQuery({
    queryKey: ['chambers', 'list', { regionCode, relationship, all: true }] as const,
    queryFn: async () => {
      const all: Chamber[] = [];
      let cursor: string | undefined;
      do {
        const page = await api.get<Page<Chamber>>('/v1/chambers', {
          regionCode,
          relationship,
          cursor,
          limit: 100,
        });
        all.push(...page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return all.filter(onTheBooks);
    },
  });
}

/**
 * The “1+N” classified management (归口管理): the industry associations without a supervising
 * body that the FIC has taken under its wing, each with its four-party record (registration
 * authority, supervision department, industry department, classifying body). At the top, how
 * many chambers on the books stand in each relationship to the FIC.
 */
export default function ClassifiedScreen() {
  const { t, locale } = useI18n();
  const { principal } = useSession();
  const scope = principal?.regionCode ?? JURISDICTION;
  const counts = {
    supervised: useByRelationship(scope, 'supervised'),
    'group-member': useByRelationship(scope, 'group-member'),
    classified: useByRelationship(scope, 'classified'),
  };
  const classified = counts.classified;
  const dash = (value: string | undefined) => value || '—';
  const columns: Column<Chamber>[] = [
    {
      key: 'name',
      title: t('chamber.name'),
      primary: true,
      render: (c) => <Link to={`/chambers/${encodeURIComponent(c.id)}`}>{c.name}</Link>,
    },
    { key: 'industry', title: t('chamber.industry'), render: (c) => dash(c.industry ?? '') },
    ...MANAGEMENT_FIELDS.map(
      (field): Column<Chamber> => ({
        key: field,
        title: t(`chamber.${field}`),
        render: (c) => dash(c.management[field]),
      }),
    ),
    {
      key: 'party',
      title: t('chamber.partyOrganisation'),
      render: (c) => t(`party.${c.partyOrganisation}`),
    },
    { key: 'status', title: t('chamber.status'), render: (c) => <StatusTag status={c.status} /> },
  ];
  const rows = [...(classified.data ?? [])].sort((a, b) => a.name.localeCompare(b.name, 'zh'));
  return (
    <>
      <PageHeader
        title={t('classified.title')}
        subtitle={t('classified.subtitle')}
        crumbs={[{ title: t('nav.registry'), to: '/chambers' }, { title: t('classified.title') }]}
      />
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        {RELATIONSHIPS.map((r) => {
          const query = counts[r];
          return (
            <Col key={r} xs={24} md={8}>
              <Card size="small">
                <Statistic
                  title={
                    <Link to={`/chambers?relationship=${r}`}>{t(`classified.count.${r}`)}</Link>
                  }
                  loading={query.isPending}
                  value={query.data ? formatCount(query.data.length, locale) : '—'}
                  suffix={t('classified.unit')}
                />
              </Card>
            </Col>
          );
        })}
      </Row>
      <Card
        size="small"
        title={
          <h2 className="card-title">
            {t('classified.listTitle', { count: classified.data?.length ?? '…' })}
          </h2>
        }
      >
        {classified.isError ? (
          <ErrorResult error={classified.error} retry={() => void classified.refetch()} />
        ) : (
          <ResponsiveTable
            caption={t('classified.title')}
            rows={rows}
            columns={columns}
            rowKey={(c) => c.id}
            loading={classified.isPending}
            emptyText={t('classified.none')}
          />
        )}
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
          {t('classified.note')}
        </Typography.Paragraph>
      </Card>
    </>
  );
}
