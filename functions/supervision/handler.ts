import { supervisionRoutes } from '#shared/contract/supervision';
import { httpHandler } from '#shared/http/handler';
import { operations } from './operations';

export const handler = httpHandler(supervisionRoutes, operations);
