// The townships and villages of this deployment's jurisdiction, by city, from the whole slice
// (scripts/divisions.ts): what code run from source reads (tests, scripts, the console's build).
// Functions' bundles resolve `#shared/regions/division-data` to division-data.lambda.ts instead
// (package.json "imports", condition fic-lambda), which reads one city's file when it is first
// asked about, so a province's villages never weigh on a function's start-up.
import townships from '#generated/divisions/townships.json' with { type: 'json' };
import villages from '#generated/divisions/villages.json' with { type: 'json' };

/** One city's townships (code → name) and villages (township → concatenated 3-digit suffixes). */
export interface CityDivisions {
  townships: Readonly<Record<string, string>>;
  villages: Readonly<Record<string, string>>;
}

let byCity: Map<string, CityDivisions> | undefined;

function group(): Map<string, CityDivisions> {
  if (byCity) return byCity;
  byCity = new Map();
  const city = (code: string) => {
    const key = code.slice(0, 4);
    const found = byCity?.get(key) ?? { townships: {}, villages: {} };
    byCity?.set(key, found);
    return found as { townships: Record<string, string>; villages: Record<string, string> };
  };
  for (const [code, name] of Object.entries(townships as Record<string, string>)) {
    city(code).townships[code] = name;
  }
  for (const [code, suffixes] of Object.entries(villages as Record<string, string>)) {
    city(code).villages[code] = suffixes;
  }
  return byCity;
}

/** A city's (4-digit prefix) townships and villages; undefined outside the jurisdiction. */
export function cityDivisions(city: string): CityDivisions | undefined {
  return group().get(city);
}

/** The 4-digit prefixes of the jurisdiction's cities, sorted. */
export function cities(): string[] {
  return [...group().keys()].sort();
}
