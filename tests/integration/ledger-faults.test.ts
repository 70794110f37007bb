import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import type { LedgerEntry, Stats } from '#shared/contract/ledger';
import { villagesUnder } from '#shared/regions/villages';
import { createChamber, donation, donorUscc, newKey, retryingBusy } from '../support/ledger-api';
import { apiEvent, invoke, useLedgerEnvironment } from '../support/ledger-invoke';
import {
  simulateTransactionConflicts,
  transactionConflict,
} from '../support/transaction-conflicts';

/*
 * The faults real DynamoDB raises and DynamoDB Local never does, injected into the ledger
 * function's own DynamoDB client (SDK middleware on `dynamo`), with the handler invoked
 * in-process against DynamoDB Local: transaction conflicts (some, and one that never clears),
 * throttling, a response lost after the transaction applied, a BatchGetItem that leaves keys
 * unprocessed, and eventually consistent reads that miss the last write. Whatever the answers,
 * the ledger must stay exact: every 201 is one entry with all its totals, nothing else is.
 *
 * The chambers are `village` chambers on villages of 阳信县 (371622), which no other test file
 * uses, so the stats of a chamber's village code are that chamber's alone.
 */

type Handler = Parameters<typeof invoke>[0];
let handler: Handler;
let dynamo: DynamoDBDocumentClient;
const LEDGER_TABLE = inject('functionEnvironments').ledger?.LEDGER_TABLE;

beforeAll(async () => {
  useLedgerEnvironment();
  ({ handler } = (await import('#functions/ledger/handler')) as unknown as { handler: Handler });
  ({ dynamo } = await import('#shared/db/client'));
});

const villages = villagesUnder('371622');
let nextVillage = 0;
const villageChamber = () => createChamber(villages[nextVillage++] as string, 'village');

// --- the API, in-process ---

const post = (body: unknown, key: string) =>
  invoke<LedgerEntry & Record<string, unknown>>(
    handler,
    apiEvent('POST /v1/donations', { body, headers: { 'idempotency-key': key } }),
  );
const reverse = (id: string, key: string) =>
  invoke<LedgerEntry & Record<string, unknown>>(
    handler,
    apiEvent('POST /v1/donations/{id}/reversal', {
      pathParameters: { id },
      body: { reason: '冲正' },
      headers: { 'idempotency-key': key },
    }),
  );
async function verify(chamberId: string) {
  const answer = await invoke<{ entries: number; headSeq: number; ok: boolean }>(
    handler,
    apiEvent('GET /v1/chambers/{id}/ledger/verify', { pathParameters: { id: chamberId } }),
  );
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body;
}
async function stats(regionCode: string, query: Record<string, string> = {}) {
  const answer = await invoke<Stats>(
    handler,
    apiEvent('GET /v1/stats/donations', { caller: null, query: { regionCode, ...query } }),
  );
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body;
}
async function entries(chamberId: string) {
  const answer = await invoke<{ items: LedgerEntry[] }>(
    handler,
    apiEvent('GET /v1/donations', { query: { chamberId, limit: '100' } }),
  );
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body.items;
}

/** The ledger of a chamber holds exactly `expected` (entries in any order) and its totals agree. */
async function expectExact(chamber: { id: string; regionCode: string }, expected: LedgerEntry[]) {
  const stored = await entries(chamber.id);
  expect(stored.map((e) => e.id).sort()).toEqual(expected.map((e) => e.id).sort());
  for (const entry of expected) expect(stored).toContainEqual(entry);
  expect(await verify(chamber.id)).toMatchObject({
    ok: true,
    entries: expected.length,
    headSeq: expected.length,
  });
  const reversed = new Set(expected.flatMap((e) => (e.type === 'reversal' ? [e.reverses] : [])));
  const live = expected.filter((e) => e.type === 'donation' && !reversed.has(e.id));
  const total = await stats(chamber.regionCode);
  expect(total).toMatchObject({
    amountFen: live.reduce((sum, e) => sum + e.amountFen, 0),
    peopleHelped: live.reduce((sum, e) => sum + e.peopleHelped, 0),
    entries: live.length,
    chambers: live.length > 0 ? 1 : 0,
    donors: new Set(live.map((e) => (e.type === 'donation' ? e.donor.uscc : ''))).size,
  });
}

