import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { SelfAssessment } from '#shared/contract/assessment';
import type { EntryResult } from '#shared/domain/assessment';
import { FOUR_GOOD_2017 } from '#shared/domain/rubrics/four-good-2017';
import { ConflictError, PreconditionFailedError } from '#shared/http/errors';

/*
 * The assessment store against DynamoDB Local, without HTTP: the conditional writes and the
 * transactions that the API's 409s and 412s, and finalize's "nothing lands that the results
 * would miss", rest on; and the published read rankings will use. The table is the one the local
 * runtime created from the template, shared with the end-to-end tests: every test makes its own
 * cycles (random ids), and the published results use years (1990s) no other test uses.
 */
let store: typeof import('#functions/assessment/store');
let entries: typeof import('#functions/assessment/store-entries');
let awards: typeof import('#functions/assessment/store-awards');
let published: typeof import('#shared/assessment/published');

beforeAll(async () => {
  Object.assign(process.env, inject('functionEnvironments').assessment, {
    AWS_ENDPOINT_URL_DYNAMODB: inject('dynamoEndpoint'),
    AWS_REGION: 'local',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
  });
  // The store reads ASSESSMENT_TABLE when it loads, so only now.
  store = await import('#functions/assessment/store');
  entries = await import('#functions/assessment/store-entries');
  awards = await import('#functions/assessment/store-awards');
  published = await import('#shared/assessment/published');
});

async function newCycle(fields: Partial<import('#functions/assessment/store').StoredCycle> = {}) {
  const cycle = {
    id: randomUUID(),
    year: 2022,
    rubricId: FOUR_GOOD_2017.id,
    regionCode: '371600',
    title: '集成测试',
    status: 'open' as const,
    createdAt: new Date().toISOString(),
    createdBy: 'integration',
    finalizedAt: null,
    rubric: FOUR_GOOD_2017,
    ...fields,
  };
  await store.insertCycle(cycle);
  return cycle;
}

const assignment = (cycleId: string, chamberId: string, assessorId: string) => ({
  cycleId,
  chamberId,
  assessorId,
  status: 'assigned' as const,
  scores: [],
  total: null,
  version: 1,
  assignedAt: new Date().toISOString(),
  assignedBy: 'integration',
  submittedAt: null,
  cycleRegionCode: '371600',
});

const submitted = (a: ReturnType<typeof assignment>, total: number) => ({
  ...a,
  status: 'submitted' as const,
  scores: [{ indicatorId: 'L1', points: 60 }],
  total,
  version: a.version + 1,
  submittedAt: new Date().toISOString(),
});

const selfAssessment = (cycleId: string, chamberId: string, version: number): SelfAssessment => ({
  cycleId,
  chamberId,
  scores: [{ indicatorId: 'L1', points: 60 }],
  total: 60,
  version,
  submittedAt: new Date().toISOString(),
  submittedBy: 'integration',
});

describe('conditional writes', () => {
  it('lets exactly one of 20 concurrent identical assignments land; the rest are 409', async () => {
    const cycle = await newCycle();
    const outcomes = await Promise.allSettled(
      Array.from({ length: 20 }, () => entries.putReview(assignment(cycle.id, 'c1', 'same'))),
    );
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    for (const outcome of outcomes) {
      if (outcome.status === 'rejected') expect(outcome.reason).toBeInstanceOf(ConflictError);
    }
    expect((await entries.readEntries(cycle.id)).reviews).toHaveLength(1);
  });

  it('replaces a record only at the version read: a stale write is 412 and changes nothing', async () => {
    const cycle = await newCycle();
    await entries.putSelfAssessment(selfAssessment(cycle.id, 'c1', 1));
    await entries.putSelfAssessment({ ...selfAssessment(cycle.id, 'c1', 2), total: 50 });
    const stale = await entries
      .putSelfAssessment({ ...selfAssessment(cycle.id, 'c1', 2), total: 10 })
      .catch((e: unknown) => e);
    expect(stale).toBeInstanceOf(PreconditionFailedError);
    expect(await entries.getSelfAssessment(cycle.id, 'c1')).toMatchObject({
      version: 2,
      total: 50,
    });

    // A review needs its assignment: without one there is no version 1 to replace.
    const orphan = await entries
      .putReview(submitted(assignment(cycle.id, 'c1', 'nobody'), 900))
      .catch((e: unknown) => e);
    expect(orphan).toBeInstanceOf(PreconditionFailedError);
  });

  it('refuses the same veto reason twice, and every write once the cycle is finalizing', async () => {
    const cycle = await newCycle();
    const veto = {
      cycleId: cycle.id,
      chamberId: 'c1',
      reason: 'serious-violation' as const,
      createdAt: new Date().toISOString(),
      createdBy: 'integration',
    };
    await entries.insertVeto(veto);
    await expect(entries.insertVeto(veto)).rejects.toBeInstanceOf(ConflictError);
    const a = assignment(cycle.id, 'c2', 'r1');
    await entries.putReview(a);

    expect(await store.beginFinalizing(cycle.id)).toBe('open');
    expect(await store.beginFinalizing(cycle.id)).toBe('finalizing');
    for (const write of [
      () => entries.putReview(submitted(a, 900)),
      () => entries.putReview(assignment(cycle.id, 'c3', 'r1')),
      () => entries.putSelfAssessment(selfAssessment(cycle.id, 'c2', 1)),
      () => entries.insertVeto({ ...veto, reason: 'missing-annual-report' }),
    ]) {
      const error = await write().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConflictError);
      expect((error as ConflictError).status).toBe(409);
    }
    expect(await entries.readEntries(cycle.id)).toMatchObject({
      selves: [],
      reviews: [{ status: 'assigned' }],
      vetoes: [{ reason: 'serious-violation' }],
    });
  });
});

