// The function behind the API's `$default` route: a request no route of the contract took. The
// paths and methods it knows are the contract's route tables, the ones the API stack serves.
import { concerns } from '#shared/contract/routes';
import { MethodNotAllowedError, NotFoundError } from '#shared/http/errors';
import { defaultRouteHandler } from '#shared/http/handler';
import { allowedMethods, methodsByPath } from '#shared/http/route';

const served = methodsByPath(Object.values(concerns));

export const handler = defaultRouteHandler(({ method, path }) => {
  const allowed = allowedMethods(served, path);
  if (allowed.length > 0 && !allowed.includes(method as never)) {
    throw new MethodNotAllowedError(method, path, allowed);
  }
  throw new NotFoundError(
    `No resource at ${path}. The API's paths are under /v1; GET /openapi.json lists them.`,
  );
});
