import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { type DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import type { LocalTable } from './assembly';

/*
 * A newcomer's first look should be a living city: on an empty database the runtime loads the
 * Binzhou demo through the public API (`npm run seed:demo`, the very script people run by hand)
 * and then runs every schedule once, so rankings and overdue visits are there to read.
 */

/** Whether every table of the template is empty: one item read per table at most. */
export async function isEmpty(client: DynamoDBClient, tables: LocalTable[]): Promise<boolean> {
  for (const table of tables) {
    const page = await client.send(
      new ScanCommand({ TableName: table.name, Limit: 1, Select: 'COUNT' }),
    );
    // A scan may stop before the limit without finding anything; a key to go on means items.
    if ((page.Count ?? 0) > 0 || page.LastEvaluatedKey) return false;
  }
  return true;
}

/** Runs `npm run seed:demo`'s script against the runtime at `url`, its lines passed to `say`. */
export async function loadDemo(
  root: string,
  url: string,
  say: (line: string) => void,
): Promise<void> {
  const tsx = path.join(
    path.dirname(createRequire(import.meta.url).resolve('tsx/package.json')),
    'dist',
    'cli.mjs',
  );
  const child = spawn(process.execPath, [tsx, path.join(root, 'scripts', 'seed-demo.ts')], {
    cwd: root,
    env: { ...process.env, API_URL: url },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => {
      if (line.trim()) say(`  ${line}`);
    });
  }
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', resolve);
  });
  if (code !== 0) throw new Error(`Loading the demo failed (seed:demo exited ${code}); see above.`);
}
