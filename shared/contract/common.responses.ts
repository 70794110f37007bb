import * as z from 'zod/mini';

/*
 * Building blocks of the contract's response schemas: documentation (the OpenAPI document) and
 * types only. No function builds them; function code imports this module only as `import type`.
 */

export const page = <T extends z.ZodMiniType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.nullable(z.string()) });

export const problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().check(z.int()),
  detail: z.string(),
  errors: z.optional(
    z.array(z.object({ path: z.array(z.union([z.string(), z.number()])), message: z.string() })),
  ),
});

/** The error answers every route behind the authorizer may give, as the OpenAPI document states them. */
export const errorResponses = {
  400: { description: 'Invalid input; `errors` names the fields', schema: problem },
  401: { description: 'No valid token', schema: problem },
  403: { description: 'Outside your role or region', schema: problem },
};
export const notFoundResponse = { description: 'Unknown, or not yours to see', schema: problem };
export const staleResponse = {
  description: 'If-Match does not match the current version',
  schema: problem,
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
