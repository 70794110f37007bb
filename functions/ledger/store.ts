import { createHash } from 'node:crypto';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type { LedgerEntry } from '#shared/contract/ledger';
import type { Chamber } from '#shared/contract/registration';
import { batchGet } from '#shared/db/batch';
import { dynamo, requireEnv } from '#shared/db/client';
import { decodeCursor, encodeCursor } from '#shared/db/cursor';
import { withoutKeys } from '#shared/db/items';
import type { Delta, totalKeys } from '#shared/domain/ledger';
import { ServiceUnavailableError } from '#shared/http/errors';
import { headKey, LEDGER_TABLE_ENV } from '#shared/ledger/published';
import {
  chamberFromItem,
  chamberKey,
  REGISTRATION_TABLE_ENV,
} from '#shared/registration/published';
import { Update } from './update';

/*
 * The ledger table. Every key is built here:
 *   entry        pk CHAMBER#<id>           sk ENTRY#<seq, 10 digits>   never updated or deleted
 *   chain head   pk CHAMBER#<id>           sk HEAD                     seq, hash, and the chamber's
 *                                                                      net totals per year (rankings)
 *   reversed     pk CHAMBER#<id>           sk REVERSED#<seq>           a donation is reversed once
 *   idempotency  pk IDEMPOTENCY#<scope>    sk <key>                    the first answer, kept
 *   total        pk TOTAL#<region>         sk <campaign|*>#<year|*>    sums and distinct counters
 * An append writes the entry, the head, the idempotency record and every total in one
 * transaction: all of it happens, or none.
 */
const TABLE = requireEnv(LEDGER_TABLE_ENV);
const REGISTRATION = requireEnv(REGISTRATION_TABLE_ENV);

const entryKey = (chamberId: string, seq: number) => ({
  pk: `CHAMBER#${chamberId}`,
  sk: `ENTRY#${String(seq).padStart(10, '0')}`,
});
const reversedKey = (chamberId: string, seq: number) => ({
  pk: `CHAMBER#${chamberId}`,
  sk: `REVERSED#${seq}`,
});
const idempotencyKey = (scope: string, key: string) => ({ pk: `IDEMPOTENCY#${scope}`, sk: key });
export const totalKey = (region: string, campaign: string, year: string) => ({
  pk: `TOTAL#${region}`,
  sk: `${campaign}#${year}`,
});

export interface Head {
  seq: number;
  hash: string;
  [total: string]: unknown;
}
export interface StoredAnswer {
  requestHash: string;
  status: number;
  body: unknown;
}

/** Everything an append needs to know, read in one BatchGetItem across both tables. */
export interface AppendContext {
  chamber: Chamber | undefined;
  head: Head | undefined;
  answer: StoredAnswer | undefined;
  original?: LedgerEntry | undefined;
  reversed?: boolean;
}

export async function readContext(
  chamberId: string,
  scope: string,
  key: string,
  original?: { chamberId: string; seq: number },
): Promise<AppendContext> {
  const ledgerKeys: Record<string, string>[] = [headKey(chamberId), idempotencyKey(scope, key)];
  if (original)
    ledgerKeys.push(
      entryKey(original.chamberId, original.seq),
      reversedKey(original.chamberId, original.seq),
    );
  const read = await batchGet(
    { [TABLE]: ledgerKeys, [REGISTRATION]: [chamberKey(chamberId)] },
    { consistent: true },
  );
  const found = Object.values(read).flat();
  const byKey = new Map(found.map((item) => [`${item.pk}|${item.sk}`, item]));
  const get = (k: Record<string, string>) => byKey.get(`${k.pk}|${k.sk}`);
  const chamberItem = get(chamberKey(chamberId));
  return {
    chamber: chamberItem ? chamberFromItem(chamberItem) : undefined,
    head: get(headKey(chamberId)) as Head | undefined,
    answer: get(idempotencyKey(scope, key)) as StoredAnswer | undefined,
    ...(original && {
      original: stripKeys(get(entryKey(original.chamberId, original.seq))) as
        | LedgerEntry
        | undefined,
      reversed: get(reversedKey(original.chamberId, original.seq)) !== undefined,
    }),
  };
}

