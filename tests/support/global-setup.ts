import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { ROOT, type Runtime, startRuntime } from '#infra/local/runtime';
import { releaseAssembly, sharedAssembly } from './assembly';

/**
 * Integration and end-to-end tests share one local runtime: the app synthesized into its own
 * cloud assembly, DynamoDB Local in memory, the API on a free port. Functions' logs go to a
 * file rather than the test output.
 */
let runtime: Runtime | undefined;
let outdir: string | undefined;

export async function setup(project: TestProject): Promise<void> {
  // Each run synthesizes into its own folder (two runs side by side never share one), once for
  // this runtime and the browser journeys' (./assembly).
  outdir = sharedAssembly();
  const logFile = path.join(ROOT, '.data', `test-functions-${process.pid}.log`);
  mkdirSync(path.dirname(logFile), { recursive: true });
  writeFileSync(logFile, '');
  runtime = await startRuntime({
    port: 0,
    inMemory: true,
    outdir,
    synthesized: true,
    log: (id, line) => appendFileSync(logFile, `[${id}] ${line}\n`),
  });
  const environments = Object.fromEntries(
    [...runtime.hosts.values()].map((host) => [
      host.fn.environment.POWERTOOLS_SERVICE_NAME ?? host.fn.id,
      host.fn.environment,
    ]),
  );
  project.provide('apiUrl', runtime.url);
  project.provide('dynamoEndpoint', runtime.dynamoEndpoint);
  project.provide('functionEnvironments', environments);
  project.provide('assemblyDir', outdir);
}

export async function teardown(): Promise<void> {
  await runtime?.stop();
  if (outdir) releaseAssembly();
}

declare module 'vitest' {
  export interface ProvidedContext {
    apiUrl: string;
    dynamoEndpoint: string;
    /** Each concern's function environment as the template declares it, resolved locally. */
    functionEnvironments: Record<string, Record<string, string>>;
    /** The cloud assembly (cdk.out) the runtime serves. */
    assemblyDir: string;
  }
}
