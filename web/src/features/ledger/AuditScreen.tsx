import { PageHeader } from '../../components/PageHeader';
import { useI18n } from '../../lib/i18n';
import { AuditCard } from './AuditCard';

/** FIC staff: the nightly ledger audit (route /ledger/audit). */
export default function AuditScreen() {
  const { t } = useI18n();
  return (
    <>
      <PageHeader title={t('audit.title')} subtitle={t('audit.subtitle')} />
      <AuditCard />
    </>
  );
}
