import { appendFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { loadDemo } from '#infra/local/demo';
import { ROOT, type Runtime, startRuntime } from '#infra/local/runtime';
import { releaseAssembly, sharedAssembly } from '../../support/assembly';
import { checkChromium } from './chromium';

/*
 * The browser journeys' own runtime, apart from the one the API tests share: the built console
 * served at / (as CloudFront serves it), DynamoDB Local in memory, on a free port, with the
 * Binzhou demo loaded and every schedule run once. The demo loads while the other projects'
 * tests run (it takes minutes on this machine); each journey file waits for it (demoReady).
 * CONSOLE_URL points the journeys at a console already running instead (`npm start`).
 */
let runtime: Runtime | undefined;
let outdir: string | undefined;
let loading: Promise<void> | undefined;

export async function setup(project: TestProject): Promise<void> {
  checkChromium(); // first, so a missing browser is said before anything slow starts
  const readyFile = path.join(ROOT, '.data', `browser-demo-${process.pid}.json`);
  mkdirSync(path.dirname(readyFile), { recursive: true });
  rmSync(readyFile, { force: true });
  project.provide('demoReadyFile', readyFile);
  if (process.env.CONSOLE_URL) {
    const url = process.env.CONSOLE_URL.replace(/\/+$/, '');
    project.provide('consoleUrl', url);
    project.provide('apiUrl', (process.env.API_URL ?? url).replace(/\/+$/, ''));
    writeFileSync(readyFile, JSON.stringify({ ok: true }));
    return;
  }
  outdir = sharedAssembly(); // the API tests' runtime serves the same one
  const logFile = path.join(ROOT, '.data', `browser-functions-${process.pid}.log`);
  writeFileSync(logFile, '');
  const started = await startRuntime({
    port: 0,
    inMemory: true,
    outdir,
    synthesized: true,
    log: (id, line) => appendFileSync(logFile, `[${id}] ${line}\n`),
  });
  runtime = started;
  project.provide('consoleUrl', started.url);
  project.provide('apiUrl', started.url);
  const say = (line: string) => appendFileSync(logFile, `[demo] ${line}\n`);
  loading = (async () => {
    await loadDemo(ROOT, started.url, say);
    for (const { name } of started.assembly.schedules()) {
      const answer = await fetch(`${started.url}/_local/schedules/${name}`, { method: 'POST' });
      if (!answer.ok) throw new Error(`schedule ${name}: ${answer.status} ${await answer.text()}`);
    }
  })().then(
    () => writeFileSync(readyFile, JSON.stringify({ ok: true })),
    (error: unknown) =>
      writeFileSync(readyFile, JSON.stringify({ ok: false, error: String(error) })),
  );
}

export async function teardown(): Promise<void> {
  await loading;
  await runtime?.stop();
  if (outdir) releaseAssembly();
}

declare module 'vitest' {
  export interface ProvidedContext {
    consoleUrl: string;
    demoReadyFile: string;
  }
}
