import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { dynamo, requireEnv } from '#shared/db/client';
import type { EntryResult } from '#shared/domain/assessment';
import { regionPrefix } from '#shared/regions/codes';

/*
 * What the assessment concern publishes for the other concerns (rankings), which read its
 * table with a read-only grant: where a finalized cycle's results are and how to read them,
 * without scanning. The assessment store builds these keys from here too.
 *
 *   finalized cycle  pk FINALIZED#<year>   sk <regionCode>#<finalizedAt>#<cycleId>
 *                    { cycleId, regionCode, year, rubricId, finalizedAt, entries }
 *   results          pk CYCLE#<cycleId>    sk RESULTS#<0001…>   { items: EntryResult[] }
 *
 * Both are written in the one transaction that finalizes a cycle, and never change after.
 * The results of a cycle are split into chunks of RESULTS_PER_ITEM, in rank order: eligible
 * entries by competition rank, then the ineligible ones (rank null).
 */

/** Awards are listed under every region they count in: one query reads a region's. */
export const awardsPk = (region: string) => `AWARDS#${region}`;

/** The environment variable that names the assessment table (set by bindTable). */
export const ASSESSMENT_TABLE_ENV = 'ASSESSMENT_TABLE';
export const RESULTS_PER_ITEM = 500;

export interface FinalizedCycle {
  cycleId: string;
  regionCode: string;
  year: number;
  rubricId: string;
  finalizedAt: string;
  entries: number;
}

export const finalizedKey = (cycle: FinalizedCycle) => ({
  pk: `FINALIZED#${cycle.year}`,
  sk: `${cycle.regionCode}#${cycle.finalizedAt}#${cycle.cycleId}`,
});

export const resultsKey = (cycleId: string, chunk: number) => ({
  pk: `CYCLE#${cycleId}`,
  sk: `RESULTS#${String(chunk).padStart(4, '0')}`,
});

type Query = Omit<QueryCommandInput, 'TableName'>;

/**
 * The finalized cycles of a year whose region is `regionCode` exactly (or, with `under`, any
 * region within it), newest first. Limit 1 without `under` is "the latest finalized cycle".
 */
export function finalizedCyclesQuery(
  regionCode: string,
  year: number,
  options: { under?: boolean } = {},
): Query {
  return {
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :region)',
    ExpressionAttributeValues: {
      ':pk': `FINALIZED#${year}`,
      ':region': options.under ? (regionPrefix(regionCode) ?? regionCode) : `${regionCode}#`,
    },
    ScanIndexForward: false,
  };
}

/** Every results chunk of a cycle, in order. */
export function resultsQuery(cycleId: string): Query {
  return {
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :results)',
    ExpressionAttributeValues: { ':pk': `CYCLE#${cycleId}`, ':results': 'RESULTS#' },
  };
}

export function finalizedCycleFromItem(item: Record<string, unknown>): FinalizedCycle {
  const { pk: _pk, sk: _sk, ...cycle } = item;
  return cycle as unknown as FinalizedCycle;
}

/** The items of a cycle's results chunks (as resultsQuery returns them), in rank order. */
export function resultsFromItems(items: readonly Record<string, unknown>[]): EntryResult[] {
  return [...items]
    .sort((a, b) => (String(a.sk) < String(b.sk) ? -1 : 1))
    .flatMap((item) => item.items as EntryResult[]);
}

/**
 * The results of the latest finalized cycle of exactly this region and year, or undefined
 * when none is finalized: one query for the cycle, one (paged) for its results.
 */
export async function readLatestResults(
  regionCode: string,
  year: number,
): Promise<{ cycle: FinalizedCycle; items: EntryResult[] } | undefined> {
  const TableName = requireEnv(ASSESSMENT_TABLE_ENV);
  const latest = await dynamo.send(
    new QueryCommand({ TableName, ...finalizedCyclesQuery(regionCode, year), Limit: 1 }),
  );
  const found = latest.Items?.[0];
  if (!found) return undefined;
  const cycle = finalizedCycleFromItem(found);
  const chunks: Record<string, unknown>[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const out = await dynamo.send(
      new QueryCommand({ TableName, ...resultsQuery(cycle.cycleId), ExclusiveStartKey }),
    );
    chunks.push(...(out.Items ?? []));
    ExclusiveStartKey = out.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return { cycle, items: resultsFromItems(chunks) };
}
