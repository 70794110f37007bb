// One text per value, forever. Apart from canonical-json.ts (which hashes it with node:crypto)
// so the console and its workers can derive the same texts in the browser.

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
