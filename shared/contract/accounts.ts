import * as z from 'zod/mini';
import { ROLES } from '#shared/auth/principal';
import { ACCOUNT_STATUSES, normalizeEmail, normalizePhone } from '#shared/domain/accounts';
import { defineRoutes } from '#shared/http/route';
import { id, ifMatch, optionalIdempotencyKey, pageQuery, regionCode6, text } from './common';

/*
 * Accounts' routes and request schemas: who holds which role over which region or chamber. What
 * the routes answer is in accounts.responses.ts, which the function imports only for types.
 */
export type { Account, AccountHistoryEntry } from './accounts.responses';

export const role = z.lazy(() => z.enum(ROLES));
export const accountStatus = z.lazy(() => z.enum(ACCOUNT_STATUSES));

// The input patterns bound what a client may send (and document it); the checks after them say
// what is wrong with a value that passes them.
const email = () =>
  z.pipe(
    z
      .string()
      .check(
        z.trim(),
        z.maxLength(254),
        z.regex(/^\s*[^\s@]+@[^\s@]+\s*$/, 'is not an email address'),
      ),
    z.pipe(z.email('is not an email address'), z.transform(normalizeEmail)),
  );

const phone = () =>
  z.pipe(
    z
      .string()
      .check(
        z.maxLength(32),
        z.regex(
          /^[\d\s+()-]+$/,
          'is not a mainland China mobile number (11 digits starting with 1)',
        ),
      ),
    z.transform((value: string, ctx) => {
      const normalized = normalizePhone(value);
      if (normalized) return normalized;
      ctx.issues.push({
        code: 'custom',
        message: 'is not a mainland China mobile number (11 digits starting with 1)',
        input: value,
      });
      return z.NEVER;
    }),
  );

/** How to reach the person: the invitation (and its temporary password) goes there. */
export const contact = z.lazy(() =>
  z
    .strictObject({ email: z.optional(email()), phone: z.optional(phone()) })
    .check(
      z.refine(
        (value) => value.email !== undefined || value.phone !== undefined,
        'needs an email or a mobile number',
      ),
    ),
);

const name = z.lazy(() => text(50));

export const createAccountBody = z.lazy(() =>
  z.strictObject({
    name,
    role,
    /** Required for every role but chamber-officer, whose region is its chamber's. */
    regionCode: z.optional(regionCode6()),
    /** Required for chamber-officer, refused for the other roles. */
    chamberId: z.optional(id),
    contact,
  }),
);
export type CreateAccount = z.output<typeof createAccountBody>;

export const patchAccountBody = z.lazy(() =>
  z
    .strictObject({
      name: z.optional(name),
      role: z.optional(role),
      regionCode: z.optional(regionCode6()),
      chamberId: z.optional(z.nullable(id)),
      contact: z.optional(contact),
    })
    .check(z.refine((patch) => Object.keys(patch).length > 0, 'names no field to change')),
);
export type AccountPatch = z.output<typeof patchAccountBody>;

const accountParams = z.lazy(() => z.object({ id }));

export const accountsRoutes = defineRoutes({
  createAccount: {
    method: 'POST',
    path: '/v1/accounts',
    summary:
      'Invite a person into your region with a role and scope (deployed: the sign-in directory sends a temporary password to the contact); exactly once per Idempotency-Key, when one is sent',
    headers: optionalIdempotencyKey,
    body: createAccountBody,
  },
  listAccounts: {
    method: 'GET',
    path: '/v1/accounts',
    summary: 'Accounts within a region (default: your own), by role, chamber and status',
    query: z.lazy(() =>
      z.strictObject({
        regionCode: z.optional(regionCode6()),
        role: z.optional(role),
        chamberId: z.optional(id),
        status: z.optional(accountStatus),
        ...pageQuery,
      }),
    ),
  },
  getOwnAccount: {
    method: 'GET',
    path: '/v1/accounts/me',
    summary: 'Your own account: name, role, scope and contact',
  },
  getAccount: {
    method: 'GET',
    path: '/v1/accounts/{id}',
    summary: 'One account (FIC staff over its region, or the account itself)',
    params: accountParams,
  },
  patchAccount: {
    method: 'PATCH',
    path: '/v1/accounts/{id}',
    summary:
      'Change an account’s name, role, scope or contact (If-Match: the version you read); it takes effect with the person’s next token',
    params: accountParams,
    headers: ifMatch,
    body: patchAccountBody,
  },
  changeAccountStatus: {
    method: 'POST',
    path: '/v1/accounts/{id}/status',
    summary: 'Disable an account (no new token is issued to it) or enable it again',
    params: accountParams,
    body: z.lazy(() =>
      z.strictObject({
        action: z.enum(['disable', 'enable']),
        reason: z.optional(text(500)),
      }),
    ),
  },
  accountHistory: {
    method: 'GET',
    path: '/v1/accounts/{id}/history',
    summary: 'Every change of an account, oldest first: who changed what, and when',
    params: accountParams,
    query: z.lazy(() => z.strictObject(pageQuery)),
  },
});
