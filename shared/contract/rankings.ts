import * as z from 'zod/mini';
import { defineRoutes } from '#shared/http/route';
import { pageQuery, regionCode6 } from './common';

/*
 * The rankings' routes and request schemas: what its function loads. What the routes answer is
 * in rankings.responses.ts, which the function imports only for types.
 */
export type { Dashboard, Ranking, RankingItem } from './rankings.responses';

export const RANKING_METRICS = ['donations', 'donations-by-region', 'assessment'] as const;
export const rankingMetric = z.lazy(() => z.enum(RANKING_METRICS));
export type RankingMetric = z.output<typeof rankingMetric>;

const year = z.lazy(() => z.coerce.number().check(z.int(), z.gte(1949), z.lte(2100)));
/** A snapshot's `computedAt`, as listed by the history. */
const at = z.lazy(() => z.iso.datetime().check(z.maxLength(40)));
const scope = {
  regionCode: z.lazy(() => z.optional(regionCode6())),
  year: z.lazy(() => z.optional(year)),
};
const params = z.lazy(() => z.object({ metric: rankingMetric }));

export const rankingsRoutes = defineRoutes({
  getRanking: {
    method: 'GET',
    path: '/v1/rankings/{metric}',
    summary:
      'The latest published ranking of a region (default: the jurisdiction) and year (default: this year); `at` fetches an earlier snapshot',
    public: true,
    params,
    query: z.lazy(() => z.strictObject({ ...scope, at: z.optional(at) })),
  },
  rankingHistory: {
    method: 'GET',
    path: '/v1/rankings/{metric}/history',
    summary: 'Snapshots published for a region and year, newest first; `at` fetches one',
    public: true,
    params,
    query: z.lazy(() => z.strictObject({ ...scope, at: z.optional(at), ...pageQuery })),
  },
  dashboard: {
    method: 'GET',
    path: '/v1/dashboard',
    summary:
      'FIC staff’s figures of a region (default: their own), from the latest rankings run: chambers by kind and status, township coverage by county, donations by year, overdue visits, late issues, missing reports, awards by level. One item read, never a scan',
    query: z.lazy(() => z.strictObject({ regionCode: z.optional(regionCode6()) })),
  },
});
