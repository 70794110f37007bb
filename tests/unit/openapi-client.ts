// Compiled by `tsc` (npm run check), never run: a typed client generated from the OpenAPI document
// (openapi-typescript, by scripts/lint-openapi.ts) still type-checks, and says what clients rely on.
import type { paths } from '#generated/openapi-client.ts';

type Json<P extends keyof paths, M extends keyof paths[P], S extends number> = paths[P][M] extends {
  responses: Record<S, { content: { 'application/json': infer T } }>;
}
  ? T
  : never;

export type CreatedChamber = Json<'/v1/chambers', 'post', 201>;
export type Unauthorized =
  paths['/v1/chambers']['get']['responses'][401]['content']['application/json'];

export const chamberId = (chamber: CreatedChamber): string => chamber.id;
export const gatewaySaid = (answer: Unauthorized): 'Unauthorized' => answer.message;
