import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import {
  ASSESSMENT_TABLE_ENV,
  awardsPk,
  type FinalizedCycle,
  finalizedCycleFromItem,
  finalizedCyclesQuery,
  resultsFromItems,
  resultsQuery,
} from '#shared/assessment/published';
import { batchGet } from '#shared/db/batch';
import { dynamo, requireEnv } from '#shared/db/client';
import type { EntryResult } from '#shared/domain/assessment';
import type { ReportStatus } from '#shared/domain/supervision';
import type { ReadCounter } from '#shared/jobs/handler';
import { headKey, LEDGER_TABLE_ENV } from '#shared/ledger/published';
import { regionPrefix } from '#shared/regions/codes';
import {
  OVERDUE_LATEST_KEY,
  overdueRowsPrefix,
  overdueRunPk,
  reportKey,
  SUPERVISION_TABLE_ENV,
} from '#shared/supervision/published';

/*
 * What the rankings job reads from the other concerns' tables, with read-only grants and through
 * their published keys: chambers from registration (one query through its region index), each
 * chamber's chain head from the ledger, which carries its net totals per year (one item per
 * chamber, never a ledger entry), and the results of finalized assessment cycles.
 */
const LEDGER = requireEnv(LEDGER_TABLE_ENV);
const ASSESSMENT = requireEnv(ASSESSMENT_TABLE_ENV);
const SUPERVISION = requireEnv(SUPERVISION_TABLE_ENV);

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

/** Every item of a query, page after page. */
async function queryAll(
  input: ConstructorParameters<typeof QueryCommand>[0],
  counter: ReadCounter,
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const out = await dynamo.send(new QueryCommand({ ...input, ExclusiveStartKey: startKey }));
    counter.items += out.Items?.length ?? 0;
    items.push(...(out.Items ?? []));
    startKey = out.LastEvaluatedKey;
  } while (startKey);
  return items;
}

/**
 * The region of every row of the published overdue snapshot within the jurisdiction: liaisons
 * overdue for a visit, issues late for an answer (the row keys carry the region; nothing else is
 * read). Before the schedule's first run, none and `asOf` null.
 */
export async function overdueRows(jurisdiction: string, counter: ReadCounter) {
  const { Item: latest } = await dynamo.send(
    new GetCommand({ TableName: SUPERVISION, Key: OVERDUE_LATEST_KEY, ConsistentRead: true }),
  );
  counter.items += latest ? 1 : 0;
  if (!latest) return { asOf: null, visits: [], issues: [] };
  const rows = async (kind: 'LIAISON' | 'ISSUE') =>
    (
      await queryAll(
        {
          TableName: SUPERVISION,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: {
            ':pk': overdueRunPk(String(latest.run)),
            ':prefix': overdueRowsPrefix(kind, regionPrefix(jurisdiction) ?? jurisdiction),
          },
          ProjectionExpression: 'sk',
        },
        counter,
      )
    ).map((row) => String(row.sk).split('#')[1] as string);
  return { asOf: String(latest.asOf), visits: await rows('LIAISON'), issues: await rows('ISSUE') };
}

/** The status of each chamber's annual report for `year`, where there is one. */
export async function reportStatuses(
  chamberIds: string[],
  year: number,
  counter: ReadCounter,
): Promise<Map<string, ReportStatus>> {
  const keys = chamberIds.map((id) => reportKey(id, year));
  const found = (await batchGet({ [SUPERVISION]: keys }))[SUPERVISION] ?? [];
  counter.items += found.length;
  return new Map(
    found.map((item) => [String(item.pk).replace(/^CHAMBER#/, ''), item.status as ReportStatus]),
  );
}

/** The awards listed under a region (each once, whatever the year). */
export async function awardsUnder(region: string, counter: ReadCounter) {
  const items = await queryAll(
    {
      TableName: ASSESSMENT,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': awardsPk(region) },
      ProjectionExpression: '#level',
      ExpressionAttributeNames: { '#level': 'level' },
    },
    counter,
  );
  return items.map((item) => ({ level: String(item.level) }));
}
