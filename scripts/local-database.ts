import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ParseArgsOptionsConfig, parseArgs } from 'node:util';
import { Assembly } from '#infra/local/assembly';
import {
  checkJava,
  type DynamoLocal,
  LOCAL_CREDENTIALS,
  SetupError,
  startDynamoLocal,
} from '#infra/local/dynamodb';

/*
 * The one-off scripts' command line (npm run backfill:*), and their `--local`: the database
 * `npm start` keeps under .data/, opened with DynamoDB Local (stop `npm start` first), and the
 * table names the local template declares, read from cdk.out.
 */
const ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface BackfillRun<Env extends string> {
  /** Each table's name, by the environment variable its concern's modules read. */
  tables: Record<Env, string>;
  dryRun: boolean;
  startAfter?: string;
  /** The most records to take, from the script's limit flag. */
  limit?: number;
  log: (line: string) => void;
}

/**
 * A backfill's command line: a flag per table (`--<flag> NAME`), or `--local`; `--endpoint URL`
 * for any other DynamoDB; `--dry-run`, `--start-after C` and the limit flag. The tables are set
 * in the environment before `run` imports the backfill (the shared client reads its endpoint, and
 * each concern's module its table, when they load). Progress goes to stderr, the report as JSON
 * last on stdout; a setup mistake is said in one line, with exit code 1.
 */
export async function runBackfill<Env extends string>(spec: {
  /** The flag naming each table, by its environment variable: { LEDGER_TABLE: 'table' }. */
  tables: Record<Env, string>;
  /** The limit's flag, e.g. `max-totals`. */
  limit: string;
  run: (options: BackfillRun<Env>) => Promise<unknown>;
}): Promise<void> {
  const entries = Object.entries(spec.tables) as [Env, string][];
  let local: DynamoLocal | undefined;
  try {
    const values = commandLine({
      ...Object.fromEntries(entries.map(([, flag]) => [flag, { type: 'string' as const }])),
      [spec.limit]: { type: 'string' },
      endpoint: { type: 'string' },
      local: { type: 'boolean', default: false },
      'dry-run': { type: 'boolean', default: false },
      'start-after': { type: 'string' },
    });
    const text = (flag: string) => values[flag] as string | undefined;
    const limit = text(spec.limit) === undefined ? undefined : Number(text(spec.limit));
    if (limit !== undefined && !(Number.isInteger(limit) && limit > 0)) {
      throw new SetupError(`--${spec.limit} takes a whole number above 0.`);
    }
    const tables = {} as Record<Env, string>;
    if (values.local) local = await openLocalDatabase();
    else if (values.endpoint) process.env.AWS_ENDPOINT_URL_DYNAMODB = text('endpoint');
    for (const [env, flag] of entries) {
      const table = text(flag) ?? (local ? localTable(env) : undefined);
      if (!table) throw new SetupError(`Name the table with --${flag} NAME, or use --local.`);
      tables[env] = table;
      process.env[env] = table;
    }
    const report = await spec.run({
      tables,
      dryRun: values['dry-run'] === true,
      startAfter: text('start-after'),
      limit,
      log: (line) => console.error(line),
    });
    console.log(JSON.stringify(report));
  } catch (error) {
    if (!(error instanceof SetupError)) throw error;
    console.error(error.message);
    process.exitCode = 1;
  } finally {
    await local?.stop();
  }
}

/** The flags given, or a SetupError saying in one line which one is wrong. */
function commandLine(options: ParseArgsOptionsConfig) {
  try {
    return parseArgs({ options }).values;
  } catch (error) {
    throw new SetupError((error as Error).message);
  }
}

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
