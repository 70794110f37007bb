import * as z from 'zod/mini';
import type { ResponsesOf } from '#shared/http/route';
import { accountsResponses } from './accounts.responses';
import { assessmentResponses } from './assessment.responses';
import { ledgerResponses } from './ledger.responses';
import type { openApiRoutes } from './openapi-routes';
import { rankingsResponses } from './rankings.responses';
import { registrationResponses } from './registration.responses';
import type { concerns } from './routes';
import { supervisionResponses } from './supervision.responses';

export const openApiResponses = {
  openApiDocument: {
    200: {
      description: 'The OpenAPI 3.1 document',
      schema: z.looseObject({
        openapi: z.literal('3.1.0'),
        info: z.looseObject({ title: z.string(), version: z.string() }),
        paths: z.record(z.string(), z.unknown()),
      }),
    },
  },
} satisfies ResponsesOf<typeof openApiRoutes>;

/**
 * What every route of every concern answers, by concern and operationId, as the OpenAPI document
 * states it. Only the document builds these schemas; functions import the modules for types.
 */
export const responsesOf = {
  registration: registrationResponses,
  ledger: ledgerResponses,
  assessment: assessmentResponses,
  supervision: supervisionResponses,
  rankings: rankingsResponses,
  accounts: accountsResponses,
  openapi: openApiResponses,
} satisfies { [C in keyof typeof concerns]: ResponsesOf<(typeof concerns)[C]> };
