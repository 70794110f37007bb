import { Tag } from 'antd';
import type { Cycle } from '#shared/contract/assessment';
import { useI18n } from '../../lib/i18n';

const COLORS: Record<Cycle['status'], string> = {
  open: '#0958d9',
  finalizing: '#874d00',
  finalized: '#237804',
};

export function CycleStatusTag({ status }: { status: Cycle['status'] }) {
  const { t } = useI18n();
  return <Tag color={COLORS[status]}>{t(`assess.status.${status}`)}</Tag>;
}
