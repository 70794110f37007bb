import { openApiDocument } from '#shared/contract/openapi';
import { concerns, openApiRoutes } from '#shared/contract/routes';
import { httpHandler } from '#shared/http/handler';

// Built once per container: the schemas do not change while it lives.
const document = openApiDocument(concerns);

export const handler = httpHandler(openApiRoutes, {
  openApiDocument: async () => ({ status: 200, body: document }),
});
