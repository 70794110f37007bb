import { accountsRoutes } from './accounts';
import { assessmentRoutes } from './assessment';
import { ledgerRoutes } from './ledger';
import { openApiRoutes } from './openapi-routes';
import { rankingsRoutes } from './rankings';
import { registrationRoutes } from './registration';
import { supervisionRoutes } from './supervision';

/**
 * Every concern's routes: what the API stack serves and the OpenAPI document describes (with
 * their responses, from responses.ts).
 */
export const concerns = {
  registration: registrationRoutes,
  ledger: ledgerRoutes,
  assessment: assessmentRoutes,
  supervision: supervisionRoutes,
  rankings: rankingsRoutes,
  accounts: accountsRoutes,
  openapi: openApiRoutes,
};
