import { BatchGetCommand, BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from './client';

type Key = Record<string, unknown>;
type Item = Record<string, unknown>;

/** Full jitter, growing to `capMs`: retried requests spread out instead of colliding again. */
export const backoff = (attempt: number, capMs = 250) =>
  new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(capMs, 10 * 2 ** attempt)));

/**
 * Reads many items, from one table or several, 100 keys a request (BatchGetItem's limit), asking
 * again for the UnprocessedKeys DynamoDB hands back under throttling. Items come back per table;
 * a key with no item is simply absent.
 */
export async function batchGet(
  keys: Record<string, Key[]>,
  options: { consistent?: boolean } = {},
): Promise<Record<string, Item[]>> {
  const found: Record<string, Item[]> = Object.fromEntries(Object.keys(keys).map((t) => [t, []]));
  const pending = Object.entries(keys).flatMap(([table, list]) =>
    list.map((key) => ({ table, key })),
  );
  for (let i = 0; i < pending.length; i += 100) {
    let request: Record<string, { Keys: Key[]; ConsistentRead?: boolean }> | undefined = {};
    for (const { table, key } of pending.slice(i, i + 100)) {
      request[table] ??= { Keys: [], ConsistentRead: options.consistent ?? false };
      request[table].Keys.push(key);
    }
    for (let attempt = 0; request && Object.keys(request).length > 0; attempt += 1) {
      if (attempt > 0) await backoff(attempt);
      const out = await dynamo.send(new BatchGetCommand({ RequestItems: request }));
      for (const [table, items] of Object.entries(out.Responses ?? {}))
        found[table]?.push(...items);
      request = out.UnprocessedKeys as typeof request;
    }
  }
  return found;
}

export type WriteRequest = { PutRequest: { Item: Item } } | { DeleteRequest: { Key: Key } };

/** Puts and deletes in one table, 25 a request, sending again the UnprocessedItems. */
export async function batchWrite(table: string, requests: WriteRequest[]): Promise<void> {
  for (let i = 0; i < requests.length; i += 25) {
    let batch: WriteRequest[] | undefined = requests.slice(i, i + 25);
    for (let attempt = 0; batch && batch.length > 0; attempt += 1) {
      if (attempt > 0) await backoff(attempt, 500);
      const out = await dynamo.send(new BatchWriteCommand({ RequestItems: { [table]: batch } }));
      batch = out.UnprocessedItems?.[table] as WriteRequest[] | undefined;
    }
  }
}

export const puts = (items: Item[]): WriteRequest[] =>
  items.map((Item) => ({ PutRequest: { Item } }));

/**
 * What one concern reads of a combined BatchGetItem: the keys it needs in a table (each table
 * keyed by pk and sk), and what it makes of the items found, given in the order of its keys
 * (undefined where no item exists).
 */
export interface KeyedRead<T> {
  table: string;
  keys: Key[];
  read(items: (Item | undefined)[]): T;
}

type ReadResults<R extends readonly KeyedRead<unknown>[]> = {
  -readonly [K in keyof R]: R[K] extends KeyedRead<infer T> ? T : never;
};

/**
 * Several reads, of one table or several, in one BatchGetItem (up to 100 keys; more take one
 * request per 100): each read gets its own items back. A key two reads share is asked for once.
 */
export async function readTogether<const R extends readonly KeyedRead<unknown>[]>(
  reads: R,
  options: { consistent?: boolean } = {},
): Promise<ReadResults<R>> {
  const keyOf = (table: string, key: Key) => `${table}\u0000${key.pk}\u0000${key.sk}`;
  const wanted = new Map<string, { table: string; key: Key }>();
  for (const { table, keys } of reads) {
    for (const key of keys) wanted.set(keyOf(table, key), { table, key });
  }
  const byTable: Record<string, Key[]> = {};
  for (const { table, key } of wanted.values()) byTable[table] = [...(byTable[table] ?? []), key];
  const found = new Map<string, Item>();
  for (const [table, items] of Object.entries(await batchGet(byTable, options))) {
    for (const item of items) found.set(keyOf(table, item), item);
  }
  return reads.map(({ table, keys, read }) =>
    read(keys.map((key) => found.get(keyOf(table, key)))),
  ) as ReadResults<R>;
}
