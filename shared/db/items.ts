/** The key attributes of every table and index this system declares: the store's, not the client's. */
const KEY_ATTRIBUTES = ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk'];

/** An item without its table and index keys: the record as a client or another concern sees it. */
export function withoutKeys<T>(item: Record<string, unknown>): T {
  const record = { ...item };
  for (const name of KEY_ATTRIBUTES) delete record[name];
  return record as T;
}
