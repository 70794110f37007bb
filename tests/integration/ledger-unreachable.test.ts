import { createServer, type Server, type Socket } from 'node:net';
import { DynamoDBClient, GetItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeEach, describe, expect, inject, it, vi } from 'vitest';
import { villagesUnder } from '#shared/regions/villages';
import { createChamber, donation, newKey, numbers, stats } from '../support/ledger-api';
import { ADMIN, apiEvent, invoke, useLedgerEnvironment } from '../support/ledger-invoke';

/*
 * DynamoDB out of reach: the ledger's function, in-process, with its client pointed at a port
 * nothing listens on, or at a server that accepts connections and never answers. The API must
 * answer 503 problem+json within a bounded time (well inside the function's 10 s timeout, or
 * the client gets the gateway's error instead), and nothing may be written: checked afterwards
 * in the real DynamoDB Local. This file runs in a process of its own, so the environment it
 * sets reaches no other test file.
 */

type Handler = Parameters<typeof invoke>[0];

/** The template's timeout of the ledger function (infra/constructs/concern-function.ts). */
const FUNCTION_TIMEOUT_MS = 10_000;

const realDb = new DynamoDBClient({
  endpoint: inject('dynamoEndpoint'),
  region: 'local',
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
});
const LEDGER_TABLE = inject('functionEnvironments').ledger?.LEDGER_TABLE as string;

const villages = villagesUnder('371622');
let nextVillage = villages.length - 1;
const villageChamber = () => createChamber(villages[nextVillage--] as string, 'village');

/** A fresh copy of the function (and its module-scope DynamoDB client) against `endpoint`. */
async function functionAgainst(endpoint: string): Promise<Handler> {
  useLedgerEnvironment(endpoint);
  vi.resetModules();
  const { handler } = (await import('#functions/ledger/handler')) as unknown as {
    handler: Handler;
  };
  return handler;
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const servers: Server[] = [];
const sockets: Socket[] = [];
/** A server that accepts every connection and never says a word. */
async function silentServer(): Promise<number> {
  const server = createServer((socket) => {
    sockets.push(socket);
    socket.on('error', () => undefined);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as { port: number }).port;
}

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
});

beforeEach(() => {
  // The function logs each fault; that is expected here.
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
});

function expect503(answer: Awaited<ReturnType<typeof invoke>>, label: string) {
  expect(answer.status, `${label}: ${JSON.stringify(answer.body)}`).toBe(503);
  expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(answer.body).toMatchObject({
    type: expect.any(String),
    title: expect.any(String),
    status: 503,
    detail: expect.any(String),
  });
  expect(JSON.stringify(answer.body)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|stack|\n\s+at /);
}

/** Nothing of the chamber's ledger, and no answer under the key, reached the real table. */
async function expectNothingWritten(chamber: { id: string; regionCode: string }, key: string) {
  const { Items } = await realDb.send(
    new QueryCommand({
      TableName: LEDGER_TABLE,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': { S: `CHAMBER#${chamber.id}` } },
      ConsistentRead: true,
    }),
  );
  expect(Items ?? []).toEqual([]);
  const { Item } = await realDb.send(
    new GetItemCommand({
      TableName: LEDGER_TABLE,
      Key: { pk: { S: `IDEMPOTENCY#${ADMIN.sub}` }, sk: { S: key } },
      ConsistentRead: true,
    }),
  );
  expect(Item).toBeUndefined();
  expect(numbers(await stats({ regionCode: chamber.regionCode }))).toEqual({
    amountFen: 0,
    entries: 0,
    peopleHelped: 0,
    donors: 0,
    villages: 0,
    chambers: 0,
  });
}

describe('DynamoDB unreachable', () => {
  it('answers 503 problem+json quickly when nothing listens on its port, and writes nothing', async () => {
    const chamber = await villageChamber();
    const handler = await functionAgainst(`http://127.0.0.1:${await closedPort()}`);
    const key = newKey();
    const post = await invoke(
      handler,
      apiEvent('POST /v1/donations', {
        body: donation(chamber.id),
        headers: { 'idempotency-key': key },
      }),
    );
    expect503(post, 'POST /v1/donations');
    expect(post.headers['retry-after']).toBeDefined();
    expect(post.ms).toBeLessThan(15_000);

    const reads = await Promise.all([
      invoke(handler, apiEvent('GET /v1/stats/donations', { caller: null })),
      invoke(
        handler,
        apiEvent('GET /v1/chambers/{id}/ledger/verify', { pathParameters: { id: chamber.id } }),
      ),
      invoke(
        handler,
        apiEvent('POST /v1/donations/{id}/reversal', {
          pathParameters: { id: `${chamber.id}.1` },
          body: { reason: '冲正' },
          headers: { 'idempotency-key': newKey() },
        }),
      ),
    ]);
    for (const answer of reads) {
      expect503(answer, 'a read or reversal');
      expect(answer.ms).toBeLessThan(15_000);
    }
    await expectNothingWritten(chamber, key);
  });

  it('answers 503 problem+json within the function’s timeout when DynamoDB accepts and never answers', async () => {
    const chamber = await villageChamber();
    const handler = await functionAgainst(`http://127.0.0.1:${await silentServer()}`);
    const key = newKey();
    const post = await invoke(
      handler,
      apiEvent('POST /v1/donations', {
        body: donation(chamber.id),
        headers: { 'idempotency-key': key },
      }),
    );
    expect503(post, 'POST /v1/donations');
    // Lambda kills the invocation at its timeout: an answer after that never reaches anyone.
    expect(post.ms).toBeLessThan(FUNCTION_TIMEOUT_MS - 1_000);
    await expectNothingWritten(chamber, key);
  }, 30_000);
});
