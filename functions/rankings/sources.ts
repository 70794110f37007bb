import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import {
  ASSESSMENT_TABLE_ENV,
  type FinalizedCycle,
  finalizedCycleFromItem,
  finalizedCyclesQuery,
  resultsFromItems,
  resultsQuery,
} from '#shared/assessment/published';
import { batchGet } from '#shared/db/batch';
import { dynamo, requireEnv } from '#shared/db/client';
import type { EntryResult } from '#shared/domain/assessment';
import type { ReadCounter } from '#shared/jobs/handler';
import { headKey, LEDGER_TABLE_ENV } from '#shared/ledger/published';

/*
 * What the rankings job reads from the other concerns' tables, with read-only grants and through
 * their published keys: chambers from registration (one query through its region index), each
 * chamber's chain head from the ledger, which carries its net totals per year (one item per
 * chamber, never a ledger entry), and the results of finalized assessment cycles.
 */
const LEDGER = requireEnv(LEDGER_TABLE_ENV);
const ASSESSMENT = requireEnv(ASSESSMENT_TABLE_ENV);

export { allChambersUnder as chambersUnder } from '#shared/registration/published';

/** The ledger's chain head of each chamber (it carries the chamber's net totals per year). */
export async function ledgerHeads(
  chamberIds: string[],
  counter: ReadCounter,
): Promise<Map<string, Record<string, unknown>>> {
  const found = (await batchGet({ [LEDGER]: chamberIds.map(headKey) }))[LEDGER] ?? [];
  counter.items += found.length;
  return new Map(found.map((head) => [String(head.pk).replace(/^CHAMBER#/, ''), head]));
}

/**
 * The finalized assessment cycles of a year anywhere within the jurisdiction, newest first,
 * through the key layout the assessment concern publishes (one query a year, never a scan).
 */
export async function finalizedCycles(
  jurisdiction: string,
  year: number,
  counter: ReadCounter,
): Promise<FinalizedCycle[]> {
  const cycles: FinalizedCycle[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const out = await dynamo.send(
      new QueryCommand({
        TableName: ASSESSMENT,
        ...finalizedCyclesQuery(jurisdiction, year, { under: true }),
        ExclusiveStartKey: startKey,
      }),
    );
    counter.items += out.Items?.length ?? 0;
    cycles.push(...(out.Items ?? []).map(finalizedCycleFromItem));
    startKey = out.LastEvaluatedKey;
  } while (startKey);
  return cycles.sort((a, b) => (a.finalizedAt < b.finalizedAt ? 1 : -1));
}

/** A finalized cycle's results, in rank order. */
export async function cycleResults(cycleId: string, counter: ReadCounter): Promise<EntryResult[]> {
  const chunks: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const out = await dynamo.send(
      new QueryCommand({
        TableName: ASSESSMENT,
        ...resultsQuery(cycleId),
        ExclusiveStartKey: startKey,
      }),
    );
    counter.items += out.Items?.length ?? 0;
    chunks.push(...(out.Items ?? []));
    startKey = out.LastEvaluatedKey;
  } while (startKey);
  return resultsFromItems(chunks);
}
