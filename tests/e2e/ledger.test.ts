import { DynamoDBClient, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { LedgerEntry } from '#shared/contract/ledger';
import { entryHash, GENESIS_HASH } from '#shared/domain/ledger';
import { townshipsOf } from '#shared/regions/townships';
import { villagesUnder } from '#shared/regions/villages';
import { call as rawCall, token } from '../support/api';
import {
  allEntries,
  CITY,
  cityAdminToken,
  createChamber,
  donate,
  donated,
  donation,
  donorUscc,
  newKey,
  numbers,
  retryingBusy,
  reverse,
  stats,
  verify,
} from '../support/ledger-api';
import { expectProblem } from '../support/registration';

/*
 * The donation ledger over HTTP, as a client of the contract sees it. The database is shared
 * with every other test file of the run, so this file keeps to 博兴县 (371625) and, for the
 * region filters, to 惠民县 (371621) and the city with donations dated 2011–2012 only. Most tests
 * use a chamber of kind `village` on a village of its own: the stats of that village code are
 * that chamber's alone.
 */

const BOXING = '371625';
const HUIMIN = '371621';
const villages = villagesUnder(BOXING);
// Village chambers take villages from the end of the list; donations name villages from the start.
let nextVillage = villages.length - 1;
const freshVillage = () => villages[nextVillage--] as string;
const village = (i: number) => villages[i] as string;

let admin: string; // fic-admin of the city, with a sub of its own
let boxingAdmin: string;
let huiminAdmin: string;

beforeAll(async () => {
  [admin, boxingAdmin, huiminAdmin] = await Promise.all([
    token({ role: 'fic-admin', regionCode: CITY, sub: 'ledger-e2e-admin' }),
    token({ role: 'fic-admin', regionCode: BOXING, sub: 'ledger-e2e-boxing' }),
    token({ role: 'fic-admin', regionCode: HUIMIN, sub: 'ledger-e2e-huimin' }),
  ]);
});

/** A chamber on a village of its own. */
const villageChamber = () => createChamber(freshVillage(), 'village');

const ZERO = { amountFen: 0, entries: 0, peopleHelped: 0, donors: 0, villages: 0, chambers: 0 };

describe('recording a donation', () => {
  it('answers 201 with the sealed entry: the request, id, seq, prevHash, hash, recordedAt, recordedBy', async () => {
    const chamber = await villageChamber();
    const uscc = donorUscc();
    const body = {
      chamberId: chamber.id,
      donor: { name: '山东京博控股集团有限公司', uscc: uscc.toLowerCase() },
      campaign: 'village-pairing',
      assistance: 'industry',
      villageCode: village(0),
      form: 'goods',
      amountFen: 123_456_78,
      peopleHelped: 35,
      occurredOn: '2024-06-18',
      note: '捐赠冬枣大棚设备一批',
    };
    const before = Date.now();
    const answer = await donate(admin, body);
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
    const entry = answer.body;
    expect(entry).toMatchObject({
      ...body,
      donor: { name: '山东京博控股集团有限公司', uscc }, // stored upper-case
      id: `${chamber.id}.1`,
      type: 'donation',
      seq: 1,
      prevHash: GENESIS_HASH,
      recordedBy: 'ledger-e2e-admin',
    });
    expect(entry.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(entryHash(entry)).toBe(entry.hash);
    expect(new Date(entry.recordedAt).toISOString()).toBe(entry.recordedAt);
    expect(Date.parse(entry.recordedAt)).toBeGreaterThanOrEqual(before - 5_000);
    expect(Date.parse(entry.recordedAt)).toBeLessThanOrEqual(Date.now() + 5_000);

    // The next entry chains onto it.
    const second = await donated(admin, donation(chamber.id, { peopleHelped: undefined }));
    expect(second).toMatchObject({ seq: 2, prevHash: entry.hash, peopleHelped: 0 });

    const read = await rawCall<LedgerEntry>('GET', `/v1/donations/${entry.id}`, { token: admin });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject(entry);
    const listed = await allEntries(chamber.id, admin);
    expect(listed.map((e) => e.id)).toEqual([entry.id, second.id]);
    expect(listed[0]).toMatchObject(entry);
  });

  it('counts the donation in the stats of its chamber’s region, exactly, the moment it answers', async () => {
    const chamber = await villageChamber();
    const uscc = donorUscc();
    await donated(
      admin,
      donation(chamber.id, {
        campaign: 'village-pairing',
        assistance: 'skills',
        villageCode: village(1),
        donor: { name: '甲', uscc },
        amountFen: 500_00,
        peopleHelped: 4,
        occurredOn: '2023-03-03',
      }),
    );
    await donated(
      admin,
      donation(chamber.id, {
        campaign: 'village-pairing',
        assistance: 'employment',
        villageCode: village(1),
        donor: { name: '甲', uscc },
        amountFen: 250_00,
        peopleHelped: 1,
        occurredOn: '2024-03-03',
      }),
    );
    await donated(
      admin,
      donation(chamber.id, { campaign: 'public-welfare', amountFen: 1, occurredOn: '2024-01-01' }),
    );
    const all = await stats({ regionCode: chamber.regionCode });
    expect(all).toEqual({
      regionCode: chamber.regionCode,
      campaign: null,
      year: null,
      amountFen: 750_01,
      entries: 3,
      peopleHelped: 6,
      donors: 2,
      villages: 1,
      chambers: 1,
    });
    expect(numbers(await stats({ regionCode: chamber.regionCode, year: 2024 }))).toEqual({
      amountFen: 250_01,
      entries: 2,
      peopleHelped: 2,
      donors: 2,
      villages: 1,
      chambers: 1,
    });
    expect(
      numbers(await stats({ regionCode: chamber.regionCode, campaign: 'village-pairing' })),
    ).toEqual({
      amountFen: 750_00,
      entries: 2,
      peopleHelped: 5,
      donors: 1,
      villages: 1,
      chambers: 1,
    });
    expect(
      numbers(await stats({ regionCode: chamber.regionCode, campaign: 'east-west', year: 2024 })),
    ).toEqual(ZERO);
  });
});

describe('idempotency', () => {
  it('answers a retry with the same key and body as the first time, and writes nothing', async () => {
    const chamber = await villageChamber();
    const body = donation(chamber.id, { amountFen: 777 });
    const key = newKey();
    const first = await donate(admin, body, key);
    expect(first.status).toBe(201);
    const statsBefore = await stats({ regionCode: chamber.regionCode });
    const headBefore = await verify(chamber.id);

    for (let i = 0; i < 3; i++) {
      const again = await donate(admin, body, key);
      expect(again.status).toBe(201);
      expect(again.body).toEqual(first.body);
    }
    // The same body written with its keys in another order is the same request.
    const reordered = Object.fromEntries(Object.entries(body).reverse());
    const fourth = await donate(admin, reordered, key);
    expect(fourth.status).toBe(201);
    expect(fourth.body).toEqual(first.body);

    expect(await stats({ regionCode: chamber.regionCode })).toEqual(statsBefore);
    expect(numbers(statsBefore)).toMatchObject({ entries: 1, amountFen: 777 });
    const headAfter = await verify(chamber.id);
    expect(headAfter).toEqual(headBefore);
    expect(headAfter).toMatchObject({ entries: 1, headSeq: 1, ok: true });
  });

  it('refuses the same key with another body (422) and writes nothing', async () => {
    const chamber = await villageChamber();
    const key = newKey();
    const body = donation(chamber.id, { amountFen: 1_000 });
    expect((await donate(admin, body, key)).status).toBe(201);
    expectProblem(await donate(admin, { ...body, amountFen: 1_001 }, key), 422);
    expectProblem(await donate(admin, { ...body, note: '另一笔' }, key), 422);
    // A reversal under a key already used for a donation is another request too.
    expectProblem(await reverse(admin, `${chamber.id}.1`, '冲正', key), 422);
    expect(numbers(await stats({ regionCode: chamber.regionCode }))).toMatchObject({
      entries: 1,
      amountFen: 1_000,
    });
    expect(await verify(chamber.id)).toMatchObject({ entries: 1, headSeq: 1, ok: true });
  });

  it('lets concurrent requests with one key produce one entry, and all of them see it', async () => {
    const chamber = await villageChamber();
    const body = donation(chamber.id, { amountFen: 4_242 });
    const key = newKey();
    const answers = await Promise.all(Array.from({ length: 6 }, () => donate(admin, body, key)));
    for (const answer of answers) {
      expect(answer.status, JSON.stringify(answer.body)).toBe(201);
      expect(answer.body).toEqual(answers[0]?.body);
    }
    expect(await verify(chamber.id)).toMatchObject({ entries: 1, headSeq: 1, ok: true });
    expect(numbers(await stats({ regionCode: chamber.regionCode }))).toMatchObject({
      entries: 1,
      amountFen: 4_242,
    });
  });

  it('scopes keys to the caller: the same key from two people is two requests', async () => {
    const chamber = await villageChamber();
    const other = await token({ role: 'fic-admin', regionCode: CITY, sub: 'ledger-e2e-other' });
    const key = newKey();
    const body = donation(chamber.id, { amountFen: 10 });
    const a = await donated(admin, body, key);
    const b = await donated(other, body, key);
    expect(a.seq).toBe(1);
    expect(b.seq).toBe(2);
    expect(b.recordedBy).toBe('ledger-e2e-other');
    expect(numbers(await stats({ regionCode: chamber.regionCode }))).toMatchObject({
      entries: 2,
      amountFen: 20,
    });
  });
});

describe('listing a chamber’s ledger', () => {
  it('pages through the entries in chain order, filters by campaign and year, and refuses a foreign cursor', async () => {
    const chamber = await villageChamber();
    const other = await villageChamber();
    const made: LedgerEntry[] = [];
    for (let i = 0; i < 7; i++) {
      made.push(
        await donated(
          admin,
          donation(chamber.id, {
            campaign: i % 2 === 0 ? 'epidemic-relief' : 'disaster-relief',
            occurredOn: i < 4 ? '2022-08-08' : '2023-08-08',
            amountFen: 100 + i,
          }),
        ),
      );
    }
    made.push((await reverse(admin, made[1]?.id as string)).body);
    await donated(admin, donation(other.id));

    type Page = { items: LedgerEntry[]; nextCursor: string | null };
    const pages: Page[] = [];
    let cursor: string | null = null;
    do {
      const suffix: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
      const answer = await rawCall<Page>(
        'GET',
        `/v1/donations?chamberId=${chamber.id}&limit=3${suffix}`,
        { token: admin },
      );
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      pages.push(answer.body);
      cursor = answer.body.nextCursor;
      expect(pages.length).toBeLessThan(10);
    } while (cursor);
    const items = pages.flatMap((p) => p.items);
    expect(items.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(items).toEqual(made);
    for (const page of pages.slice(0, -1)) expect(page.items).toHaveLength(3);

    const list = async (query: string) => {
      const answer = await rawCall<Page>('GET', `/v1/donations?chamberId=${chamber.id}&${query}`, {
        token: admin,
      });
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      return answer.body.items.map((e) => e.seq);
    };
    // The reversal (seq 8) carries its donation's campaign and date.
    expect(await list('campaign=disaster-relief')).toEqual([2, 4, 6, 8]);
    expect(await list('year=2022')).toEqual([1, 2, 3, 4, 8]);
    expect(await list('campaign=epidemic-relief&year=2023')).toEqual([5, 7]);
    expect(await list('campaign=epidemic-relief&year=2023&limit=1')).toEqual([5]);
    expect(await list('year=2019')).toEqual([]);

    // A cursor of one chamber's list is no cursor for another's.
    const first = pages[0]?.nextCursor as string;
    expectProblem(
      await rawCall(
        'GET',
        `/v1/donations?chamberId=${other.id}&cursor=${encodeURIComponent(first)}`,
        {
          token: admin,
        },
      ),
      400,
      ['cursor'],
    );
    expectProblem(
      await rawCall('GET', `/v1/donations?chamberId=${chamber.id}&limit=0`, { token: admin }),
      400,
      ['limit'],
    );
    expectProblem(await rawCall('GET', '/v1/donations', { token: admin }), 400, ['chamberId']);
  });
});

describe('many writers on one chamber', () => {
  it('lands 50 parallel donations as seq 1–50 with exact totals and a chain that verifies', async () => {
    const chamber = await villageChamber();
    const bodies = Array.from({ length: 50 }, (_, i) =>
      donation(chamber.id, {
        campaign: 'village-pairing',
        assistance: 'public-welfare',
        villageCode: village(i % 7),
        donor: { name: `企业${i % 10}`, uscc: donorUscc(`3716${String(i % 10).padStart(2, '0')}`) },
        amountFen: 1_000 + i,
        peopleHelped: i % 3,
        occurredOn: i % 2 === 0 ? '2023-11-11' : '2024-02-02',
      }),
    );
    // Donors repeat every ten: make them the same code each time.
    for (const [i, body] of bodies.entries()) {
      if (i >= 10) body.donor = bodies[i % 10]?.donor;
    }
    // Each with its own key, sent again on the ledger's documented 503 (busy): all 50 land once.
    const answers = await Promise.all(
      bodies.map((body) => {
        const key = newKey();
        return retryingBusy(() => donate(admin, body, key));
      }),
    );
    for (const answer of answers) expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    const seqs = answers.map((a) => a.body.seq).sort((x, y) => x - y);
    expect(seqs).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));

    const expectedAmount = bodies.reduce((sum, b) => sum + b.amountFen, 0);
    const expectedPeople = bodies.reduce((sum, b) => sum + (b.peopleHelped as number), 0);
    expect(numbers(await stats({ regionCode: chamber.regionCode }))).toEqual({
      amountFen: expectedAmount,
      entries: 50,
      peopleHelped: expectedPeople,
      donors: 10,
      villages: 7,
      chambers: 1,
    });
    expect(
      numbers(await stats({ regionCode: chamber.regionCode, year: 2023 })).amountFen +
        numbers(await stats({ regionCode: chamber.regionCode, year: 2024 })).amountFen,
    ).toBe(expectedAmount);
    const report = await verify(chamber.id);
    expect(report).toMatchObject({ chamberId: chamber.id, entries: 50, headSeq: 50, ok: true });
    const entries = await allEntries(chamber.id);
    expect(entries.map((e) => e.seq)).toEqual(seqs);
    expect(report.headHash).toBe(entries.at(-1)?.hash);
  }, 120_000); // 50 transactions meeting on one head: slow, not wrong, on a busy machine
});

describe('reversal', () => {
  it('appends the negation, is allowed once, cannot itself be reversed, and drops both from the stats', async () => {
    const chamber = await villageChamber();
    const uscc = donorUscc();
    const original = await donated(
      admin,
      donation(chamber.id, {
        campaign: 'village-pairing',
        assistance: 'employment',
        villageCode: village(2),
        donor: { name: '乙', uscc },
        amountFen: 88_00,
        peopleHelped: 3,
        occurredOn: '2024-04-04',
      }),
    );
    expect(numbers(await stats({ regionCode: chamber.regionCode }))).toEqual({
      amountFen: 88_00,
      entries: 1,
      peopleHelped: 3,
      donors: 1,
      villages: 1,
      chambers: 1,
    });

    const key = newKey();
    const answer = await reverse(admin, original.id, '金额录错', key);
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    const reversal = answer.body;
    expect(reversal).toMatchObject({
      id: `${chamber.id}.2`,
      type: 'reversal',
      reverses: original.id,
      reason: '金额录错',
      amountFen: -88_00,
      peopleHelped: -3,
      chamberId: chamber.id,
      seq: 2,
      prevHash: original.hash,
      recordedBy: 'ledger-e2e-admin',
    });
    expect(entryHash(reversal)).toBe(reversal.hash);
    // The same key and body: the same answer, nothing written.
    const replay = await reverse(admin, original.id, '金额录错', key);
    expect(replay.status).toBe(201);
    expect(replay.body).toEqual(reversal);
    expectProblem(await reverse(admin, original.id, '另一个理由', key), 422);

    expectProblem(await reverse(admin, original.id, '再冲一次'), 409);
    expectProblem(await reverse(admin, reversal.id, '冲正的冲正'), 409);
    expectProblem(await reverse(admin, `${chamber.id}.99`), 404);

    for (const query of [{}, { year: 2024 }, { campaign: 'village-pairing' }]) {
      expect(numbers(await stats({ regionCode: chamber.regionCode, ...query }))).toEqual(ZERO);
    }
    expect(await verify(chamber.id)).toMatchObject({ entries: 2, headSeq: 2, ok: true });
  });

  it('keeps a donor, village and chamber counted while another donation of theirs stands', async () => {
    const chamber = await villageChamber();
    const donor = { name: '丙', uscc: donorUscc() };
    const fields = {
      campaign: 'village-pairing',
      assistance: 'industry',
      villageCode: village(3),
      donor,
      occurredOn: '2024-07-07',
    };
    const a = await donated(admin, donation(chamber.id, { ...fields, amountFen: 100 }));
    await donated(admin, donation(chamber.id, { ...fields, amountFen: 200, peopleHelped: 2 }));
    expect((await reverse(admin, a.id)).status).toBe(201);
    expect(numbers(await stats({ regionCode: chamber.regionCode }))).toEqual({
      amountFen: 200,
      entries: 1,
      peopleHelped: 2,
      donors: 1,
      villages: 1,
      chambers: 1,
    });
  });

  it('lets only one of several concurrent reversals of a donation through', async () => {
    const chamber = await villageChamber();
    const original = await donated(admin, donation(chamber.id, { amountFen: 5_000 }));
    const answers = await Promise.all(
      Array.from({ length: 5 }, (_, i) => reverse(admin, original.id, `并发冲正${i}`)),
    );
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses, JSON.stringify(answers.map((a) => a.body))).toEqual([201, 409, 409, 409, 409]);
    expect(numbers(await stats({ regionCode: chamber.regionCode }))).toEqual(ZERO);
    expect(await verify(chamber.id)).toMatchObject({ entries: 2, headSeq: 2, ok: true });
  });
});

