import { httpApiEvent, lambdaContext } from '#infra/local/events';
import type { InProcess } from './in-process';
import { type Api, pool, registeredChamber } from './support';

/*
 * Ledger throughput and cost. Throughput: `concurrency` clients post donations through the local
 * runtime (the deployed code path: gateway, authorizer, the bundled function, DynamoDB Local),
 * a share of them sent twice as a client retry would; then the ledger is read back to count
 * duplicates and losses. Cost: the same handler invoked in-process with an SDK middleware
 * counting every request that reaches DynamoDB, on the happy path.
 */

export interface LedgerFigures {
  donations: number;
  concurrency: number;
  retriedKeys: number;
  duplicates: number;
  lost: number;
  perSecond: number;
  dynamodbRequestsPerDonation: number;
  requestsByOperation: Record<string, number>;
}

export async function benchLedger(options: {
  client: Api;
  local: InProcess;
  donations: number;
  concurrency?: number;
  chambers?: number;
}): Promise<LedgerFigures> {
  const concurrency = options.concurrency ?? 8;
  const { client } = options;
  const admin = await client.token({ role: 'fic-admin', regionCode: '371600' });
  const run = Date.now().toString(36);
  const chambers: string[] = [];
  for (let i = 0; i < (options.chambers ?? 8); i += 1) {
    chambers.push(
      await registeredChamber(
        client,
        admin,
        `基准测试商会 ${run}-${i}`,
        (Number.parseInt(run, 36) % 1e6) * 10 + i,
      ),
    );
  }
  const donation = (i: number) => ({
    chamberId: chambers[i % chambers.length] as string,
    donor: { name: '基准测试企业', uscc: '91371621MA3C00003B' },
    campaign: 'public-welfare',
    form: 'money',
    amountFen: 100 + (i % 1000),
    occurredOn: '2025-06-01',
    note: `bench-${run}-${i}`,
  });
  const answered = new Set<string>();
  let retriedKeys = 0;
  const post = async (i: number) => {
    for (let attempt = 0; ; attempt += 1) {
      const answer = await client.call('POST', '/v1/donations', {
        token: admin,
        body: donation(i),
        headers: { 'idempotency-key': `bench-${run}-${i}` },
      });
      if (answer.status === 201) return;
      if (answer.status !== 503 || attempt > 10)
        throw new Error(`donation ${i}: ${answer.status} ${JSON.stringify(answer.body)}`);
    }
  };
  const started = performance.now();
  await pool(options.donations, concurrency, async (i) => {
    await post(i);
    answered.add(`bench-${run}-${i}`);
    // One key in ten is sent again, as a client does when it never saw the first answer.
    if (i % 10 === 0) {
      retriedKeys += 1;
      await post(i);
    }
  });
  const seconds = (performance.now() - started) / 1000;

  const seen = new Map<string, number>();
  for (const chamberId of chambers) {
    let cursor: string | null = null;
    do {
      const query: string = new URLSearchParams({
        chamberId,
        limit: '100',
        ...(cursor && { cursor }),
      }).toString();
      const page = await client.call<{ items: { note?: string }[]; nextCursor: string | null }>(
        'GET',
        `/v1/donations?${query}`,
        { token: admin },
      );
      for (const entry of page.body.items)
        seen.set(entry.note ?? '', (seen.get(entry.note ?? '') ?? 0) + 1);
      cursor = page.body.nextCursor;
    } while (cursor);
  }
  const duplicates = [...seen.values()].filter((n) => n > 1).reduce((sum, n) => sum + n - 1, 0);
  const lost = [...answered].filter((key) => !seen.has(key)).length;

  const cost = await countRequests(options.local, chambers[0] as string, run);
  return {
    donations: options.donations,
    concurrency,
    retriedKeys,
    duplicates,
    lost,
    perSecond: +(options.donations / seconds).toFixed(1),
    ...cost,
  };
}

/** Requests per donation on the happy path, counted by an SDK middleware on the handler's own client. */
async function countRequests(
  { dynamo, ledgerHandler: handler }: InProcess,
  chamberId: string,
  run: string,
) {
  const byOperation: Record<string, number> = {};
  dynamo.middlewareStack.add(
    (next, context) => async (args) => {
      byOperation[context.commandName as string] =
        (byOperation[context.commandName as string] ?? 0) + 1;
      return next(args);
    },
    { step: 'deserialize', name: 'countRequests' },
  );
  const sample = 50;
  for (let i = 0; i < sample; i += 1) {
    const event = httpApiEvent({
      method: 'POST',
      routeKey: 'POST /v1/donations',
      path: '/v1/donations',
      headers: { 'content-type': 'application/json', 'idempotency-key': `count-${run}-${i}` },
      claims: { sub: 'bench', 'cognito:groups': '[fic-admin]', 'custom:regionCode': '371600' },
      body: JSON.stringify({
        chamberId,
        donor: { name: '基准测试企业', uscc: '91371621MA3C00003B' },
        campaign: 'public-welfare',
        form: 'money',
        amountFen: 100,
        occurredOn: '2025-06-01',
      }),
    });
    const result = (await handler(event as never, lambdaContext('ledger') as never)) as {
      statusCode: number;
    };
    if (result.statusCode !== 201) throw new Error(`counted donation ${i}: ${result.statusCode}`);
  }
  dynamo.middlewareStack.remove('countRequests');
  const total = Object.values(byOperation).reduce((a, b) => a + b, 0);
  return {
    dynamodbRequestsPerDonation: +(total / sample).toFixed(2),
    requestsByOperation: Object.fromEntries(
      Object.entries(byOperation).map(([k, v]) => [k, +(v / sample).toFixed(2)]),
    ),
  };
}
