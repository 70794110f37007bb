import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { synthesize } from '#infra/local/runtime';

/*
 * One cloud assembly for the whole test run. The API tests' runtime and the browser journeys'
 * runtime serve the same app with the same context, so the first global setup to ask
 * synthesizes it (bundling every function and, when its sources changed, building the console)
 * and the other serves the same folder. Global setups run in vitest's main process, so the
 * folder is kept on globalThis; the last one to let go removes it.
 */
interface Shared {
  dir: string;
  users: number;
}

const KEY = Symbol.for('fic.tests.assembly');
const holder = globalThis as unknown as Record<symbol, Shared | undefined>;

/**
 * The run's assembly folder, synthesized on the first call. Pair each call with `release`.
 * `npm test` synthesizes once for its two vitest runs and names the folder in FIC_TEST_ASSEMBLY
 * (scripts/test.ts removes it).
 */
export function sharedAssembly(): string {
  const given = process.env.FIC_TEST_ASSEMBLY;
  if (given) return given;
  let shared = holder[KEY];
  if (!shared) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'fic-assembly-'));
    synthesize(dir);
    shared = { dir, users: 0 };
    holder[KEY] = shared;
  }
  shared.users += 1;
  return shared.dir;
}

export function releaseAssembly(): void {
  if (process.env.FIC_TEST_ASSEMBLY) return;
  const shared = holder[KEY];
  if (!shared) return;
  shared.users -= 1;
  if (shared.users > 0) return;
  rmSync(shared.dir, { recursive: true, force: true });
  holder[KEY] = undefined;
}
