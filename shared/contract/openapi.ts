import * as z from 'zod/mini';
import type { Responses, RouteSpec, Routes } from '#shared/http/route';
import { problem } from './common.responses';
import { responsesOf } from './responses';
import { concerns } from './routes';

type Json = Record<string, unknown>;

const INT32 = 2 ** 31;

/**
 * A zod schema as JSON Schema 2020-12. An integer's `format` (int32, int64) follows from the
 * bounds its schema sets, so a bounded integer is documented whole; an unbounded one keeps no
 * format and the OWASP lint (scripts/lint-openapi.ts) names it.
 */
const schemaOf = (schema: z.core.$ZodType, io: 'input' | 'output'): Json => {
  // OpenAPI 3.1 schemas are JSON Schema 2020-12 already: no `$schema` in each.
  const { $schema: _dialect, ...json } = z.toJSONSchema(schema, {
    io,
    unrepresentable: 'any',
    target: 'draft-2020-12',
    override: ({ jsonSchema }) => {
      const bounds = jsonSchema as Record<string, unknown>;
      const low = bounds.minimum ?? bounds.exclusiveMinimum;
      const high = bounds.maximum ?? bounds.exclusiveMaximum;
      if (bounds.type !== 'integer' || typeof low !== 'number' || typeof high !== 'number') return;
      jsonSchema.format = low >= -INT32 && high < INT32 ? 'int32' : 'int64';
    },
  }) as Json;
  return json;
};

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

/** API Gateway's own answers are `{"message": "..."}` in application/json, never problem+json. */
const gatewayAnswer = (message: string): Json => ({
  'application/json': {
    schema: schemaOf(z.strictObject({ message: z.literal(message) }), 'output'),
  },
});

/** problem+json (RFC 9457), described once under `components.schemas`. */
const PROBLEM = { $ref: '#/components/schemas/Problem' };
const problemContent = (): Json => ({ 'application/problem+json': { schema: PROBLEM } });

/** Browsers read every answer: API Gateway adds the CORS configuration's origin to each. */
const corsHeader = {
  'Access-Control-Allow-Origin': {
    description: 'The origins allowed to read the answer (the API’s CORS configuration)',
    schema: { type: 'string', enum: ['*'] },
  },
};

/**
 * The answers no function of a route writes: API Gateway's, and the `$default` route's. Every
 * operation refers to them (`#/components/responses/...`).
 */
const gatewayResponses = {
  Unauthorized: {
    description:
      'No valid bearer token. API Gateway’s JWT authorizer answers this itself, before any function runs, as application/json `{"message":"Unauthorized"}` (an HTTP API cannot shape that body); a verified token that names no subject (`sub`) is answered as problem+json.',
    content: { ...gatewayAnswer('Unauthorized'), ...problemContent() },
  },
  MethodNotAllowed: {
    description:
      'This path exists, but not with the method sent: `Allow` lists the methods it serves. Answered (with a token or without) by the API’s `$default` route for any method this path does not list.',
    headers: {
      Allow: {
        description: 'The methods this path serves, e.g. `GET, POST`',
        schema: {
          type: 'string',
          maxLength: 40,
          pattern: '^(GET|POST|PUT|PATCH|DELETE)(, (GET|POST|PUT|PATCH|DELETE))*$',
        },
      },
      ...corsHeader,
    },
    content: problemContent(),
  },
  TooManyRequests: {
    description:
      'API Gateway’s throttling (the stage’s rate and burst limits): send fewer requests, later. Its own answer, application/json `{"message":"Too Many Requests"}`.',
    content: gatewayAnswer('Too Many Requests'),
  },
  InternalServerError: {
    description:
      'A fault: problem+json naming the request id when the function caught it; API Gateway’s own `{"message":"Internal Server Error"}` when the function itself failed (crashed or ran out of time).',
    content: { ...problemContent(), ...gatewayAnswer('Internal Server Error') },
  },
};
const ref = (name: keyof typeof gatewayResponses) => ({
  $ref: `#/components/responses/${name}`,
});

