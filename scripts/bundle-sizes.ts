// Prints each function's bundle exactly as `cdk synth` built it: minified and gzipped bytes.
// Usage: npm run sizes  (synthesizes first)
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { Assembly, functionName } from '#infra/local/assembly';

const assembly = new Assembly(path.resolve(process.argv[2] ?? 'cdk.out'));
const rows = assembly.functions().map((fn) => {
  const file = readdirSync(fn.codeDir).find((name) => /\.(mjs|js|cjs)$/.test(name)) ?? '';
  const code = readFileSync(path.join(fn.codeDir, file));
  return {
    function: functionName(fn),
    minifiedKB: +(code.length / 1000).toFixed(1),
    gzipKB: +(gzipSync(code).length / 1000).toFixed(1),
  };
});
console.table(rows);
