// The document was generated from the contract's schemas when the app was synthesized
// (scripts/openapi-document.ts): the function serves it without loading a schema.
import document from '#generated/openapi.json' with { type: 'json' };
import { openApiRoutes } from '#shared/contract/openapi-routes';
import { httpHandler } from '#shared/http/handler';

export const handler = httpHandler(openApiRoutes, {
  openApiDocument: async () => ({ status: 200, body: document }),
});
