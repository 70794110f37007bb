import * as z from 'zod/mini';
import type { Responses, RouteSpec, Routes } from '#shared/http/route';
import { responsesOf } from './responses';
import { concerns } from './routes';

type Json = Record<string, unknown>;

const schemaOf = (schema: z.core.$ZodType, io: 'input' | 'output'): Json =>
  z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as Json;

/** Path, query and header parameters, one per property of the route's object schema. */
function parameters(spec: RouteSpec): Json[] {
  const out: Json[] = [];
  for (const [location, schema] of [
    ['path', spec.params],
    ['query', spec.query],
    ['header', spec.headers],
  ] as const) {
    if (!schema) continue;
    const json = schemaOf(schema, 'input') as {
      properties?: Record<string, Json>;
      required?: string[];
    };
    for (const [name, property] of Object.entries(json.properties ?? {})) {
      out.push({
        name,
        in: location,
        required: location === 'path' || (json.required ?? []).includes(name),
        schema: property,
      });
    }
  }
  return out;
}

/**
 * The OpenAPI 3.1 document, generated from the same zod schemas that parse every request and from
 * each route's responses. By default, of every concern's routes (`concerns`) and their responses
 * (`responsesOf`); a route without responses is an error.
 */
export function openApiDocument(
  routesOf: Record<string, Routes> = concerns,
  responses: Record<string, Record<string, Responses>> = responsesOf,
): Json {
  const paths: Record<string, Record<string, Json>> = {};
  for (const [concern, routes] of Object.entries(routesOf)) {
    for (const [operationId, spec] of Object.entries(routes)) {
      const answers = responses[concern]?.[operationId];
      if (!answers) throw new Error(`${concern}.${operationId} declares no responses`);
      const operation: Json = {
        operationId,
        tags: [concern],
        summary: spec.summary,
        parameters: parameters(spec),
        responses: Object.fromEntries(
          Object.entries(answers).map(([status, response]) => [
            status,
            {
              description: response.description,
              ...(response.schema && {
                content: {
                  [Number(status) >= 400 ? 'application/problem+json' : 'application/json']: {
                    schema: schemaOf(response.schema, 'output'),
                  },
                },
              }),
            },
          ]),
        ),
      };
      if (spec.body) {
        operation.requestBody = {
          required: true,
          content: { 'application/json': { schema: schemaOf(spec.body, 'input') } },
        };
      }
      if (!spec.public) operation.security = [{ bearer: [] }];
      paths[spec.path] ??= {};
      (paths[spec.path] as Record<string, Json>)[spec.method.toLowerCase()] = operation;
    }
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'FIC chambers of commerce API',
      version: '1.0.0',
      description:
        'Registration, supervision, Four-Good assessment, donation ledger and rankings of the chambers of commerce under a Federation of Industry and Commerce. Errors are application/problem+json (RFC 9457).',
    },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
    },
    paths,
  };
}
