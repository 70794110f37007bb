const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/**
 * Today's date where the system's users live (Asia/Shanghai), as YYYY-MM-DD. China has kept
 * UTC+8 without daylight saving since 1991, so this is the UTC date eight hours on: no time-zone
 * database needed, the same answer on every host. (Kept out of the contract's module so that a
 * function needing only the date does not load zod.)
 */
export function todayInShanghai(now = new Date()): string {
  return new Date(now.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}
