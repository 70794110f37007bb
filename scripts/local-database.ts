import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Assembly } from '#infra/local/assembly';
import {
  checkJava,
  type DynamoLocal,
  LOCAL_CREDENTIALS,
  SetupError,
  startDynamoLocal,
} from '#infra/local/dynamodb';

/*
 * For the one-off scripts' `--local` (npm run backfill:*): the database `npm start` keeps under
 * .data/, opened with DynamoDB Local (stop `npm start` first), and the table names the local
 * template declares, read from cdk.out.
 */
const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Starts DynamoDB Local on .data/ and points the shared client's environment at it. */
export async function openLocalDatabase(): Promise<DynamoLocal> {
  checkJava();
  const local = await startDynamoLocal(await freePort(), path.join(ROOT, '.data', 'dynamodb'));
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_DYNAMODB: local.endpoint,
    AWS_REGION: 'local',
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
  });
  return local;
}

/** The table a function of cdk.out names in environment variable `env` (e.g. LEDGER_TABLE). */
export function localTable(env: string): string {
  let assembly: Assembly;
  try {
    assembly = new Assembly(path.join(ROOT, 'cdk.out'));
  } catch {
    throw new SetupError('No cdk.out here: run `npm start` once, stop it, then run this again.');
  }
  const table = assembly.functions().find((fn) => fn.environment[env])?.environment[env];
  if (!table) throw new SetupError(`cdk.out declares no function with a ${env}.`);
  return table;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}
