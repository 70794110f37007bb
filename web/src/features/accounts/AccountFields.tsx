import { Form, Input, Select } from 'antd';
import { useState } from 'react';
import { useChamberName } from '../../lib/chambers';
import { useI18n } from '../../lib/i18n';
import { countiesWithin, regionLabel } from '../../lib/regions';
import { ROLES } from '../../lib/session';
import { useChamberChoices } from './api';
import type { AccountValues } from './form';

/**
 * The fields of an account: name, role, then the scope the role needs (a region within the
 * caller's, or one of the chambers there), and how to reach the person.
 */
export function AccountFields({ scope, current }: { scope: string; current?: string | null }) {
  const { t } = useI18n();
  const role = Form.useWatch<AccountValues['role']>('role');
  const officer = role === 'chamber-officer';
  const [search, setSearch] = useState('');
  const chambers = useChamberChoices(scope, search, officer);
  const currentName = useChamberName(current ?? null);
  const chamberOptions = (chambers.data?.items ?? []).map((c) => ({
    value: c.id,
    label: `${c.name}（${regionLabel(c.regionCode)}）`,
  }));
  if (current && !chamberOptions.some((o) => o.value === current))
    chamberOptions.unshift({ value: current, label: currentName ?? current });
  const regions = [
    { value: scope, label: regionLabel(scope) },
    ...countiesWithin(scope)
      .filter((c) => c.code !== scope)
      .map((c) => ({ value: c.code, label: c.name })),
  ];
  return (
    <>
      <Form.Item name="name" label={t('accounts.name')} required>
        <Input maxLength={50} autoComplete="off" />
      </Form.Item>
      <Form.Item name="role" label={t('accounts.role')} required>
        <Select options={ROLES.map((r) => ({ value: r, label: t(`auth.role.${r}`) }))} />
      </Form.Item>
      {officer ? (
        <Form.Item
          name="chamberId"
          label={t('accounts.chamber')}
          required
          extra={t('accounts.chamberHint')}
        >
          <Select
            showSearch={{
              filterOption: false,
              onSearch: (value: string) => setSearch(value.trim()),
            }}
            loading={chambers.isFetching}
            options={chamberOptions}
            placeholder={t('accounts.chamberSearch')}
            notFoundContent={t('common.empty')}
          />
        </Form.Item>
      ) : (
        <Form.Item
          name="regionCode"
          label={t('accounts.region')}
          required
          extra={t('accounts.regionHint')}
        >
          <Select showSearch={{ optionFilterProp: 'label' }} options={regions} />
        </Form.Item>
      )}
      <Form.Item
        name={['contact', 'email']}
        label={t('accounts.email')}
        extra={t('accounts.contactHint')}
      >
        <Input maxLength={254} autoComplete="off" inputMode="email" />
      </Form.Item>
      <Form.Item name={['contact', 'phone']} label={t('accounts.phone')}>
        <Input type="tel" maxLength={32} autoComplete="off" inputMode="tel" />
      </Form.Item>
    </>
  );
}
