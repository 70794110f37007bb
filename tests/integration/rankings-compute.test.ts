import { beforeAll, describe, expect, inject, it } from 'vitest';
import { call, token } from '../support/api';

/*
 * The rankings job, run in-process against the same DynamoDB Local as the API, with an SDK
 * middleware recording every request it makes: it must never read a ledger entry (only each
 * chamber's chain head), never scan, and its reads must not grow with the number of donations.
 */
const environment = inject('functionEnvironments');

let computeRankings: (now: Date) => Promise<{ itemsRead: number; chambers: number }>;
let sent: { command: string; input: Record<string, unknown> }[] = [];

beforeAll(async () => {
  Object.assign(process.env, environment.rankings ?? {}, {
    LEDGER_TABLE: environment.ledger?.LEDGER_TABLE,
    AWS_ENDPOINT_URL_DYNAMODB: inject('dynamoEndpoint'),
    AWS_REGION: 'local',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    POWERTOOLS_LOG_LEVEL: 'ERROR',
  });
  const compute = environment.rankings;
  expect(compute?.RANKINGS_TABLE).toBeDefined();
  const { dynamo } = await import('#shared/db/client');
  dynamo.middlewareStack.add(
    (next, context) => async (args) => {
      sent.push({
        command: String(context.commandName),
        input: args.input as Record<string, unknown>,
      });
      return next(args);
    },
    { step: 'initialize', name: 'recordRequests' },
  );
  ({ computeRankings } = await import('#functions/rankings/compute'));
});

async function donate(admin: string, chamberId: string, n: number): Promise<void> {
  const answers = await Promise.all(
    Array.from({ length: n }, () =>
      call('POST', '/v1/donations', {
        token: admin,
        headers: { 'idempotency-key': crypto.randomUUID() },
        body: {
          chamberId,
          donor: { name: '某公司', uscc: '91371621MA3C00003B' },
          campaign: 'disaster-relief',
          form: 'goods',
          amountFen: 100,
          occurredOn: '2024-08-01',
        },
      }),
    ),
  );
  expect(answers.map((a) => a.status)).toEqual(answers.map(() => 201));
}

describe('the rankings job', () => {
  it('reads chamber heads only, never ledger entries, and never scans', async () => {
    const admin = await token({ role: 'fic-admin', regionCode: '371600' });
    const created = await call<{ id: string }>('POST', '/v1/chambers', {
      token: admin,
      body: {
        name: '只读头部商会',
        kind: 'industry',
        regionCode: '371602',
        relationship: 'classified',
      },
    });
    await donate(admin, created.body.id, 3);

    sent = [];
    await computeRankings(new Date());
    const ledgerTable = environment.ledger?.LEDGER_TABLE as string;
    // The document client's commands are recorded under the low-level commands' names.
    expect(sent.map((s) => s.command)).not.toContain('ScanCommand');
    const ledgerReads = sent.filter((s) => JSON.stringify(s.input).includes(ledgerTable));
    expect(ledgerReads.length).toBeGreaterThan(0);
    for (const read of ledgerReads) {
      expect(read.command).toBe('BatchGetItemCommand');
      const request = read.input.RequestItems as Record<string, { Keys: { sk: string }[] }>;
      expect(request[ledgerTable]?.Keys.every((key) => key.sk === 'HEAD')).toBe(true);
    }
  });

  it('reads as many items with twice the donations: its cost follows chambers, not the ledger', async () => {
    const admin = await token({ role: 'fic-admin', regionCode: '371600' });
    const created = await call<{ id: string }>('POST', '/v1/chambers', {
      token: admin,
      body: {
        name: '规模商会',
        kind: 'industry',
        regionCode: '371602',
        relationship: 'classified',
      },
    });
    await donate(admin, created.body.id, 10);
    const before = await computeRankings(new Date());
    await donate(admin, created.body.id, 20);
    const after = await computeRankings(new Date());
    expect(after.chambers).toBe(before.chambers);
    expect(after.itemsRead).toBe(before.itemsRead);
  });
});
