import { describe, expect, it } from 'vitest';
import { concerns } from '#shared/contract/routes';

/*
 * A function builds only the request schemas of the routes it serves, on first use: every schema
 * a route names is a z.lazy, and importing the contract builds none of them (bench/README.md has
 * what this saves at a cold start). This file imports the contract and parses nothing.
 */
const fields = ['params', 'query', 'headers', 'body'] as const;
const schemas = Object.entries(concerns).flatMap(([concern, routes]) =>
  Object.entries(routes).flatMap(([name, spec]) =>
    fields.flatMap((field) => {
      const schema = (spec as Record<string, unknown>)[field] as
        | { _zod: { def: { type: string; _cachedInner?: unknown } } }
        | undefined;
      return schema ? [{ route: `${concern}.${name}.${field}`, def: schema._zod.def }] : [];
    }),
  ),
);

describe('the contract at load', () => {
  it('declares schemas for its routes', () => {
    expect(schemas.length).toBeGreaterThan(50);
  });

  it.each(schemas)('$route is built on first use, not at import', ({ def }) => {
    expect(def.type).toBe('lazy');
    expect(def._cachedInner).toBeUndefined();
  });
});
