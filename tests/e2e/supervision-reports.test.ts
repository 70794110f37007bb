import { beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '#shared/domain/supervision';
import { type Answer, token } from '../support/api';
import { call, expectProblem } from '../support/registration';
import {
  cityAdminToken,
  createChamber,
  registeredChamber,
  today,
  YANGXIN,
} from '../support/supervision';

/*
 * Annual reports and activities over HTTP. Every test makes its own chambers in 阳信县 and
 * looks only at those in any list (the database is shared with every other test file).
 */

interface Report {
  chamberId: string;
  year: number;
  status: 'submitted' | 'accepted' | 'returned';
  netAssetsFen: number;
  review: { decision: string; note: string | null } | null;
  version: number;
}
interface Missing {
  chamberId: string;
  reportStatus: 'returned' | null;
}
interface Summary {
  year: number;
  counts: Record<string, number>;
  sevenOnesComplete: boolean;
  sevenOnesMissing: string[];
}

const SEVEN = [
  'study-session',
  'red-song',
  'ideals-education',
  'party-lecture',
  'themed-party-day',
  'organisational-life-meeting',
  'three-shows-three-comparisons',
];

const report = (fields: Record<string, unknown> = {}) => ({
  members: { firms: 86, individuals: 4 },
  incomeFen: 36_500_000,
  expenseFen: 41_000_000,
  netAssetsFen: -1_250_000,
  activitiesHeld: 9,
  donationsReceivedFen: 2_000_000,
  partyBuilding: { partyMembers: 11, summary: '开展“七个一”活动' },
  workSummary: '组织会员企业参加东西部协作，帮扶结对村。',
  ...fields,
});

let admin: string;
beforeAll(async () => {
  admin = await cityAdminToken();
});

const officerOf = (chamberId: string) => token({ role: 'chamber-officer', chamberId });
const reportPath = (id: string, year: number) => `/v1/chambers/${id}/annual-reports/${year}`;

/** The chambers of `ids` the missing list names for `year`, following nextCursor. */
async function missing(year: number, ids: string[]): Promise<Missing[]> {
  const items: Missing[] = [];
  let cursor: string | null = null;
  do {
    const query: URLSearchParams = new URLSearchParams({
      regionCode: YANGXIN,
      year: String(year),
      limit: '100',
      ...(cursor && { cursor }),
    });
    const answer: Answer<{ items: Missing[]; nextCursor: string | null }> = await call(
      'GET',
      `/v1/annual-reports/missing?${query}`,
      { token: admin },
    );
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    items.push(...answer.body.items);
    cursor = answer.body.nextCursor;
  } while (cursor);
  return items.filter((item) => ids.includes(item.chamberId));
}

describe('annual reports', () => {
  it('go submitted → returned → resubmitted → accepted, then stay as they are', async () => {
    const chamber = await registeredChamber();
    const officer = await officerOf(chamber.id);
    const path = reportPath(chamber.id, 2023);

    const submitted = await call<Report>('PUT', path, { token: officer, body: report() });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    expect(submitted.body).toMatchObject({
      chamberId: chamber.id,
      year: 2023,
      status: 'submitted',
      netAssetsFen: -1_250_000,
      review: null,
      version: 1,
    });
    expect((await call<Report>('GET', path, { token: officer })).body).toEqual(submitted.body);

    const review = (body: unknown, as = admin) =>
      call<Report>('POST', `${path}/review`, { token: as, body });
    expectProblem(await review({ decision: 'accepted' }, officer), 403);
    const returned = await review({ decision: 'returned', note: '请补充财务审计报告' });
    expect(returned.body).toMatchObject({
      status: 'returned',
      review: { decision: 'returned', note: '请补充财务审计报告' },
    });
    expectProblem(await review({ decision: 'accepted' }), 409);

    const again = await call<Report>('PUT', path, {
      token: officer,
      body: report({ netAssetsFen: 300_000 }),
    });
    expect(again.body).toMatchObject({ status: 'submitted', netAssetsFen: 300_000, version: 3 });
    expect((await review({ decision: 'accepted' })).body).toMatchObject({ status: 'accepted' });

    expectProblem(await call('PUT', path, { token: officer, body: report() }), 409);
    expectProblem(await call('PUT', path, { token: admin, body: report() }), 409);
    expectProblem(await review({ decision: 'returned' }), 409);
    const list = await call<{ items: Report[] }>(
      'GET',
      `/v1/chambers/${chamber.id}/annual-reports`,
      {
        token: officer,
      },
    );
    expect(list.body.items.map((r) => [r.year, r.status])).toEqual([[2023, 'accepted']]);
  });

  it('lists the registered chambers missing a report for the year', async () => {
    const [none, returned, submitted, accepted] = await Promise.all(
      [1, 2, 3, 4].map(() => registeredChamber()),
    );
    const applicant = await createChamber();
    const ids = [none, returned, submitted, accepted, applicant].map((c) => c?.id as string);
    for (const chamber of [returned, submitted, accepted]) {
      const answer = await call('PUT', reportPath(chamber?.id as string, 2022), {
        token: admin,
        body: report(),
      });
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    }
    for (const [chamber, decision] of [
      [returned, 'returned'],
      [accepted, 'accepted'],
    ] as const) {
      const answer = await call('POST', `${reportPath(chamber?.id as string, 2022)}/review`, {
        token: admin,
        body: { decision },
      });
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    }
    const items = (await missing(2022, ids)).map((item) => [item.chamberId, item.reportStatus]);
    expect(items.sort()).toEqual(
      [
        [none?.id, null],
        [returned?.id, 'returned'],
      ].sort(),
    );
    // Another year: all four registered chambers are missing theirs, never the applicant.
    expect((await missing(2021, ids)).map((item) => item.chamberId).sort()).toEqual(
      [none, returned, submitted, accepted].map((c) => c?.id).sort(),
    );
    const county = await token({ role: 'fic-admin', regionCode: '371603' });
    expectProblem(
      await call('GET', `/v1/annual-reports/missing?regionCode=${YANGXIN}&year=2022`, {
        token: county,
      }),
      403,
    );
    expectProblem(
      await call('GET', `/v1/annual-reports/missing?regionCode=${YANGXIN}`, { token: admin }),
      400,
      ['year'],
    );
  });

  it('are a registered chamber’s own, in whole fen, for a year gone by', async () => {
    const [chamber, other] = await Promise.all([registeredChamber(), registeredChamber()]);
    const applicant = await createChamber();
    const path = reportPath(chamber.id, 2024);
    const otherOfficer = await officerOf(other.id);
    expectProblem(await call('PUT', path, { token: otherOfficer, body: report() }), 404);
    expectProblem(await call('GET', path, { token: otherOfficer }), 404);
    expectProblem(
      await call('PUT', reportPath(applicant.id, 2024), { token: admin, body: report() }),
      409,
    );
    const next = Number(today().slice(0, 4)) + 1;
    expectProblem(
      await call('PUT', reportPath(chamber.id, next), { token: admin, body: report() }),
      400,
      ['year'],
    );
    expectProblem(
      await call('PUT', path, { token: admin, body: report({ incomeFen: 10.5 }) }),
      400,
      ['incomeFen'],
    );
    expectProblem(
      await call('PUT', path, { token: admin, body: report({ workSummary: '' }) }),
      400,
      ['workSummary'],
    );
    expectProblem(
      await call('PUT', reportPath(chamber.id, 1800), { token: admin, body: report() }),
      400,
      ['year'],
    );
    expectProblem(await call('GET', path, { token: admin }), 404);

    const first = await call<Report>('PUT', path, { token: admin, body: report() });
    expect(first.status).toBe(200);
    const stale = await call('PUT', path, {
      token: admin,
      body: report(),
      headers: { 'if-match': '7' },
    });
    expectProblem(stale, 412);
    const fresh = await call<Report>('PUT', path, {
      token: admin,
      body: report(),
      headers: { 'if-match': '1' },
    });
    expect(fresh.body.version).toBe(2);
  });
});

describe('activities', () => {
  const record = (chamberId: string, as: string, body: Record<string, unknown>) =>
    call('POST', `/v1/chambers/${chamberId}/activities`, { token: as, body });
  const summary = async (chamberId: string, year: number, as = admin) => {
    const answer = await call<Summary>(
      'GET',
      `/v1/chambers/${chamberId}/activities/summary?year=${year}`,
      {
        token: as,
      },
    );
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    return answer.body;
  };

  it('count per kind in a year, and say whether all seven "七个一" were held', async () => {
    const chamber = await createChamber();
    const officer = await officerOf(chamber.id);
    for (const kind of SEVEN.slice(0, 6)) {
      const answer = await record(chamber.id, officer, {
        kind,
        heldOn: '2024-06-01',
        participants: 20,
      });
      expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    }
    await record(chamber.id, officer, { kind: 'other', heldOn: '2024-07-01' });
    await record(chamber.id, officer, {
      kind: 'three-shows-three-comparisons',
      heldOn: '2023-12-31',
    });
    await record(chamber.id, officer, { kind: 'red-song', heldOn: '2024-01-01' });

    const partial = await summary(chamber.id, 2024, officer);
    expect(partial).toMatchObject({
      year: 2024,
      sevenOnesComplete: false,
      sevenOnesMissing: ['three-shows-three-comparisons'],
    });
    expect(partial.counts).toMatchObject({
      'red-song': 2,
      other: 1,
      'three-shows-three-comparisons': 0,
    });

    const last = await record(chamber.id, admin, {
      kind: 'three-shows-three-comparisons',
      heldOn: '2024-12-31',
    });
    expect(last.body).toMatchObject({
      kind: 'three-shows-three-comparisons',
      heldOn: '2024-12-31',
      participants: null,
    });
    expect(await summary(chamber.id, 2024)).toMatchObject({
      sevenOnesComplete: true,
      sevenOnesMissing: [],
    });
    expect((await summary(chamber.id, 2023)).counts['three-shows-three-comparisons']).toBe(1);

    const list = await call<{ items: { heldOn: string }[] }>(
      'GET',
      `/v1/chambers/${chamber.id}/activities?year=2024`,
      { token: officer },
    );
    expect(list.body.items).toHaveLength(9);
    expect(list.body.items[0]?.heldOn).toBe('2024-12-31');
  });

  it('are the chamber’s own, held on a day gone by, of a known kind', async () => {
    const [chamber, other] = await Promise.all([createChamber(), createChamber()]);
    const otherOfficer = await officerOf(other.id);
    expectProblem(
      await record(chamber.id, otherOfficer, { kind: 'other', heldOn: '2024-01-02' }),
      404,
    );
    expectProblem(
      await call('GET', `/v1/chambers/${chamber.id}/activities/summary?year=2024`, {
        token: otherOfficer,
      }),
      404,
    );
    const liaison = await token({ role: 'liaison', sub: 'someone' });
    expectProblem(await record(chamber.id, liaison, { kind: 'other', heldOn: '2024-01-02' }), 403);
    expectProblem(
      await record(chamber.id, admin, { kind: 'other', heldOn: addDays(today(), 1) }),
      400,
      ['heldOn'],
    );
    expectProblem(await record(chamber.id, admin, { kind: 'banquet', heldOn: '2024-01-02' }), 400, [
      'kind',
    ]);
    expectProblem(
      await record(chamber.id, admin, { kind: 'other', heldOn: '2024-01-02', participants: -1 }),
      400,
      ['participants'],
    );
    expectProblem(
      await call('GET', `/v1/chambers/${chamber.id}/activities/summary?year=20x4`, {
        token: admin,
      }),
      400,
      ['year'],
    );
  });
});
