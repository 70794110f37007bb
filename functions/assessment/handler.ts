import { assessmentRoutes } from '#shared/contract/assessment';
import { httpHandler } from '#shared/http/handler';
import { operations } from './operations';

export const handler = httpHandler(assessmentRoutes, operations);
