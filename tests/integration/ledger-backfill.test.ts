import { randomUUID } from 'node:crypto';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DonationEntry, LedgerEntry, Stats } from '#shared/contract/ledger';
import {
  ALL,
  type CountedEntry,
  deriveTotals,
  legacyCounters,
  readTotal,
} from '#shared/domain/ledger';
import { completeUscc } from '#shared/domain/uscc';
import { townshipsOf } from '#shared/regions/townships';
import { villagesUnder } from '#shared/regions/villages';
import { createChamber } from '../support/ledger-api';
import { apiEvent, invoke } from '../support/ledger-invoke';
import { useOwnLedgerTable } from '../support/ledger-table';
import { LegacyLedger } from '../support/legacy-ledger';

/*
 * The move from the old shape (a counter per distinct value on every total) to members, on a
 * ledger written in the old shape. The ledger function and the backfill run in-process against
 * a ledger table of this file's own in DynamoDB Local (the chambers are the shared runtime's), so
 * the backfill's scan sees only what this file wrote. What must hold is checked the way an audit
 * would: every total read as the statistics read it equals what the entries themselves make
 * (deriveTotals over every chamber's chain), before, during, after and again after the backfill.
 */

const COUNTY = '371621'; // 惠民县
const TOWNSHIP = (townshipsOf(COUNTY)[0] as { code: string }).code;
const VILLAGES = villagesUnder(TOWNSHIP).slice(0, 3);

type Handler = Parameters<typeof invoke>[0];
let handler: Handler;
let backfill: typeof import('#functions/ledger/backfill').backfillDistinctCounts;
let dynamo: typeof import('#shared/db/client').dynamo;

let TABLE: string;
let drop: () => Promise<void>;
let old: LegacyLedger;

beforeAll(async () => {
  ({ table: TABLE, drop } = await useOwnLedgerTable('ledger-backfill-test'));
  ({ dynamo } = await import('#shared/db/client'));
  ({ handler } = (await import('#functions/ledger/handler')) as unknown as { handler: Handler });
  ({ backfillDistinctCounts: backfill } = await import('#functions/ledger/backfill'));
  old = new LegacyLedger(TABLE);
});

afterAll(() => drop?.());

const donor = (i: number) => completeUscc(`91${COUNTY}MB${String(i).padStart(6, '0')}`);

// --- the ledger function, in-process ---

/**
 * Sends a write as a client does: a 503 ("busy, retry with the same Idempotency-Key") is sent
 * again with the same key, so it lands once whatever happened to the earlier tries.
 */
async function send<T>(route: string, options: Parameters<typeof apiEvent>[1]) {
  const key = randomUUID();
  for (let attempt = 1; ; attempt++) {
    const answer = await invoke<T>(
      handler,
      apiEvent(route, { ...options, headers: { 'idempotency-key': key } }),
    );
    if (answer.status === 503 && attempt < 5) continue;
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    return answer.body;
  }
}

const post = (chamber: { id: string }, i: number, fields: Record<string, unknown> = {}) =>
  send<DonationEntry>('POST /v1/donations', {
    body: {
      chamberId: chamber.id,
      donor: { name: `新账企业${i}`, uscc: donor(i) },
      campaign: 'epidemic-relief',
      form: 'money',
      amountFen: 1_000 + i,
      peopleHelped: i % 4,
      occurredOn: '2021-02-02',
      ...fields,
    },
  });

const reverse = (entry: { id: string }) =>
  send<LedgerEntry>('POST /v1/donations/{id}/reversal', {
    pathParameters: { id: entry.id },
    body: { reason: '冲正' },
  });

async function stats(query: Record<string, string>) {
  const answer = await invoke<Stats>(
    handler,
    apiEvent('GET /v1/stats/donations', { caller: null, query }),
  );
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body;
}

// --- reading the table as an audit would ---

async function scanAll(): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await dynamo.send(
      new ScanCommand({ TableName: TABLE, ExclusiveStartKey: start, ConsistentRead: true }),
    );
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items.sort((a, b) => `${a.pk}|${a.sk}`.localeCompare(`${b.pk}|${b.sk}`));
}

const isTotal = (item: Record<string, unknown>) => String(item.pk).startsWith('TOTAL#');
const isMember = (item: Record<string, unknown>) => String(item.pk).startsWith('MEMBER#');

/**
 * Every stored total, read as the statistics read it, equals what the chambers' entries make;
 * and the statistics route answers the same for the county. Returns the table as read.
 */
