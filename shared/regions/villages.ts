// Village codes of this deployment's jurisdiction only (shared/regions/division-data), kept per
// township as concatenated 3-digit suffixes.
import { cities, cityDivisions } from '#shared/regions/division-data';
import { covers, regionLevel, regionPrefix } from './codes';

const expanded = new Map<string, Set<string>>();

/** A township's village codes, expanded on first use. */
function villagesOf(township: string): Set<string> {
  let found = expanded.get(township);
  if (!found) {
    found = new Set();
    const suffixes = cityDivisions(township.slice(0, 4))?.villages[township] ?? '';
    for (let i = 0; i < suffixes.length; i += 3) found.add(township + suffixes.slice(i, i + 3));
    expanded.set(township, found);
  }
  return found;
}

export function isKnownVillage(code: string): boolean {
  return /^\d{12}$/.test(code) && villagesOf(code.slice(0, 9)).has(code);
}

/** Villages inside a region code of any level (371600 = the whole city), or else starting with
 * the given digits. Sorted. */
export function villagesUnder(prefix: string): string[] {
  const inside =
    regionLevel(prefix) === null
      ? (code: string) => code.startsWith(prefix)
      : (code: string) => covers(prefix, code);
  const city = (regionPrefix(prefix) ?? prefix).slice(0, 4);
  const villages: string[] = [];
  for (const each of cities().filter((c) => c.startsWith(city))) {
    for (const township of Object.keys(cityDivisions(each)?.villages ?? {})) {
      for (const code of villagesOf(township)) if (inside(code)) villages.push(code);
    }
  }
  return villages.sort();
}
