import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Dashboard, Ranking, RankingItem, RankingMetric } from '#shared/contract/rankings';
import { batchWrite, puts } from '#shared/db/batch';
import { dynamo, requireEnv } from '#shared/db/client';
import { decodeCursor, encodeCursor } from '#shared/db/cursor';

/*
 * The rankings table, written only by the rankings job. Every key is built here:
 *   run    pk RANKING#<metric>#<region>#<year>  sk RUN#<computedAt>          one per published snapshot
 *   page   pk RANKING#<metric>#<region>#<year>  sk PAGE#<computedAt>#<n>     its items, 500 a page
 *   dashboard  pk DASHBOARD#<region>  sk LATEST                       FIC staff's figures, replaced
 *                                                                      by every run
 * A snapshot is never changed once written, so a published ranking can be shown again exactly.
 */
const TABLE = requireEnv('RANKINGS_TABLE');
const PAGE_SIZE = 500;

const partition = (metric: RankingMetric, region: string, year: number) =>
  `RANKING#${metric}#${region}#${year}`;

/** Writes one snapshot: its pages, then the run item that makes it visible. */
export async function writeSnapshot(ranking: Ranking & { computedAt: string }): Promise<number> {
  const pk = partition(ranking.metric, ranking.regionCode, ranking.year);
  const pages: RankingItem[][] = [];
  for (let i = 0; i < ranking.items.length; i += PAGE_SIZE)
    pages.push(ranking.items.slice(i, i + PAGE_SIZE));
  const pageItems = pages.map((items, n) => ({
    pk,
    sk: `PAGE#${ranking.computedAt}#${String(n).padStart(4, '0')}`,
    items,
  }));
  await batchWrite(TABLE, puts(pageItems));
  // Last: readers find a snapshot through its run item, so they never see one half-written.
  await batchWrite(
    TABLE,
    puts([
      {
        pk,
        sk: `RUN#${ranking.computedAt}`,
        computedAt: ranking.computedAt,
        entries: ranking.items.length,
        pages: pages.length,
      },
    ]),
  );
  return pageItems.length + 1;
}

/** A snapshot: the latest, or the one computed at `at`; undefined when there is none. */
export async function readSnapshot(
  metric: RankingMetric,
  region: string,
  year: number,
  at?: string,
): Promise<{ computedAt: string; items: RankingItem[] } | undefined> {
  const pk = partition(metric, region, year);
  let run: Record<string, unknown> | undefined;
  if (at) {
    run = (await dynamo.send(new GetCommand({ TableName: TABLE, Key: { pk, sk: `RUN#${at}` } })))
      .Item;
  } else {
    run = (await newestRuns(pk, 1)).Items?.[0];
  }
  if (!run) return undefined;
  const computedAt = String(run.computedAt);
  const items: RankingItem[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const out = await dynamo.send(
      new QueryCommand({
        TableName: TABLE,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :page)',
        ExpressionAttributeValues: { ':pk': pk, ':page': `PAGE#${computedAt}#` },
        ExclusiveStartKey: startKey,
      }),
    );
    for (const page of out.Items ?? []) {
      // Stored maps keep no key order; answer in the contract's.
      for (const { rank, chamberId, regionCode, name, value } of page.items as RankingItem[]) {
        items.push({
          rank,
          ...(chamberId && { chamberId }),
          ...(regionCode && { regionCode }),
          name,
          value,
        });
      }
    }
    startKey = out.LastEvaluatedKey;
  } while (startKey);
  return { computedAt, items };
}

/** The snapshots published for a metric, region and year, newest first. */
export async function listRuns(
  metric: RankingMetric,
  region: string,
  year: number,
  limit: number,
  cursor?: string,
) {
  const pk = partition(metric, region, year);
  const out = await newestRuns(
    pk,
    limit,
    decodeCursor(cursor, ['pk', 'sk'], { pk, sk: { prefix: 'RUN#' } }),
  );
  return {
    items: (out.Items ?? []).map((run) => ({
      computedAt: String(run.computedAt),
      entries: Number(run.entries),
    })),
    nextCursor: encodeCursor(out.LastEvaluatedKey),
  };
}

/** The run items of a partition, newest first: the latest snapshot is the first of them. */
function newestRuns(pk: string, limit: number, startKey?: Record<string, string>) {
  return dynamo.send(
    new QueryCommand({
      TableName: TABLE,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :run)',
      ExpressionAttributeValues: { ':pk': pk, ':run': 'RUN#' },
      ScanIndexForward: false,
      Limit: limit,
      ExclusiveStartKey: startKey,
    }),
  );
}

const dashboardKey = (region: string) => ({ pk: `DASHBOARD#${region}`, sk: 'LATEST' });

/** Replaces a scope's dashboard (one item; the run's figures are whole or not there). */
export async function writeDashboard(dashboard: Dashboard): Promise<number> {
  await batchWrite(TABLE, puts([{ ...dashboardKey(dashboard.regionCode), dashboard }]));
  return 1;
}

export async function readDashboard(region: string): Promise<Dashboard | undefined> {
  const { Item } = await dynamo.send(
    new GetCommand({ TableName: TABLE, Key: dashboardKey(region) }),
  );
  const dashboard = Item?.dashboard as Dashboard | undefined;
  // A dashboard written before relationships were counted has none until the next run.
  if (dashboard && !dashboard.chambers.byRelationship) dashboard.chambers.byRelationship = {};
  return dashboard;
}
