import { UserManager, WebStorageStateStore } from 'oidc-client-ts';
import type { ConsoleConfig } from '../../lib/config';

/*
 * One sign-in code path, deployed and local: OpenID Connect authorization code + PKCE against
 * the authority config.json names (Cognito's managed login, or the local runtime's
 * /_local/oidc). Tokens live in sessionStorage: this tab, gone when it closes.
 */
export function createUserManager(config: ConsoleConfig, origin = window.location.origin) {
  return new UserManager({
    authority: config.oidc.authority,
    client_id: config.oidc.clientId,
    scope: config.oidc.scope,
    redirect_uri: `${origin}/auth/callback`,
    post_logout_redirect_uri: `${origin}/`,
    response_type: 'code',
    userStore: new WebStorageStateStore({ store: window.sessionStorage }),
    // Renewal uses the refresh token (oidc-client-ts prefers it); without one the person signs
    // in again when the session ends, and keeps what they typed (see AuthProvider).
    automaticSilentRenew: true,
    monitorSession: false,
    loadUserInfo: false,
    // Cognito's /logout takes client_id and logout_uri; the local provider accepts them too.
    extraQueryParams: {},
  });
}

export interface SignInState {
  returnTo?: string;
}
