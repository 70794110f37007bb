import { UserAddOutlined } from '@ant-design/icons';
import { Button, Space } from 'antd';
import { Link, useNavigate } from 'react-router';
import type { Account } from '#shared/contract/accounts';
import { ACCOUNT_STATUSES } from '#shared/domain/accounts';
import { CursorTable } from '../../components/CursorTable';
import { ExportButton } from '../../components/ExportButton';
import { FilterBar } from '../../components/FilterBar';
import { PageHeader } from '../../components/PageHeader';
import type { Column } from '../../components/ResponsiveTable';
import { useAddressFilters } from '../../lib/address-filters';
import { useI18n } from '../../lib/i18n';
import { countiesWithin, JURISDICTION, regionLabel } from '../../lib/regions';
import { ROLES, useSession } from '../../lib/session';
import { allPages } from '../../lib/spreadsheets';
import { chamberNames, useAccounts } from './api';
import { accountsExport } from './exports';
import { AccountStatusTag, contactText, ScopeText } from './labels';

const FILTERS = ['regionCode', 'role', 'status'] as const;

/**
 * The people of the caller's region: filtered by the API (role, status, county), one request
 * per page. Filters and the page's cursor live in the address, as in the registry.
 */
export default function AccountsScreen() {
  const { t } = useI18n();
  const { principal } = useSession();
  const navigate = useNavigate();
  const scope = principal?.regionCode ?? JURISDICTION;
  const filters = useAddressFilters(FILTERS);
  const { filter, cursors, page } = filters;
  const accounts = useAccounts({ ...filter, cursor: cursors.at(-1) });
  const columns: Column<Account>[] = [
    {
      key: 'name',
      title: t('accounts.name'),
      primary: true,
      render: (a) => <Link to={`/accounts/${encodeURIComponent(a.id)}`}>{a.name}</Link>,
    },
    { key: 'role', title: t('accounts.role'), render: (a) => t(`auth.role.${a.role}`) },
    { key: 'scope', title: t('accounts.scope'), render: (a) => <ScopeText account={a} /> },
    { key: 'contact', title: t('accounts.contact'), render: (a) => contactText(a.contact) },
    {
      key: 'status',
      title: t('accounts.statusLabel'),
      render: (a) => <AccountStatusTag status={a.status} />,
    },
  ];
  return (
    <>
      <PageHeader
        title={t('accounts.title')}
        subtitle={t('accounts.subtitle', { region: regionLabel(scope) })}
        extra={
          <Space wrap>
            <ExportButton
              build={async (api) => {
                const rows = await allPages<Account>(api, '/v1/accounts', filter);
                return accountsExport(t, scope, filter, rows, await chamberNames(api, rows.items));
              }}
            />
            <Button
              type="primary"
              icon={<UserAddOutlined />}
              onClick={() => navigate('/accounts/new')}
            >
              {t('accounts.invite')}
            </Button>
          </Space>
        }
      />
      <FilterBar
        name="account-filters"
        filters={filters}
        choices={[
          {
            name: 'role',
            label: t('accounts.role'),
            options: ROLES.map((r) => ({ value: r, label: t(`auth.role.${r}`) })),
            width: 170,
          },
          {
            name: 'status',
            label: t('accounts.statusLabel'),
            options: ACCOUNT_STATUSES.map((s) => ({ value: s, label: t(`accounts.status.${s}`) })),
            width: 130,
          },
          {
            name: 'regionCode',
            label: t('common.county'),
            options: countiesWithin(scope).map((c) => ({ value: c.code, label: c.name })),
            width: 150,
          },
        ]}
      />
      <CursorTable
        list={accounts}
        caption={t('accounts.title')}
        columns={columns}
        rowKey={(a) => a.id}
        cursors={cursors}
        onPage={page}
        count={(count) => t('accounts.count', { count })}
      />
    </>
  );
}