describe('stats filters', () => {
  // 2011 and 2012 are this test's alone, so the county and city figures of those years are exact.
  it('count donations of chambers within the region, of the campaign and the year', async () => {
    const boxingTownship = (townshipsOf(BOXING)[1] as { code: string }).code;
    const [countyChamber, townshipChamber, huiminChamber, cityChamber] = await Promise.all([
      createChamber(BOXING, 'industry'),
      createChamber(boxingTownship, 'township'),
      createChamber(HUIMIN, 'industry'),
      createChamber(CITY, 'city-direct'),
    ]);
    const d1 = donorUscc();
    const d2 = donorUscc();
    const pairing = (v: number) => ({
      campaign: 'village-pairing',
      assistance: 'industry',
      villageCode: village(v),
    });
    const eastWest = { campaign: 'east-west', recipientRegionCode: '500236' };
    const gifts = [
      // chamber, fields
      [countyChamber, { ...pairing(10), donor: { name: 'd1', uscc: d1 }, amountFen: 1_00 }],
      [townshipChamber, { ...pairing(11), donor: { name: 'd2', uscc: d2 }, amountFen: 2_00 }],
      [townshipChamber, { ...eastWest, donor: { name: 'd1', uscc: d1 }, amountFen: 4_00 }],
      [huiminChamber, { ...pairing(10), donor: { name: 'd1', uscc: d1 }, amountFen: 8_00 }],
      [cityChamber, { ...eastWest, donor: { name: 'd2', uscc: d2 }, amountFen: 16_00 }],
    ] as const;
    for (const [chamber, fields] of gifts) {
      await donated(
        admin,
        donation(chamber.id, { ...fields, peopleHelped: 1, occurredOn: '2011-09-09' }),
      );
    }
    await donated(
      admin,
      donation(townshipChamber.id, {
        ...pairing(12),
        donor: { name: 'd2', uscc: d2 },
        amountFen: 32_00,
        peopleHelped: 5,
        occurredOn: '2012-01-01',
      }),
    );

    expect(await stats({ regionCode: BOXING, year: 2011 })).toEqual({
      regionCode: BOXING,
      campaign: null,
      year: 2011,
      amountFen: 7_00,
      entries: 3,
      peopleHelped: 3,
      donors: 2,
      villages: 2,
      chambers: 2,
    });
    expect(numbers(await stats({ regionCode: boxingTownship, year: 2011 }))).toEqual({
      amountFen: 6_00,
      entries: 2,
      peopleHelped: 2,
      donors: 2,
      villages: 1,
      chambers: 1,
    });
    expect(numbers(await stats({ regionCode: HUIMIN, year: 2011 }))).toEqual({
      amountFen: 8_00,
      entries: 1,
      peopleHelped: 1,
      donors: 1,
      villages: 1,
      chambers: 1,
    });
    const city2011 = {
      amountFen: 31_00,
      entries: 5,
      peopleHelped: 5,
      donors: 2,
      villages: 2,
      chambers: 4,
    };
    expect(numbers(await stats({ regionCode: CITY, year: 2011 }))).toEqual(city2011);
    expect(numbers(await stats({ regionCode: '370000', year: 2011 }))).toEqual(city2011);
    // Another county, another city: none of it.
    expect(numbers(await stats({ regionCode: '371622', year: 2011 }))).toEqual(ZERO);
    expect(numbers(await stats({ regionCode: '370100', year: 2011 }))).toEqual(ZERO);

    expect(
      await stats({ regionCode: CITY, year: 2011, campaign: 'village-pairing' }),
    ).toMatchObject({
      campaign: 'village-pairing',
      amountFen: 11_00,
      entries: 3,
      donors: 2,
      villages: 2,
      chambers: 3,
    });
    expect(numbers(await stats({ regionCode: CITY, year: 2011, campaign: 'east-west' }))).toEqual({
      amountFen: 20_00,
      entries: 2,
      peopleHelped: 2,
      donors: 2,
      villages: 0,
      chambers: 2,
    });
    expect(numbers(await stats({ regionCode: BOXING, year: 2012 }))).toEqual({
      amountFen: 32_00,
      entries: 1,
      peopleHelped: 5,
      donors: 1,
      villages: 1,
      chambers: 1,
    });
    expect(
      numbers(await stats({ regionCode: BOXING, year: 2012, campaign: 'village-pairing' })),
    ).toMatchObject({ amountFen: 32_00 });
    expect(numbers(await stats({ regionCode: BOXING, year: 2012, campaign: 'east-west' }))).toEqual(
      ZERO,
    );
    // All years of the township chamber's region: this test's donations only.
    expect(numbers(await stats({ regionCode: boxingTownship }))).toMatchObject({
      amountFen: 38_00,
      entries: 3,
    });
  });

  it('need no token, default to the jurisdiction, and refuse bad filters with 400', async () => {
    const anonymous = await rawCall('GET', '/v1/stats/donations');
    expect(anonymous.status).toBe(200);
    expect(anonymous.body).toMatchObject({
      regionCode: inject('functionEnvironments').ledger?.JURISDICTION,
      campaign: null,
      year: null,
    });
    const withToken = await rawCall('GET', `/v1/stats/donations?regionCode=${BOXING}`, {
      token: admin,
    });
    expect(withToken.status).toBe(200);
    expectProblem(await rawCall('GET', '/v1/stats/donations?regionCode=371699'), 400, [
      'regionCode',
    ]);
    expectProblem(await rawCall('GET', '/v1/stats/donations?campaign=charity'), 400, ['campaign']);
    expectProblem(await rawCall('GET', '/v1/stats/donations?year=twenty'), 400, ['year']);
    expectProblem(await rawCall('GET', '/v1/stats/donations?colour=red'), 400, ['colour']);
  });
});

