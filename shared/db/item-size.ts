/*
 * DynamoDB's documented sizing rules ("DynamoDB item sizes and formats"; "Capacity unit
 * consumption for write operations"), for items as the document client reads and writes them.
 * What a write costs follows from the size of the item it touches, so the benchmarks compute write
 * units from the items a transaction writes (DynamoDB Local's consumed capacity for transactions
 * is not what DynamoDB charges).
 */

const utf8 = (text: string) => Buffer.byteLength(text, 'utf8');

/** Bytes of a number: 1 per two significant digits (leading and trailing zeros trimmed), plus 1. */
function numberSize(value: number | bigint): number {
  const digits = String(value)
    .replace(/^-/, '')
    .replace(/e.*$/i, '')
    .replace('.', '')
    .replace(/^0+/, '')
    .replace(/0+$/, '');
  return Math.ceil(Math.max(digits.length, 1) / 2) + 1;
}

/** Bytes of a value (its name not counted). */
function valueSize(value: unknown): number {
  if (value === null || value === undefined || typeof value === 'boolean') return 1;
  if (typeof value === 'string') return utf8(value);
  if (typeof value === 'number' || typeof value === 'bigint') return numberSize(value);
  if (value instanceof Uint8Array) return value.byteLength;
  // Lists and maps: 3 bytes of overhead, and 1 byte per element; a map's keys count as names.
  if (Array.isArray(value)) return 3 + value.reduce((n: number, v) => n + 1 + valueSize(v), 0);
  if (value instanceof Set) return [...value].reduce((n: number, v) => n + valueSize(v), 0);
  return (
    3 +
    Object.entries(value as Record<string, unknown>).reduce(
      (n, [k, v]) => n + 1 + utf8(k) + valueSize(v),
      0,
    )
  );
}

/** An item's size in bytes: the lengths of its attribute names and values. */
export function itemSize(item: Record<string, unknown> | undefined): number {
  return Object.entries(item ?? {}).reduce(
    (n, [name, value]) => n + utf8(name) + valueSize(value),
    0,
  );
}

/**
 * Write units a write of an item costs: its size rounded up to the next 1 KB (for an update, the
 * larger of the item before and after; for a delete, the item deleted), twice that inside a
 * transaction.
 */
export function writeUnits(bytes: number, transactional: boolean): number {
  return Math.max(1, Math.ceil(bytes / 1024)) * (transactional ? 2 : 1);
}
