import {
  ConditionalCheckFailedException,
  TransactionConflictException,
} from '@aws-sdk/client-dynamodb';
import {
  GetCommand,
  QueryCommand,
  type QueryCommandOutput,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import {
  awardsPk,
  type FinalizedCycle,
  finalizedKey,
  RESULTS_PER_ITEM,
  resultsFromItems,
  resultsKey,
  resultsQuery,
} from '#shared/assessment/published';
import type { Award, Cycle, Review } from '#shared/contract/assessment';
import { dynamo } from '#shared/db/client';
import { decodeCursor, encodeCursor } from '#shared/db/cursor';
import { createOnce, type KeyedRequest } from '#shared/db/idempotency';
import type { EntryResult, RubricShape } from '#shared/domain/assessment';
import { ConflictError } from '#shared/http/errors';
import { regionPrefix } from '#shared/regions/codes';
import {
  MAX_ATTEMPTS,
  newItem,
  type Page,
  pause,
  putNew,
  queryPage,
  strip,
  TABLE,
  type TransactItems,
  transact,
} from './table';

export { readChamber, readChambers } from '#shared/registration/published';
export type { Page } from './table';

/*
 * The assessment table. Every key is built here (the published ones in
 * #shared/assessment/published, which rankings reads):
 *   rubric     pk RUBRIC             sk <rubricId>                        published by an FIC, never changed
 *   cycle      pk CYCLE#<id>         sk CYCLE                             byRegion: gsi1pk CYCLES#<province> gsi1sk <regionCode>#<year>#<id>
 *   self       pk CYCLE#<id>         sk ENTRY#<chamberId>#SELF            the chamber's self-assessment
 *   review     pk CYCLE#<id>         sk ENTRY#<chamberId>#REVIEW#<assessorId>   the assignment, then its review
 *                                                                         byAssessor: gsi2pk ASSESSOR#<assessorId> gsi2sk <cycleId>#<chamberId>
 *   veto       pk CYCLE#<id>         sk ENTRY#<chamberId>#VETO#<reason>   one per reason
 *   results    pk CYCLE#<id>         sk RESULTS#<0001…>                   written once, by finalize
 *   finalized  pk FINALIZED#<year>   sk <regionCode>#<finalizedAt>#<id>   written once, by finalize
 *   award      pk AWARDS#<region>    sk <year>#<level rank>#<chamberId>   one copy under every region
 *                                                                         above the chamber and one under AWARDS#*
 *   stars      pk CHAMBER#<id>       sk STARS#<year>                      Party-branch star rating
 *   its award  pk CHAMBER#<id>       sk AWARD#<year>#<level>              a copy of each award, under its
 *                                                                         chamber (read by the evidence)
 * Everything a cycle holds lies in its partition, so finalizing reads it with one query. A write
 * into a cycle is a transaction with a check that the cycle is still open: once finalize has
 * moved it on, nothing lands that its results would miss.
 * Rubrics, cycles and finalizing are read and written here; what goes into a cycle in
 * ./store-entries; awards and stars in ./store-awards; the DynamoDB plumbing in ./table.
 */
const rubricKey = (id: string) => ({ pk: 'RUBRIC', sk: id });
export const cycleKey = (id: string) => ({ pk: `CYCLE#${id}`, sk: 'CYCLE' });
const cycleIndex = (c: Pick<Cycle, 'id' | 'regionCode' | 'year'>) => ({
  gsi1pk: `CYCLES#${c.regionCode.slice(0, 2)}`,
  gsi1sk: `${c.regionCode}#${c.year}#${c.id}`,
});
export const entryPrefix = (chamberId?: string) => (chamberId ? `ENTRY#${chamberId}#` : 'ENTRY#');
export const selfKey = (cycleId: string, chamberId: string) => ({
  pk: `CYCLE#${cycleId}`,
  sk: `${entryPrefix(chamberId)}SELF`,
});
export const reviewKey = (cycleId: string, chamberId: string, assessorId: string) => ({
  pk: `CYCLE#${cycleId}`,
  sk: `${entryPrefix(chamberId)}REVIEW#${assessorId}`,
});
export const assessorIndex = (r: Pick<Review, 'cycleId' | 'chamberId' | 'assessorId'>) => ({
  gsi2pk: `ASSESSOR#${r.assessorId}`,
  gsi2sk: `${r.cycleId}#${r.chamberId}`,
});
export const vetoKey = (cycleId: string, chamberId: string, reason: string) => ({
  pk: `CYCLE#${cycleId}`,
  sk: `${entryPrefix(chamberId)}VETO#${reason}`,
});
export const LEVEL_RANK = { national: 3, province: 2, city: 1 } as const;
export const ALL_REGIONS = '*';
export const awardKey = (region: string, a: Pick<Award, 'year' | 'level' | 'chamberId'>) => ({
  pk: awardsPk(region),
  sk: `${a.year}#${LEVEL_RANK[a.level]}#${a.chamberId}`,
});
/** The copy of an award kept under its chamber: the evidence reads a chamber's by key. */
export const chamberAwardKey = (chamberId: string, year: number, level: Award['level']) => ({
  pk: `CHAMBER#${chamberId}`,
  sk: `AWARD#${year}#${level}`,
});
export const starsKey = (chamberId: string, year: number) => ({
  pk: `CHAMBER#${chamberId}`,
  sk: `STARS#${year}`,
});

/** An optimistic write: the item must still be at `expected` (0: must not exist yet). */
export const atVersion = (expected: number) =>
  expected === 0
    ? { expression: 'attribute_not_exists(pk)' }
    : { expression: 'version = :expected', values: { ':expected': expected } };

export type StoredCycle = Cycle & { rubric: RubricShape };
export type StoredReview = Review & { cycleRegionCode: string };
export type StoredAward = Omit<Award, 'current'> & { awardedBy: string };

// ——— rubrics ———

export async function getRubric(
  id: string,
): Promise<(RubricShape & Record<string, unknown>) | undefined> {
  const { Item } = await dynamo.send(new GetCommand({ TableName: TABLE, Key: rubricKey(id) }));
  return Item ? strip(Item) : undefined;
}

export async function insertRubric(
  rubric: Record<string, unknown> & { id: string },
): Promise<void> {
  await putNew({ ...rubricKey(rubric.id), ...rubric }, `A rubric ${rubric.id} already exists.`);
}

/** Published rubrics with ids after `after`, in id order, at most `limit`. */
export async function rubricsAfter(after: string | undefined, limit: number) {
  const out = await dynamo.send(
    new QueryCommand({
      TableName: TABLE,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': 'RUBRIC' },
      ExclusiveStartKey: after === undefined ? undefined : rubricKey(after),
      Limit: limit,
    }),
  );
  const items = (out.Items ?? []).map((i) => strip<RubricShape & Record<string, unknown>>(i));
  return { items, more: out.LastEvaluatedKey !== undefined };
}

export const rubricCursor = (id: string) => encodeCursor(rubricKey(id)) as string;
export const rubricAfter = (cursor: string | undefined) =>
  decodeCursor(cursor, ['pk', 'sk'], { pk: 'RUBRIC' })?.sk;

// ——— cycles ———

/**
 * Writes a new cycle. Under an Idempotency-Key (`keyed`, whose id the cycle carries) it is
 * written once: a retry writes nothing and is told 'replayed'.
 */
export async function insertCycle(
  cycle: StoredCycle,
  keyed?: KeyedRequest,
): Promise<'created' | 'replayed'> {
  const item = { ...cycleKey(cycle.id), ...cycleIndex(cycle), ...cycle };
  if (keyed) return createOnce(TABLE, keyed, [{ Put: newItem(item) }]);
  await putNew(item, 'The cycle exists.');
  return 'created';
}

export async function getCycle(id: string): Promise<StoredCycle | undefined> {
  const { Item } = await dynamo.send(
    new GetCommand({ TableName: TABLE, Key: cycleKey(id), ConsistentRead: true }),
  );
  return Item ? strip(Item) : undefined;
}

export async function listCyclesUnder(
  regionCode: string,
  year: number | undefined,
  limit: number,
  cursor?: string,
): Promise<Page<Cycle>> {
  const gsi1pk = `CYCLES#${regionCode.slice(0, 2)}`;
  const prefix = regionPrefix(regionCode) ?? regionCode;
  return queryPage<Cycle>(
    {
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :p AND begins_with(gsi1sk, :prefix)',
      ...(year !== undefined && {
        FilterExpression: '#year = :year',
        ExpressionAttributeNames: { '#year': 'year' },
      }),
      ExpressionAttributeValues: {
        ':p': gsi1pk,
        ':prefix': prefix,
        ...(year !== undefined && { ':year': year }),
      },
    },
    limit,
    decodeCursor(cursor, ['pk', 'sk', 'gsi1pk', 'gsi1sk'], { gsi1pk, gsi1sk: { prefix } }),
    (item) => {
      const { rubric: _rubric, ...cycle } = strip<StoredCycle>(item);
      return cycle;
    },
  );
}

/** The cycles opened for exactly `regionCode` (not those under it), newest year first. */
export async function listCyclesOf(regionCode: string, limit: number): Promise<Cycle[]> {
  const gsi1pk = `CYCLES#${regionCode.slice(0, 2)}`;
  const page = await queryPage<Cycle>(
    {
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :p AND begins_with(gsi1sk, :prefix)',
      ExpressionAttributeValues: { ':p': gsi1pk, ':prefix': `${regionCode}#` },
      ScanIndexForward: false,
    },
    limit,
    undefined,
    (item) => {
      const { rubric: _rubric, ...cycle } = strip<StoredCycle>(item);
      return cycle;
    },
  );
  return page.items;
}

// ——— finalizing ———

/**
 * Moves an open cycle to `finalizing`: from then on no write into it succeeds, so what
 * readEntries returns next is everything. Answers the status the cycle was found in.
 */
export async function beginFinalizing(cycleId: string): Promise<Cycle['status'] | undefined> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      await dynamo.send(
        new UpdateCommand({
          TableName: TABLE,
          Key: cycleKey(cycleId),
          UpdateExpression: 'SET #status = :finalizing',
          ConditionExpression: '#status = :open',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':open': 'open', ':finalizing': 'finalizing' },
        }),
      );
      return 'open';
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) {
        return (await getCycle(cycleId))?.status;
      }
      // The cycle is in a writer's transaction at this instant (its open check): try again.
      if (!(error instanceof TransactionConflictException) || attempt >= MAX_ATTEMPTS) throw error;
      await pause(attempt + 1);
    }
  }
}

