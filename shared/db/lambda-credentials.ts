/**
 * Stands in for @aws-sdk/credential-provider-node in Lambda bundles (an esbuild alias set by the
 * ConcernFunction construct). Lambda always hands a function its role's credentials in
 * environment variables, and the local runtime does the same, so the SDK's full provider chain
 * (SSO, ini files, IMDS, STS: ~135 KB of bundle and its import time) is never consulted.
 */
import { fromEnv } from '@aws-sdk/credential-provider-env';

export const defaultProvider = () => fromEnv();
export const credentialsWillNeedRefresh = () => false;
export const credentialsTreatedAsExpired = () => false;
