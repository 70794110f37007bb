import { DynamoDBClient, QueryCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { LedgerEntry } from '#shared/contract/ledger';
import { townshipsOf } from '#shared/regions/townships';
import { call } from '../support/api';
import { cityAdminToken, createChamber, donated, donation } from '../support/ledger-api';

/*
 * The nightly ledger audit, run in-process against the same DynamoDB Local as the API, with an
 * SDK middleware recording every request it makes. Its chambers live in a township of 阳信县 no
 * other test uses (and the audit is run over that township alone), so the rest of the shared
 * database, where other tests alter entries on purpose, is not its business here.
 */
const TOWNSHIP = (townshipsOf('371622').at(-1) as { code: string }).code;
const environment = inject('functionEnvironments');
const ledgerTable = environment.ledger?.LEDGER_TABLE as string;
const db = new DynamoDBClient({
  endpoint: inject('dynamoEndpoint'),
  region: 'local',
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
});

let auditLedger: typeof import('#functions/ledger/audit').auditLedger;
let sent: { command: string; input: Record<string, unknown>; items: number }[] = [];

beforeAll(async () => {
  Object.assign(process.env, environment.ledger ?? {}, {
    AWS_ENDPOINT_URL_DYNAMODB: inject('dynamoEndpoint'),
    AWS_REGION: 'local',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    POWERTOOLS_LOG_LEVEL: 'SILENT',
    POWERTOOLS_METRICS_DISABLED: 'true',
  });
  const { dynamo } = await import('#shared/db/client');
  dynamo.middlewareStack.add(
    (next, context) => async (args) => {
      const out = await next(args);
      const output = out.output as { Items?: unknown[]; Responses?: Record<string, unknown[]> };
      sent.push({
        command: String(context.commandName),
        input: args.input as Record<string, unknown>,
        items:
          output.Items?.length ??
          Object.values(output.Responses ?? {}).reduce((n, items) => n + items.length, 0),
      });
      return out;
    },
    { step: 'initialize', name: 'recordAuditRequests' },
  );
  ({ auditLedger } = await import('#functions/ledger/audit'));
});

const audit = () => auditLedger({ now: new Date(), under: TOWNSHIP, sample: TOWNSHIP });

/** How many totals the township holds: what the region check reads beside the entries. */
async function townshipTotals(): Promise<number> {
  const out = await db.send(
    new QueryCommand({
      TableName: ledgerTable,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': { S: `TOTAL#${TOWNSHIP}` } },
      Select: 'COUNT',
    }),
  );
  return out.Count ?? 0;
}

describe('the nightly ledger audit', () => {
  let first: { id: string };
  let second: { id: string };
  let entries: LedgerEntry[];

  beforeAll(async () => {
    const admin = await cityAdminToken();
    first = await createChamber(TOWNSHIP);
    second = await createChamber(TOWNSHIP);
    entries = [];
    for (const amountFen of [100, 200, 300]) {
      const body = donation(first.id, { amountFen, occurredOn: '2023-04-01' });
      entries.push(await donated(admin, body));
    }
    for (const amountFen of [400, 500])
      entries.push(await donated(admin, donation(second.id, { amountFen })));
    const reversal = await call<LedgerEntry>('POST', `/v1/donations/${entries[0]?.id}/reversal`, {
      token: admin,
      headers: { 'idempotency-key': crypto.randomUUID() },
      body: { reason: '录入错误' },
    });
    expect(reversal.status).toBe(201);
  });

  it('finds nothing on a clean ledger, and reads each entry once', async () => {
    sent = [];
    const result = await audit();
    expect(result.findings).toEqual([]);
    expect(result).toMatchObject({ chambers: 2, entriesRead: 6, under: TOWNSHIP });
    expect(result.sample).toMatchObject({ regionCode: TOWNSHIP, chambers: 2, checked: true });

    expect(sent.map((s) => s.command)).not.toContain('ScanCommand');
    // Every entry query asks for one chamber's entries 1…head once; none is read twice.
    const entryQueries = sent.filter(
      (s) =>
        s.command === 'QueryCommand' && String(s.input.KeyConditionExpression).includes('BETWEEN'),
    );
    expect(entryQueries).toHaveLength(2);
    expect(entryQueries.reduce((n, s) => n + s.items, 0)).toBe(6);
    // Its cost, as it reports it: 2 chambers, 2 heads, 6 entries, the township's totals, and the
    // 2 heads again (the check that no entry landed while the totals were read).
    expect(result.itemsRead).toBe(2 + 2 + 6 + (await townshipTotals()) + 2);
    expect(result.itemsRead).toBe(sent.reduce((n, s) => n + s.items, 0));
  });

  it('names the chamber and the seq of an entry altered in place', async () => {
    await db.send(
      new UpdateItemCommand({
        TableName: ledgerTable,
        Key: { pk: { S: `CHAMBER#${second.id}` }, sk: { S: `ENTRY#${'2'.padStart(10, '0')}` } },
        UpdateExpression: 'SET amountFen = :a',
        ExpressionAttributeValues: { ':a': { N: '50000' } },
      }),
    );
    const result = await audit();
    const chain = result.findings.filter((f) => f.kind === 'chain');
    expect(chain).toEqual([
      expect.objectContaining({
        kind: 'chain',
        chamberId: second.id,
        regionCode: TOWNSHIP,
        firstBadSeq: 2,
      }),
    ]);
    // The altered amount no longer adds up to the head's totals, nor to the township's.
    expect(result.findings).toContainEqual(
      expect.objectContaining({ kind: 'chamber-totals', chamberId: second.id }),
    );
    expect(result.findings).toContainEqual(
      expect.objectContaining({ kind: 'region-totals', regionCode: TOWNSHIP, chamberId: null }),
    );
    expect(result.findings.some((f) => f.chamberId === first.id)).toBe(false);
  });

  it('finds totals that drifted from the entries while the chains still verify', async () => {
    const chamber = await createChamber(TOWNSHIP);
    await donated(await cityAdminToken(), donation(chamber.id, { amountFen: 700 }));
    await db.send(
      new UpdateItemCommand({
        TableName: ledgerTable,
        Key: { pk: { S: `CHAMBER#${chamber.id}` }, sk: { S: 'HEAD' } },
        UpdateExpression: 'ADD #a :d',
        ExpressionAttributeNames: { '#a': '2024:amountFen' },
        ExpressionAttributeValues: { ':d': { N: '1' } },
      }),
    );
    const result = await audit();
    const mine = result.findings.filter((f) => f.chamberId === chamber.id);
    expect(mine).toEqual([
      expect.objectContaining({
        kind: 'chamber-totals',
        firstBadSeq: null,
        detail: '2024 amountFen: head 701, entries 700',
      }),
    ]);
  });
});
