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
import {
  type Changes,
  DIMENSIONS,
  type Figures,
  legacyAttribute,
  type Member,
  type MemberCount,
  type TotalKey,
} from '#shared/domain/ledger';
import { ServiceUnavailableError } from '#shared/http/errors';
import { headKey, LEDGER_TABLE_ENV } from '#shared/ledger/published';
import {
  chamberFromItem,
  chamberKey,
  REGISTRATION_TABLE_ENV,
} from '#shared/registration/published';
import {
  auditKey,
  entryKey,
  idempotencyKey,
  type Key,
  keyId,
  memberKey,
  reversedKey,
  totalKey,
} from './keys';
import { countHolds, stillCounts, Update } from './update';

/*
 * The ledger table's adapter (its keys: keys.ts). An append writes the entry, the head, the
 * idempotency record, every total and every member it changes in one transaction.
 */
const TABLE = requireEnv(LEDGER_TABLE_ENV);
const REGISTRATION = requireEnv(REGISTRATION_TABLE_ENV);

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

/**
 * The counts an entry's changes are computed from, as read: its members, and those of its totals
 * that were read. A key read and not found is there as undefined. A total not read is taken to
 * hold no old counter for the entry's values (none does once the backfill has run): the write's
 * condition on that counter checks it, and a total that does hold one is read on the next try.
 */
export class Counts {
  private readonly items = new Map<string, Record<string, unknown> | undefined>();

  /** Every key of `totals` and `members` that was not read yet. */
  missing(totals: TotalKey[], members: Member[]): Key[] {
    return [...totals.map(totalKey), ...members.map(memberKey)].filter(
      (k) => !this.items.has(keyId(k)),
    );
  }

  record(keys: Key[], found: Map<string, Record<string, unknown>>): void {
    for (const k of keys) this.items.set(keyId(k), found.get(keyId(k)));
  }

  /** A member's own count for `campaign` and that total's old counter for it (either absent: 0). */
  countOf = (member: Member, campaign: string): MemberCount => {
    const id = keyId(memberKey(member));
    if (!this.items.has(id)) throw new Error(`${id} was never read`);
    const total = this.items.get(
      keyId(totalKey({ region: member.region, campaign, year: member.year })),
    );
    return {
      count: Number(this.items.get(id)?.[campaign] ?? 0),
      legacy: Number(total?.[legacyAttribute(member.dimension, member.value)] ?? 0),
    };
  };
}

/** Everything an append needs to know, read in one BatchGetItem across both tables. */
export interface AppendContext {
  chamber: Chamber | undefined;
  head: Head | undefined;
  answer: StoredAnswer | undefined;
  original?: LedgerEntry | undefined;
  reversed?: boolean;
  counts: Counts;
}

/**
 * Reads the chamber, its head, the idempotency record (and for a reversal the original and its
 * mark) together with the totals and members the caller expects the entry to change, in one
 * BatchGetItem: the deepest region chain (a village chamber, a village pairing) makes 3 + 20
 * totals + 30 members (+ 2 for a reversal) = 55 keys at most, inside the request's limit of 100.
 */
export async function readContext(
  chamberId: string,
  scope: string,
  key: string,
  original?: { chamberId: string; seq: number },
  expected: { totals: TotalKey[]; members: Member[] } = { totals: [], members: [] },
): Promise<AppendContext> {
  const counts = new Counts();
  const countKeys = counts.missing(expected.totals, expected.members);
  const ledgerKeys: Key[] = [headKey(chamberId), idempotencyKey(scope, key), ...countKeys];
  if (original)
    ledgerKeys.push(
      entryKey(original.chamberId, original.seq),
      reversedKey(original.chamberId, original.seq),
    );
  const found = await readAll({ [TABLE]: ledgerKeys, [REGISTRATION]: [chamberKey(chamberId)] });
  counts.record(countKeys, found);
  const chamberItem = found.get(keyId(chamberKey(chamberId)));
  return {
    chamber: chamberItem ? chamberFromItem(chamberItem) : undefined,
    head: found.get(keyId(headKey(chamberId))) as Head | undefined,
    answer: found.get(keyId(idempotencyKey(scope, key))) as StoredAnswer | undefined,
    ...(original && {
      original: stripKeys(found.get(keyId(entryKey(original.chamberId, original.seq)))) as
        | LedgerEntry
        | undefined,
      reversed: found.has(keyId(reversedKey(original.chamberId, original.seq))),
    }),
    counts,
  };
}

/** Reads the totals and members an entry changes that `counts` does not hold yet. */
export async function readCounts(
  counts: Counts,
  totals: TotalKey[],
  members: Member[],
): Promise<void> {
  const keys = counts.missing(totals, members);
  if (keys.length > 0) counts.record(keys, await readAll({ [TABLE]: keys }));
}

async function readAll(keys: Record<string, Key[]>) {
  const read = await batchGet(keys, { consistent: true });
  return new Map(
    Object.values(read)
      .flat()
      .map((item) => [keyId(item as Key), item]),
  );
}

