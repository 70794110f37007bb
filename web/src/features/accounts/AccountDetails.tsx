import { Descriptions } from 'antd';
import type { Account } from '#shared/contract/accounts';
import { formatDateTime } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { AccountStatusTag, ScopeText } from './labels';

/** An account as a person reads it: role, scope, contact, status, and its version. */
export function AccountDetails({ account }: { account: Account }) {
  const { t, locale } = useI18n();
  const dash = (value: string | undefined) => value || '—';
  return (
    <Descriptions column={{ xs: 1, md: 2 }} size="small">
      <Descriptions.Item label={t('accounts.name')}>{account.name}</Descriptions.Item>
      <Descriptions.Item label={t('accounts.role')}>
        {t(`auth.role.${account.role}`)}
      </Descriptions.Item>
      <Descriptions.Item label={t('accounts.scope')}>
        <ScopeText account={account} />
      </Descriptions.Item>
      <Descriptions.Item label={t('accounts.statusLabel')}>
        <AccountStatusTag status={account.status} />
      </Descriptions.Item>
      <Descriptions.Item label={t('accounts.email')}>
        {dash(account.contact.email)}
      </Descriptions.Item>
      <Descriptions.Item label={t('accounts.phone')}>
        {dash(account.contact.phone)}
      </Descriptions.Item>
      <Descriptions.Item label={t('chamber.updatedAt')}>
        {t('chamber.updatedVersion', {
          time: formatDateTime(account.updatedAt, locale),
          version: account.version,
        })}
      </Descriptions.Item>
    </Descriptions>
  );
}
