import { useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import type { User, UserManager } from 'oidc-client-ts';
import { type ReactNode, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { saveOpenDrafts } from '../../lib/drafts';
import { useI18n } from '../../lib/i18n';
import { principalFromClaims, type Session, SessionContext } from '../../lib/session';
import type { SignInState } from './user-manager';

/*
 * The signed-in person for the whole console. The ID token is the API's bearer. When it has
 * expired, a refresh token renews it silently; without one (or when renewal fails) the API's 401
 * asks the person to sign in again: every open form's values are saved first and restored on the
 * way back to the same screen.
 */
export interface AuthHandle {
  /** The bearer for the next API request. */
  token(): Promise<string | undefined>;
  /** A new bearer from the refresh token (the API refused the last one), if it can be had. */
  renew(): Promise<string | undefined>;
  /** The API said 401: the session is over. */
  unauthorized(): void;
}

export function AuthProvider({
  userManager,
  handle,
  children,
}: {
  userManager: UserManager;
  handle: { current: AuthHandle | null };
  children: ReactNode;
}) {
  const { t } = useI18n();
  // The dialog from the app's context, so it wears the console's theme (contrast) and language.
  const { modal } = App.useApp();
  const queryClient = useQueryClient();
  const [user, setUser] = useState<User | null>(null);
  const [ready, setReady] = useState(false);
  const asking = useRef(false);
  const userRef = useRef<User | null>(null);
  userRef.current = user;

  useEffect(() => {
    let alive = true;
    void userManager.getUser().then((stored) => {
      if (!alive) return;
      setUser(stored);
      setReady(true);
    });
    const loaded = (next: User) => setUser(next);
    const unloaded = () => setUser(null);
    userManager.events.addUserLoaded(loaded);
    userManager.events.addUserUnloaded(unloaded);
    return () => {
      alive = false;
      userManager.events.removeUserLoaded(loaded);
      userManager.events.removeUserUnloaded(unloaded);
    };
  }, [userManager]);

  const signIn = useCallback(
    (returnTo?: string) => {
      saveOpenDrafts();
      const here = `${window.location.pathname}${window.location.search}`;
      const state: SignInState = { returnTo: returnTo ?? here };
      void userManager.signinRedirect({ state });
    },
    [userManager],
  );

  const signOut = useCallback(() => {
    const idToken = userRef.current?.id_token;
    void (async () => {
      // Cognito's sign-out ends its own session, not the refresh token this tab holds: revoked
      // first, so a copy of it renews nothing.
      if (userRef.current?.refresh_token) {
        await userManager.revokeTokens(['refresh_token']).catch(() => undefined);
      }
      await userManager.removeUser();
      queryClient.clear();
      const metadata = await userManager.metadataService.getMetadata().catch(() => undefined);
      if (metadata?.end_session_endpoint) {
        await userManager.signoutRedirect({
          id_token_hint: idToken,
          extraQueryParams: {
            client_id: userManager.settings.client_id,
            logout_uri: `${window.location.origin}/`,
          },
        });
      } else {
        window.location.assign('/');
      }
    })();
  }, [userManager, queryClient]);

  const unauthorized = useCallback(() => {
    if (asking.current) return;
    asking.current = true;
    modal.warning({
      title: t('error.status.401'),
      content: t('auth.expired'),
      okText: t('auth.signInAgain'),
      onOk: () => signIn(),
      afterClose: () => {
        asking.current = false;
      },
    });
  }, [signIn, t, modal]);

  handle.current = {
    token: async () => {
      const current = userRef.current;
      if (!current) return undefined;
      if (current.expired && current.refresh_token) {
        const renewed = await userManager.signinSilent().catch(() => null);
        if (renewed) return renewed.id_token;
      }
      return current.id_token;
    },
    renew: async () => {
      if (!userRef.current?.refresh_token) return undefined;
      return (await userManager.signinSilent().catch(() => null))?.id_token;
    },
    unauthorized,
  };

  const principal = useMemo(
    () => (user ? principalFromClaims(user.profile as Record<string, unknown>) : null),
    [user],
  );
  const session = useMemo<Session>(
    () => ({ principal, signIn, signOut }),
    [principal, signIn, signOut],
  );
  if (!ready) return null;
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}