/** The results, the published pointer and the status `finalized`, all in one transaction. */
export async function completeFinalizing(cycle: StoredCycle, results: EntryResult[]) {
  const finalizedAt = cycle.finalizedAt as string;
  const published: FinalizedCycle = {
    cycleId: cycle.id,
    regionCode: cycle.regionCode,
    year: cycle.year,
    rubricId: cycle.rubricId,
    finalizedAt,
    entries: results.length,
  };
  const chunks: TransactItems = [];
  for (let i = 0; i === 0 || i * RESULTS_PER_ITEM < results.length; i += 1) {
    const items = results.slice(i * RESULTS_PER_ITEM, (i + 1) * RESULTS_PER_ITEM);
    chunks.push({ Put: newItem({ ...resultsKey(cycle.id, i + 1), cycleId: cycle.id, items }) });
  }
  await transact(
    [
      {
        Update: {
          TableName: TABLE,
          Key: cycleKey(cycle.id),
          UpdateExpression: 'SET #status = :finalized, finalizedAt = :at',
          ConditionExpression: '#status = :finalizing',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':finalized': 'finalized',
            ':finalizing': 'finalizing',
            ':at': finalizedAt,
          },
        },
      },
      ...chunks,
      { Put: newItem({ ...finalizedKey(published), ...published }) },
    ],
    (reasons) =>
      reasons[0] === 'ConditionalCheckFailed'
        ? new ConflictError(`Cycle ${cycle.id} is already finalized.`)
        : undefined,
  );
}

export async function readResults(cycleId: string): Promise<EntryResult[]> {
  const chunks: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const out: QueryCommandOutput = await dynamo.send(
      new QueryCommand({
        TableName: TABLE,
        ...resultsQuery(cycleId),
        ConsistentRead: true,
        ExclusiveStartKey: startKey,
      }),
    );
    chunks.push(...(out.Items ?? []));
    startKey = out.LastEvaluatedKey;
  } while (startKey);
  return resultsFromItems(chunks);
}
