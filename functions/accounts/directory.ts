import { randomUUID } from 'node:crypto';
import type { Contact } from '#shared/domain/accounts';
import { CognitoDirectory } from './cognito';

/*
 * The sign-in directory: where a person's sign-in lives, apart from their account (which alone
 * holds role and scope). Deployed it is the Cognito user pool the template names in
 * USER_POOL_ID; where the environment names no pool (the local runtime, which has no Cognito),
 * the accounts table is the whole directory: the local issuer signs a token for an account
 * straight from it, so there is nothing more to do. The use cases never ask which one it is.
 */

/** What the directory knows of a person: how to reach them, and their name. */
export interface Profile {
  name: string;
  contact: Contact;
}

export interface Directory {
  /**
   * Lets the person sign in: creates their user and sends the invitation (a temporary password)
   * to their contact, or finds the user their contact already has (a retried invitation).
   * Answers the id their tokens will carry as `sub`; `proposedId` where the directory lets the
   * system choose.
   */
  invite(profile: Profile, proposedId: string): Promise<string>;
  /** Sign-in follows a changed name or contact. */
  update(id: string, before: Profile, after: Profile): Promise<void>;
  /** The person may, or may no longer, sign in. */
  setEnabled(id: string, enabled: boolean): Promise<void>;
}

/** The accounts table as the directory: the id is the system's own, and nothing else is kept. */
export const accountsTableDirectory: Directory = {
  invite: async (_profile, proposedId) => proposedId,
  update: async () => undefined,
  setEnabled: async () => undefined,
};

/** The directory the environment names: the user pool in USER_POOL_ID, else the table alone. */
export function directoryFrom(environment: Record<string, string | undefined>): Directory {
  const userPoolId = environment.USER_POOL_ID;
  return userPoolId ? new CognitoDirectory(userPoolId) : accountsTableDirectory;
}

/** An id for an account the system names itself (no Idempotency-Key). */
export const newAccountId = () => randomUUID();
