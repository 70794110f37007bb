import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import {
  ACCOUNTS_BY_REGION,
  ACCOUNTS_TABLE_ENV,
  accountFromItem,
  accountKey,
  byRegionKeys,
  readAccount,
} from '#shared/accounts/published';
import type { Account, AccountHistoryEntry } from '#shared/contract/accounts';
import { backoff, batchGet } from '#shared/db/batch';
import { pageUnderRegion } from '#shared/db/by-region';
import { dynamo, requireEnv } from '#shared/db/client';
import { decodeCursor, encodeCursor } from '#shared/db/cursor';
import { createOnce, type KeyedRequest, keyedId, priorTry } from '#shared/db/idempotency';
import { withoutKeys } from '#shared/db/items';
import { cancellationCodes, onlyRaces } from '#shared/db/transactions';
import { contactClaims } from '#shared/domain/accounts';
import { canonicalHash } from '#shared/domain/canonical-json';
import {
  ConflictError,
  PreconditionFailedError,
  ServiceUnavailableError,
} from '#shared/http/errors';

/*
 * The accounts table. Every key is built here (an account's own keys in published.ts):
 *   account   pk ACCOUNT#<id>         sk PROFILE          byRegion: gsi1pk ACCOUNTS#<province> gsi1sk <regionCode>#<id>
 *   history   pk ACCOUNT#<id>         sk HISTORY#<version> one per change, never rewritten
 *   contact   pk CONTACT#<kind>#<addr> sk CLAIM            accountId: one account per email, per mobile
 *   request   pk REQUEST#<keyed id>   sk ACCOUNT          accountId: what a keyed invitation created
 *   marker    pk IDEMPOTENCY#<id>     sk REQUEST          (shared/db/idempotency.ts)
 * An account, its history entry and its contact claims change in one transaction: a change is
 * never without its entry, and two accounts never hold one contact, however they race.
 */
const TABLE = requireEnv(ACCOUNTS_TABLE_ENV);

export { readAccount as getAccount } from '#shared/accounts/published';

const historyKey = (id: string, version: number) => ({
  pk: `ACCOUNT#${id}`,
  sk: `HISTORY#${String(version).padStart(9, '0')}`,
});
const claimKey = (claim: string) => ({ pk: `CONTACT#${claim}`, sk: 'CLAIM' });
const requestKey = (keyed: KeyedRequest) => ({ pk: `REQUEST#${keyedId(keyed)}`, sk: 'ACCOUNT' });

type TransactItem = NonNullable<
  ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']
>[number];

/** What each item of a transaction is, to tell which condition cancelled it. */
type Labelled = { item: TransactItem; about: 'account' | 'history' | `claim:${string}` | 'other' };

