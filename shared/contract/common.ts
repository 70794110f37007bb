import { en } from 'zod/locales';
import * as z from 'zod/mini';
import { checkUscc } from '#shared/domain/uscc';
import { regionLevel } from '#shared/regions/codes';
import { isKnownRegion } from '#shared/regions/regions';
import { townshipName } from '#shared/regions/townships';
import { isKnownVillage } from '#shared/regions/villages';

/*
 * Building blocks of the contract's request schemas (those of its responses are in
 * common.responses.ts). Region schemas are factories so that a function bundle carries only the
 * division data its own schemas call for (a module-level schema would keep every slice alive
 * through tree-shaking).
 *
 * Schemas are zod/mini: a function imports it in a fraction of zod classic's time. Mini ships no
 * locale, so English is set here, once, for the messages clients read in a problem's `errors`.
 *
 * Every schema a contract declares at module level, and every schema a route names, is a
 * `z.lazy`: it is built on first use, so a function builds the schemas of the routes it serves,
 * not its whole contract, when it loads (tests/unit/contract-load.test.ts holds routes to it).
 */
z.config(en());

/*
 * Every request string, array and integer is bounded here, so the routes built from these helpers
 * are bounded too (and the OpenAPI document says so): `npm run check` lints the document with the
 * OWASP ruleset, which names any request value left without a bound (scripts/lint-openapi.ts).
 */

/** No control characters but tab and line breaks (as a JSON Schema `pattern` any validator reads). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters are what it refuses
const PRINTABLE = /^[^\x00-\x08\x0B\x0C\x0E-\x1F\x7F]*$/;

/** Free text: trimmed, 1 to `max` characters, printable. */
export const text = (max: number) =>
  z
    .string()
    .check(
      z.trim(),
      z.minLength(1),
      z.maxLength(max),
      z.regex(PRINTABLE, 'contains a control character'),
    );

export const id = z.lazy(() =>
  z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, 'is not a valid id'), z.maxLength(64)),
);

/** A whole number from `min` to `max` (JSON); `queryInt` reads one from a query string or path. */
export const int = (min: number, max: number, message?: string) =>
  z.number().check(z.int(message), z.gte(min), z.lte(max));
export const queryInt = (min: number, max: number) =>
  z.coerce.number().check(z.int(), z.gte(min), z.lte(max));

/** A calendar year the records may be about: in a body, and in a query string or path. */
export const year = z.lazy(() => int(1949, 2100, 'must be a year'));
export const queryYear = z.lazy(() => queryInt(1949, 2100));

export const uscc = z.lazy(() =>
  z.pipe(
    // Surrounding spaces are trimmed (and lower case upper-cased) by the check itself.
    z
      .string()
      .check(
        z.maxLength(24),
        z.regex(/^\s*[0-9A-Za-z]*\s*$/, 'contains a character not allowed in a USCC'),
      ),
    z.transform((value: string, ctx) => {
      const result = checkUscc(value);
      if (result.ok) return result.value;
      ctx.issues.push({ code: 'custom', message: result.message, input: value });
      return z.NEVER;
    }),
  ),
);

export const isoDate = z.lazy(() => z.iso.date().check(z.maxLength(10)));

/** A province, city or county code (6 digits) that exists in the division data. */
export const regionCode6 = () =>
  z
    .string()
    .check(
      z.regex(/^\d{6}$/, 'must be a 6-digit region code'),
      z.maxLength(6),
      z.refine(isKnownRegion, 'is not a region code in the division data'),
    );

export const countyCode = () =>
  regionCode6().check(z.refine((code) => regionLevel(code) === 'county', 'must be a county code'));

export const townshipCode = () =>
  z.string().check(
    z.regex(/^\d{9}$/, 'must be a 9-digit township code'),
    z.maxLength(9),
    z.refine((code) => townshipName(code) !== undefined, 'is not a township in the division data'),
  );

export const villageCode = () =>
  z
    .string()
    .check(
      z.regex(/^\d{12}$/, 'must be a 12-digit village code'),
      z.maxLength(12),
      z.refine(isKnownVillage, 'is not a village in the division data'),
    );

/** Whether the division data knows a region code of 6, 9 or 12 digits. */
const isKnownCode = (code: string) =>
  code.length === 6
    ? isKnownRegion(code)
    : code.length === 9
      ? townshipName(code) !== undefined
      : isKnownVillage(code);

/** Any region code: 6 (province, city, county), 9 (township) or 12 (village) digits. */
export const anyRegionCode = () =>
  z
    .string()
    .check(
      z.regex(/^(\d{6}|\d{9}|\d{12})$/, 'must be a region code of 6, 9 or 12 digits'),
      z.maxLength(12),
      z.refine(isKnownCode, 'is not a region code in the division data'),
    );

/** At most this many regions in one list (`regionCodes`). */
export const MAX_REGION_LIST = 100;

/** Region codes separated by commas (`371602,371603`), each one `anyRegionCode` takes. */
export const regionCodeList = () =>
  z.string().check(
    z.maxLength(MAX_REGION_LIST * 13),
    z.regex(
      /^(\d{6}|\d{9}|\d{12})(,(\d{6}|\d{9}|\d{12}))*$/,
      'must be region codes of 6, 9 or 12 digits, separated by commas',
    ),
    z.refine(
      (list) => list.split(',').length <= MAX_REGION_LIST,
      `names at most ${MAX_REGION_LIST} regions`,
    ),
    z.refine(
      (list) => list.split(',').every(isKnownCode),
      'names a region code that is not in the division data',
    ),
  );

export const pageQuery = {
  limit: z.lazy(() => z._default(queryInt(1, 100), 50)),
  /** Opaque: the `nextCursor` of the previous page (base64url). */
  cursor: z.lazy(() =>
    z.optional(
      z
        .string()
        .check(z.regex(/^[A-Za-z0-9_-]+$/, 'is not a cursor this API gave'), z.maxLength(2048)),
    ),
  ),
};

/** If-Match carries the version read; an ETag-style quoted or weak value is accepted too. */
export const ifMatch = z.lazy(() =>
  z.object({
    'if-match': z.optional(
      z.pipe(
        z
          .string()
          .check(
            z.regex(/^(W\/)?"?\d{1,9}"?$/, 'must be the version number you read'),
            z.maxLength(13),
          ),
        z.transform((value: string) => Number(value.replace(/\D/g, ''))),
      ),
    ),
  }),
);

const idempotencyKeyValue = () =>
  z
    .string({ error: 'the Idempotency-Key header is required' })
    .check(
      z.regex(/^[\x21-\x7e]{1,200}$/, 'must be 1–200 visible ASCII characters'),
      z.maxLength(200),
    );

/** Idempotency-Key: a retry with the same key is answered, not applied again. The ledger needs it. */
export const idempotencyKey = z.lazy(() => z.object({ 'idempotency-key': idempotencyKeyValue() }));

/** An optional Idempotency-Key, on the routes that create a resource under an id of their own. */
export const optionalIdempotencyKey = z.lazy(() =>
  z.object({ 'idempotency-key': z.optional(idempotencyKeyValue()) }),
);
