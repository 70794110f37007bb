import { Tag } from 'antd';
import type { Chamber } from '#shared/contract/registration';
import { useI18n } from '../../lib/i18n';

// Solid tags with white text: every one of them passes WCAG AA contrast.
const STATUS_COLORS: Record<Chamber['status'], string> = {
  applied: '#0958d9',
  approved: '#006d75',
  rejected: '#595959',
  registered: '#237804',
  suspended: '#ad4e00',
  deregistered: '#595959',
};

export function StatusTag({ status }: { status: Chamber['status'] }) {
  const { t } = useI18n();
  return <Tag color={STATUS_COLORS[status]}>{t(`status.${status}`)}</Tag>;
}