export async function readAnswer(scope: string, key: string): Promise<StoredAnswer | undefined> {
  const { Item } = await dynamo.send(
    new GetCommand({ TableName: TABLE, Key: idempotencyKey(scope, key), ConsistentRead: true }),
  );
  return Item as StoredAnswer | undefined;
}

export type AppendOutcome = 'appended' | 'lost-race' | 'answered-elsewhere' | 'already-reversed';

/**
 * Appends `entry` as seq n after a head at n−1, in one transaction with its head, its
 * idempotency record, every total it changes and (for a reversal) the mark on the original.
 * A lost race (another append got there first, or a transaction conflict) is an outcome, not an
 * error: the caller reads again and retries.
 */
export async function append(args: {
  entry: LedgerEntry;
  previousSeq: number;
  delta: Delta;
  totals: ReturnType<typeof totalKeys>;
  headTotals: string[];
  answer: { scope: string; key: string; requestHash: string; status: number };
  reverses?: { chamberId: string; seq: number };
  attempt: number;
}): Promise<AppendOutcome> {
  const { entry, previousSeq, delta, answer } = args;
  const head = new Update()
    .set('seq', entry.seq)
    .set('hash', entry.hash)
    .addSums(delta, args.headTotals)
    // Entry n is appended only onto head n−1: the chain can grow only in a line.
    .when((name, value) =>
      previousSeq === 0 ? 'attribute_not_exists(pk)' : `${name('seq')} = ${value(previousSeq)}`,
    )
    .build();
  const items: NonNullable<TransactWriteCommandInput['TransactItems']> = [
    {
      Put: {
        TableName: TABLE,
        Item: { ...entryKey(entry.chamberId, entry.seq), ...entry },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    { Update: { TableName: TABLE, Key: headKey(entry.chamberId), ...head } },
    {
      Put: {
        TableName: TABLE,
        Item: {
          ...idempotencyKey(answer.scope, answer.key),
          requestHash: answer.requestHash,
          status: answer.status,
          body: entry,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    ...args.totals.map((t) => ({
      Update: {
        TableName: TABLE,
        Key: totalKey(t.region, t.campaign, t.year),
        ...new Update().addSums(delta, ['']).addDistinct(delta).build(),
      },
    })),
  ];
  if (args.reverses) {
    items.push({
      Put: {
        TableName: TABLE,
        Item: { ...reversedKey(args.reverses.chamberId, args.reverses.seq), reversalId: entry.id },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    });
  }
  try {
    await dynamo.send(
      new TransactWriteCommand({
        TransactItems: items,
        // Derived from the idempotency key and this attempt: an SDK retry of a transaction that
        // did apply (its answer lost on the way back) is recognised by DynamoDB and not re-applied,
        // while the next attempt after a lost race is a new transaction.
        ClientRequestToken: createHash('sha256')
          .update(
            `${answer.scope}\u0000${answer.key}\u0000${entry.seq}\u0000${entry.recordedAt}\u0000${args.attempt}`,
          )
          .digest('hex')
          .slice(0, 36),
      }),
    );
    return 'appended';
  } catch (error) {
    if (error instanceof TransactionCanceledException) {
      const reasons = error.CancellationReasons ?? [];
      if (reasons[2]?.Code === 'ConditionalCheckFailed') return 'answered-elsewhere';
      if (args.reverses && reasons[items.length - 1]?.Code === 'ConditionalCheckFailed') {
        return 'already-reversed';
      }
      // Another writer moved the head first, or touched the same totals at the same time:
      // read again and retry. Anything else (throttling, a validation error) is not a race.
      const codes = reasons.map((reason) => reason.Code ?? 'None');
      if (codes.every((code) => RACE_CODES.has(code))) return 'lost-race';
      if (codes.includes('ThrottlingError')) throw new ServiceUnavailableError();
      throw error;
    }
    if (error instanceof Error && RACE_ERRORS.has(error.name)) return 'lost-race';
    throw error;
  }
}

const RACE_CODES = new Set(['None', 'ConditionalCheckFailed', 'TransactionConflict']);
/** Raised outside a cancellation when a transaction collides with another one in flight. */
const RACE_ERRORS = new Set([
  'IdempotentParameterMismatchException',
  'TransactionConflictException',
  'TransactionInProgressException',
]);

export async function getEntry(chamberId: string, seq: number): Promise<LedgerEntry | undefined> {
  const { Item } = await dynamo.send(
    new GetCommand({ TableName: TABLE, Key: entryKey(chamberId, seq), ConsistentRead: true }),
  );
  return stripKeys(Item) as LedgerEntry | undefined;
}

export async function isReversed(chamberId: string, seq: number): Promise<boolean> {
  const { Item } = await dynamo.send(
    new GetCommand({ TableName: TABLE, Key: reversedKey(chamberId, seq), ConsistentRead: true }),
  );
  return Item !== undefined;
}

/** A chamber's entries in chain order, a page at a time, optionally of one campaign or year. */
export async function listEntries(
  chamberId: string,
  limit: number,
  cursor?: string,
  filter: { campaign?: string | undefined; year?: number | undefined } = {},
): Promise<{ items: LedgerEntry[]; nextCursor: string | null }> {
  const pk = `CHAMBER#${chamberId}`;
  const conditions: string[] = [];
  const values: Record<string, unknown> = { ':pk': pk, ':entry': 'ENTRY#' };
  if (filter.campaign) {
    conditions.push('campaign = :campaign');
    values[':campaign'] = filter.campaign;
  }
  if (filter.year !== undefined) {
    conditions.push('begins_with(occurredOn, :year)');
    values[':year'] = `${filter.year}-`;
  }
  const items: LedgerEntry[] = [];
  let startKey = decodeCursor(cursor, ['pk', 'sk'], { pk, sk: { prefix: 'ENTRY#' } });
  // A filter applies after DynamoDB's page limit, so keep reading until the page is full.
  do {
    const out = await dynamo.send(
      new QueryCommand({
        TableName: TABLE,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :entry)',
        FilterExpression: conditions.length > 0 ? conditions.join(' AND ') : undefined,
        ExpressionAttributeValues: values,
        ExclusiveStartKey: startKey,
        Limit: limit - items.length,
        ConsistentRead: true,
      }),
    );
    items.push(...(out.Items ?? []).map((item) => stripKeys(item) as LedgerEntry));
    startKey = out.LastEvaluatedKey as typeof startKey;
  } while (startKey && items.length < limit);
  return { items, nextCursor: encodeCursor(startKey) };
}

/** Every entry of a chamber, in order, for verification (read once, a page at a time). */
export async function* allEntries(chamberId: string): AsyncGenerator<LedgerEntry> {
  let cursor: string | undefined;
  do {
    const page = await listEntries(chamberId, 100, cursor);
    yield* page.items;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}

export async function getHead(chamberId: string): Promise<Head | undefined> {
  const { Item } = await dynamo.send(
    new GetCommand({ TableName: TABLE, Key: headKey(chamberId), ConsistentRead: true }),
  );
  return Item as Head | undefined;
}

export async function getTotal(region: string, campaign: string, year: string) {
  const { Item } = await dynamo.send(
    // Strongly consistent: the totals are exact the moment a donation's POST has answered.
    new GetCommand({
      TableName: TABLE,
      Key: totalKey(region, campaign, year),
      ConsistentRead: true,
    }),
  );
  return Item;
}

/** Several totals of one region and year (one per campaign), in the order asked, strongly
 * consistent like getTotal; a total never written is undefined. */
export async function getTotals(region: string, campaigns: string[], year: string) {
  const keys = campaigns.map((campaign) => totalKey(region, campaign, year));
  const found = (await batchGet({ [TABLE]: keys }, { consistent: true }))[TABLE] ?? [];
  const bySk = new Map(found.map((item) => [String(item.sk), item]));
  return keys.map((key) => bySk.get(key.sk));
}

function stripKeys(item: Record<string, unknown> | undefined) {
  return item && withoutKeys<Record<string, unknown>>(item);
}
