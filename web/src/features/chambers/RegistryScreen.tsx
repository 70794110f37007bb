import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Form, Input, Space } from 'antd';
import { Link, useNavigate } from 'react-router';
import type { Chamber } from '#shared/contract/registration';
import { CHAMBER_KINDS, CHAMBER_STATUSES } from '#shared/domain/chamber';
import { CursorTable } from '../../components/CursorTable';
import { ExportButton } from '../../components/ExportButton';
import { FilterBar } from '../../components/FilterBar';
import { PageHeader } from '../../components/PageHeader';
import type { Column } from '../../components/ResponsiveTable';
import { useAddressFilters } from '../../lib/address-filters';
import { useI18n } from '../../lib/i18n';
import { countiesWithin, JURISDICTION, regionLabel } from '../../lib/regions';
import { useSession } from '../../lib/session';
import { allPages } from '../../lib/spreadsheets';
import { useChambers } from './api';
import { registryExport } from './exports';
import { StatusTag } from './labels';

const RELATIONSHIPS = ['supervised', 'group-member', 'classified'] as const;
const FILTERS = ['regionCode', 'kind', 'status', 'relationship', 'name'] as const;

/**
 * The registry: chambers within the person's region, filtered by the API (kind, status,
 * relationship, county, part of the name), one request per page. Filters and the page's cursor
 * live in the address; "previous" walks back the cursors of this visit.
 */
export default function RegistryScreen() {
  const { t } = useI18n();
  const { principal } = useSession();
  const navigate = useNavigate();
  const scope = principal?.regionCode ?? JURISDICTION;
  const filters = useAddressFilters(FILTERS);
  const { filter, cursors, page } = filters;
  const chambers = useChambers({ ...filter, cursor: cursors.at(-1) });
  const counties = countiesWithin(scope);
  const columns: Column<Chamber>[] = [
    {
      key: 'name',
      title: t('chamber.name'),
      primary: true,
      render: (c) => <Link to={`/chambers/${encodeURIComponent(c.id)}`}>{c.name}</Link>,
    },
    { key: 'kind', title: t('chamber.kind'), render: (c) => t(`kind.${c.kind}`) },
    { key: 'region', title: t('chamber.region'), render: (c) => regionLabel(c.regionCode) },
    {
      key: 'relationship',
      title: t('chamber.relationship'),
      render: (c) => t(`relationship.${c.relationship}`),
    },
    { key: 'status', title: t('chamber.status'), render: (c) => <StatusTag status={c.status} /> },
  ];
  return (
    <>
      <PageHeader
        title={t('registry.title')}
        subtitle={t('registry.subtitle', { region: regionLabel(scope) })}
        extra={
          <Space wrap>
            <ExportButton
              build={async (api) =>
                registryExport(t, scope, filter, await allPages(api, '/v1/chambers', filter))
              }
            />
            <Button icon={<UploadOutlined />} onClick={() => navigate('/import/chambers')}>
              {t('sheets.import')}
            </Button>
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => navigate('/chambers/new')}
            >
              {t('registry.apply')}
            </Button>
          </Space>
        }
      />
      <FilterBar
        name="filters"
        filters={filters}
        before={
          <Form.Item name="name">
            <Input.Search
              placeholder={t('registry.searchName')}
              aria-label={t('registry.searchName')}
              allowClear
              onSearch={() => filters.form.submit()}
              style={{ minWidth: 220 }}
            />
          </Form.Item>
        }
        choices={[
          {
            name: 'kind',
            label: t('chamber.kind'),
            options: CHAMBER_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) })),
            width: 170,
          },
          {
            name: 'status',
            label: t('chamber.status'),
            options: CHAMBER_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) })),
            width: 140,
          },
          {
            name: 'relationship',
            label: t('chamber.relationship'),
            options: RELATIONSHIPS.map((r) => ({ value: r, label: t(`relationship.${r}`) })),
            width: 170,
          },
          {
            name: 'regionCode',
            label: t('common.county'),
            options: counties.map((c) => ({ value: c.code, label: c.name })),
            width: 150,
          },
        ]}
      />
      <CursorTable
        list={chambers}
        caption={t('registry.title')}
        columns={columns}
        rowKey={(c) => c.id}
        cursors={cursors}
        onPage={page}
        count={(count) => t('registry.count', { count })}
      />
    </>
  );
}
