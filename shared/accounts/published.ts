import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Account } from '#shared/contract/accounts';
import { byRegionKeys as regionKeys, underRegionCondition } from '#shared/db/by-region';
import { dynamo, requireEnv } from '#shared/db/client';
import { withoutKeys } from '#shared/db/items';

/*
 * What the accounts concern publishes for readers outside its function: the pre-token-generation
 * trigger (which reads an account with a read-only grant whenever a token is issued) and the
 * local runtime's sign-in (which lists accounts). Accounts' own store builds its keys from here
 * too, so there is one definition of where an account is.
 */

/** The environment variable that names the accounts table (set by bindTable). */
export const ACCOUNTS_TABLE_ENV = 'ACCOUNTS_TABLE';

export const accountKey = (id: string) => ({ pk: `ACCOUNT#${id}`, sk: 'PROFILE' });

/** Accounts are listed by region (shared/db/by-region.ts), as chambers are. */
export const ACCOUNTS_BY_REGION = 'ACCOUNTS';

/** Index keys of an account: partitioned by province, sorted by region code then id. */
export const byRegionKeys = (account: { id: string; regionCode: string }) =>
  regionKeys(ACCOUNTS_BY_REGION, account);

/** The key condition of a query for every account under `regionCode` (any level). */
export const accountsUnderCondition = (regionCode: string) =>
  underRegionCondition(ACCOUNTS_BY_REGION, regionCode);

export const accountFromItem = (item: Record<string, unknown>): Account =>
  withoutKeys<Account>(item);

/** An account (strongly consistent: a change a moment ago is what the next token carries). */
export async function readAccount(id: string): Promise<Account | undefined> {
  const { Item } = await dynamo.send(
    new GetCommand({
      TableName: requireEnv(ACCOUNTS_TABLE_ENV),
      Key: accountKey(id),
      ConsistentRead: true,
    }),
  );
  return Item ? accountFromItem(Item) : undefined;
}
