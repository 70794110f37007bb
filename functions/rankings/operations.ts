import { adminCovers, requireRole } from '#shared/auth/principal';
import type { rankingsRoutes } from '#shared/contract/rankings';
import { requireEnv } from '#shared/db/client';
import { todayInShanghai } from '#shared/domain/calendar';
import { ForbiddenError, NotFoundError } from '#shared/http/errors';
import type { Operations } from '#shared/http/route';
import * as store from './store';

type Routes = typeof rankingsRoutes;

const JURISDICTION = requireEnv('JURISDICTION');

/** Published rankings, read-only and public, and FIC staff's dashboard: served from what the
 * job wrote. */
export const operations: Operations<Routes> = {
  async getRanking({ params, query }) {
    return { status: 200, body: await snapshot(params.metric, query) };
  },

  async rankingHistory({ params, query }) {
    if (query.at) return { status: 200, body: await snapshot(params.metric, query) };
    const { regionCode, year } = scope(query);
    return {
      status: 200,
      body: await store.listRuns(params.metric, regionCode, year, query.limit, query.cursor),
    };
  },

  async dashboard({ query, principal }) {
    requireRole(principal, 'fic-admin');
    const regionCode = query.regionCode ?? principal.regionCode ?? JURISDICTION;
    if (!adminCovers(principal, regionCode)) {
      throw new ForbiddenError(`Region ${regionCode} is outside your region.`);
    }
    const found = await store.readDashboard(regionCode);
    return { status: 200, body: found ?? emptyDashboard(regionCode) };
  },
};

/** Before the job's first run (or for a region it has no chambers in): every figure zero. */
function emptyDashboard(regionCode: string) {
  return {
    regionCode,
    computedAt: null,
    chambers: { total: 0, byKind: {}, byStatus: {}, byRelationship: {} },
    coverage: [],
    donations: [],
    supervision: { asOf: null, overdueVisits: 0, lateIssues: 0 },
    reports: { year: Number(todayInShanghai().slice(0, 4)) - 1, missing: 0 },
    awards: { national: 0, province: 0, city: 0 },
  };
}

function scope(query: { regionCode?: string | undefined; year?: number | undefined }) {
  return {
    regionCode: query.regionCode ?? JURISDICTION,
    year: query.year ?? Number(todayInShanghai().slice(0, 4)),
  };
}

async function snapshot(
  metric: Parameters<typeof store.readSnapshot>[0],
  query: { regionCode?: string | undefined; year?: number | undefined; at?: string | undefined },
) {
  const { regionCode, year } = scope(query);
  const found = await store.readSnapshot(metric, regionCode, year, query.at);
  if (!found && query.at)
    throw new NotFoundError(
      `No ${metric} ranking of ${regionCode} for ${year} computed at ${query.at}.`,
    );
  return {
    metric,
    regionCode,
    year,
    computedAt: found?.computedAt ?? null,
    items: found?.items ?? [],
  };
}
