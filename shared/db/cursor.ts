import { BadRequestError } from '#shared/http/errors';

type Key = Record<string, string>;

/**
 * Pagination cursors are opaque to clients: base64url of the last evaluated key. Decoding
 * checks the shape (exactly the expected attributes, scalar values) and that the cursor lies in
 * this query's partition and key range, so a forged or stale cursor is a 400 at ["cursor"],
 * never a 500 from DynamoDB.
 */
export function encodeCursor(key: Record<string, unknown> | undefined): string | null {
  return key ? Buffer.from(JSON.stringify(key)).toString('base64url') : null;
}

export function decodeCursor(
  cursor: string | undefined,
  attributes: readonly string[],
  /** Per attribute, the value the cursor must have, or the prefix it must start with. */
  within: Record<string, string | { prefix: string }> = {},
): Key | undefined {
  if (cursor === undefined) return undefined;
  const invalid = () => BadRequestError.field(['cursor'], 'is not a cursor this list returned');
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalid();
  const key = value as Record<string, unknown>;
  const names = Object.keys(key).sort();
  if (names.join() !== [...attributes].sort().join()) throw invalid();
  // Every key attribute of every table here is a string.
  for (const name of names) {
    const v = key[name];
    if (!(typeof v === 'string' && v.length > 0 && v.length <= 1024)) throw invalid();
  }
  // A key outside the query's partition or sort-key range makes DynamoDB fail the query.
  for (const [name, expected] of Object.entries(within)) {
    const actual = key[name];
    const ok =
      typeof expected === 'string'
        ? actual === expected
        : typeof actual === 'string' && actual.startsWith(expected.prefix);
    if (!ok) throw invalid();
  }
  return key as Key;
}
