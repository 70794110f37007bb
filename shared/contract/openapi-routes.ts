import { defineRoutes } from '#shared/http/route';

/** The one route of the openapi function, apart from the concerns' contracts it documents. */
export const openApiRoutes = defineRoutes({
  openApiDocument: {
    method: 'GET',
    path: '/openapi.json',
    summary: 'This document',
    public: true,
  },
});
