import { DynamoDBClient, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, inject, it } from 'vitest';
import type { LedgerAudit } from '#shared/contract/ledger';
import { townshipsOf } from '#shared/regions/townships';
import { call, token } from '../support/api';
import { cityAdminToken, createChamber, donated, donation } from '../support/ledger-api';
import { expectProblem } from '../support/registration';

/*
 * The ledger-audit schedule over HTTP: fired through POST /_local/schedules/ledger-audit as
 * EventBridge Scheduler would fire it, its result read at GET /v1/ledger/audits/latest. Other
 * files alter entries of their own chambers on purpose, so this file looks at its own chambers
 * (in a township of 沾化区) only.
 */
const TOWNSHIP = (townshipsOf('371603').at(-1) as { code: string }).code;
const ledgerTable = inject('functionEnvironments').ledger?.LEDGER_TABLE as string;
const db = new DynamoDBClient({
  endpoint: inject('dynamoEndpoint'),
  region: 'local',
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
});

const latest = async (as: string) =>
  call<LedgerAudit>('GET', '/v1/ledger/audits/latest', { token: as });

describe('the ledger-audit schedule', () => {
  it('runs on demand and names an altered entry’s chamber and seq to FIC staff of its region', async () => {
    const admin = await cityAdminToken();
    const altered = await createChamber(TOWNSHIP);
    const clean = await createChamber(TOWNSHIP);
    for (const amountFen of [100, 200, 300])
      await donated(admin, donation(altered.id, { amountFen }));
    await donated(admin, donation(clean.id));
    await db.send(
      new UpdateItemCommand({
        TableName: ledgerTable,
        Key: { pk: { S: `CHAMBER#${altered.id}` }, sk: { S: `ENTRY#${'3'.padStart(10, '0')}` } },
        UpdateExpression: 'SET peopleHelped = :p',
        ExpressionAttributeValues: { ':p': { N: '99' } },
      }),
    );

    const before = Date.now();
    const run = await call('POST', '/_local/schedules/ledger-audit');
    expect(run.status, JSON.stringify(run.body)).toBe(200);
    expect(run.body).toEqual({ name: 'ledger-audit', ok: true });

    const answer = await latest(admin);
    expect(answer.status).toBe(200);
    const audit = answer.body;
    expect(Date.parse(audit.ranAt as string)).toBeGreaterThanOrEqual(before - 1000);
    expect(audit.chambers).toBeGreaterThanOrEqual(2);
    expect(audit.entriesRead).toBeGreaterThanOrEqual(4);
    expect(audit.itemsRead).toBeGreaterThan(audit.entriesRead);
    expect(audit.findings.filter((f) => f.chamberId === altered.id && f.kind === 'chain')).toEqual([
      {
        kind: 'chain',
        chamberId: altered.id,
        regionCode: TOWNSHIP,
        firstBadSeq: 3,
        detail: expect.stringContaining('entry 3'),
      },
    ]);
    expect(audit.findings.some((f) => f.chamberId === clean.id)).toBe(false);

    // FIC staff of 沾化区 see it; those of 惠民县 (another county) do not.
    const county = await token({ role: 'fic-admin', regionCode: '371603', sub: 'audit-county' });
    expect((await latest(county)).body.findings.some((f) => f.chamberId === altered.id)).toBe(true);
    const other = await token({ role: 'fic-admin', regionCode: '371621', sub: 'audit-other' });
    const theirs = (await latest(other)).body;
    expect(theirs.ranAt).toBe(audit.ranAt);
    expect(theirs.findings.every((f) => f.regionCode.startsWith('371621'))).toBe(true);
  });

  it('is for FIC staff only', async () => {
    const officer = await token({ role: 'chamber-officer', chamberId: 'any-chamber' });
    expectProblem(await call('GET', '/v1/ledger/audits/latest', { token: officer }), 403);
    const anonymous = await call('GET', '/v1/ledger/audits/latest');
    expect(anonymous.status).toBe(401);
  });
});
