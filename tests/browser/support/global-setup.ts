import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { ROOT, type Runtime, startRuntime } from '#infra/local/runtime';
import { checkChromium } from './chromium';

/*
 * The browser journeys' own runtime, apart from the one the API tests share: the built console
 * served at /, DynamoDB Local in memory with the Binzhou demo loaded and both schedules run, on a
 * free port. CONSOLE_URL points the journeys at a console already running instead (while
 * working on them: `npm start` and `npm run dev:web`).
 */
let runtime: Runtime | undefined;
let outdir: string | undefined;

export async function setup(project: TestProject): Promise<void> {
  checkChromium(); // first, so a missing browser is said before anything slow starts
  if (process.env.CONSOLE_URL) {
    project.provide('consoleUrl', process.env.CONSOLE_URL.replace(/\/+$/, ''));
    project.provide('apiUrl', (process.env.API_URL ?? process.env.CONSOLE_URL).replace(/\/+$/, ''));
    return;
  }
  outdir = mkdtempSync(path.join(os.tmpdir(), 'fic-browser-assembly-'));
  const logFile = path.join(ROOT, '.data', `browser-functions-${process.pid}.log`);
  mkdirSync(path.dirname(logFile), { recursive: true });
  writeFileSync(logFile, '');
  runtime = await startRuntime({
    port: 0,
    inMemory: true,
    outdir,
    demo: true,
    log: (id, line) => appendFileSync(logFile, `[${id}] ${line}\n`),
  });
  project.provide('consoleUrl', runtime.url);
  project.provide('apiUrl', runtime.url);
}

export async function teardown(): Promise<void> {
  await runtime?.stop();
  if (outdir) rmSync(outdir, { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    consoleUrl: string;
  }
}