export async function readAnswer(scope: string, key: string): Promise<StoredAnswer | undefined> {
  const { Item } = await dynamo.send(
    new GetCommand({ TableName: TABLE, Key: idempotencyKey(scope, key), ConsistentRead: true }),
  );
  return Item as StoredAnswer | undefined;
}

export type AppendOutcome =
  | 'appended'
  | 'lost-race'
  | 'answered-elsewhere'
  | 'already-reversed'
  /** A total still holds an old counter for the entry's values: read the totals and retry. */
  | 'old-counters';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/**
 * Appends `entry` as seq n after a head at n−1, in one transaction with its head, its
 * idempotency record, every total and member it changes and (for a reversal) the mark on the
 * original. A lost race (another append got there first, a count changed since it was read, or
 * a transaction conflict) is an outcome, not an error: the caller reads again and retries.
 */
export async function append(args: {
  entry: LedgerEntry;
  previousSeq: number;
  changes: Changes;
  /** The entry's own sums, kept on the head per year (rankings). */
  sums: Pick<Figures, (typeof SUMS)[number]>;
  headTotals: string[];
  answer: { scope: string; key: string; requestHash: string; status: number };
  reverses?: { chamberId: string; seq: number };
  attempt: number;
}): Promise<AppendOutcome> {
  const { entry, previousSeq, answer } = args;
  const head = new Update().set('seq', entry.seq).set('hash', entry.hash);
  for (const prefix of args.headTotals) head.addAll(args.sums, SUMS, prefix);
  // Entry n is appended only onto head n−1: the chain can grow only in a line.
  head.when((name, value) =>
    previousSeq === 0 ? 'attribute_not_exists(pk)' : `${name('seq')} = ${value(previousSeq)}`,
  );
  const items: TransactItem[] = [
    {
      Put: {
        TableName: TABLE,
        Item: { ...entryKey(entry.chamberId, entry.seq), ...entry },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    { Update: { TableName: TABLE, Key: headKey(entry.chamberId), ...head.build() } },
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
    ...countWrites(TABLE, args.changes),
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
      // The totals follow the entry, its head and its idempotency record (countWrites).
      const totals = reasons.slice(3, 3 + args.changes.totals.length);
      if (totals.some((reason) => reason.Code === 'ConditionalCheckFailed')) return 'old-counters';
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

export async function getTotal(total: TotalKey) {
  const { Item } = await dynamo.send(
    // Strongly consistent: the totals are exact the moment a donation's POST has answered.
    new GetCommand({ TableName: TABLE, Key: totalKey(total), ConsistentRead: true }),
  );
  return Item;
}

/** Several totals in one read, in the order asked, strongly consistent like getTotal (a total
 * named twice is read once; one never written is undefined). */
export async function getTotals(totals: TotalKey[]) {
  const keys = totals.map(totalKey);
  const unique = [...new Map(keys.map((key) => [`${key.pk}|${key.sk}`, key])).values()];
  const found = (await batchGet({ [TABLE]: unique }, { consistent: true }))[TABLE] ?? [];
  const byKey = new Map(found.map((item) => [`${item.pk}|${item.sk}`, item]));
  return keys.map((key) => byKey.get(`${key.pk}|${key.sk}`));
}

const SUMS = ['amountFen', 'entries', 'peopleHelped'] as const;

/** The nightly audit's latest result (functions/ledger/audit-store.ts writes it). */
export async function getLatestAudit(): Promise<Record<string, unknown> | undefined> {
  const { Item } = await dynamo.send(new GetCommand({ TableName: TABLE, Key: auditKey }));
  return Item && withoutKeys<Record<string, unknown>>(Item);
}

/**
 * The writes of an entry's changes to its totals and members, each under the condition that
 * what it was computed from still holds: a member's count as read, a total's old counters as
 * read. Anything else may have changed in between (other entries' sums are ADDed alike).
 */
export function countWrites(table: string, changes: Changes): TransactItem[] {
  const totals = changes.totals.map(({ total, add, legacy }): TransactItem => {
    const update = new Update().addAll(add, SUMS).addAll(add, DIMENSIONS);
    for (const counter of legacy) update.when(stillCounts(counter.attribute, counter.count));
    return { Update: { TableName: table, Key: totalKey(total), ...update.build() } };
  });
  const members = changes.members.map(({ member, counts }): TransactItem => {
    // A count known to reach 0 is removed; a member left with none stays as an empty item.
    const update = new Update();
    for (const { campaign, from, add, holds } of counts) {
      if ('exactly' in holds && from + add === 0) update.remove(campaign);
      else update.add(campaign, add);
      update.when(countHolds(campaign, holds));
    }
    return { Update: { TableName: table, Key: memberKey(member), ...update.build() } };
  });
  return [...totals, ...members];
}

function stripKeys(item: Record<string, unknown> | undefined) {
  return item && withoutKeys<Record<string, unknown>>(item);
}
