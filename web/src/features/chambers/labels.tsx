import { Tag } from 'antd';
import type { Chamber } from '#shared/contract/registration';
import { useI18n } from '../../lib/i18n';

const STATUS_COLORS: Record<Chamber['status'], string> = {
  applied: 'processing',
  approved: 'cyan',
  rejected: 'default',
  registered: 'success',
  suspended: 'warning',
  deregistered: 'default',
};

export function StatusTag({ status }: { status: Chamber['status'] }) {
  const { t } = useI18n();
  return <Tag color={STATUS_COLORS[status]}>{t(`status.${status}`)}</Tag>;
}
