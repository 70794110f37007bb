import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { openApiDocument } from '#shared/contract/openapi';
import { concerns } from '#shared/contract/routes';
import type { RouteSpec } from '#shared/http/route';

interface Operation {
  operationId?: string;
  tags?: string[];
  parameters?: { name: string; in: string; required?: boolean }[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: JsonSchema }> };
  security?: Record<string, string[]>[];
  responses?: Record<string, unknown>;
}
interface JsonSchema {
  type?: string;
  required?: string[];
  additionalProperties?: unknown;
  properties?: Record<string, unknown>;
}
interface Document {
  openapi: string;
  info: { title?: string; version?: string };
  security?: unknown;
  components?: {
    securitySchemes?: Record<string, Record<string, string>>;
    responses?: Record<string, unknown>;
  };
  paths: Record<string, Record<string, Operation>>;
}

const doc = openApiDocument(concerns) as unknown as Document;

const routes = Object.entries(concerns).flatMap(([concern, list]) =>
  Object.entries(list).map(([operationId, spec]: [string, RouteSpec]) => ({
    concern,
    operationId,
    spec,
    name: `${spec.method} ${spec.path}`,
  })),
);

const operationOf = (spec: RouteSpec): Operation | undefined =>
  doc.paths[spec.path]?.[spec.method.toLowerCase()];

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1.0 with a title and version, and survives JSON', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info.title).toEqual(expect.any(String));
    expect(doc.info.version).toEqual(expect.any(String));
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
  });

  it('describes every route of the contract and nothing else', () => {
    const described = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(described.sort()).toEqual(routes.map((route) => route.name).sort());
  });

  it.each(routes)('$name is $operationId, tagged with its concern', (route) => {
    const operation = operationOf(route.spec);
    expect(operation?.operationId).toBe(route.operationId);
    expect(operation?.tags).toEqual([route.concern]);
    expect(Object.keys(operation?.responses ?? {}).length).toBeGreaterThan(0);
  });

  it('gives every operation its own operationId', () => {
    const ids = Object.values(doc.paths).flatMap((methods) =>
      Object.values(methods).map((operation) => operation.operationId),
    );
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each(routes)('$name declares each of its path parameters', ({ spec }) => {
    const names = [...spec.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
    const declared = (operationOf(spec)?.parameters ?? []).filter((p) => p.in === 'path');
    expect(declared.map((p) => p.name).sort()).toEqual(names.sort());
    for (const parameter of declared) expect(parameter.required).toBe(true);
  });

  it.each(routes)('$name has a JSON request body exactly when it takes one', ({ spec }) => {
    const body = operationOf(spec)?.requestBody;
    if (spec.body) {
      // Required unless the route takes no body as well (PUT …/members/{chamberId}: its
      // joinedOn may be left out, and with it the whole body).
      expect(body?.required).toBe(!z.safeParse(spec.body, undefined).success);
      expect(body?.content?.['application/json']?.schema?.type).toBe('object');
    } else {
      expect(body).toBeUndefined();
    }
  });

  it.each(routes)('$name says whether it asks for a bearer token, and its 401', ({ spec }) => {
    const operation = operationOf(spec);
    expect(doc.security).toBeUndefined();
    if (spec.public) {
      // Anonymous access: the empty requirement; and no 401, which it never answers.
      expect(operation?.security).toEqual([{}]);
      expect(operation?.responses).not.toHaveProperty('401');
    } else {
      expect(operation?.security).toEqual([{ bearer: [] }]);
      expect(operation?.responses?.['401']).toEqual({
        $ref: '#/components/responses/Unauthorized',
      });
    }
  });

  it.each(routes)('$name lists the answers of the layers in front of it', ({ spec }) => {
    expect(operationOf(spec)?.responses).toMatchObject({
      405: { $ref: '#/components/responses/MethodNotAllowed' },
      429: { $ref: '#/components/responses/TooManyRequests' },
      500: { $ref: '#/components/responses/InternalServerError' },
    });
  });

  it('describes the authorizer’s 401 as API Gateway writes it, not as problem+json only', () => {
    const unauthorized = doc.components?.responses?.Unauthorized as {
      content: Record<string, { schema: unknown }>;
    };
    expect(unauthorized.content['application/json']?.schema).toEqual({
      type: 'object',
      properties: { message: { type: 'string', const: 'Unauthorized' } },
      required: ['message'],
      additionalProperties: false,
    });
  });

  it('defines the bearer scheme as a JWT', () => {
    expect(doc.components?.securitySchemes?.bearer).toMatchObject({
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'JWT',
    });
  });

  it('bounds every string, array and integer a request may carry', () => {
    const unbounded: string[] = [];
    const walk = (schema: unknown, where: string): void => {
      if (typeof schema !== 'object' || schema === null) return;
      const s = schema as Record<string, unknown>;
      const types = ([] as unknown[]).concat(s.type ?? []);
      if (types.includes('string') && s.maxLength === undefined && !s.enum && s.const === undefined)
        unbounded.push(`${where}: string without maxLength`);
      if (types.includes('array') && s.maxItems === undefined)
        unbounded.push(`${where}: array without maxItems`);
      if (types.includes('integer') && (s.maximum === undefined || s.format === undefined))
        unbounded.push(`${where}: integer without maximum or format`);
      for (const [key, inner] of Object.entries(s)) {
        if (Array.isArray(inner)) {
          for (const [i, item] of inner.entries()) walk(item, `${where}.${key}[${i}]`);
        } else if (typeof inner === 'object') walk(inner, `${where}.${key}`);
      }
    };
    for (const { name, spec } of routes) {
      const operation = operationOf(spec) as Operation & {
        parameters?: { name: string; schema?: unknown }[];
      };
      for (const parameter of operation.parameters ?? [])
        walk(parameter.schema, `${name} ${parameter.name}`);
      walk(operation.requestBody?.content?.['application/json']?.schema, `${name} body`);
    }
    expect(unbounded).toEqual([]);
  });

  it('has public and protected routes both (so both branches above ran)', () => {
    expect(routes.some((route) => route.spec.public)).toBe(true);
    expect(routes.some((route) => !route.spec.public)).toBe(true);
    expect(routes.some((route) => route.spec.body)).toBe(true);
    expect(routes.some((route) => !route.spec.body)).toBe(true);
  });

  it('requires name, kind, regionCode and relationship to create a chamber, and nothing else', () => {
    const schema = doc.paths['/v1/chambers']?.post?.requestBody?.content?.['application/json']
      ?.schema as JsonSchema;
    expect(schema.required?.slice().sort()).toEqual(
      ['kind', 'name', 'regionCode', 'relationship'].sort(),
    );
    expect(schema.additionalProperties).toBe(false);
    expect(Object.keys(schema.properties ?? {})).toEqual(
      expect.arrayContaining(['name', 'kind', 'regionCode', 'relationship', 'hometownRegionCode']),
    );
  });

  it('rejects unknown fields in every request body', () => {
    for (const { name, spec } of routes.filter((route) => route.spec.body)) {
      const schema = operationOf(spec)?.requestBody?.content?.['application/json']?.schema;
      expect(schema?.additionalProperties, name).toBe(false);
    }
  });
});
