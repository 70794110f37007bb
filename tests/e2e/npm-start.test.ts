import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/*
 * `npm start` as a person or a process manager runs it: it serves, and a SIGTERM sent to the npm
 * process alone (what a process manager's stop does) stops everything it started, DynamoDB Local
 * included, and frees the port.
 */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

async function freePort(): Promise<number> {
  const probe = createServer();
  probe.listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address() as { port: number };
  probe.close();
  await once(probe, 'close');
  return port;
}

/** Parent of every process: from /proc where there is one (Linux), else from `ps`. */
function processTable(): [number, number][] {
  if (existsSync('/proc/self/stat')) {
    return readdirSync('/proc').flatMap((entry): [number, number][] => {
      if (!/^\d+$/.test(entry)) return [];
      try {
        // pid (comm) state ppid …: comm may hold spaces and parentheses, so read after the last ')'.
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        return [[Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])]];
      } catch {
        return []; // gone meanwhile
      }
    });
  }
  return execFileSync('ps', ['-e', '-o', 'pid=,ppid='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/).map(Number) as [number, number]);
}

/** Every process below `pid`. */
function descendants(pid: number): number[] {
  const table = processTable();
  const found: number[] = [];
  const walk = (parent: number) => {
    for (const [child, of] of table) {
      if (of === parent) {
        found.push(child);
        walk(child);
      }
    }
  };
  walk(pid);
  return found;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('npm start', () => {
  it('serves, and stops with all it started when npm alone is sent SIGTERM', async () => {
    const port = await freePort();
    const npm = spawn('npm', ['start', '--', '--in-memory', '--quiet', '--port', String(port)], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let started: number[] = [];
    npm.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
    });
    npm.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
    });
    try {
      // Synthesis and DynamoDB Local's start take minutes when the machine is busy.
      const deadline = Date.now() + 300_000;
      while (!output.includes('FIC chambers on') && Date.now() < deadline) {
        if (npm.exitCode !== null) throw new Error(`npm start exited: ${output}`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(output).toContain(`FIC chambers on http://127.0.0.1:${port}`);
      expect((await fetch(`http://127.0.0.1:${port}/openapi.json`)).status).toBe(200);

      started = descendants(npm.pid as number);
      expect(started.length).toBeGreaterThan(1); // the runtime and DynamoDB Local's JVM at least
      const exited = once(npm, 'exit');
      npm.kill('SIGTERM');
      await exited;
      const until = Date.now() + 20_000;
      while (started.some(alive) && Date.now() < until) {
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(started.filter(alive)).toEqual([]);
      await expect(fetch(`http://127.0.0.1:${port}/openapi.json`)).rejects.toThrow();
    } finally {
      // Whatever outlived a failed test: npm, and what it had started (found now, when the test
      // failed before it looked: a runtime that never said it was ready is still running).
      if (npm.exitCode === null) {
        started = [...new Set([...started, ...descendants(npm.pid as number)])];
        npm.kill('SIGKILL');
      }
      for (const pid of started) if (alive(pid)) process.kill(pid, 'SIGKILL');
    }
  }, 360_000);
});
