import { defineRoutes } from '#shared/http/route';
import { assessmentRoutes } from './assessment';
import { ledgerRoutes } from './ledger';
import { rankingsRoutes } from './rankings';
import { registrationRoutes } from './registration';
import { supervisionRoutes } from './supervision';

export const openApiRoutes = defineRoutes({
  openApiDocument: {
    method: 'GET',
    path: '/openapi.json',
    summary: 'This document',
    public: true,
    responses: { 200: { description: 'The OpenAPI 3.1 document' } },
  },
});

/** Every concern's routes: what the API stack serves and the OpenAPI document describes. */
export const concerns = {
  registration: registrationRoutes,
  ledger: ledgerRoutes,
  assessment: assessmentRoutes,
  supervision: supervisionRoutes,
  rankings: rankingsRoutes,
  openapi: openApiRoutes,
};