async function expectTotalsExact(): Promise<Record<string, unknown>[]> {
  const items = await scanAll();
  const entries = items.filter((item) => String(item.sk).startsWith('ENTRY#'));
  const derived = deriveTotals(entries as unknown as CountedEntry[]);
  const stored = new Map(
    items.filter(isTotal).map((item) => {
      const [campaign, year] = String(item.sk).split('#');
      return [`${String(item.pk).slice(6)}|${campaign}|${year}`, item];
    }),
  );
  expect(derived.totals.size).toBeGreaterThan(0);
  for (const id of new Set([...stored.keys(), ...derived.totals.keys()])) {
    expect({ id, ...readTotal(stored.get(id)) }).toEqual({
      id,
      ...(derived.totals.get(id)?.figures ?? readTotal(undefined)),
    });
  }
  const county = derived.totals.get(`${COUNTY}|${ALL}|${ALL}`)?.figures;
  expect(await stats({ regionCode: COUNTY })).toMatchObject(county ?? {});
  return items;
}

function expectMembersAsDerived(items: Record<string, unknown>[]) {
  const entries = items.filter((item) => String(item.sk).startsWith('ENTRY#'));
  const derived = deriveTotals(entries as unknown as CountedEntry[]);
  const stored = new Map<string, Record<string, number>>();
  for (const item of items.filter(isMember)) {
    const [, dimension, value] = String(item.pk).split('#');
    const [region, year] = String(item.sk).split('#');
    const { pk: _pk, sk: _sk, ...counts } = item;
    // A count of 0 reads as none.
    const held = Object.fromEntries(Object.entries(counts).filter(([, n]) => n !== 0));
    if (Object.keys(held).length > 0) {
      stored.set(`${region}|${year}|${dimension}|${value}`, held as Record<string, number>);
    }
  }
  expect(Object.fromEntries(stored)).toEqual(
    Object.fromEntries([...derived.members].map(([id, m]) => [id, m.counts])),
  );
}

// --- the tests ---

let chambers: { id: string; regionCode: string }[];
const oldDonations: DonationEntry[] = [];

describe('a ledger written in the old shape', () => {
  it('answers exactly as it stands, and as donations and reversals land on it', async () => {
    chambers = [
      await createChamber(COUNTY),
      await createChamber(TOWNSHIP),
      await createChamber(VILLAGES[0] as string),
    ];
    // Six donors over three chambers, two campaigns, two years, three villages.
    for (let i = 0; i < 30; i++) {
      oldDonations.push(
        await old.donate(chambers[i % 3] as { id: string; regionCode: string }, {
          donor: donor(i % 6),
          ...(i % 2 === 0 && { villageCode: VILLAGES[i % 3] as string }),
          campaign: i % 2 === 0 ? 'village-pairing' : 'epidemic-relief',
          occurredOn: i % 5 === 0 ? '2020-05-05' : '2021-03-03',
          amountFen: 10_000 + i,
          peopleHelped: i % 3,
        }),
      );
    }
    // A donor whose only donation is reversed, in the old shape: their counter stays at 0.
    const lone = await old.donate(chambers[0] as { id: string; regionCode: string }, {
      donor: donor(99),
      campaign: 'disaster-relief',
      occurredOn: '2021-07-07',
      amountFen: 5_000,
      peopleHelped: 1,
    });
    await old.reverse(lone);
    const before = await scanAll();
    expect(before.filter(isTotal).some((t) => legacyCounters(t).length > 0)).toBe(true);
    expect(before.some(isMember)).toBe(false);
    await expectTotalsExact();

    // The new code on top: a donor already counted by old counters, a new donor, and reversals
    // of old donations (a donor's only one in that campaign and year; one of several).
    await post(chambers[0] as { id: string }, 0);
    await post(chambers[2] as { id: string }, 7, {
      campaign: 'village-pairing',
      assistance: 'skills',
      villageCode: VILLAGES[1],
    });
    await reverse(oldDonations[5] as DonationEntry);
    await reverse(oldDonations[1] as DonationEntry);
    await expectTotalsExact();
  });
});

describe('a total with more counters than one step moves', () => {
  it('is written by the old code: 105 donors in one campaign and year', async () => {
    // One transaction moves 99 counters (and writes their 99 members); these totals take two.
    for (let i = 0; i < 105; i++) {
      await old.donate(chambers[1] as { id: string; regionCode: string }, {
        donor: donor(1000 + i),
        campaign: 'disaster-relief',
        occurredOn: '2018-08-08',
        amountFen: 100 + i,
        peopleHelped: 1,
      });
    }
    const crowded = (await scanAll()).filter(
      (t) => isTotal(t) && String(t.sk) === 'disaster-relief#2018',
    );
    expect(crowded.length).toBeGreaterThan(0);
    for (const total of crowded)
      expect(legacyCounters(total).filter((c) => c.dimension === 'donors')).toHaveLength(105);
    await expectTotalsExact();
  });
});