// --- fault injection ---

type Next = (args: {
  input: Record<string, unknown>;
}) => Promise<{ output: Record<string, unknown> }>;
type Fault = (
  command: string,
  args: { input: Record<string, unknown> },
  next: Next,
) => Promise<{ output: Record<string, unknown> }>;

const installed: string[] = [];
let serial = 0;

/**
 * Adds `fault` to the function's DynamoDB client. At `finalizeRequest` it sits inside the SDK's
 * retry middleware (the SDK retries what it throws, if retryable), sees each attempt's marshalled
 * input and the document client's unmarshalled output; at `initialize` it sits outside it all,
 * so what it throws reaches the function as is.
 */
function withFault(fault: Fault, step: 'finalizeRequest' | 'initialize' = 'finalizeRequest') {
  const name = `ledger-fault-${++serial}`;
  const middleware =
    (next: Next, context: { commandName: string }) => (args: { input: Record<string, unknown> }) =>
      fault(context.commandName, args, next);
  (dynamo.middlewareStack.add as (m: unknown, o: { step: string; name: string }) => void)(
    middleware,
    { step, name },
  );
  installed.push(name);
}

function removeFaults() {
  for (const name of installed.splice(0)) dynamo.middlewareStack.remove(name);
}

afterEach(removeFaults);

const TRANSACT = 'TransactWriteItemsCommand';
type Marshalled = Record<string, { S?: string }>;

function throttling(): Error {
  return Object.assign(new Error('Rate of requests exceeds the allowed throughput.'), {
    name: 'ThrottlingException',
    $fault: 'client',
    $retryable: { throttling: true },
    $metadata: { httpStatusCode: 400 },
  });
}

function timeout(): Error {
  return Object.assign(new Error('socket hang up: the response never arrived'), {
    name: 'TimeoutError',
    code: 'ECONNRESET',
    $metadata: {},
  });
}

