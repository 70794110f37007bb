import { Result } from 'antd';
import { PageHeader } from '../../components/PageHeader';
import { useI18n } from '../../lib/i18n';

/** A liaison leader's home (the visit screens come with the next issue). */
export default function LiaisonHome() {
  const { t } = useI18n();
  return (
    <>
      <PageHeader title={t('liaison.title')} />
      <Result status="info" subTitle={t('liaison.text')} />
    </>
  );
}