describe('the backfill', () => {
  it('writes nothing in a dry run, and says what it would move', async () => {
    const before = await scanAll();
    const report = await backfill({ table: TABLE, dryRun: true });
    expect(report).toMatchObject({ dryRun: true, resumeFrom: null });
    expect(report.totalsMoved).toBeGreaterThan(0);
    expect(report.countersMoved).toBeGreaterThan(report.totalsMoved);
    expect(await scanAll()).toEqual(before);
  });

  it('moves every counter in steps that can stop and resume, the figures unchanged at each', async () => {
    const totals = (await scanAll()).filter((t) => isTotal(t) && legacyCounters(t).length > 0);
    const first = await backfill({ table: TABLE, maxTotals: 5 });
    expect(first.totalsMoved).toBe(5);
    expect(first.resumeFrom).not.toBeNull();
    await expectTotalsExact();
    let cursor = first.resumeFrom;
    let moved = first.totalsMoved;
    while (cursor) {
      const next = await backfill({ table: TABLE, startAfter: cursor, maxTotals: 7 });
      await expectTotalsExact();
      moved += next.totalsMoved;
      cursor = next.resumeFrom;
    }
    expect(moved).toBe(totals.length);
    const after = await expectTotalsExact();
    for (const total of after.filter(isTotal)) expect(legacyCounters(total)).toEqual([]);
    expectMembersAsDerived(after);
  });

  it('run again finds nothing to do and changes nothing', async () => {
    const before = await scanAll();
    const report = await backfill({ table: TABLE });
    expect(report).toMatchObject({ totalsMoved: 0, countersMoved: 0, resumeFrom: null });
    expect(report.totalsScanned).toBeGreaterThan(0);
    expect(await scanAll()).toEqual(before);
  });

  it('leaves a ledger that goes on counting exactly', async () => {
    await post(chambers[1] as { id: string }, 3);
    await post(chambers[1] as { id: string }, 123);
    await reverse(oldDonations[2] as DonationEntry);
    expectMembersAsDerived(await expectTotalsExact());
  });

  it('runs beside donations and reversals landing on the same totals, members and counters', async () => {
    // Another part of the old shape: chambers, villages and donors the new code has not counted
    // yet (once the new code runs, the old one no longer does), in the county, city and province
    // totals the first part shares.
    const township = (townshipsOf('371622')[0] as { code: string }).code;
    const villages = villagesUnder(township).slice(0, 3);
    const more = [
      await createChamber('371622'),
      await createChamber(township),
      await createChamber(villages[0] as string),
    ];
    const olderStill: DonationEntry[] = [];
    for (let i = 0; i < 24; i++) {
      olderStill.push(
        await old.donate(more[i % 3] as { id: string; regionCode: string }, {
          donor: donor(200 + (i % 4)),
          villageCode: villages[i % 3] as string,
          campaign: 'village-pairing',
          occurredOn: '2019-09-09',
          amountFen: 777,
          peopleHelped: 1,
        }),
      );
    }
    // The backfill and, beside it, one lane of writes per chamber (a chamber's chain takes one
    // entry at a time): new donations from the same donors to the same villages, and reversals
    // of old ones, so that both sides change the same counters and members.
    const running = backfill({ table: TABLE });
    const lanes = more.map(async (chamber, c) => {
      for (let i = 0; i < 4; i++) {
        await post(chamber, 200 + ((c + i) % 5), {
          campaign: 'village-pairing',
          assistance: 'industry',
          villageCode: villages[(c + i + 1) % 3],
          occurredOn: '2019-10-10',
        });
        await reverse(olderStill[c + 3 * i] as DonationEntry);
      }
    });
    const [backfilled, ...written] = await Promise.allSettled([running, ...lanes]);
    for (const lane of written) expect(lane.status).toBe('fulfilled');
    expect(backfilled).toMatchObject({ status: 'fulfilled', value: { resumeFrom: null } });
    expect((await backfill({ table: TABLE })).countersMoved).toBe(0);
    const after = await expectTotalsExact();
    for (const total of after.filter(isTotal)) expect(legacyCounters(total)).toEqual([]);
    expectMembersAsDerived(after);
  }, 120_000);
});
