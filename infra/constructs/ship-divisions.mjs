// Run by each function's bundling, after esbuild (ConcernFunction's afterBundling hook):
//   node ship-divisions.mjs <bundle folder> <per-city division files>
// When the bundle reads per-city division data (shared/regions/division-data.lambda.ts, whose
// folder name it then contains), the files are copied beside it as `division-data/`, so they are
// part of the function's asset (and of its hash) exactly when the function needs them.
import { cpSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const [outputDir, source] = process.argv.slice(2);
if (!outputDir || !source) throw new Error('usage: ship-divisions.mjs <bundle folder> <source>');
const bundles = readdirSync(outputDir).filter((name) => /\.(mjs|js|cjs)$/.test(name));
const reads = bundles.some((name) =>
  readFileSync(join(outputDir, name), 'utf8').includes('./division-data/'),
);
if (reads) cpSync(source, join(outputDir, 'division-data'), { recursive: true });
