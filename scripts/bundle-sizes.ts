// Prints each function's bundle exactly as `cdk synth` builds it, minified and gzipped, for the
// configured jurisdiction and for a province (370000 山东省), with the division files the bundle
// ships beside itself and reads on demand (KB on disk).
// Usage: npm run sizes [-- JURISDICTION...]   (synthesizes each into a temporary folder)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { Assembly, functionName } from '#infra/local/assembly';
import { configuredJurisdiction, writeDivisionSlice } from './divisions';

const configured = configuredJurisdiction();
const jurisdictions = process.argv.length > 2 ? process.argv.slice(2) : [configured, '370000'];
const rows = new Map<string, Record<string, string | number>>();
try {
  for (const jurisdiction of jurisdictions) {
    const outdir = mkdtempSync(path.join(os.tmpdir(), `fic-sizes-${jurisdiction}-`));
    try {
      const synth = spawnSync(
        'npx',
        ['cdk', 'synth', '--quiet', '-c', `jurisdiction=${jurisdiction}`, '-o', outdir],
        { stdio: ['ignore', 'ignore', 'inherit'] },
      );
      if (synth.status !== 0) throw new Error(`cdk synth -c jurisdiction=${jurisdiction} failed`);
      for (const fn of new Assembly(outdir).functions()) {
        const file = readdirSync(fn.codeDir).find((name) => /\.(mjs|js|cjs)$/.test(name)) ?? '';
        const code = readFileSync(path.join(fn.codeDir, file));
        const divisions = path.join(fn.codeDir, 'division-data');
        const shipped = existsSync(divisions)
          ? readdirSync(divisions).reduce((n, f) => n + statSync(path.join(divisions, f)).size, 0)
          : 0;
        const row = rows.get(functionName(fn)) ?? { function: functionName(fn) };
        row[`${jurisdiction} KB`] = +(code.length / 1000).toFixed(1);
        row[`${jurisdiction} gzip`] = +(gzipSync(code).length / 1000).toFixed(1);
        row[`${jurisdiction} files KB`] = +(shipped / 1000).toFixed(1);
        rows.set(functionName(fn), row);
      }
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  }
} finally {
  // Each synth wrote its jurisdiction's slice; leave the configured one in place.
  writeDivisionSlice(configured);
}
console.table([...rows.values()]);
