import { adminCovers, type Principal, type Role, requireRole } from '#shared/auth/principal';
import type { Account, AccountHistoryEntry, accountsRoutes } from '#shared/contract/accounts';
import { keyedId, keyedRequest } from '#shared/db/idempotency';
import { type AccountAction, changesBetween, contactClaims } from '#shared/domain/accounts';
import { CLOSED_CHAMBER_STATUSES } from '#shared/domain/supervision';
import {
  BadRequestError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  PreconditionFailedError,
  PreconditionRequiredError,
  ServiceUnavailableError,
} from '#shared/http/errors';
import type { Operations } from '#shared/http/route';
import { readChamber } from '#shared/registration/published';
import { type Directory, newAccountId, type Profile } from './directory';
import * as store from './store';

type Routes = typeof accountsRoutes;

/** The fields of an account a change is recorded for, in its history. */
const RECORDED = ['name', 'role', 'regionCode', 'chamberId', 'contact', 'status'] as const;

/**
 * The accounts use cases, over a sign-in directory (directory.ts). Each checks the role first
 * (403: only FIC staff manage accounts), then loads what it acts on and checks scope: an account
 * outside the caller's region is 404, so its existence is not revealed; granting a region or a
 * chamber outside the caller's own is 403. Every change is written with its history entry in
 * one transaction.
 */
export function accountOperations(directory: Directory): Operations<Routes> {
  return {
    async createAccount({ body, headers, principal }) {
      requireRole(principal, 'fic-admin');
      // Under an Idempotency-Key a retry is answered with what the first try created, before
      // anything is judged again (by now the contact is that account's own).
      const keyed = keyedRequest('account', principal.sub, headers['idempotency-key'], body);
      const replay = async () => (keyed ? await store.replayOf(keyed) : undefined);
      const replayed = await replay();
      if (replayed) return created(replayed);
      const scope = await grantedScope(principal, body);
      try {
        await contactsFree(contactClaims(body.contact));
      } catch (error) {
        // The contact may have just been taken by a concurrent try of this very request.
        const concurrent = error instanceof ConflictError ? await replay() : undefined;
        if (concurrent) return created(concurrent);
        throw error;
      }
      const profile = { name: body.name, contact: body.contact };
      const id = await directory.invite(profile, keyed ? keyedId(keyed) : newAccountId());
      const now = new Date().toISOString();
      const account: Account = {
        id,
        ...profile,
        ...scope,
        status: 'active',
        version: 1,
        createdAt: now,
        updatedAt: now,
        createdBy: principal.sub,
      };
      const outcome = await store.insertAccount(
        account,
        entry(principal, 'invite', undefined, account),
        keyed,
      );
      const answer = outcome === 'created' ? account : await replay();
      if (!answer) throw new Error(`Account ${id} is marked created but not found.`);
      return created(answer);
    },

    async listAccounts({ query, principal }) {
      requireRole(principal, 'fic-admin');
      const regionCode = query.regionCode ?? principal.regionCode;
      if (!regionCode || !adminCovers(principal, regionCode)) {
        throw new ForbiddenError(`Region ${regionCode ?? '(none)'} is outside your region.`);
      }
      const filter = { role: query.role, chamberId: query.chamberId, status: query.status };
      return {
        status: 200,
        body: await store.listAccountsUnder(regionCode, filter, query.limit, query.cursor),
      };
    },

    async getOwnAccount({ principal }) {
      const account = await store.getAccount(principal.sub);
      if (!account) throw new NotFoundError('Your token names no account.');
      return withVersion(account);
    },

    async getAccount({ params, principal }) {
      if (params.id === principal.sub) {
        const own = await store.getAccount(params.id);
        if (own) return withVersion(own);
      }
      return withVersion(await visibleAccount(principal, params.id));
    },

    async patchAccount({ params, headers, body, principal }) {
      const current = await visibleAccount(principal, params.id);
      const expected = headers['if-match'];
      if (expected === undefined) throw new PreconditionRequiredError();
      if (expected !== current.version) throw new PreconditionFailedError();
      const scope = await grantedScope(
        principal,
        { ...body, role: body.role ?? current.role },
        current,
      );
      const next: Account = {
        ...current,
        name: body.name ?? current.name,
        contact: body.contact ?? current.contact,
        ...scope,
      };
      const changes = changesBetween(current, next, RECORDED);
      // Nothing differs: nothing to record, and the version stays.
      if (Object.keys(changes).length === 0) return withVersion(current);
      Object.assign(next, bump(current));
      const held = new Set(contactClaims(current.contact));
      await contactsFree(contactClaims(next.contact).filter((claim) => !held.has(claim)));
      // The directory first, so that a directory that cannot follow leaves the account as it
      // was; if the account then cannot be written (a race: 409 or 412), the directory is put
      // back as it was.
      const [before, after] = [profileOf(current), profileOf(next)];
      const signInChanged = 'name' in changes || 'contact' in changes;
      if (signInChanged) await directory.update(next.id, before, after);
      try {
        await store.replaceAccount(current, next, entry(principal, 'update', current, next));
      } catch (error) {
        if (signInChanged) await directory.update(next.id, after, before);
        throw error;
      }
      return withVersion(next);
    },

    async changeAccountStatus({ params, body, principal }) {
      const status = body.action === 'disable' ? 'disabled' : 'active';
      if (body.action === 'disable' && params.id === principal.sub) {
        requireRole(principal, 'fic-admin');
        throw new ConflictError('You cannot disable your own account.');
      }
      // No If-Match: the change is judged on the state it finds, again after a lost race.
      for (let attempt = 0; attempt < 5; attempt += 1) {
        const current = await visibleAccount(principal, params.id);
        if (current.status !== status) {
          const next: Account = { ...current, status, ...bump(current) };
          const change = entry(principal, body.action, current, next, body.reason);
          try {
            await store.replaceAccount(current, next, change);
          } catch (error) {
            if (error instanceof PreconditionFailedError) continue;
            throw error;
          }
          // The account first: from this moment no token is issued to a disabled account,
          // whatever the directory does next. The directory follows; if it fails, the same
          // request again finds the status already set and brings the directory in line.
          await directory.setEnabled(next.id, status === 'active');
          return withVersion(next);
        }
        await directory.setEnabled(current.id, status === 'active');
        return withVersion(current);
      }
      throw new ServiceUnavailableError('The account is changing under many writers; try again.');
    },

    async accountHistory({ params, query, principal }) {
      await visibleAccount(principal, params.id);
      return {
        status: 200,
        body: await store.listHistory(params.id, query.limit, query.cursor),
      };
    },
  };
}

