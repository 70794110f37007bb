import type { FinalizedCycle } from '#shared/assessment/published';
import type { Ranking, RankingItem } from '#shared/contract/rankings';
import { requireEnv } from '#shared/db/client';
import type { EntryResult } from '#shared/domain/assessment';
import { todayInShanghai } from '#shared/domain/calendar';
import {
  childRegionOf,
  competitionRanks,
  type RankedChamber,
  rankingScopes,
  ranksChamber,
} from '#shared/domain/ranking';
import { jobHandler, ReadCounter } from '#shared/jobs/handler';
import { netAmountFen, yearsOf } from '#shared/ledger/published';
import { covers } from '#shared/regions/codes';
import { regionName } from '#shared/regions/regions';
import { townshipName } from '#shared/regions/townships';
import { dashboardOf } from './dashboard';
import * as sources from './sources';
import * as store from './store';

const JURISDICTION = requireEnv('JURISDICTION');
/** Years back the job looks for finalized assessment cycles. */
const ASSESSMENT_YEARS = 3;

/*
 * The rankings job (daily at 02:00 Asia/Shanghai; locally POST /_local/schedules/rankings).
 * 1. Read the chambers under the jurisdiction, one query through the region index.
 * 2. Read each chamber's ledger head: its net totals per year, kept exact by the ledger.
 * 3. Read the finalized assessment cycles of those years (and the last few) and their results.
 * 4. For every scope (the jurisdiction and each county with chambers) and every year, rank the
 *    chambers by donations and by assessment score, and the regions one level down by
 *    donations, and publish dated snapshots.
 * 5. For every scope, FIC staff's dashboard (./dashboard.ts), one item each.
 * Its reads grow with the number of chambers, never with the number of donations.
 */
export async function computeRankings(now: Date) {
  const counter = new ReadCounter();
  const computedAt = now.toISOString();
  const everyChamber = await sources.chambersUnder(JURISDICTION, counter);
  const chambers = everyChamber.filter(ranksChamber);
  const heads = await sources.ledgerHeads(
    chambers.map((c) => c.id),
    counter,
  );
  const thisYear = Number(todayInShanghai(now).slice(0, 4));
  const years = new Set<number>();
  for (const head of heads.values()) for (const year of yearsOf(head)) years.add(year);
  // Assessment cycles may be of years without donations: look back a few years too.
  for (let year = thisYear - ASSESSMENT_YEARS + 1; year <= thisYear; year += 1) years.add(year);
  const cycles = new Map<number, FinalizedCycle[]>();
  for (const year of years)
    cycles.set(year, await sources.finalizedCycles(JURISDICTION, year, counter));
  const results = new Map<string, EntryResult[]>();

  const snapshots: (Ranking & { computedAt: string })[] = [];
  const scopes = rankingScopes(
    JURISDICTION,
    chambers.map((c) => c.regionCode),
  );
  for (const scope of scopes) {
    const inScope = chambers.filter((c) => covers(scope, c.regionCode));
    for (const year of years) {
      const given = donationsIn(inScope, heads, year);
      const cycle = cycles.get(year)?.find((c) => covers(c.regionCode, scope));
      if (cycle && !results.has(cycle.cycleId)) {
        results.set(cycle.cycleId, await sources.cycleResults(cycle.cycleId, counter));
      }
      const scored = cycle ? (results.get(cycle.cycleId) ?? []) : [];
      snapshots.push(
        { metric: 'donations', regionCode: scope, year, computedAt, items: rankChambers(given) },
        {
          metric: 'donations-by-region',
          regionCode: scope,
          year,
          computedAt,
          items: rankRegions(scope, given),
        },
        {
          metric: 'assessment',
          regionCode: scope,
          year,
          computedAt,
          items: rankAssessed(inScope, scored),
        },
      );
    }
  }
  let itemsWritten = 0;
  for (const snapshot of snapshots) itemsWritten += await store.writeSnapshot(snapshot);

  // 5. FIC staff's dashboard of every scope: last year's reports, the overdue snapshot, awards.
  const reportYear = thisYear - 1;
  const registered = everyChamber.filter((c) => c.status === 'registered').map((c) => c.id);
  const reports = await sources.reportStatuses(registered, reportYear, counter);
  const overdue = await sources.overdueRows(JURISDICTION, counter);
  for (const scope of scopes) {
    const awards = await sources.awardsUnder(scope, counter);
    const dashboard = dashboardOf({
      scope,
      computedAt,
      chambers: everyChamber,
      heads,
      overdue,
      reportYear,
      reports,
      awards,
    });
    itemsWritten += await store.writeDashboard(dashboard);
  }
  return {
    itemsRead: counter.items,
    itemsWritten,
    chambers: chambers.length,
    snapshots: snapshots.length,
  };
}

/** The chambers that gave in a year (a head with totals for it), with their net amount. */
function donationsIn(
  chambers: RankedChamber[],
  heads: Map<string, Record<string, unknown>>,
  year: number,
) {
  return chambers.flatMap((chamber) => {
    const head = heads.get(chamber.id);
    if (!head || head[`${year}:entries`] === undefined) return [];
    return [{ chamber, value: netAmountFen(head, year) }];
  });
}

function rankChambers(given: { chamber: RankedChamber; value: number }[]): RankingItem[] {
  return competitionRanks(
    given.map(({ chamber, value }) => ({ key: chamber.id, value, chamber })),
  ).map(({ rank, chamber, value }) => ({ rank, chamberId: chamber.id, name: chamber.name, value }));
}

function rankRegions(
  scope: string,
  given: { chamber: RankedChamber; value: number }[],
): RankingItem[] {
  const totals = new Map<string, number>();
  for (const { chamber, value } of given) {
    const child = childRegionOf(scope, chamber.regionCode);
    if (child) totals.set(child, (totals.get(child) ?? 0) + value);
  }
  return competitionRanks([...totals].map(([key, value]) => ({ key, value }))).map(
    ({ rank, key, value }) => ({
      rank,
      regionCode: key,
      name: (key.length === 9 ? townshipName(key) : regionName(key)) ?? key,
      value,
    }),
  );
}

/**
 * Eligible chambers of the scope by their final score in the cycle (the latest finalized cycle
 * of the year whose region covers the scope), ranked again within the scope.
 */
function rankAssessed(inScope: RankedChamber[], scored: EntryResult[]): RankingItem[] {
  const names = new Map(inScope.map((c) => [c.id, c.name]));
  const eligible = scored.filter((r) => r.eligible && r.score !== null && names.has(r.chamberId));
  return competitionRanks(
    eligible.map((r) => ({ key: r.chamberId, value: r.score as number })),
  ).map(({ rank, key, value }) => ({ rank, chamberId: key, name: names.get(key) ?? key, value }));
}

export const handler = jobHandler('rankings', computeRankings);
