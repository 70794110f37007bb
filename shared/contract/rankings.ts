import * as z from 'zod/mini';
import { defineRoutes } from '#shared/http/route';
import { page, pageQuery, problem, regionCode6 } from './common';

export const RANKING_METRICS = ['donations', 'donations-by-region', 'assessment'] as const;
export const rankingMetric = z.enum(RANKING_METRICS);
export type RankingMetric = z.output<typeof rankingMetric>;

export const rankingItem = z.object({
  rank: z.number().check(z.int(), z.gte(1)),
  chamberId: z.optional(z.string()),
  regionCode: z.optional(z.string()),
  name: z.string(),
  value: z.number(),
});
export type RankingItem = z.output<typeof rankingItem>;

export const ranking = z.object({
  metric: rankingMetric,
  regionCode: z.string(),
  year: z.number().check(z.int()),
  computedAt: z.nullable(z.iso.datetime()),
  items: z.array(rankingItem),
});
export type Ranking = z.output<typeof ranking>;

const year = z.coerce.number().check(z.int(), z.gte(1949), z.lte(2100));
/** A snapshot's `computedAt`, as listed by the history. */
const at = z.iso.datetime();
const scope = {
  regionCode: z.optional(regionCode6()),
  year: z.optional(year),
};
const params = z.object({ metric: rankingMetric });
const errors = {
  400: { description: 'Invalid input; `errors` names the fields', schema: problem },
};

export const rankingsRoutes = defineRoutes({
  getRanking: {
    method: 'GET',
    path: '/v1/rankings/{metric}',
    summary:
      'The latest published ranking of a region (default: the jurisdiction) and year (default: this year); `at` fetches an earlier snapshot',
    public: true,
    params,
    query: z.strictObject({ ...scope, at: z.optional(at) }),
    responses: {
      200: {
        description: 'The ranking (computedAt null and no items before any run)',
        schema: ranking,
      },
      ...errors,
      404: { description: 'No snapshot at that instant', schema: problem },
    },
  },
  rankingHistory: {
    method: 'GET',
    path: '/v1/rankings/{metric}/history',
    summary: 'Snapshots published for a region and year, newest first; `at` fetches one',
    public: true,
    params,
    query: z.strictObject({ ...scope, at: z.optional(at), ...pageQuery }),
    responses: {
      200: {
        description:
          'A page of snapshots ({ computedAt, items: count }), or with `at` the snapshot',
        schema: z.union([
          page(z.object({ computedAt: z.string(), entries: z.number().check(z.int()) })),
          ranking,
        ]),
      },
      ...errors,
      404: { description: 'No snapshot at that instant', schema: problem },
    },
  },
});
