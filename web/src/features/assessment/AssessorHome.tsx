import { Result } from 'antd';
import { PageHeader } from '../../components/PageHeader';
import { useI18n } from '../../lib/i18n';

/** An assessor's home (the assessment screens come with the next issue). */
export default function AssessorHome() {
  const { t } = useI18n();
  return (
    <>
      <PageHeader title={t('assessor.title')} />
      <Result status="info" subTitle={t('assessor.text')} />
    </>
  );
}
