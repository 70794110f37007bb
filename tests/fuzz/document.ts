import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

/*
 * The OpenAPI document as the fuzz suite reads it: its operations, their parameters, request body
 * and documented answers, with every `$ref` resolved and each schema compiled by a JSON Schema
 * 2020-12 validator (ajv), so an answer is checked against what the document promises.
 */

export type Schema = Record<string, unknown>;

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  schema: Schema;
}

export interface Operation {
  name: string;
  operationId: string;
  method: string;
  path: string;
  public: boolean;
  parameters: Parameter[];
  body: Schema | undefined;
  /** Documented answers: status → content type → schema (no content: an empty object). */
  responses: Map<number, Record<string, Schema>>;
}

export interface Document {
  paths: Record<string, Record<string, Record<string, unknown>>>;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** Resolves every local `$ref` (`#/components/...`) in a value of the document. */
export function resolver(document: unknown) {
  const at = (pointer: string): unknown =>
    pointer
      .replace(/^#\//, '')
      .split('/')
      .reduce<unknown>((node, key) => (node as Record<string, unknown>)?.[key], document);
  const resolve = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(resolve);
    if (typeof value !== 'object' || value === null) return value;
    const ref = (value as { $ref?: unknown }).$ref;
    if (typeof ref === 'string') return resolve(at(ref));
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(v)]));
  };
  return resolve;
}

export function operationsOf(document: Document): Operation[] {
  const resolve = resolver(document);
  const out: Operation[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const raw = item[method];
      if (!raw) continue;
      const op = resolve(raw) as {
        operationId: string;
        security?: Record<string, unknown>[];
        parameters?: Parameter[];
        requestBody?: { content: Record<string, { schema: Schema }> };
        responses: Record<string, { content?: Record<string, { schema: Schema }> }>;
      };
      const responses = new Map<number, Record<string, Schema>>();
      for (const [status, response] of Object.entries(op.responses)) {
        responses.set(
          Number(status),
          Object.fromEntries(
            Object.entries(response.content ?? {}).map(([type, { schema }]) => [type, schema]),
          ),
        );
      }
      out.push({
        name: `${method.toUpperCase()} ${path}`,
        operationId: op.operationId,
        method: method.toUpperCase(),
        path,
        public: !(op.security ?? []).some((requirement) => Object.keys(requirement).length > 0),
        parameters: op.parameters ?? [],
        body: op.requestBody?.content['application/json']?.schema,
        responses,
      });
    }
  }
  return out;
}

/** A JSON Schema 2020-12 validator, compiling each schema once. */
export function validator() {
  const ajv = new Ajv2020({ strict: false, allErrors: false, validateFormats: true });
  addFormats.default(ajv);
  const compiled = new WeakMap<Schema, ReturnType<typeof ajv.compile>>();
  return (schema: Schema, value: unknown): string | undefined => {
    let validate = compiled.get(schema);
    if (!validate) {
      validate = ajv.compile(schema);
      compiled.set(schema, validate);
    }
    if (validate(value)) return undefined;
    return ajv.errorsText(validate.errors);
  };
}
