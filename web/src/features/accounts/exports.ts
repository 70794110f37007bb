import type { Account } from '#shared/contract/accounts';
import type { MessageKey } from '../../lib/i18n';
import type { AccountFilter } from '../../lib/query-keys';
import { regionLabel } from '../../lib/regions';
import { listExport, type Rows, type Translate } from '../../lib/spreadsheets';

/**
 * The accounts of the person's region (`scope`) under the list's filters: who, their role, what
 * their authority covers (a chamber by its name, from `chambers`), how to reach them, status.
 */
export function accountsExport(
  t: Translate,
  scope: string,
  filter: AccountFilter,
  rows: Rows<Account>,
  chambers: ReadonlyMap<string, string>,
) {
  return listExport(
    t,
    t('accounts.title'),
    [
      { label: t('common.region'), value: regionLabel(filter.regionCode || scope) },
      {
        label: t('accounts.role'),
        value: filter.role ? t(`auth.role.${filter.role}` as MessageKey) : '',
      },
      {
        label: t('accounts.statusLabel'),
        value: filter.status ? t(`accounts.status.${filter.status}` as MessageKey) : '',
      },
    ],
    rows,
    [
      { header: t('accounts.name'), value: (a) => a.name },
      { header: t('accounts.role'), value: (a) => t(`auth.role.${a.role}`) },
      { header: t('accounts.region'), value: (a) => regionLabel(a.regionCode) },
      {
        header: t('accounts.chamber'),
        value: (a) => (a.chamberId ? (chambers.get(a.chamberId) ?? a.chamberId) : ''),
      },
      { header: t('accounts.email'), value: (a) => a.contact.email },
      { header: t('accounts.phone'), value: (a) => a.contact.phone },
      { header: t('accounts.statusLabel'), value: (a) => t(`accounts.status.${a.status}`) },
      { header: t('export.createdAt'), value: (a) => a.createdAt, format: 'date' },
    ],
  );
}