/** The accounts holding any of these contact claims (`email#…`, `phone#…`), by claim. */
export async function claimHolders(claims: string[]): Promise<Map<string, string>> {
  if (claims.length === 0) return new Map();
  const found = await batchGet({ [TABLE]: claims.map(claimKey) });
  return new Map(
    (found[TABLE] ?? []).map((item) => [
      String(item.pk).replace(/^CONTACT#/, ''),
      String(item.accountId),
    ]),
  );
}

/**
 * Writes a new account with its first history entry and its contact claims. Under an
 * Idempotency-Key it is written once: a retry writes nothing and is told 'replayed' (the account
 * the first try created is `replayOf`'s). A contact another account holds is a 409.
 */
export async function insertAccount(
  account: Account,
  entry: AccountHistoryEntry,
  keyed?: KeyedRequest,
): Promise<'created' | 'replayed'> {
  const items: Labelled[] = [
    {
      about: 'account',
      item: {
        Put: {
          TableName: TABLE,
          Item: { ...accountKey(account.id), ...byRegionKeys(account), ...account },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
    },
    historyItem(account.id, entry),
    ...contactClaims(account.contact).map((claim) => claimItem(claim, account.id)),
  ];
  if (keyed) {
    items.push({
      about: 'other',
      item: { Put: { TableName: TABLE, Item: { ...requestKey(keyed), accountId: account.id } } },
    });
  }
  try {
    if (keyed) {
      return await createOnce(
        TABLE,
        keyed,
        items.map((labelled) => labelled.item),
      );
    }
    await transact(items);
    return 'created';
  } catch (error) {
    if (await landed(error, items, keyed ? 1 : 0, account)) return 'created';
    throw explain(error, items, keyed ? 1 : 0, account);
  }
}

/**
 * The account an earlier try of this keyed invitation created, if one did (a 422 when the key
 * was used for another request).
 */
export async function replayOf(keyed: KeyedRequest): Promise<Account | undefined> {
  return (await priorTry(TABLE, keyed)) ? accountOfRequest(keyed) : undefined;
}

async function accountOfRequest(keyed: KeyedRequest): Promise<Account | undefined> {
  const { Item } = await dynamo.send(
    new GetCommand({ TableName: TABLE, Key: requestKey(keyed), ConsistentRead: true }),
  );
  return Item ? getAccountStrict(String(Item.accountId)) : undefined;
}

async function getAccountStrict(id: string): Promise<Account> {
  const account = await readAccount(id);
  if (!account) throw new Error(`Account ${id} is recorded as created but not found.`);
  return account;
}

/**
 * Replaces the account if it is still at `expectedVersion` (else 412), appending its history
 * entry, and moving its contact claims from `before`'s contact to `next`'s (a contact another
 * account holds is a 409).
 */
export async function replaceAccount(
  before: Account,
  next: Account,
  entry: AccountHistoryEntry,
): Promise<void> {
  const held = new Set(contactClaims(before.contact));
  const wanted = new Set(contactClaims(next.contact));
  const items: Labelled[] = [
    {
      about: 'account',
      item: {
        Put: {
          TableName: TABLE,
          Item: { ...accountKey(next.id), ...byRegionKeys(next), ...next },
          ConditionExpression: 'version = :expected',
          ExpressionAttributeValues: { ':expected': before.version },
        },
      },
    },
    historyItem(next.id, entry),
    ...[...wanted].filter((claim) => !held.has(claim)).map((claim) => claimItem(claim, next.id)),
    ...[...held]
      .filter((claim) => !wanted.has(claim))
      .map(
        (claim): Labelled => ({
          about: 'other',
          item: {
            Delete: {
              TableName: TABLE,
              Key: claimKey(claim),
              ConditionExpression: 'accountId = :id',
              ExpressionAttributeValues: { ':id': next.id },
            },
          },
        }),
      ),
  ];
  try {
    await transact(items);
  } catch (error) {
    if (await landed(error, items, 0, next)) return;
    throw explain(error, items, 0, next);
  }
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Accounts whose region lies under `regionCode` and whose fields equal `filter`, a page at a time. */
export function listAccountsUnder(
  regionCode: string,
  filter: Record<string, string | undefined>,
  limit: number,
  cursor?: string,
): Promise<Page<Account>> {
  return pageUnderRegion(TABLE, ACCOUNTS_BY_REGION, regionCode, filter, limit, cursor, (items) =>
    items.map(accountFromItem),
  );
}

/** An account's history, oldest first, a page at a time. */
export async function listHistory(
  id: string,
  limit: number,
  cursor?: string,
): Promise<Page<AccountHistoryEntry>> {
  const pk = `ACCOUNT#${id}`;
  const out = await dynamo.send(
    new QueryCommand({
      TableName: TABLE,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :history)',
      ExpressionAttributeValues: { ':pk': pk, ':history': 'HISTORY#' },
      ExclusiveStartKey: decodeCursor(cursor, ['pk', 'sk'], { pk, sk: { prefix: 'HISTORY#' } }),
      Limit: limit,
      ConsistentRead: true,
    }),
  );
  return {
    items: (out.Items ?? []).map((item) => withoutKeys<AccountHistoryEntry>(item)),
    nextCursor: encodeCursor(out.LastEvaluatedKey),
  };
}

function historyItem(id: string, entry: AccountHistoryEntry): Labelled {
  return {
    about: 'history',
    item: {
      Put: {
        TableName: TABLE,
        Item: { ...historyKey(id, entry.version), ...entry },
        // Append-only: an entry is written once and never replaced.
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
  };
}

function claimItem(claim: string, accountId: string): Labelled {
  return {
    about: `claim:${claim}`,
    item: {
      Put: {
        TableName: TABLE,
        Item: { ...claimKey(claim), accountId },
        ConditionExpression: 'attribute_not_exists(pk) OR accountId = :id',
        ExpressionAttributeValues: { ':id': accountId },
      },
    },
  };
}

/**
 * Writes the items in one transaction. A cancellation for a race alone (another transaction on
 * the same items, throttling) wrote nothing and is tried again, after which its conditions are
 * judged on what the other writer left; a failed condition is the caller's to explain.
 */
async function transact(items: Labelled[]): Promise<void> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
    try {
      await dynamo.send(
        new TransactWriteCommand({ TransactItems: items.map((labelled) => labelled.item) }),
      );
      return;
    } catch (error) {
      const codes = cancellationCodes(error);
      const race =
        (codes && !codes.includes('ConditionalCheckFailed') && onlyRaces(codes)) ||
        (error instanceof Error && error.name === 'TransactionConflictException');
      if (!race) throw error;
      if (attempt + 1 < ATTEMPTS) await backoff(attempt);
    }
  }
  throw new ServiceUnavailableError();
}

const ATTEMPTS = 8;

/**
 * Whether a write that failed on the account's own condition had in fact landed: the SDK sends a
 * request again when its answer is lost (a timeout on a busy table), and the second try then
 * finds the first one's account. It landed if the account is stored exactly as this write made
 * it.
 */
async function landed(
  error: unknown,
  items: Labelled[],
  offset: number,
  account: Account,
): Promise<boolean> {
  const codes = cancellationCodes(error)?.slice(offset);
  const accountFailed = codes
    ? items.some(({ about }, i) => about === 'account' && codes[i] === 'ConditionalCheckFailed')
    : error instanceof ConditionalCheckFailedException;
  if (!accountFailed) return false;
  const stored = await readAccount(account.id);
  return stored !== undefined && canonicalHash(stored) === canonicalHash(account);
}

/**
 * The domain error a cancelled transaction means, from the item whose condition failed (`offset`:
 * items before ours, such as an idempotency marker); anything else is returned as it is.
 */
function explain(error: unknown, items: Labelled[], offset: number, account: Account): unknown {
  if (error instanceof ConditionalCheckFailedException) return new PreconditionFailedError();
  const codes = cancellationCodes(error)?.slice(offset);
  if (!codes) return error;
  const failed = items.filter((_, i) => codes[i] === 'ConditionalCheckFailed');
  if (failed.some(({ about }) => about === 'account')) {
    return account.version === 1
      ? new ConflictError(`An account with id ${account.id} already exists.`)
      : new PreconditionFailedError();
  }
  for (const { about } of failed) {
    if (about.startsWith('claim:')) {
      const [kind, address] = about.slice('claim:'.length).split('#');
      const what = kind === 'email' ? 'email address' : 'mobile number';
      return new ConflictError(`The ${what} ${address} is already another account’s contact.`);
    }
  }
  return error;
}