/** A small deterministic generator, so a failing run can be replayed. */
function lcg(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

// --- the tests ---

describe('TransactionConflict on every other TransactWriteItems', () => {
  it('lands every donation and reversal exactly once, with exact totals and a chain that verifies', async () => {
    const chamber = await villageChamber();
    let sent = 0;
    let conflicts = 0;
    withFault(async (command, args, next) => {
      if (command === TRANSACT && sent++ % 2 === 0) {
        conflicts += 1;
        throw transactionConflict((args.input.TransactItems as unknown[]).length);
      }
      return next(args);
    });

    const bodies = Array.from({ length: 12 }, (_, i) =>
      donation(chamber.id, { amountFen: 100 + i, peopleHelped: i, occurredOn: '2015-03-15' }),
    );
    // A client's own retry of the documented 503 (busy), with the same key: each lands once.
    const answers = await Promise.all(
      bodies.map((body) => {
        const key = newKey();
        return retryingBusy(() => post(body, key));
      }),
    );
    for (const answer of answers) expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    const donations = answers.map((a) => a.body);
    expect(new Set(donations.map((d) => d.seq)).size).toBe(12);

    const reversals = await Promise.all(
      donations.slice(0, 3).map((d) => {
        const key = newKey();
        return retryingBusy(() => reverse(d.id, key));
      }),
    );
    for (const answer of reversals) expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    expect(conflicts).toBeGreaterThanOrEqual(7);

    await expectExact(chamber, [...donations, ...reversals.map((r) => r.body)]);
  });
});

describe('TransactionConflict as DynamoDB raises it: two transactions on one item at once', () => {
  it('lands concurrent donations and reversals to chambers of one city exactly once, totals and members exact', async () => {
    // Eight chambers, one writer each, all at once: every donation shares its county, city and
    // province totals with the others, and donors recur across chambers, so members collide too.
    const chambers = await Promise.all(Array.from({ length: 8 }, () => villageChamber()));
    const donors = Array.from({ length: 5 }, (_, i) => ({
      name: `冲突测试企业${i}`,
      uscc: donorUscc(`3716${String(i).padStart(2, '0')}`),
    }));
    const rule = simulateTransactionConflicts(dynamo);
    // A client's own retry of a 503 ("busy: retry with the same Idempotency-Key").
    const send = retryingBusy;
    const lanes = await Promise.all(
      chambers.map(async (chamber, c) => {
        const landed: LedgerEntry[] = [];
        for (let i = 0; i < 5; i++) {
          const key = newKey();
          const body = donation(chamber.id, {
            donor: donors[(c + i) % donors.length],
            amountFen: 1_000 * (c + 1) + i,
            peopleHelped: i,
            occurredOn: '2016-08-08',
          });
          const answer = await send(() => post(body, key));
          expect(answer.status, JSON.stringify(answer.body)).toBe(201);
          landed.push(answer.body);
        }
        const reversal = await send(() => reverse((landed[c % 5] as LedgerEntry).id, newKey()));
        expect(reversal.status, JSON.stringify(reversal.body)).toBe(201);
        return [...landed, reversal.body];
      }),
    );
    rule.remove();
    expect(rule.conflicts).toBeGreaterThan(0);

    for (const [c, chamber] of chambers.entries()) {
      await expectExact(chamber, lanes[c] as LedgerEntry[]);
    }
    // The shared totals of that year (no other test dates a donation 2016): exact at every level.
    const live = lanes.flatMap((lane) => {
      const reversed = new Set(lane.flatMap((e) => (e.type === 'reversal' ? [e.reverses] : [])));
      return lane.filter((e) => e.type === 'donation' && !reversed.has(e.id));
    }) as Extract<LedgerEntry, { type: 'donation' }>[];
    for (const region of ['371622', '371600', '370000']) {
      expect({ region, ...(await stats(region, { year: '2016' })) }).toMatchObject({
        region,
        amountFen: live.reduce((sum, e) => sum + e.amountFen, 0),
        entries: live.length,
        peopleHelped: live.reduce((sum, e) => sum + e.peopleHelped, 0),
        donors: new Set(live.map((e) => e.donor.uscc)).size,
        chambers: 8,
      });
    }
  }, 120_000);
});

describe('throttling on some sends', () => {
  it('answers 201 or 503; the ledger holds exactly the 201s; a retry with the same keys completes the rest once', async () => {
    const chamber = await villageChamber();
    const random = lcg(20_150_315);
    let throttled = 0;
    withFault(async (_command, args, next) => {
      if (random() < 0.6) {
        throttled += 1;
        throw throttling();
      }
      return next(args);
    });

    const requests = Array.from({ length: 10 }, (_, i) => ({
      key: newKey(),
      body: donation(chamber.id, { amountFen: 1_000 * (i + 1), occurredOn: '2015-06-01' }),
    }));
    const first = await Promise.all(requests.map((r) => post(r.body, r.key)));
    expect(throttled).toBeGreaterThan(0);
    for (const answer of first) {
      expect([201, 503], JSON.stringify(answer.body)).toContain(answer.status);
      if (answer.status === 503) {
        expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(answer.body).toMatchObject({ status: 503, title: expect.any(String) });
        expect(JSON.stringify(answer.body)).not.toMatch(/Throttling|stack/);
      }
    }
    const landed = first.filter((a) => a.status === 201).map((a) => a.body);

    // Whatever the answers, the ledger is exactly the 201s, each with its totals.
    removeFaults();
    await expectExact(chamber, landed);

    // The client retries everything with the same keys (and again after a 503 busy, as the
    // answer says): the 201s come back as they were, the rest land now, each once.
    const second = await Promise.all(requests.map((r) => retryingBusy(() => post(r.body, r.key))));
    for (const [i, answer] of second.entries()) {
      expect(answer.status, JSON.stringify(answer.body)).toBe(201);
      if (first[i]?.status === 201) expect(answer.body).toEqual(first[i]?.body);
    }
    await expectExact(
      chamber,
      second.map((a) => a.body),
    );
    expect((await stats(chamber.regionCode)).amountFen).toBe(55_000);
  });

  it('answers 503 problem+json when every send is throttled, and writes nothing', async () => {
    const chamber = await villageChamber();
    withFault(async () => {
      throw throttling();
    });
    const answer = await post(donation(chamber.id), newKey());
    expect(answer.status).toBe(503);
    expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
    removeFaults();
    await expectExact(chamber, []);
  });
});

describe('the response of an applied transaction lost on the way back', () => {
  it('is not counted twice when the SDK retries the transaction', async () => {
    const chamber = await villageChamber();
    let lost = 0;
    withFault(async (command, args, next) => {
      const result = await next(args);
      if (command === TRANSACT && lost === 0) {
        lost += 1;
        throw timeout(); // applied, but the caller never hears so
      }
      return result;
    });
    const key = newKey();
    const body = donation(chamber.id, { amountFen: 31_415, occurredOn: '2015-09-09' });
    const answer = await post(body, key);
    expect(lost).toBe(1);
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    await expectExact(chamber, [answer.body]);
    // And a client retry gets the same answer.
    expect((await post(body, key)).body).toEqual(answer.body);
  });

  it('is not counted twice when the function answers 503 and the client retries', async () => {
    const chamber = await villageChamber();
    let lost = 0;
    withFault(async (command, args, next) => {
      const result = await next(args);
      if (command === TRANSACT && lost === 0) {
        lost += 1;
        throw timeout();
      }
      return result;
    }, 'initialize');
    const key = newKey();
    const body = donation(chamber.id, { amountFen: 27_182, occurredOn: '2015-09-10' });
    const first = await post(body, key);
    expect(lost).toBe(1);
    expect([201, 503], JSON.stringify(first.body)).toContain(first.status);
    // The transaction did apply: the ledger has it once, with its totals.
    const [stored] = await entries(chamber.id);
    expect(stored).toMatchObject({ seq: 1, amountFen: 27_182 });
    await expectExact(chamber, [stored as LedgerEntry]);
    // The retry with the same key answers 201 with that entry, and writes nothing.
    const retry = await post(body, key);
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(stored);
    await expectExact(chamber, [stored as LedgerEntry]);
  });

  it('is not counted twice for a reversal either', async () => {
    const chamber = await villageChamber();
    const original = await post(donation(chamber.id, { occurredOn: '2015-10-10' }), newKey());
    expect(original.status).toBe(201);
    let lost = 0;
    withFault(async (command, args, next) => {
      const result = await next(args);
      if (command === TRANSACT && lost === 0) {
        lost += 1;
        throw timeout();
      }
      return result;
    });
    const key = newKey();
    const answer = await reverse(original.body.id, key);
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    expect(answer.body).toMatchObject({ type: 'reversal', reverses: original.body.id });
    await expectExact(chamber, [original.body, answer.body]);
    expect((await reverse(original.body.id, key)).body).toEqual(answer.body);
  });
});

describe('BatchGetItem leaving keys unprocessed', () => {
  it('asks again for them: appends onto the real head and replays stored answers', async () => {
    const chamber = await villageChamber();
    const first = await post(donation(chamber.id, { occurredOn: '2015-11-11' }), newKey());
    expect(first.status).toBe(201);

    // Every first BatchGetItem of a request answers only the chamber; the ledger's keys come
    // back unprocessed, as under throttling. Asked again for those alone, it answers them.
    let withheld = 0;
    withFault(async (command, args, next) => {
      const result = await next(args);
      if (command !== 'BatchGetItemCommand') return result;
      const requested = args.input.RequestItems as Record<string, { Keys: Marshalled[] }>;
      if (Object.keys(requested).length < 2) return result; // the second ask: answer it
      const ledgerTable = Object.keys(requested).find((table) =>
        requested[table]?.Keys.some((k) => k.sk?.S === 'HEAD'),
      ) as string;
      const responses = result.output.Responses as Record<string, unknown[]>;
      responses[ledgerTable] = [];
      // The document client hands UnprocessedKeys back unmarshalled, as it does Responses.
      result.output.UnprocessedKeys = {
        [ledgerTable]: {
          Keys: requested[ledgerTable]?.Keys.map((k) =>
            Object.fromEntries(Object.entries(k).map(([name, value]) => [name, value.S])),
          ),
          ConsistentRead: true,
        },
      };
      withheld += 1;
      return result;
    });

    const key = newKey();
    const body = donation(chamber.id, { amountFen: 4_096, occurredOn: '2015-11-12' });
    const second = await post(body, key);
    expect(second.status, JSON.stringify(second.body)).toBe(201);
    expect(second.body).toMatchObject({ seq: 2, prevHash: first.body.hash });
    expect(withheld).toBeGreaterThan(0);
    // The idempotency record, too, is found on the second ask.
    const replay = await post(body, key);
    expect(replay.body).toEqual(second.body);
    await expectExact(chamber, [first.body, second.body]);
  });
});

describe('a conflict that never clears', () => {
  it('gives up with 503 problem+json within the function’s timeout, having written nothing', async () => {
    const chamber = await villageChamber();
    let conflicts = 0;
    withFault(async (command, args, next) => {
      if (command !== TRANSACT) return next(args);
      conflicts += 1;
      // A TransactWriteItems of ~20 items takes DynamoDB some 20–30 ms to refuse; Local, ~5.
      await new Promise((resolve) => setTimeout(resolve, 25));
      throw transactionConflict((args.input.TransactItems as unknown[]).length);
    });
    const answer = await post(donation(chamber.id), newKey());
    expect(answer.status, JSON.stringify(answer.body)).toBe(503);
    expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(conflicts).toBeGreaterThan(1);
    // The template gives the function 10 s; the answer must come well before Lambda ends it.
    expect(answer.ms).toBeLessThan(9_000);
    removeFaults();
    await expectExact(chamber, []);
  }, 30_000);
});

describe('reads that must see the last write (real DynamoDB reads eventually consistently by default)', () => {
  /**
   * DynamoDB Local always reads consistently; real DynamoDB does only when asked. This stands
   * in for a replica that has not yet seen the last writes to the ledger table: a read that
   * does not ask for ConsistentRead misses the newest item (GetItem: none; Query: the last one).
   */
  function staleReplica() {
    let stale = 0;
    withFault(async (command, args, next) => {
      const result = await next(args);
      if (args.input.ConsistentRead === true || args.input.TableName !== LEDGER_TABLE) {
        return result;
      }
      if (command === 'GetItemCommand' && result.output.Item) {
        stale += 1;
        delete result.output.Item;
      }
      if (command === 'QueryCommand') {
        const items = result.output.Items as unknown[] | undefined;
        if (items && items.length > 0 && !result.output.LastEvaluatedKey) {
          stale += 1;
          result.output.Items = items.slice(0, -1);
          result.output.Count = items.length - 1;
        }
      }
      return result;
    });
    return () => stale;
  }

  it('answers stats exact the moment the POST has answered', async () => {
    const chamber = await villageChamber();
    const posted = await post(
      donation(chamber.id, { amountFen: 12_345, occurredOn: '2015-12-01' }),
      newKey(),
    );
    expect(posted.status).toBe(201);
    staleReplica();
    const total = await stats(chamber.regionCode);
    expect(total).toMatchObject({ amountFen: 12_345, entries: 1, donors: 1, chambers: 1 });
  });

  it('verifies a chain just written without a false alarm', async () => {
    const chamber = await villageChamber();
    for (let i = 0; i < 3; i++) {
      expect(
        (await post(donation(chamber.id, { occurredOn: '2015-12-02' }), newKey())).status,
      ).toBe(201);
    }
    staleReplica();
    expect(await verify(chamber.id)).toEqual(
      expect.objectContaining({ ok: true, entries: 3, headSeq: 3 }),
    );
  });

  it('finds a donation just recorded', async () => {
    const chamber = await villageChamber();
    const posted = await post(donation(chamber.id, { occurredOn: '2015-12-03' }), newKey());
    expect(posted.status).toBe(201);
    staleReplica();
    const read = await invoke(
      handler,
      apiEvent('GET /v1/donations/{id}', { pathParameters: { id: posted.body.id } }),
    );
    expect(read.status, JSON.stringify(read.body)).toBe(200);
    expect(read.body).toMatchObject({ id: posted.body.id, seq: 1 });
  });
});
