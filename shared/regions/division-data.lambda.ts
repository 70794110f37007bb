// In a function's bundle, `#shared/regions/division-data` is this module (package.json
// "imports", condition fic-lambda): the jurisdiction's townships and villages ship beside the
// bundle as one file per city (`division-data/<4 digits>.json`, copied there when the bundle is
// built: infra/constructs/ship-divisions.mjs), and a city's file is read the first time that city
// is asked about. Same answers as division-data.ts, which code run from source reads.
import { readdirSync, readFileSync } from 'node:fs';
import type { CityDivisions } from './division-data';

export type { CityDivisions } from './division-data';

/** Beside the bundle: the folder the bundle's build copies the per-city files into. */
const FOLDER = new URL('./division-data/', import.meta.url);

const read = new Map<string, CityDivisions | undefined>();

export function cityDivisions(city: string): CityDivisions | undefined {
  if (!/^\d{4}$/.test(city)) return undefined;
  if (!read.has(city)) {
    let data: CityDivisions | undefined;
    try {
      data = JSON.parse(readFileSync(new URL(`${city}.json`, FOLDER), 'utf8')) as CityDivisions;
    } catch (error) {
      // No file: a city outside the jurisdiction. Anything else is a broken deployment.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    read.set(city, data);
  }
  return read.get(city);
}

export function cities(): string[] {
  return readdirSync(FOLDER)
    .map((file) => /^(\d{4})\.json$/.exec(file)?.[1])
    .filter((city): city is string => city !== undefined)
    .sort();
}
