import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { App, Stack } from 'aws-cdk-lib';
import { ConcernFunction } from '#infra/constructs/concern-function';
import { Assembly, functionName, type LocalFunction } from '#infra/local/assembly';
import { ROOT } from '#infra/local/runtime';
import { median } from './support';

/*
 * Each function's bundle exactly as `cdk synth` built it: its size, and the median time to import
 * it in a fresh Node 24 process (the cold start's share that is ours), against a baseline bundle
 * of a bare handler that only creates the DynamoDB document client, built by the same construct.
 */

export interface BundleFigures {
  function: string;
  minifiedBytes: number;
  gzipBytes: number;
  importMsMedian: number;
  baselineImportMsMedian: number;
  ratio: number;
}

export function benchBundles(assembly: Assembly, runs: number, outdir: string): BundleFigures[] {
  const baseline = baselineBundle(outdir);
  return assembly.functions().map((fn) => {
    const file = bundleFile(fn);
    const code = readFileSync(file);
    // Baseline and function imports alternate, so a busy moment of the machine weighs on both.
    const times = { fn: [] as number[], baseline: [] as number[] };
    for (let i = 0; i < runs; i += 1) {
      times.baseline.push(importOnce(baseline));
      times.fn.push(importOnce({ file, environment: fn.environment }));
    }
    const ms = median(times.fn);
    const baselineMs = median(times.baseline);
    return {
      function: functionName(fn),
      minifiedBytes: code.length,
      gzipBytes: gzipSync(code).length,
      importMsMedian: round(ms),
      baselineImportMsMedian: round(baselineMs),
      ratio: round(ms / baselineMs),
    };
  });
}

function baselineBundle(outdir: string) {
  const app = new App({ outdir: path.join(outdir, 'baseline') });
  new ConcernFunction(new Stack(app, 'Baseline'), 'Baseline', {
    concern: 'baseline',
    entry: path.join(ROOT, 'bench', 'baseline-handler.ts'),
  });
  app.synth();
  const [fn] = new Assembly(path.join(outdir, 'baseline')).functions();
  if (!fn) throw new Error('the baseline did not synthesize');
  return { file: bundleFile(fn), environment: fn.environment };
}

function bundleFile(fn: LocalFunction): string {
  const name = readdirSync(fn.codeDir).find((f) => /^index\.(mjs|js)$/.test(f));
  if (!name) throw new Error(`no bundle in ${fn.codeDir}`);
  return path.join(fn.codeDir, name);
}

/** Milliseconds to import the bundle in a new process, as a cold start does. */
function importOnce(bundle: { file: string; environment: Record<string, string> }): number {
  const script = `const t = performance.now(); await import(${JSON.stringify(bundle.file)}); process.stdout.write(String(performance.now() - t));`;
  const out = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    env: {
      PATH: process.env.PATH,
      ...bundle.environment,
      AWS_REGION: 'local',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
    },
    encoding: 'utf8',
  });
  if (out.status !== 0) throw new Error(`import ${bundle.file}: ${out.stderr}`);
  return Number(out.stdout);
}

const round = (n: number) => Math.round(n * 100) / 100;
