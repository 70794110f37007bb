import { Tag } from 'antd';
import type { Account } from '#shared/contract/accounts';
import { ChamberName } from '../../components/ChamberName';
import { useI18n } from '../../lib/i18n';
import { regionLabel } from '../../lib/regions';

// Solid tags with white text: both pass WCAG AA contrast.
const STATUS_COLORS: Record<Account['status'], string> = {
  active: '#237804',
  disabled: '#595959',
};

export function AccountStatusTag({ status }: { status: Account['status'] }) {
  const { t } = useI18n();
  return <Tag color={STATUS_COLORS[status]}>{t(`accounts.status.${status}`)}</Tag>;
}

/** What a person's authority covers: their chamber (by name), or their region. */
export function ScopeText({ account }: { account: Pick<Account, 'regionCode' | 'chamberId'> }) {
  if (!account.chamberId) return <>{regionLabel(account.regionCode)}</>;
  return <ChamberName id={account.chamberId} />;
}

/** How to reach the person, as written down. */
export function contactText(contact: Account['contact']): string {
  return [contact.email, contact.phone].filter(Boolean).join(' · ');
}
