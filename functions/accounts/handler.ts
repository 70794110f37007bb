import { accountsRoutes } from '#shared/contract/accounts';
import { httpHandler } from '#shared/http/handler';
import { directoryFrom } from './directory';
import { accountOperations } from './operations';

// The sign-in directory is chosen once, from the environment the template gives the function.
export const handler = httpHandler(accountsRoutes, accountOperations(directoryFrom(process.env)));
