import { Logger } from '@aws-lambda-powertools/logger';
import type { ClaimsAndScopeOverrideDetails, PreTokenGenerationV2TriggerEvent } from 'aws-lambda';
import { readAccount } from '#shared/accounts/published';
import { type TokenVerdict, tokenVerdict } from '#shared/domain/accounts';
import { readChamber } from '#shared/registration/published';

/*
 * The pre-token-generation trigger (V2 event: the ID and the access token alike). Whenever a
 * token is issued — deployed by Cognito at sign-in and at every refresh, locally by the local
 * issuer — it reads the person's account and writes its role and scope into the token. An
 * unknown or disabled account, or an officer whose chamber is closed, gets no token: the
 * trigger throws, and Cognito refuses the sign-in with its message.
 */

const logger = new Logger();

/** A token refused on purpose (its message is the reason, shown to the person signing in). */
export class TokenRefused extends Error {
  override readonly name = 'TokenRefused';
}

export async function handler(
  event: PreTokenGenerationV2TriggerEvent,
): Promise<PreTokenGenerationV2TriggerEvent> {
  // The account's id is the person's sub (in a pool signed into by email or phone, also the
  // user's name).
  const sub = event.request.userAttributes.sub ?? event.userName;
  const account = sub ? await readAccount(sub) : undefined;
  const chamber =
    account?.role === 'chamber-officer' && account.chamberId
      ? await readChamber(account.chamberId)
      : undefined;
  const verdict = tokenVerdict(account, chamber);
  if (!verdict.ok) {
    logger.warn('token refused', { sub, reason: verdict.reason, source: event.triggerSource });
    throw new TokenRefused(verdict.reason);
  }
  event.response = { claimsAndScopeOverrideDetails: claimsOverride(verdict) };
  return event;
}

/** The V2 response for a granted token: the same role and scope in the ID and access token. */
export function claimsOverride(
  verdict: Extract<TokenVerdict, { ok: true }>,
): ClaimsAndScopeOverrideDetails {
  const claims = { claimsToAddOrOverride: verdict.claims, claimsToSuppress: verdict.suppress };
  return {
    idTokenGeneration: claims,
    accessTokenGeneration: claims,
    // The account's role replaces whatever groups the user is in.
    groupOverrideDetails: { groupsToOverride: verdict.groups, iamRolesToOverride: [] },
  };
}
