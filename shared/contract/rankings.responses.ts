import * as z from 'zod/mini';
import type { ResponsesOf } from '#shared/http/route';
import { errorResponses, page, problem, unavailableResponse } from './common.responses';
import { rankingMetric, type rankingsRoutes } from './rankings';

/*
 * What the rankings' routes answer: for the OpenAPI document and for types. Its function imports
 * this module only as `import type`, so it never builds these schemas.
 */

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

const count = z.number().check(z.int(), z.gte(0));
const counts = z.record(z.string().check(z.maxLength(40)), count);

/** FIC staff's dashboard of a region, as the latest rankings run computed it. */
export const dashboard = z.object({
  regionCode: z.string(),
  /** When the rankings run computed it; null before any run (every figure then zero). */
  computedAt: z.nullable(z.iso.datetime()),
  /** The region's chambers, counted by kind, by status and by relationship to the FIC. */
  chambers: z.object({ total: count, byKind: counts, byStatus: counts, byRelationship: counts }),
  /** Each county of the region with townships: how many have a registered township chamber. */
  coverage: z.array(
    z.object({ regionCode: z.string(), name: z.string(), townships: count, covered: count }),
  ),
  /** Net donations of the region's chambers per calendar year. */
  donations: z.array(
    z.object({
      year: z.number().check(z.int()),
      amountFen: z.number().check(z.int()),
      entries: count,
    }),
  ),
  /** From the latest supervision-overdue run (`asOf` its date; null before any run). */
  supervision: z.object({
    asOf: z.nullable(z.string()),
    overdueVisits: count,
    lateIssues: count,
  }),
  /** Registered chambers without a submitted or accepted report for `year` (last year). */
  reports: z.object({ year: z.number().check(z.int()), missing: count }),
  awards: z.object({ national: count, province: count, city: count }),
});
export type Dashboard = z.output<typeof dashboard>;

const errors = {
  400: { description: 'Invalid input; `errors` names the fields', schema: problem },
  503: unavailableResponse,
};

export const rankingsResponses = {
  getRanking: {
    200: {
      description: 'The ranking (computedAt null and no items before any run)',
      schema: ranking,
    },
    ...errors,
    404: { description: 'No snapshot at that instant', schema: problem },
  },
  rankingHistory: {
    200: {
      description: 'A page of snapshots ({ computedAt, items: count }), or with `at` the snapshot',
      schema: z.union([
        page(z.object({ computedAt: z.string(), entries: z.number().check(z.int()) })),
        ranking,
      ]),
    },
    ...errors,
    404: { description: 'No snapshot at that instant', schema: problem },
  },
  dashboard: {
    200: { description: 'The dashboard (computedAt null before any run)', schema: dashboard },
    ...errorResponses,
  },
} satisfies ResponsesOf<typeof rankingsRoutes>;
