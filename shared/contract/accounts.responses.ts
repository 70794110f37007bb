import * as z from 'zod/mini';
import { ACCOUNT_ACTIONS } from '#shared/domain/accounts';
import type { ResponsesOf } from '#shared/http/route';
import { accountStatus, type accountsRoutes, role } from './accounts';
import {
  errorResponses as errors,
  keyReusedResponse as keyReused,
  notFoundResponse as notFound,
  page,
  problem,
  timestamps,
} from './common.responses';

/*
 * What accounts' routes answer: for the OpenAPI document and for types. Its function imports
 * this module only as `import type`, so it never builds these schemas.
 */

export const account = z.object({
  /** The `sub` of this person's tokens. */
  id: z.string(),
  name: z.string(),
  role,
  /** The region the person's authority covers; a chamber officer's is their chamber's. */
  regionCode: z.string(),
  chamberId: z.nullable(z.string()),
  contact: z.object({ email: z.optional(z.string()), phone: z.optional(z.string()) }),
  status: accountStatus,
  ...timestamps,
  /** The account (`sub`) that invited this one; "bootstrap" for the first administrator. */
  createdBy: z.string(),
});
export type Account = z.output<typeof account>;

export const historyEntry = z.object({
  at: z.iso.datetime(),
  /** Who made the change (their account id, the `sub` of their token). */
  by: z.string(),
  action: z.enum(ACCOUNT_ACTIONS),
  /** Each changed field, before and after (an invitation: every field, from null). */
  changes: z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() })),
  /** The version of the account this change made. */
  version: z.number().check(z.int(), z.gte(1)),
  reason: z.optional(z.string()),
});
export type AccountHistoryEntry = z.output<typeof historyEntry>;

const stale = { description: 'The account changed since you read it', schema: problem };

export const accountsResponses = {
  createAccount: {
    201: {
      description:
        'The new account; a retry with the same Idempotency-Key gets the account it created, as it now is',
      schema: account,
    },
    ...errors,
    409: {
      description: 'The email or mobile number is already an account’s, or the chamber is closed',
      schema: problem,
    },
    422: keyReused,
  },
  listAccounts: { 200: { description: 'A page of accounts', schema: page(account) }, ...errors },
  getOwnAccount: {
    200: { description: 'Your account; ETag carries its version', schema: account },
    503: errors[503],
    404: { description: 'Your token names no account (a local role token)', schema: problem },
  },
  getAccount: {
    200: { description: 'The account; ETag carries its version', schema: account },
    ...errors,
    404: notFound,
  },
  patchAccount: {
    200: { description: 'The account, version + 1', schema: account },
    ...errors,
    404: notFound,
    409: {
      description: 'The new email or mobile number is another account’s, or the chamber is closed',
      schema: problem,
    },
    412: stale,
    428: { description: 'If-Match missing', schema: problem },
  },
  changeAccountStatus: {
    200: {
      description: 'The account in its new status (the same status again changes nothing)',
      schema: account,
    },
    ...errors,
    404: notFound,
    409: { description: 'You cannot disable your own account', schema: problem },
  },
  accountHistory: {
    200: {
      description: 'A page of the account’s history, oldest first',
      schema: page(historyEntry),
    },
    ...errors,
    404: notFound,
  },
} satisfies ResponsesOf<typeof accountsRoutes>;
