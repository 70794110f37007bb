import fc from 'fast-check';
import type { Schema } from './document';

/*
 * Values built from the document's JSON Schemas (fast-check arbitraries): valid ones, preferring
 * real values a property's name calls for (the suite's fixtures: ids, region codes, years), and
 * hostile ones (wrong types, huge, deep and odd values).
 */

export type Hints = Record<string, readonly unknown[]>;

const MAX_ITEMS = 3;
const MAX_TEXT = 24;

/** A value the schema accepts (as far as a JSON Schema can say; domain rules may still refuse it). */
export function valueFor(
  schema: Schema | undefined,
  hints: Hints,
  name?: string,
): fc.Arbitrary<unknown> {
  if (!schema) return fc.constant(null);
  const hinted = name !== undefined ? hints[name] : undefined;
  if (hinted?.length) return fc.constantFrom(...hinted);
  if ('const' in schema) return fc.constant(schema.const);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]));
  const choices = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined;
  if (choices) return fc.oneof(...choices.map((choice) => valueFor(choice, hints, name)));
  const type = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type];
  if (type.length > 1) {
    return fc.oneof(...type.map((t) => valueFor({ ...schema, type: t }, hints, name)));
  }
  switch (type[0]) {
    case 'object':
      return objectOf(schema, hints);
    case 'array': {
      const min = Number(schema.minItems ?? 0);
      const max = Math.max(min, Math.min(Number(schema.maxItems ?? MAX_ITEMS), MAX_ITEMS));
      return fc.array(valueFor(schema.items as Schema, hints), { minLength: min, maxLength: max });
    }
    case 'string':
      return stringOf(schema);
    case 'integer':
      return fc.integer({
        min: bound(schema.minimum, schema.exclusiveMinimum, 1, -1e9),
        max: bound(schema.maximum, schema.exclusiveMaximum, -1, 1e9),
      });
    case 'number':
      return fc.double({
        min: Number(schema.minimum ?? -1e6),
        max: Number(schema.maximum ?? 1e6),
        noNaN: true,
        noDefaultInfinity: true,
      });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    default:
      return fc.constant(null);
  }
}

/** An inclusive integer bound from `minimum`/`exclusiveMinimum` (or their maxima), kept safe. */
function bound(inclusive: unknown, exclusive: unknown, step: number, otherwise: number): number {
  const value =
    typeof inclusive === 'number'
      ? inclusive
      : typeof exclusive === 'number'
        ? exclusive + step
        : otherwise;
  return Math.max(-1e12, Math.min(1e12, value));
}

function objectOf(schema: Schema, hints: Hints): fc.Arbitrary<Record<string, unknown>> {
  const properties = (schema.properties ?? {}) as Record<string, Schema>;
  const required = new Set((schema.required ?? []) as string[]);
  return fc.record(
    Object.fromEntries(
      Object.entries(properties).map(([key, inner]) => [key, valueFor(inner, hints, key)]),
    ),
    { requiredKeys: [...required] },
  );
}

function stringOf(schema: Schema): fc.Arbitrary<string> {
  if (schema.format === 'date') return fc.constantFrom('1991-03-15', '1991-12-31');
  if (schema.format === 'date-time') return fc.constantFrom('1991-03-15T08:00:00.000Z');
  const min = Number(schema.minLength ?? 0);
  const max = Math.max(min, Math.min(Number(schema.maxLength ?? MAX_TEXT), MAX_TEXT));
  if (typeof schema.pattern === 'string') {
    try {
      return fc
        .stringMatching(new RegExp(schema.pattern))
        .filter((s) => s.length >= min && s.length <= Number(schema.maxLength ?? Infinity));
    } catch {
      // a pattern fast-check cannot generate from: plain text of the right length
    }
  }
  return fc.string({ minLength: Math.max(min, 1), maxLength: max, unit: 'grapheme' });
}

/** Values no schema of this API accepts where it expects something else, and odd ones. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    null,
    true,
    0,
    -1,
    1e308,
    -1e308,
    2 ** 53 + 1,
    0.1,
    '',
    ' ',
    '\u0000',
    '\u202e\u0645\u0631\u062d\u0628\u0627',
    '𠀀🏳️‍🌈',
    '../../etc/passwd',
    "'; DROP TABLE chambers; --",
    '<script>alert(1)</script>',
    '%zz',
    '{"$ne":null}',
    [],
    {},
    { __proto__: { polluted: true } },
    { constructor: { prototype: { polluted: true } } },
  ),
  fc.string({ minLength: 1000, maxLength: 1000 }).map((s) => s.repeat(20)),
  fc.integer({ min: 2, max: 400 }).map((depth) => nest(depth)),
  fc.array(fc.constant('x'), { minLength: 600, maxLength: 600 }),
  fc.anything({ maxDepth: 3 }),
);

function nest(depth: number): unknown {
  let value: unknown = 'deep';
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
}

/** Path values that are not what a parameter takes: bad percent-escapes, separators, odd text. */
export const hostilePathValue = fc.constantFrom(
  '%zz',
  '%',
  '%E4%B8',
  '%C0%AF',
  '%00',
  '%2F',
  '%2e%2e',
  'a%2Fb',
  '%20',
  '-',
  '_',
  'x'.repeat(300),
  '%F0%A0%80%80',
  '1e3',
  '00000000000000000000000000000001',
  'null',
  'undefined',
  '__proto__',
  'constructor',
);
