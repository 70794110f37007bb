import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { chamberKey } from '#shared/registration/published';
import type { InProcess } from './in-process';
import { type Api, median, percentile, pool } from './support';

/*
 * What the API adds on top of DynamoDB: each route through the local runtime (HTTP, the JWT
 * authorizer, a Lambda-like worker running the bundled function, validation, the use case)
 * against a baseline that issues the same DynamoDB operations directly with the SDK, at the same
 * concurrency, against the same DynamoDB Local.
 */

export interface ApiFigures {
  route: string;
  concurrency: number;
  p50Ms: number;
  p99Ms: number;
  rps: number;
  errors: number;
  baselineP50Ms: number;
  ratioP50: number;
}

interface Sample {
  p50: number;
  p99: number;
  rps: number;
  errors: number;
}

/**
 * Runs `requests` calls of each side at `concurrency`, in alternating blocks (API, baseline,
 * API, …) so that both meet the same moments of a noisy machine; returns one sample per side.
 */
async function measurePair(
  requests: number,
  concurrency: number,
  sides: [(i: number) => Promise<boolean>, (i: number) => Promise<boolean>],
): Promise<[Sample, Sample]> {
  const blocks = 10;
  const perBlock = Math.ceil(requests / blocks);
  const state = sides.map(() => ({ times: [] as number[], errors: 0, ms: 0 }));
  // Warm: every execution environment loaded, connections open, both paths compiled by the JIT
  // (here and in DynamoDB Local's JVM).
  for (const once of sides) {
    await pool(Math.max(200, concurrency * 10), concurrency, async (i) => {
      await once(-1 - i);
    });
  }
  let next = 0;
  for (let block = 0; block < blocks; block += 1) {
    for (const [side, once] of sides.entries()) {
      const s = state[side] as (typeof state)[number];
      const started = performance.now();
      await pool(perBlock, concurrency, async () => {
        const i = next++;
        const t = performance.now();
        if (!(await once(i))) s.errors += 1;
        s.times.push(performance.now() - t);
      });
      s.ms += performance.now() - started;
    }
  }
  return state.map((s) => ({
    p50: median(s.times),
    p99: percentile(s.times, 99),
    rps: s.times.length / (s.ms / 1000),
    errors: s.errors,
  })) as [Sample, Sample];
}

export async function benchApi(options: {
  client: Api;
  admin: string;
  chamberId: string;
  /** Donations go round these chambers, one chain each, as real traffic does. */
  chamberIds: string[];
  tables: { registration: string; ledger: string };
  dynamoEndpoint: string;
  ledgerOperations: InProcess['ledgerOperations'];
  requests: number;
  concurrencies: number[];
}): Promise<ApiFigures[]> {
  const { client, admin, chamberId } = options;
  const donation = (i: number) => ({
    chamberId: options.chamberIds[Math.abs(i) % options.chamberIds.length] as string,
    donor: { name: '基准测试企业', uscc: '91371621MA3C00003B' },
    campaign: 'public-welfare',
    form: 'money',
    amountFen: 100,
    occurredOn: '2025-06-01',
  });
  const direct = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: options.dynamoEndpoint,
      region: 'local',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    }),
  );
  const routes = [
    {
      route: 'GET /v1/chambers/{id}',
      api: async () =>
        (await client.call('GET', `/v1/chambers/${chamberId}`, { token: admin })).status === 200,
      // The handler's one read: the chamber's item, strongly consistent.
      baseline: async () =>
        (
          await direct.send(
            new GetCommand({
              TableName: options.tables.registration,
              Key: chamberKey(chamberId),
              ConsistentRead: true,
            }),
          )
        ).Item !== undefined,
    },
    {
      route: 'POST /v1/donations',
      api: async (i: number) =>
        (
          await client.call('POST', '/v1/donations', {
            token: admin,
            headers: { 'idempotency-key': randomUUID() },
            body: donation(i),
          })
        ).status === 201,
      // The same use case called directly: its BatchGetItem and TransactWriteItems through the
      // SDK, without HTTP, the authorizer, the worker or request parsing.
      baseline: async (i: number) =>
        (
          await options.ledgerOperations.recordDonation({
            body: { ...donation(i), peopleHelped: 0 } as never,
            headers: { 'idempotency-key': randomUUID() },
            principal: {
              sub: 'bench',
              roles: new Set(['fic-admin']),
              regionCode: '371600',
              chamberId: undefined,
            },
            params: undefined,
            query: undefined,
            requestId: randomUUID(),
          })
        ).status === 201,
    },
  ];
  const figures: ApiFigures[] = [];
  for (const { route, api, baseline } of routes) {
    for (const concurrency of options.concurrencies) {
      const [viaApi, viaSdk] = await measurePair(options.requests, concurrency, [api, baseline]);
      figures.push({
        route,
        concurrency,
        p50Ms: round(viaApi.p50),
        p99Ms: round(viaApi.p99),
        rps: round(viaApi.rps),
        errors: viaApi.errors + viaSdk.errors,
        baselineP50Ms: round(viaSdk.p50),
        ratioP50: round(viaApi.p50 / viaSdk.p50),
      });
    }
  }
  direct.destroy();
  return figures;
}

const round = (n: number) => Math.round(n * 100) / 100;
