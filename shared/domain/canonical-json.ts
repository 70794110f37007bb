import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-text';

// One text per value, forever: what the ledger's hash chain seals and what a request is
// fingerprinted by (an Idempotency-Key reused with another body is told apart by it).

export { canonicalJson } from './canonical-text';

/** SHA-256 (hex) of the value's canonical JSON: equal values, equal hashes. */
export const canonicalHash = (value: unknown): string =>
  createHash('sha256').update(canonicalJson(value)).digest('hex');
