import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/*
 * The web console's build, as the WebStack's asset bundles it: Vite builds web/ into web/dist,
 * again only when a source changed (the stamp in web/dist names the sources it was built from),
 * and the asset is a copy of web/dist. `npm start` gets it the same way, by synthesizing.
 */

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const CONSOLE_DIR = path.join(ROOT, 'web');
const DIST = path.join(CONSOLE_DIR, 'dist');
const STAMP = path.join(DIST, '.source-hash');
const LOCK = path.join(CONSOLE_DIR, '.build-lock');
/** What the console is built from: its own sources, the shared code it imports, the division
 * data of the jurisdiction, and the locked dependency versions. */
const SOURCES = [
  CONSOLE_DIR,
  path.join(ROOT, 'shared'),
  path.join(ROOT, '.generated', 'divisions'),
];
const SKIP = new Set(['dist', 'node_modules', '.build-lock']);

/** A hash of everything the console's build reads; equal hashes build equal consoles. */
export function consoleSourceHash(): string {
  const hash = createHash('sha256');
  const add = (file: string) => {
    hash.update(path.relative(ROOT, file)).update('\0').update(readFileSync(file)).update('\0');
  };
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
    )) {
      if (SKIP.has(entry.name)) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) add(full);
    }
  };
  for (const dir of SOURCES) if (existsSync(dir)) walk(dir);
  add(path.join(ROOT, 'package-lock.json'));
  return hash.digest('hex');
}

/**
 * Builds web/dist unless it was built from these very sources; answers whether it built. Runs
 * synchronously, as CDK's local bundling does. Two processes synthesizing at once (test
 * workers) build once: the second waits for the first.
 */
export function buildConsole(log: (line: string) => void = (line) => console.error(line)): boolean {
  const hash = consoleSourceHash();
  if (stamped(hash)) return false;
  return withLock(() => {
    if (stamped(hash)) return false;
    const started = Date.now();
    log('Building the web console (web/ changed since the last build)…');
    const vite = path.join(
      path.dirname(createRequire(import.meta.url).resolve('vite/package.json')),
      'bin',
      'vite.js',
    );
    const result = spawnSync(
      process.execPath,
      [vite, 'build', '--config', path.join(CONSOLE_DIR, 'vite.config.ts'), '--logLevel', 'warn'],
      // Always React's and antd's production build: a NODE_ENV the caller runs under (vitest
      // sets "test") would otherwise make Vite bundle their development builds.
      {
        cwd: ROOT,
        stdio: ['ignore', 'inherit', 'inherit'],
        env: { ...process.env, NODE_ENV: 'production' },
      },
    );
    if (result.status !== 0) {
      throw new Error(
        `The web console did not build (vite exited ${result.status ?? result.signal}); see above.`,
      );
    }
    writeFileSync(STAMP, `${hash}\n`);
    log(`Built the web console in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
    return true;
  });
}

/** Copies the built console into `outputDir` (an asset's bundle), without the stamp. */
export function copyConsole(outputDir: string): void {
  cpSync(DIST, outputDir, { recursive: true, filter: (source) => source !== STAMP });
}

function stamped(hash: string): boolean {
  return existsSync(STAMP) && readFileSync(STAMP, 'utf8').trim() === hash;
}

function withLock<T>(work: () => T): T {
  const deadline = Date.now() + 15 * 60_000;
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      // Held by another build. A lock left by a process that died is older than any build.
      const held = statSync(LOCK, { throwIfNoEntry: false });
      if (held && Date.now() - held.mtimeMs > 10 * 60_000)
        rmSync(LOCK, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`Gave up waiting for ${LOCK} (another build?)`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 250);
    }
  }
  try {
    return work();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}
