import { covers, parentOf } from '#shared/regions/codes';

/**
 * Competition ranking ("1, 2, 2, 4"): highest value first; equal values share a rank and the
 * next rank skips; equal values are listed in order of their key (a chamber id or region code).
 */
export function competitionRanks<T extends { key: string; value: number }>(
  items: readonly T[],
): (T & { rank: number })[] {
  const sorted = [...items].sort((a, b) => b.value - a.value || compareCodePoints(a.key, b.key));
  let rank = 0;
  return sorted.map((item, index) => {
    if (index === 0 || item.value !== (sorted[index - 1] as T).value) rank = index + 1;
    return { ...item, rank };
  });
}

/** Code-point order, the same on every machine (localeCompare is not). */
export const compareCodePoints = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export interface RankedChamber {
  id: string;
  name: string;
  regionCode: string;
  status: string;
}

/** Chambers that take part in rankings: not deregistered (gone) and not rejected (never were). */
export const ranksChamber = (chamber: { status: string }) =>
  chamber.status !== 'deregistered' && chamber.status !== 'rejected';

/**
 * The region scopes to rank within: the jurisdiction, and every region between it and the
 * county level that has a chamber (for a city: the city and each county with chambers).
 */
export function rankingScopes(jurisdiction: string, regionCodes: Iterable<string>): string[] {
  const scopes = new Set([jurisdiction]);
  for (const code of regionCodes) {
    for (let c: string | null = code; c; c = parentOf(c)) {
      if (c.length === 6 && c !== jurisdiction && covers(jurisdiction, c)) scopes.add(c);
    }
  }
  return [...scopes].sort();
}

/** The region one level below `scope` that `code` lies in (undefined for `scope` itself). */
export function childRegionOf(scope: string, code: string): string | undefined {
  let child: string | undefined;
  for (let c: string | null = code; c && c !== scope; c = parentOf(c)) child = c;
  return child !== undefined && covers(scope, child) ? child : undefined;
}
