import { Button, Result, Spin } from 'antd';
import type { UserManager } from 'oidc-client-ts';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { useI18n } from '../../lib/i18n';
import { homeOf, principalFromClaims } from '../../lib/session';
import type { SignInState } from './user-manager';

// A code can be exchanged once; React may mount this screen twice in development.
let completing: Promise<{ to: string }> | undefined;

/** /auth/callback: exchanges the code (with the PKCE verifier) and goes where the person was
 * going, or to their role's home. */
export function Callback({ userManager }: { userManager: UserManager }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [failed, setFailed] = useState<string>();
  useEffect(() => {
    completing ??= userManager.signinRedirectCallback().then((user) => {
      const state = (user.state ?? {}) as SignInState;
      const principal = principalFromClaims(user.profile as Record<string, unknown>);
      const back = state.returnTo && !state.returnTo.startsWith('/auth/') ? state.returnTo : '/';
      return { to: back === '/' ? homeOf(principal) : back };
    });
    completing.then(
      ({ to }) => {
        completing = undefined;
        navigate(to, { replace: true });
      },
      (error: unknown) => {
        completing = undefined;
        setFailed(error instanceof Error ? error.message : String(error));
      },
    );
  }, [userManager, navigate]);
  if (failed) {
    return (
      <Result
        status="warning"
        title={<h1 className="result-title">{t('auth.signInFailed')}</h1>}
        subTitle={failed}
        extra={
          <Button type="primary" onClick={() => void userManager.signinRedirect({ state: {} })}>
            {t('auth.signInAgain')}
          </Button>
        }
      />
    );
  }
  return (
    <div className="centered" role="status">
      <Spin description={t('auth.signingIn')} size="large">
        <div style={{ padding: 48 }} />
      </Spin>
    </div>
  );
}
