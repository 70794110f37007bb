import { createHash } from 'node:crypto';

// One text per value, forever: what the ledger's hash chain seals and what a request is
// fingerprinted by (an Idempotency-Key reused with another body is told apart by it).

/** JSON with keys sorted at every level and undefined dropped: one text per value, forever. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  // As JSON.stringify does, an undefined inside an array stands as null.
  if (Array.isArray(value)) {
    return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** SHA-256 (hex) of the value's canonical JSON: equal values, equal hashes. */
export const canonicalHash = (value: unknown): string =>
  createHash('sha256').update(canonicalJson(value)).digest('hex');
