import { ledgerRoutes } from '#shared/contract/ledger';
import { httpHandler } from '#shared/http/handler';
import { operations } from './operations';

export const handler = httpHandler(ledgerRoutes, operations);
