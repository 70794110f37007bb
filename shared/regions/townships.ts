// Townships and streets of this deployment's jurisdiction only (shared/regions/division-data).
import { cityDivisions } from '#shared/regions/division-data';

export function townshipName(code: string): string | undefined {
  if (!/^\d{9}$/.test(code)) return undefined;
  const townships = cityDivisions(code.slice(0, 4))?.townships;
  // hasOwn, because 'constructor' and friends are not township codes.
  return townships && Object.hasOwn(townships, code) ? townships[code] : undefined;
}

/** Townships of a 6-digit county (or of a city without counties, such as 东莞 441900). */
export function townshipsOf(county: string): { code: string; name: string }[] {
  if (!/^\d{6}$/.test(county)) return [];
  return Object.entries(cityDivisions(county.slice(0, 4))?.townships ?? {})
    .filter(([code]) => code.startsWith(county))
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([code, name]) => ({ code, name }));
}
