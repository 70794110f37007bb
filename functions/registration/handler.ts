import { registrationRoutes } from '#shared/contract/registration';
import { httpHandler } from '#shared/http/handler';
import { operations } from './operations';

export const handler = httpHandler(registrationRoutes, operations);