/** The account, if the caller is FIC staff over its region; else 404. */
async function visibleAccount(principal: Principal, id: string): Promise<Account> {
  requireRole(principal, 'fic-admin');
  const account = await store.getAccount(id);
  if (!account || !adminCovers(principal, account.regionCode)) {
    throw new NotFoundError(`No account ${id}.`);
  }
  return account;
}

interface Wanted {
  role: Role;
  regionCode?: string | undefined;
  chamberId?: string | null | undefined;
}

/**
 * The role and scope an account gets, checked: a chamber officer acts for one chamber, which
 * must exist (400), lie in the caller's region (403) and still be open (409), and takes its
 * region; every other role needs a region (6 digits) inside the caller's (403) and no chamber.
 * On a change (`current`), what the request leaves out is kept where the role still allows it.
 */
async function grantedScope(
  principal: Principal,
  wanted: Wanted,
  current?: Account,
): Promise<Pick<Account, 'role' | 'regionCode' | 'chamberId'>> {
  const { role } = wanted;
  if (role === 'chamber-officer') {
    const chamberId =
      wanted.chamberId === undefined && current?.role === role
        ? current.chamberId
        : wanted.chamberId;
    if (!chamberId) throw BadRequestError.field(['chamberId'], 'is required for a chamber-officer');
    const chamber = await readChamber(chamberId);
    if (!chamber) throw BadRequestError.field(['chamberId'], 'is not a chamber');
    if (!adminCovers(principal, chamber.regionCode)) {
      throw new ForbiddenError(`Chamber ${chamberId} is outside your region.`);
    }
    const unchanged = current?.role === role && current.chamberId === chamberId;
    if (!unchanged && (CLOSED_CHAMBER_STATUSES as readonly string[]).includes(chamber.status)) {
      throw new ConflictError(`Chamber ${chamberId} is ${chamber.status}: nobody acts for it.`);
    }
    if (wanted.regionCode !== undefined && wanted.regionCode !== chamber.regionCode) {
      throw BadRequestError.field(
        ['regionCode'],
        `a chamber officer’s region is their chamber’s (${chamber.regionCode})`,
      );
    }
    return { role, regionCode: chamber.regionCode, chamberId };
  }
  if (wanted.chamberId) {
    throw BadRequestError.field(['chamberId'], 'only a chamber-officer acts for a chamber');
  }
  const regionCode =
    wanted.regionCode ?? (current?.role === 'chamber-officer' ? undefined : current?.regionCode);
  if (!regionCode) throw BadRequestError.field(['regionCode'], `is required for ${role}`);
  if (!adminCovers(principal, regionCode)) {
    throw new ForbiddenError(`Region ${regionCode} is outside your region.`);
  }
  return { role, regionCode, chamberId: null };
}

/** 409 when another account already holds one of these contact claims. */
async function contactsFree(claims: string[]): Promise<void> {
  const [taken] = (await store.claimHolders(claims)).keys();
  if (taken) {
    const [kind, address] = taken.split('#');
    const what = kind === 'email' ? 'email address' : 'mobile number';
    throw new ConflictError(`The ${what} ${address} is already another account’s contact.`);
  }
}

function entry(
  principal: Principal,
  action: AccountAction,
  before: Account | undefined,
  after: Account,
  reason?: string,
): AccountHistoryEntry {
  return {
    at: after.updatedAt,
    by: principal.sub,
    action,
    changes: changesBetween(before, after, RECORDED),
    version: after.version,
    ...(reason && { reason }),
  };
}

const profileOf = (account: Account): Profile => ({
  name: account.name,
  contact: account.contact,
});

const bump = (current: Account) => ({
  version: current.version + 1,
  updatedAt: new Date().toISOString(),
});

const created = (account: Account) => ({
  status: 201,
  body: account,
  headers: { location: `/v1/accounts/${account.id}`, etag: `"${account.version}"` },
});

const withVersion = (account: Account) => ({
  status: 200,
  body: account,
  headers: { etag: `"${account.version}"` },
});
