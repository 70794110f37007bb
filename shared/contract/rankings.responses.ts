import * as z from 'zod/mini';
import type { ResponsesOf } from '#shared/http/route';
import { page, problem, unavailableResponse } from './common.responses';
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
} satisfies ResponsesOf<typeof rankingsRoutes>;
