import { Tag } from 'antd';
import { useI18n } from '../../lib/i18n';
import { TAG } from './tag-colors';

const COLORS = { submitted: TAG.blue, accepted: TAG.green, returned: TAG.orange } as const;

/** A report's status as a tag; none sent yet reads as such, in red. */
export function ReportStatusTag({ status }: { status: keyof typeof COLORS | null | undefined }) {
  const { t } = useI18n();
  if (!status) return <Tag color={TAG.red}>{t('sv.status.none')}</Tag>;
  return <Tag color={COLORS[status]}>{t(`sv.status.${status}`)}</Tag>;
}
