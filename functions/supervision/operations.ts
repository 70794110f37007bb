import type { supervisionRoutes } from '#shared/contract/supervision';
import type { Operations } from '#shared/http/route';
import { liaisonOperations } from './liaisons';
import { reportOperations } from './reports';

/** Every supervision use case: liaisons and visits, then annual reports and activities. */
export const operations: Operations<typeof supervisionRoutes> = {
  ...liaisonOperations,
  ...reportOperations,
};
