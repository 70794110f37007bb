import { rankingsRoutes } from '#shared/contract/rankings';
import { httpHandler } from '#shared/http/handler';
import { operations } from './operations';

export const handler = httpHandler(rankingsRoutes, operations);