describe('finalizing against concurrent writers', () => {
  it('counts every review that landed and refuses every one that did not (409), none lost', async () => {
    const cycle = await newCycle();
    const assigned = Array.from({ length: 16 }, (_, i) => assignment(cycle.id, 'c1', `r${i}`));
    for (const a of assigned) await entries.putReview(a);

    const writes = assigned.map((a, i) => entries.putReview(submitted(a, 900 + i)));
    const finalizing = new Promise((resolve) => setTimeout(resolve, 15)).then(() =>
      store.beginFinalizing(cycle.id),
    );
    const outcomes = await Promise.allSettled(writes);
    expect(await finalizing).toBe('open');

    const landed = outcomes.flatMap((o, i) => (o.status === 'fulfilled' ? [900 + i] : []));
    for (const outcome of outcomes) {
      if (outcome.status === 'rejected') expect(outcome.reason).toBeInstanceOf(ConflictError);
    }
    const read = await entries.readEntries(cycle.id);
    const counted = read.reviews.filter((r) => r.status === 'submitted').map((r) => r.total);
    expect(counted.sort()).toEqual(landed.sort());
  });
});

describe('published results (what rankings reads)', () => {
  const result = (i: number): EntryResult => ({
    rank: i + 1,
    chamberId: `chamber-${String(i).padStart(5, '0')}`,
    name: `商会${i}`,
    score: 1000 - i / 100,
    grade: '优秀',
    eligible: true,
    reviewers: 2,
    selfScore: null,
    vetoes: [],
  });

  async function finalized(regionCode: string, year: number, count: number) {
    const cycle = await newCycle({ regionCode, year });
    expect(await store.beginFinalizing(cycle.id)).toBe('open');
    const results = Array.from({ length: count }, (_, i) => result(i));
    const done = { ...cycle, status: 'finalized' as const, finalizedAt: new Date().toISOString() };
    await store.completeFinalizing(done, results);
    return { cycle: done, results };
  }

  it('keeps a cycle’s results in rank order across chunks, and reads the latest cycle', async () => {
    const year = 1990 + Math.floor(Math.random() * 9);
    const older = await finalized('371602', year, 3);
    const latest = await finalized('371602', year, published.RESULTS_PER_ITEM * 2 + 7);
    await finalized('371602001', year, 1); // a township's cycle: not 371602's own

    expect(await store.readResults(latest.cycle.id)).toEqual(latest.results);
    const read = await published.readLatestResults('371602', year);
    expect(read?.cycle).toMatchObject({ cycleId: latest.cycle.id, entries: latest.results.length });
    expect(read?.items).toEqual(latest.results);
    expect(await published.readLatestResults('371602', year - 10)).toBeUndefined();
    expect(older.cycle.finalizedAt < latest.cycle.finalizedAt).toBe(true);

    // Completing again (a retried finalize) is a 409 and changes nothing.
    const again = await store.completeFinalizing(latest.cycle, []).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(ConflictError);
    expect(await store.readResults(latest.cycle.id)).toHaveLength(latest.results.length);
    expect(await store.getCycle(latest.cycle.id)).toMatchObject({ status: 'finalized' });
  });
});

describe('awards', () => {
  it('lists an award under its region and every region above it, once per level and year', async () => {
    const chamberId = randomUUID();
    const award = {
      id: randomUUID(),
      chamberId,
      name: '集成测试商会',
      regionCode: '371602001',
      level: 'province' as const,
      year: 1995,
      title: '省级“四好商会”',
      cycleId: null,
      score: null,
      grade: null,
      validUntil: '1997-12-31',
      awardedAt: new Date().toISOString(),
      awardedBy: 'integration',
    };
    await awards.insertAward(award);
    await expect(awards.insertAward({ ...award, id: randomUUID() })).rejects.toBeInstanceOf(
      ConflictError,
    );
    for (const regionCode of [undefined, '370000', '371600', '371602', '371602001']) {
      const page = await awards.listAwards({ regionCode, year: 1995, level: 'province' }, 100);
      expect(
        page.items.filter((a) => a.chamberId === chamberId),
        regionCode,
      ).toEqual([award]);
    }
    const elsewhere = await awards.listAwards({ regionCode: '371621', year: 1995 }, 100);
    expect(elsewhere.items.filter((a) => a.chamberId === chamberId)).toEqual([]);
  });
});
