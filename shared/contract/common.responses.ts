import * as z from 'zod/mini';
import { MAX_FIELD_DEPTH, MAX_FIELD_ERRORS } from '#shared/http/errors';

/*
 * Building blocks of the contract's response schemas: documentation (the OpenAPI document) and
 * types only. No function builds them; function code imports this module only as `import type`.
 */

/** A page of a list: at most 100 items (the largest `limit`), and the cursor of the next. */
export const page = <T extends z.ZodMiniType>(item: T) =>
  z.object({ items: z.array(item).check(z.maxLength(100)), nextCursor: z.nullable(z.string()) });

export const problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().check(z.int()),
  detail: z.string(),
  errors: z.optional(
    z
      .array(
        z.object({
          path: z.array(z.union([z.string(), z.number()])).check(z.maxLength(MAX_FIELD_DEPTH)),
          message: z.string(),
        }),
      )
      .check(z.maxLength(MAX_FIELD_ERRORS)),
  ),
});

/** DynamoDB unreachable or throttling (after the SDK's retries): the request may be sent again. */
export const unavailableResponse = {
  description:
    'A backing service is unavailable (nothing was written): send it again after Retry-After',
  schema: problem,
  headers: {
    'Retry-After': {
      description: 'Seconds to wait before sending the request again',
      schema: z.int32().check(z.gte(0), z.lte(3600)),
    },
  },
};

/**
 * The error answers every route behind the authorizer may give, as the OpenAPI document states
 * them. The document adds what no function writes itself: the authorizer's 401, the `$default`
 * route's 405, API Gateway's 429 and 500 (scripts: shared/contract/openapi.ts).
 */
export const errorResponses = {
  400: { description: 'Invalid input; `errors` names the fields', schema: problem },
  403: { description: 'Outside your role or region', schema: problem },
  503: unavailableResponse,
};
export const notFoundResponse = { description: 'Unknown, or not yours to see', schema: problem };
export const staleResponse = {
  description: 'If-Match does not match the current version',
  schema: problem,
};

/** Set on the answer to a retry under an Idempotency-Key: nothing was written this time. */
export const replayedHeader = {
  'Idempotent-Replayed': {
    description:
      '"true" when this answers a retry from what the first request recorded (nothing new was written); absent on the first',
    schema: z.enum(['true']),
  },
};

/** A create retried under an Idempotency-Key, but with another request. */
export const keyReusedResponse = {
  description: 'The Idempotency-Key was used with another request',
  schema: problem,
};

export const timestamps = {
  version: z.number().check(z.int(), z.gte(1)),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
};
