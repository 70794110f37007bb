import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { ROOT, synthesize } from '#infra/local/runtime';

/*
 * `npm test` after the checks. The API tests (with the console's pure logic) and the browser
 * journeys run side by side, in two vitest runs: each keeps its files one after another, as
 * each has a runtime of its own whose data its tests read, and while a journey waits on the
 * browser the API tests have the other core. One synthesis serves both runs
 * (FIC_TEST_ASSEMBLY, read by tests/support/assembly.ts).
 *
 * `npm test -- <vitest arguments>` (a file, `--project browser`, …) runs one vitest with them
 * instead, over every project unless they name one.
 */
const vitest = path.join(
  path.dirname(createRequire(import.meta.url).resolve('vitest/package.json')),
  'vitest.mjs',
);
const args = process.argv.slice(2);
const started = Date.now();

const children = new Set<ChildProcess>();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    for (const child of children) if (child.pid) process.kill(-child.pid, signal);
    process.exit(130);
  });
}

/** One vitest run; its lines prefixed with `label` when another runs beside it. */
function run(label: string | undefined, vitestArgs: string[], env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, [vitest, 'run', ...vitestArgs], {
    cwd: ROOT,
    env: { ...env, ...(process.stdout.isTTY ? { FORCE_COLOR: '1' } : {}) },
    stdio: ['ignore', label ? 'pipe' : 'inherit', label ? 'pipe' : 'inherit'],
    detached: true, // its own process group, so a Ctrl-C reaches its runtime and browser too
  });
  children.add(child);
  if (label && child.stdout && child.stderr) {
    for (const [stream, out] of [
      [child.stdout, process.stdout],
      [child.stderr, process.stderr],
    ] as const) {
      createInterface({ input: stream }).on('line', (line) => out.write(`${label} │ ${line}\n`));
    }
  }
  return new Promise<number>((resolve) => {
    child.on('exit', (code, signal) => {
      children.delete(child);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

let code: number;
if (args.length > 0) {
  code = await run(undefined, args, process.env);
} else {
  const assembly = mkdtempSync(path.join(os.tmpdir(), 'fic-assembly-'));
  try {
    synthesize(assembly);
    const env = { ...process.env, FIC_TEST_ASSEMBLY: assembly };
    const codes = await Promise.all([
      run('api    ', ['--project', 'api', '--project', 'web'], env),
      run('browser', ['--project', 'browser'], env),
    ]);
    code = Math.max(...codes);
    const minutes = ((Date.now() - started) / 60_000).toFixed(1);
    console.log(
      `\napi and web: ${codes[0] === 0 ? 'passed' : 'FAILED'} · browser: ${codes[1] === 0 ? 'passed' : 'FAILED'} · ${minutes} min in all`,
    );
  } finally {
    rmSync(assembly, { recursive: true, force: true });
  }
}
process.exit(code);