describe('tamper evidence', () => {
  const ledgerTable = inject('functionEnvironments').ledger?.LEDGER_TABLE as string;
  const db = new DynamoDBClient({
    endpoint: inject('dynamoEndpoint'),
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const entryKey = (chamberId: string, seq: number) => ({
    pk: { S: `CHAMBER#${chamberId}` },
    sk: { S: `ENTRY#${String(seq).padStart(10, '0')}` },
  });

  it('reports an entry altered directly in the table at its seq', async () => {
    const chamber = await villageChamber();
    for (let i = 1; i <= 4; i++) await donated(admin, donation(chamber.id, { amountFen: i * 100 }));
    expect(await verify(chamber.id)).toMatchObject({ ok: true, entries: 4, headSeq: 4 });

    await db.send(
      new UpdateItemCommand({
        TableName: ledgerTable,
        Key: entryKey(chamber.id, 2),
        UpdateExpression: 'SET amountFen = :a',
        ExpressionAttributeValues: { ':a': { N: '20000' } },
      }),
    );
    const report = await verify(chamber.id);
    expect(report).toMatchObject({ chamberId: chamber.id, ok: false, firstBadSeq: 2 });
  });

  it('reports a last entry rewritten with a recomputed hash, against the head', async () => {
    const chamber = await villageChamber();
    await donated(admin, donation(chamber.id));
    const last = await donated(admin, donation(chamber.id, { amountFen: 300 }));
    const forged = { ...last, amountFen: 3 } as LedgerEntry;
    forged.hash = entryHash(forged);
    await db.send(
      new UpdateItemCommand({
        TableName: ledgerTable,
        Key: entryKey(chamber.id, 2),
        UpdateExpression: 'SET amountFen = :a, #h = :h',
        ExpressionAttributeNames: { '#h': 'hash' },
        ExpressionAttributeValues: { ':a': { N: '3' }, ':h': { S: forged.hash } },
      }),
    );
    expect(await verify(chamber.id)).toMatchObject({ ok: false, firstBadSeq: 2 });
  });
});

describe('authorization', () => {
  it('keeps an officer to their own chamber’s ledger', async () => {
    const [mine, theirs] = await Promise.all([villageChamber(), villageChamber()]);
    const officer = await token({
      role: 'chamber-officer',
      chamberId: mine.id,
      regionCode: BOXING,
      sub: 'ledger-e2e-officer',
    });
    const theirEntry = await donated(admin, donation(theirs.id, { amountFen: 999 }));

    // Their own chamber: write and read.
    const own = await donated(officer, donation(mine.id));
    expect(own.recordedBy).toBe('ledger-e2e-officer');
    expect((await rawCall('GET', `/v1/donations/${own.id}`, { token: officer })).status).toBe(200);
    expect(
      (await rawCall('GET', `/v1/donations?chamberId=${mine.id}`, { token: officer })).status,
    ).toBe(200);

    // Another chamber: no writes, no reads.
    const write = await donate(officer, donation(theirs.id));
    expect([403, 404]).toContain(write.status);
    expectProblem(write, write.status);
    const reversal = await reverse(officer, theirEntry.id);
    expect([403, 404]).toContain(reversal.status);
    expectProblem(await rawCall('GET', `/v1/donations/${theirEntry.id}`, { token: officer }), 404);
    expectProblem(
      await rawCall('GET', `/v1/donations?chamberId=${theirs.id}`, { token: officer }),
      404,
    );
    // Verification is the federation's: not even of their own chamber.
    expectProblem(
      await rawCall('GET', `/v1/chambers/${mine.id}/ledger/verify`, { token: officer }),
      403,
    );
    // Nothing of theirs was touched.
    expect(await verify(theirs.id)).toMatchObject({ entries: 1, ok: true });
    expect(numbers(await stats({ regionCode: theirs.regionCode }))).toMatchObject({
      entries: 1,
      amountFen: 999,
    });
  });

  it('keeps an admin to their region: another county’s admin gets 404', async () => {
    const chamber = await villageChamber();
    const entry = await donated(boxingAdmin, donation(chamber.id));
    const paths = [
      `/v1/donations/${entry.id}`,
      `/v1/donations?chamberId=${chamber.id}`,
      `/v1/chambers/${chamber.id}/ledger/verify`,
    ];
    for (const path of paths) {
      expectProblem(await rawCall('GET', path, { token: huiminAdmin }), 404);
      expect((await rawCall('GET', path, { token: boxingAdmin })).status, path).toBe(200);
    }
    expectProblem(await donate(huiminAdmin, donation(chamber.id)), 404);
    expectProblem(await reverse(huiminAdmin, entry.id), 404);
    expect(await verify(chamber.id)).toMatchObject({ entries: 1, ok: true });
  });

  it('answers 401 without a token and 403 to roles that keep no ledger', async () => {
    const chamber = await villageChamber();
    // The authorizer answers before the function, as API Gateway's does (not problem+json).
    expect((await donate('', donation(chamber.id))).status).toBe(401);
    const assessor = await token({ role: 'assessor', regionCode: CITY });
    expectProblem(await donate(assessor, donation(chamber.id)), 403);
    expectProblem(
      await rawCall('GET', `/v1/chambers/${chamber.id}/ledger/verify`, { token: assessor }),
      403,
    );
    expect(await verify(chamber.id)).toMatchObject({ entries: 0, ok: true });
  });

  it('answers 404 for a chamber that does not exist', async () => {
    expectProblem(await donate(admin, donation('no-such-chamber')), 404);
    expectProblem(
      await rawCall('GET', '/v1/chambers/no-such-chamber/ledger/verify', { token: admin }),
      404,
    );
    expectProblem(await rawCall('GET', '/v1/donations/no-such-chamber.1', { token: admin }), 404);
  });
});

describe('bad input', () => {
  it('answers 400 naming the field, and writes nothing', async () => {
    const chamber = await villageChamber();
    const base = donation(chamber.id);
    const future = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    const cases: [string, Record<string, unknown>, (string | number)[]][] = [
      ['fractional fen', { amountFen: 1.5 }, ['amountFen']],
      ['negative fen', { amountFen: -100 }, ['amountFen']],
      ['zero fen', { amountFen: 0 }, ['amountFen']],
      ['fen as a string', { amountFen: '100' }, ['amountFen']],
      ['negative people', { peopleHelped: -1 }, ['peopleHelped']],
      [
        'unknown village',
        { campaign: 'village-pairing', assistance: 'industry', villageCode: '371625999999' },
        ['villageCode'],
      ],
      [
        'village-pairing without villageCode',
        { campaign: 'village-pairing', assistance: 'skills' },
        ['villageCode'],
      ],
      [
        'village-pairing without assistance',
        { campaign: 'village-pairing', villageCode: village(0) },
        ['assistance'],
      ],
      ['east-west without recipientRegionCode', { campaign: 'east-west' }, ['recipientRegionCode']],
      [
        'a recipient that is no region',
        { campaign: 'east-west', recipientRegionCode: '500299' },
        ['recipientRegionCode'],
      ],
      ['a village on another campaign', { villageCode: village(0) }, ['villageCode']],
      ['future occurredOn', { occurredOn: future }, ['occurredOn']],
      ['not a date', { occurredOn: '2024-02-30' }, ['occurredOn']],
      ['unknown campaign', { campaign: 'charity' }, ['campaign']],
      ['unknown form', { form: 'shares' }, ['form']],
      ['unknown field', { colour: 'red' }, ['colour']],
      ['bad donor USCC', { donor: { name: '丁', uscc: '91371600MA3C00000Z' } }, ['donor', 'uscc']],
      ['missing donor name', { donor: { uscc: donorUscc() } }, ['donor', 'name']],
    ];
    for (const [label, fields, path] of cases) {
      const answer = await donate(admin, { ...base, ...fields });
      expect(answer.status, `${label}: ${JSON.stringify(answer.body)}`).toBe(400);
      expectProblem(answer, 400, path);
    }
    expectProblem(await donate(admin, base, null), 400, ['idempotency-key']);
    expectProblem(await donate(admin, base, ''), 400, ['idempotency-key']);
    expectProblem(await donate(admin, 'not json', newKey()), 400);
    const { occurredOn: _o, ...noDate } = base;
    expectProblem(await donate(admin, noDate), 400, ['occurredOn']);
    // Reversal: a reason and a key are needed, and the id must be a donation id.
    const entry = await donated(admin, base);
    expectProblem(await reverse(admin, entry.id, '冲正', null), 400, ['idempotency-key']);
    expectProblem(
      await rawCall('POST', `/v1/donations/${entry.id}/reversal`, {
        token: admin,
        body: {},
        headers: { 'idempotency-key': newKey() },
      }),
      400,
      ['reason'],
    );
    expectProblem(await reverse(admin, 'not-an-id'), 400, ['id']);

    expect(await verify(chamber.id)).toMatchObject({ entries: 1, ok: true });
    expect(numbers(await stats({ regionCode: chamber.regionCode }))).toMatchObject({ entries: 1 });
  });

  it('accepts a donation dated today in China', async () => {
    const chamber = await villageChamber();
    const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
    await donated(await cityAdminToken(), donation(chamber.id, { occurredOn: today }));
  });
});
