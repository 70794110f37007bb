import { LoginOutlined } from '@ant-design/icons';
import { Button, Result } from 'antd';
import { useI18n } from '../../lib/i18n';
import { useSession } from '../../lib/session';

/** A signed-in screen opened without a session (a bookmark, a link): sign in, then come back. */
export function SignInNeeded() {
  const { t } = useI18n();
  const { signIn } = useSession();
  return (
    <Result
      status="info"
      icon={<LoginOutlined />}
      title={<h1 className="result-title">{t('auth.needSignIn')}</h1>}
      subTitle={t('auth.needSignInText')}
      extra={
        <Button type="primary" onClick={() => signIn()}>
          {t('auth.signIn')}
        </Button>
      }
    />
  );
}
