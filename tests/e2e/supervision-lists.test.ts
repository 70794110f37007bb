import { beforeAll, describe, expect, it } from 'vitest';
import { SEVEN_ONES } from '#shared/domain/supervision';
import { type Answer, token } from '../support/api';
import { call, expectProblem } from '../support/registration';
import { cityAdminToken, createChamber, registeredChamber, YANGXIN } from '../support/supervision';

/*
 * FIC staff's region-wide supervision lists over HTTP: every chamber's report status for a year,
 * and every chamber's "七个一" progress. Each test makes its own chambers in 阳信县 and looks
 * only at those (the database is shared with every other test file).
 */
type Page<T> = { items: T[]; nextCursor: string | null; regionCode: string; year: number };
interface StatusRow {
  chamberId: string;
  name: string;
  kind: string;
  reportStatus: string | null;
}
interface Progress {
  chamberId: string;
  name: string;
  year: number;
  counts: Record<string, number>;
  sevenOnesComplete: boolean;
  sevenOnesMissing: string[];
}

const SEVEN = [...SEVEN_ONES];
const report = {
  members: { firms: 40, individuals: 2 },
  incomeFen: 10_000_000,
  expenseFen: 9_000_000,
  netAssetsFen: 1_000_000,
  activitiesHeld: 6,
  donationsReceivedFen: 0,
  partyBuilding: { partyMembers: 5 },
  workSummary: '全年工作总结',
};

let admin: string;
beforeAll(async () => {
  admin = await cityAdminToken();
});

/** Every row of a list for 阳信县 (following nextCursor, a small page to cross pages), kept
 * only for `ids`. */
async function rows<T extends { chamberId: string }>(path: string, year: number, ids: string[]) {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const query: URLSearchParams = new URLSearchParams({
      regionCode: YANGXIN,
      year: String(year),
      limit: '3',
      ...(cursor && { cursor }),
    });
    const answer: Answer<Page<T>> = await call('GET', `${path}?${query}`, { token: admin });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.body).toMatchObject({ regionCode: YANGXIN, year });
    items.push(...answer.body.items);
    cursor = answer.body.nextCursor;
  } while (cursor);
  return items.filter((item) => ids.includes(item.chamberId));
}

describe('GET /v1/annual-reports', () => {
  it('names every registered chamber of the region with its report status that year', async () => {
    const [none, submitted, returned, accepted] = await Promise.all(
      [1, 2, 3, 4].map(() => registeredChamber()),
    );
    const applicant = await createChamber();
    const all = [none, submitted, returned, accepted];
    for (const chamber of [submitted, returned, accepted]) {
      const path = `/v1/chambers/${chamber?.id}/annual-reports/2021`;
      expect((await call('PUT', path, { token: admin, body: report })).status).toBe(200);
    }
    for (const [chamber, decision] of [
      [returned, 'returned'],
      [accepted, 'accepted'],
    ] as const) {
      const path = `/v1/chambers/${chamber?.id}/annual-reports/2021/review`;
      expect((await call('POST', path, { token: admin, body: { decision } })).status).toBe(200);
    }
    const ids = [...all, applicant].map((c) => c?.id as string);
    const found = await rows<StatusRow>('/v1/annual-reports', 2021, ids);
    expect(found.map((r) => [r.chamberId, r.reportStatus]).sort()).toEqual(
      [
        [none?.id, null],
        [submitted?.id, 'submitted'],
        [returned?.id, 'returned'],
        [accepted?.id, 'accepted'],
      ].sort(),
    );
    expect(found.find((r) => r.chamberId === none?.id)).toMatchObject({
      name: none?.name,
      kind: none?.kind,
    });
    // Outside the caller's region: refused, never the data.
    const county = await token({ role: 'fic-admin', regionCode: '371603' });
    expectProblem(
      await call('GET', `/v1/annual-reports?regionCode=${YANGXIN}&year=2021`, { token: county }),
      403,
    );
    const officer = await token({ role: 'chamber-officer', chamberId: none?.id as string });
    expectProblem(
      await call('GET', `/v1/annual-reports?regionCode=${YANGXIN}&year=2021`, { token: officer }),
      403,
    );
    expectProblem(
      await call('GET', `/v1/annual-reports?regionCode=${YANGXIN}`, { token: admin }),
      400,
      ['year'],
    );
  });
});

describe('GET /v1/activities/progress', () => {
  it('gives each registered chamber its counts and "七个一" progress for the year', async () => {
    const [complete, partial, idle] = await Promise.all([1, 2, 3].map(() => registeredChamber()));
    const held = [
      ...SEVEN.map((kind) => [complete, kind] as const),
      [complete, 'mentoring'] as const,
      [partial, 'red-song'] as const,
      [partial, 'red-song'] as const,
      [partial, 'party-lecture'] as const,
    ];
    for (const [chamber, kind] of held) {
      const answer = await call('POST', `/v1/chambers/${chamber?.id}/activities`, {
        token: admin,
        body: { kind, heldOn: '2022-05-04' },
      });
      expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    }
    const ids = [complete, partial, idle].map((c) => c?.id as string);
    const found = await rows<Progress>('/v1/activities/progress', 2022, ids);
    const byId = new Map(found.map((p) => [p.chamberId, p]));
    expect(found).toHaveLength(3);
    expect(byId.get(complete?.id as string)).toMatchObject({
      name: complete?.name,
      year: 2022,
      sevenOnesComplete: true,
      sevenOnesMissing: [],
      counts: { 'study-session': 1, mentoring: 1 },
    });
    expect(byId.get(partial?.id as string)).toMatchObject({
      sevenOnesComplete: false,
      counts: { 'red-song': 2, 'party-lecture': 1, 'study-session': 0 },
    });
    expect(byId.get(partial?.id as string)?.sevenOnesMissing).toHaveLength(5);
    expect(byId.get(idle?.id as string)?.sevenOnesMissing).toEqual(SEVEN);
    // Another year: nothing held.
    const before = await rows<Progress>('/v1/activities/progress', 2021, ids);
    expect(before.every((p) => !p.sevenOnesComplete && p.sevenOnesMissing.length === 7)).toBe(true);
    const county = await token({ role: 'fic-admin', regionCode: '371603' });
    expectProblem(
      await call('GET', `/v1/activities/progress?regionCode=${YANGXIN}&year=2022`, {
        token: county,
      }),
      403,
    );
  });
});
