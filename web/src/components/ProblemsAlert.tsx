import { Alert } from 'antd';
import { useI18n } from '../lib/i18n';

/** A refused form's messages that belong to no one field: the first as the title. */
export function ProblemsAlert({ problems }: { problems: string[] }) {
  const { t } = useI18n();
  if (problems.length === 0) return null;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      style={{ marginBottom: 16 }}
      message={problems[0]}
      description={
        problems.length > 1 ? problems.slice(1).join(t('common.listSeparator')) : undefined
      }
    />
  );
}
