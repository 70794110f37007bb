import { DeleteCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LedgerEntry } from '#shared/contract/ledger';
import { townshipsOf } from '#shared/regions/townships';
import { byRegionKeys, chamberKey, chambersUnderCondition } from '#shared/registration/published';
import { donation } from '../support/ledger-api';
import { apiEvent, invoke } from '../support/ledger-invoke';
import { useOwnLedgerTable } from '../support/ledger-table';

/*
 * The nightly ledger audit, run in-process against DynamoDB Local with an SDK middleware
 * recording every request it makes. The ledger is written by the ledger's own function, invoked
 * in-process, into a ledger table of this file's own (other files alter entries of the shared
 * one on purpose); its chambers, in a township of 阳信县, are written straight into the shared
 * registration table through registration's published keys. The audit runs over that township.
 */
const TOWNSHIP = (townshipsOf('371622').at(-1) as { code: string }).code;

type Handler = Parameters<typeof invoke>[0];
let handler: Handler;
let ledgerTable: string;
let drop: () => Promise<void>;
let dynamo: typeof import('#shared/db/client').dynamo;
let auditLedger: typeof import('#functions/ledger/audit').auditLedger;
let sent: { command: string; input: Record<string, unknown>; items: number }[] = [];

beforeAll(async () => {
  ({ table: ledgerTable, drop } = await useOwnLedgerTable('ledger-audit-test'));
  ({ dynamo } = await import('#shared/db/client'));
  ({ handler } = (await import('#functions/ledger/handler')) as unknown as { handler: Handler });
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

afterAll(() => drop?.());

let serial = 0;
/** A chamber of the township, as registration stores it. */
async function chamber(): Promise<{ id: string }> {
  const id = `audit-${Date.now().toString(36)}-${++serial}`;
  const now = new Date().toISOString();
  await dynamo.send(
    new PutCommand({
      TableName: process.env.REGISTRATION_TABLE,
      Item: {
        ...chamberKey(id),
        ...byRegionKeys({ id, regionCode: TOWNSHIP }),
        id,
        name: `审计测试商会${serial}`,
        kind: 'township',
        regionCode: TOWNSHIP,
        relationship: 'supervised',
        status: 'applied',
        version: 1,
        createdAt: now,
        updatedAt: now,
      },
    }),
  );
  return { id };
}

/**
 * A donation through the ledger's function. A 503 (DynamoDB Local slow on a loaded machine) is
 * retried with the same Idempotency-Key, as the contract tells a client to: it lands once.
 */
async function donated(body: unknown): Promise<LedgerEntry> {
  const key = crypto.randomUUID();
  for (let attempt = 1; ; attempt += 1) {
    const answer = await invoke<LedgerEntry>(
      handler,
      apiEvent('POST /v1/donations', { body, headers: { 'idempotency-key': key } }),
    );
    if (answer.status === 503 && attempt < 5) continue;
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    return answer.body;
  }
}

const reverse = (id: string, key: string) =>
  invoke(
    handler,
    apiEvent('POST /v1/donations/{id}/reversal', {
      pathParameters: { id },
      body: { reason: '录入错误' },
      headers: { 'idempotency-key': key },
    }),
  );

const audit = () => auditLedger({ now: new Date(), under: TOWNSHIP, sample: TOWNSHIP });

/**
 * How many chambers registration holds under the township: this file's two, and any another
 * file registered on the township's villages (ledger-unreachable takes 阳信县's last villages).
 * The audit reads them all; only this file's have a head in this file's ledger.
 */
async function townshipChambers(): Promise<number> {
  const out = await dynamo.send(
    new QueryCommand({
      TableName: process.env.REGISTRATION_TABLE,
      ...chambersUnderCondition(TOWNSHIP),
      Select: 'COUNT',
    }),
  );
  return out.Count ?? 0;
}

/** How many totals the township holds: what the region check reads beside the entries. */
async function townshipTotals(): Promise<number> {
  const out = await dynamo.send(
    new QueryCommand({
      TableName: ledgerTable,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': `TOTAL#${TOWNSHIP}` },
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
    first = await chamber();
    second = await chamber();
    entries = [];
    for (const amountFen of [100, 200, 300])
      entries.push(await donated(donation(first.id, { amountFen, occurredOn: '2023-04-01' })));
    for (const amountFen of [400, 500])
      entries.push(await donated(donation(second.id, { amountFen })));
    const reverseKey = crypto.randomUUID();
    let reversal = await reverse(entries[0]?.id as string, reverseKey);
    // A 503 under load: the same key again, as a client would.
    for (let attempt = 1; reversal.status === 503 && attempt < 5; attempt += 1)
      reversal = await reverse(entries[0]?.id as string, reverseKey);
    expect(reversal.status, JSON.stringify(reversal.body)).toBe(201);
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
    // Its cost, as it reports it: the township's chambers, 2 heads, 6 entries, the township's
    // totals, and the 2 heads again (the check that no entry landed while the totals were read).
    expect(result.itemsRead).toBe(
      (await townshipChambers()) + 2 + 6 + (await townshipTotals()) + 2,
    );
    expect(result.itemsRead).toBe(sent.reduce((n, s) => n + s.items, 0));
  });

  it('names the chamber and the seq of an entry altered in place', async () => {
    await dynamo.send(
      new UpdateCommand({
        TableName: ledgerTable,
        Key: { pk: `CHAMBER#${second.id}`, sk: `ENTRY#${'2'.padStart(10, '0')}` },
        UpdateExpression: 'SET amountFen = :a',
        ExpressionAttributeValues: { ':a': 50000 },
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
    const drifted = await chamber();
    await donated(donation(drifted.id, { amountFen: 700 }));
    await dynamo.send(
      new UpdateCommand({
        TableName: ledgerTable,
        Key: { pk: `CHAMBER#${drifted.id}`, sk: 'HEAD' },
        UpdateExpression: 'ADD #a :d',
        ExpressionAttributeNames: { '#a': '2024:amountFen' },
        ExpressionAttributeValues: { ':d': 1 },
      }),
    );
    const result = await audit();
    const mine = result.findings.filter((f) => f.chamberId === drifted.id);
    expect(mine).toEqual([
      expect.objectContaining({
        kind: 'chamber-totals',
        firstBadSeq: null,
        detail: '2024 amountFen: head 701, entries 700',
      }),
    ]);
  });

  it('names a chamber whose chain head was deleted while its entries remain', async () => {
    const headless = await chamber();
    const untouched = await chamber(); // registered, never donated: no head, no entries
    await donated(donation(headless.id, { amountFen: 800 }));
    await donated(donation(headless.id, { amountFen: 900 }));
    await dynamo.send(
      new DeleteCommand({
        TableName: ledgerTable,
        Key: { pk: `CHAMBER#${headless.id}`, sk: 'HEAD' },
      }),
    );
    const result = await audit();
    expect(result.findings.filter((f) => f.chamberId === headless.id)).toEqual([
      expect.objectContaining({
        kind: 'chain',
        regionCode: TOWNSHIP,
        firstBadSeq: null,
        detail: expect.stringContaining('chain head is missing'),
      }),
    ]);
    expect(result.findings.some((f) => f.chamberId === untouched.id)).toBe(false);
  });
});
