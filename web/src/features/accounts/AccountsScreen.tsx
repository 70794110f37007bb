import { UserAddOutlined } from '@ant-design/icons';
import { Button, Card, Form, Select, Typography } from 'antd';
import { useEffect } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { Account } from '#shared/contract/accounts';
import { ACCOUNT_STATUSES } from '#shared/domain/accounts';
import { CursorPager } from '../../components/CursorPager';
import { ErrorResult } from '../../components/ErrorResult';
import { PageHeader } from '../../components/PageHeader';
import { type Column, ResponsiveTable } from '../../components/ResponsiveTable';
import { useI18n } from '../../lib/i18n';
import type { AccountFilter } from '../../lib/query-keys';
import { countiesWithin, JURISDICTION, regionLabel } from '../../lib/regions';
import { ROLES, useSession } from '../../lib/session';
import { useAccounts } from './api';
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
  const [params, setParams] = useSearchParams();
  const scope = principal?.regionCode ?? JURISDICTION;
  const filter: AccountFilter = {};
  for (const key of FILTERS) {
    const value = params.get(key);
    if (value) filter[key] = value;
  }
  const cursors = params.getAll('after');
  const accounts = useAccounts({ ...filter, cursor: cursors.at(-1) });
  const [form] = Form.useForm<AccountFilter>();
  const shown = params.toString();
  // biome-ignore lint/correctness/useExhaustiveDependencies: the address is the filters' source
  useEffect(() => {
    form.setFieldsValue({ ...Object.fromEntries(FILTERS.map((k) => [k, ''])), ...filter });
  }, [shown]);
  const search = (values: AccountFilter) => {
    const next = new URLSearchParams();
    for (const key of FILTERS) if (values[key]) next.set(key, values[key]);
    setParams(next);
  };
  const page = (after: string[]) => {
    const next = new URLSearchParams(params);
    next.delete('after');
    for (const cursor of after) next.append('after', cursor);
    setParams(next);
  };
  const all = (label: string) => ({
    value: '',
    label: t('common.labelled', { label, value: t('common.all') }),
  });
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
  const filterSelect = (
    name: (typeof FILTERS)[number],
    label: string,
    options: { value: string; label: string }[],
    width: number,
  ) => (
    <Form.Item name={name}>
      <Select
        aria-label={label}
        style={{ minWidth: width }}
        onChange={() => form.submit()}
        options={[all(label), ...options]}
      />
    </Form.Item>
  );
  return (
    <>
      <PageHeader
        title={t('accounts.title')}
        subtitle={t('accounts.subtitle', { region: regionLabel(scope) })}
        extra={
          <Button
            type="primary"
            icon={<UserAddOutlined />}
            onClick={() => navigate('/accounts/new')}
          >
            {t('accounts.invite')}
          </Button>
        }
      />
      <Card size="small" className="filters">
        <Form
          form={form}
          name="account-filters"
          layout="inline"
          onFinish={search}
          role="search"
          style={{ rowGap: 12 }}
        >
          {filterSelect(
            'role',
            t('accounts.role'),
            ROLES.map((r) => ({ value: r, label: t(`auth.role.${r}`) })),
            170,
          )}
          {filterSelect(
            'status',
            t('accounts.statusLabel'),
            ACCOUNT_STATUSES.map((s) => ({ value: s, label: t(`accounts.status.${s}`) })),
            130,
          )}
          {filterSelect(
            'regionCode',
            t('common.county'),
            countiesWithin(scope).map((c) => ({ value: c.code, label: c.name })),
            150,
          )}
          <Form.Item>
            <Button onClick={() => setParams(new URLSearchParams())}>{t('common.reset')}</Button>
          </Form.Item>
        </Form>
      </Card>
      {accounts.isError ? (
        <ErrorResult error={accounts.error} retry={() => void accounts.refetch()} />
      ) : (
        <Card size="small">
          <ResponsiveTable
            caption={t('accounts.title')}
            rows={accounts.data?.items ?? []}
            loading={accounts.isFetching}
            columns={columns}
            rowKey={(a) => a.id}
          />
          <CursorPager
            hasPrevious={cursors.length > 0}
            next={accounts.data?.nextCursor}
            onPrevious={() => page(cursors.slice(0, -1))}
            onNext={(cursor) => page([...cursors, cursor])}
          >
            <Typography.Text type="secondary">
              {t('common.page', { page: cursors.length + 1 })} ·{' '}
              {t('accounts.count', { count: accounts.data?.items.length ?? 0 })}
            </Typography.Text>
          </CursorPager>
        </Card>
      )}
    </>
  );
}
