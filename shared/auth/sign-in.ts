/**
 * How the web console signs in, declared once for the console and for the stacks that register
 * it with the identity provider (Cognito deployed, the local OIDC provider locally).
 */
export const CONSOLE_SIGN_IN = {
  /** Where the provider sends the browser back with the authorization code. */
  callbackPath: '/auth/callback',
  /** Where the browser lands after signing out. */
  signedOutPath: '/',
  scope: 'openid email profile',
} as const;