/** A route's own answers, as its responses module declares them. */
function declared(answers: Responses, hasPathParameters: boolean): Record<string, Json> {
  return Object.fromEntries(
    Object.entries(answers).map(([status, response]) => {
      const content: Json = {};
      if (response.schema) {
        content[Number(status) >= 400 ? 'application/problem+json' : 'application/json'] = {
          schema: response.schema === problem ? PROBLEM : schemaOf(response.schema, 'output'),
        };
      }
      let description = response.description;
      if (status === '400' && hasPathParameters) {
        description += `. A path parameter that is not valid percent-encoding is named here; deployed, API Gateway may refuse such a path itself first, as application/json \`{"message": ...}\` (README, "API").`;
        Object.assign(content, {
          'application/json': {
            schema: schemaOf(
              z.strictObject({ message: z.string().check(z.maxLength(200)) }),
              'output',
            ),
          },
        });
      }
      const headers =
        response.headers &&
        Object.fromEntries(
          Object.entries(response.headers).map(([name, header]) => [
            name,
            { description: header.description, schema: schemaOf(header.schema, 'output') },
          ]),
        );
      return [
        status,
        {
          description,
          ...(headers && { headers: { ...headers, ...corsHeader } }),
          ...(Object.keys(content).length > 0 && { content }),
        },
      ];
    }),
  );
}

/**
 * The OpenAPI 3.1 document, generated from the same zod schemas that parse every request and from
 * each route's responses. By default, of every concern's routes (`concerns`) and their responses
 * (`responsesOf`); a route without responses is an error. Beside what a route declares, every
 * operation lists the answers of the layers in front of it: the authorizer's 401 (routes not
 * public), the 405 of its path's other methods, API Gateway's 429 and the 500 of a fault.
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
      const { 401: _own401, ...own } = declared(answers, spec.params !== undefined);
      const operation: Json = {
        operationId,
        tags: [concern],
        summary: spec.summary,
        // Public routes are served without a token: an empty requirement, anonymous access.
        security: spec.public ? [{}] : [{ bearer: [] }],
        parameters: parameters(spec),
        responses: {
          ...own,
          ...(!spec.public && { 401: ref('Unauthorized') }),
          405: ref('MethodNotAllowed'),
          429: ref('TooManyRequests'),
          500: ref('InternalServerError'),
        },
      };
      if (spec.body) {
        operation.requestBody = {
          required: true,
          content: { 'application/json': { schema: schemaOf(spec.body, 'input') } },
        };
      }
      paths[spec.path] ??= {};
      (paths[spec.path] as Record<string, Json>)[spec.method.toLowerCase()] = operation;
    }
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'FIC chambers of commerce API',
      version: '1.0.0',
      description: [
        'Registration, supervision, Four-Good assessment, donation ledger and rankings of the chambers of commerce under a Federation of Industry and Commerce.',
        'Errors are application/problem+json (RFC 9457) with `status` equal to the HTTP status, and `errors: [{ path, message }]` naming the fields of a 400. The exceptions are API Gateway’s own answers, application/json `{"message": ...}`: 401 for a missing or bad token, 429 when throttled, 500 when a function failed outright.',
        'A path no operation serves is a 404 problem+json; a path served with another method is a 405 problem+json whose `Allow` header lists its methods.',
      ].join('\n\n'),
      license: {
        name: 'Proprietary: all rights reserved by the Federation of Industry and Commerce that deploys it',
        identifier: 'LicenseRef-Proprietary',
      },
    },
    servers: [
      {
        url: '/',
        description:
          'The origin serving this document: production (the stage’s `ApiUrl`, or the console’s origin) or local (`npm start`, http://127.0.0.1:3000)',
        'x-internal': false,
      },
    ],
    components: {
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description:
            'The ID token of the deployment’s Cognito user pool (locally, of the local issuer: GET /_local/token), checked by API Gateway’s JWT authorizer: a JWS signed with the issuer’s published keys, issuer and audience matched, expiry enforced (token handling as RFC8725 recommends: no `none` algorithm, keys from the issuer only).',
        },
      },
      schemas: { Problem: schemaOf(problem, 'output') },
      responses: gatewayResponses,
    },
    paths,
  };
}
