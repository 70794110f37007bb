import * as z from 'zod';
import { defineRoutes } from '#shared/http/route';
import { page, pageQuery, problem, regionCode6 } from './common';

export const RANKING_METRICS = ['donations', 'donations-by-region', 'assessment'] as const;
export const rankingMetric = z.enum(RANKING_METRICS);
export type RankingMetric = z.output<typeof rankingMetric>;

export const rankingItem = z.object({
  rank: z.number().int().min(1),
  chamberId: z.string().optional(),
  regionCode: z.string().optional(),
  name: z.string(),
  value: z.number(),
});
export type RankingItem = z.output<typeof rankingItem>;

export const ranking = z.object({
  metric: rankingMetric,
  regionCode: z.string(),
  year: z.number().int(),
  computedAt: z.iso.datetime().nullable(),
  items: z.array(rankingItem),
});
export type Ranking = z.output<typeof ranking>;

const year = z.coerce.number().int().min(1949).max(2100);
/** A snapshot's `computedAt`, as listed by the history. */
const at = z.iso.datetime();
const scope = {
  regionCode: regionCode6().optional(),
  year: year.optional(),
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
    query: z.strictObject({ ...scope, at: at.optional() }),
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
    query: z.strictObject({ ...scope, at: at.optional(), ...pageQuery }),
    responses: {
      200: {
        description:
          'A page of snapshots ({ computedAt, items: count }), or with `at` the snapshot',
        schema: z.union([
          page(z.object({ computedAt: z.string(), entries: z.number().int() })),
          ranking,
        ]),
      },
      ...errors,
      404: { description: 'No snapshot at that instant', schema: problem },
    },
  },
});
