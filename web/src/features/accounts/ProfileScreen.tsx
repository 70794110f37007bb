import { LogoutOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Skeleton } from 'antd';
import { ChamberName } from '../../components/ChamberName';
import { ErrorResult } from '../../components/ErrorResult';
import { PageHeader } from '../../components/PageHeader';
import { useI18n } from '../../lib/i18n';
import { ApiError } from '../../lib/problem';
import { regionLabel } from '../../lib/regions';
import { useSession } from '../../lib/session';
import { AccountDetails } from './AccountDetails';
import { useOwnAccount } from './api';

/**
 * The signed-in person's own page: who they are, their role and what it covers, how they are
 * reached, and signing out. A change FIC staff make shows here after the next sign-in.
 */
export default function ProfileScreen() {
  const { t } = useI18n();
  const { principal, signOut } = useSession();
  const own = useOwnAccount();
  const signOutButton = (
    <Button icon={<LogoutOutlined />} onClick={signOut}>
      {t('auth.signOut')}
    </Button>
  );
  // A test identity (the local sign-in's "any role and scope") names no account: show what
  // its token says.
  const noAccount = own.error instanceof ApiError && own.error.status === 404;
  return (
    <>
      <PageHeader
        title={t('accounts.profileTitle')}
        subtitle={t('accounts.profileSubtitle')}
        extra={signOutButton}
      />
      <Card title={<h2 className="card-title">{t('accounts.record')}</h2>} size="small">
        {own.isPending ? (
          <Skeleton active paragraph={{ rows: 4 }} />
        ) : own.data ? (
          <AccountDetails account={own.data} />
        ) : noAccount ? (
          <>
            <Alert
              type="info"
              showIcon
              message={t('accounts.noAccount')}
              style={{ marginBottom: 12 }}
            />
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t('accounts.name')}>{principal?.name}</Descriptions.Item>
              <Descriptions.Item label={t('accounts.role')}>
                {principal?.role ? t(`auth.role.${principal.role}`) : '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('accounts.scope')}>
                {principal?.chamberId ? (
                  <ChamberName id={principal.chamberId} />
                ) : (
                  regionLabel(principal?.regionCode)
                )}
              </Descriptions.Item>
            </Descriptions>
          </>
        ) : (
          <ErrorResult error={own.error} retry={() => void own.refetch()} />
        )}
      </Card>
    </>
  );
}
