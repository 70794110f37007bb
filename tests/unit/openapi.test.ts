import { describe, expect, it } from 'vitest';
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
  components?: { securitySchemes?: Record<string, Record<string, string>> };
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
      expect(body?.required).toBe(true);
      expect(body?.content?.['application/json']?.schema?.type).toBe('object');
    } else {
      expect(body).toBeUndefined();
    }
  });

  it.each(routes)('$name asks for a bearer token unless it is public', ({ spec }) => {
    const operation = operationOf(spec);
    if (spec.public) {
      // No document-wide requirement either, which would otherwise apply.
      expect(operation?.security ?? []).toEqual([]);
      expect(doc.security ?? []).toEqual([]);
    } else {
      expect(operation?.security).toEqual([{ bearer: [] }]);
    }
  });

  it('defines the bearer scheme as a JWT', () => {
    expect(doc.components?.securitySchemes?.bearer).toEqual({
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'JWT',
    });
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
