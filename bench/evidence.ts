import { httpApiEvent, lambdaContext } from '#infra/local/events';
import type { InProcess } from './in-process';
import { type Api, pool, registeredChamber } from './support';

/*
 * The evidence beside an entry's scores, and what it costs. Two chambers of one cycle, alike but
 * for their ledgers (`ledgers` donations of the cycle's year each, posted through the API), each
 * with a member and an activity; then the evidence of each asked of the
 * assessment handler in-process, with an SDK middleware counting every request that reaches
 * DynamoDB. The count must not follow the ledger: the evidence reads a chamber's chain head,
 * never its entries.
 */

export interface EvidenceFigures {
  ledgerEntries: number;
  /** What the evidence says the ledger holds that year: must equal ledgerEntries. */
  evidenceDonationEntries: number;
  calls: number;
  dynamodbRequestsPerEvidenceCall: number;
  requestsByOperation: Record<string, number>;
}

const YEAR = 2025;

export async function benchEvidence(options: {
  client: Api;
  local: InProcess;
  ledgers: number[];
  calls?: number;
}): Promise<EvidenceFigures[]> {
  const { client } = options;
  const admin = await client.token({
    role: 'fic-admin',
    regionCode: '371600',
    sub: 'bench-evidence',
  });
  const run = Date.now().toString(36);
  const cycle = await expect201<{ id: string }>(
    client.call('POST', '/v1/assessment-cycles', {
      token: admin,
      // Keyed, as every create here: a request the SDK retried after it landed is answered.
      headers: { 'idempotency-key': `evidence-cycle-${run}` },
      body: { year: YEAR, rubricId: 'four-good-2020', regionCode: '371600' },
    }),
  );
  const figures: EvidenceFigures[] = [];
  for (const [n, entries] of options.ledgers.entries()) {
    const serial = (Number.parseInt(run, 36) % 1e6) * 10 + n + 5;
    const chamberId = await registeredChamber(client, admin, `证据基准商会 ${run}-${n}`, serial);
    await fill(client, admin, chamberId, entries, run);
    figures.push({
      ledgerEntries: entries,
      ...(await countRequests(options.local, cycle.id, chamberId, options.calls ?? 20)),
    });
  }
  return figures;
}

/** A member, an activity and `entries` donations of the year, through the API. */
async function fill(client: Api, admin: string, chamberId: string, entries: number, run: string) {
  const path = `/v1/chambers/${chamberId}`;
  // A member is one by its USCC: 409 is a first try that landed.
  const member = await client.call('POST', `${path}/members`, {
    token: admin,
    body: { name: '基准测试企业', uscc: '91371621MA3C00003B' },
  });
  if (member.status !== 201 && member.status !== 409) {
    throw new Error(`member: ${member.status} ${JSON.stringify(member.body)}`);
  }
  await expect201(
    client.call('POST', `${path}/activities`, {
      token: admin,
      headers: { 'idempotency-key': `evidence-activity-${run}-${chamberId}` },
      body: { kind: 'study-session', heldOn: `${YEAR}-05-01` },
    }),
  );
  await pool(entries, 8, async (i) => {
    for (let attempt = 0; ; attempt += 1) {
      const answer = await client.call('POST', '/v1/donations', {
        token: admin,
        headers: { 'idempotency-key': `evidence-${run}-${chamberId}-${i}` },
        body: {
          chamberId,
          donor: { name: '基准测试企业', uscc: '91371621MA3C00003B' },
          campaign: 'public-welfare',
          form: 'money',
          amountFen: 100 + i,
          peopleHelped: 1,
          occurredOn: `${YEAR}-06-01`,
        },
      });
      if (answer.status === 201) return;
      if (answer.status !== 503 || attempt > 10) {
        throw new Error(`donation ${i}: ${answer.status} ${JSON.stringify(answer.body)}`);
      }
    }
  });
}

/** Requests per evidence call, counted by an SDK middleware on the handler's own client. */
async function countRequests(
  { dynamo, assessmentHandler: handler }: InProcess,
  cycleId: string,
  chamberId: string,
  calls: number,
) {
  const byOperation: Record<string, number> = {};
  let evidenceDonationEntries = -1;
  dynamo.middlewareStack.add(
    (next, context) => async (args) => {
      const name = context.commandName as string;
      byOperation[name] = (byOperation[name] ?? 0) + 1;
      return next(args);
    },
    { step: 'deserialize', name: 'countEvidenceRequests' },
  );
  try {
    for (let i = 0; i < calls; i += 1) {
      const path = `/v1/assessment-cycles/${cycleId}/entries/${chamberId}/evidence`;
      const event = httpApiEvent({
        method: 'GET',
        routeKey: 'GET /v1/assessment-cycles/{cycleId}/entries/{chamberId}/evidence',
        path,
        pathParameters: { cycleId, chamberId },
        claims: { sub: 'bench', 'cognito:groups': '[fic-admin]', 'custom:regionCode': '371600' },
      });
      const result = (await handler(event as never, lambdaContext('assessment') as never)) as {
        statusCode: number;
        body: string;
      };
      if (result.statusCode !== 200) {
        throw new Error(`evidence ${i}: ${result.statusCode} ${result.body}`);
      }
      evidenceDonationEntries = JSON.parse(result.body).facts.donations.entries;
    }
  } finally {
    dynamo.middlewareStack.remove('countEvidenceRequests');
  }
  const total = Object.values(byOperation).reduce((a, b) => a + b, 0);
  return {
    evidenceDonationEntries,
    calls,
    dynamodbRequestsPerEvidenceCall: +(total / calls).toFixed(2),
    requestsByOperation: Object.fromEntries(
      Object.entries(byOperation).map(([k, v]) => [k, +(v / calls).toFixed(2)]),
    ),
  };
}

async function expect201<T>(answer: Promise<{ status: number; body: T }>): Promise<T> {
  const { status, body } = await answer;
  if (status !== 201) throw new Error(`${status} ${JSON.stringify(body)}`);
  return body;
}
