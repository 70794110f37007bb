import type { supervisionRoutes } from '#shared/contract/supervision';
import type { Operations } from '#shared/http/route';
import { jointActivityOperations } from './joint-activities';
import { liaisonOperations } from './liaisons';
import { reportOperations } from './reports';

/** Every supervision use case: liaisons and visits, annual reports and activities, joint activities. */
export const operations: Operations<typeof supervisionRoutes> = {
  ...liaisonOperations,
  ...reportOperations,
  ...jointActivityOperations,
};
