import { describe, expect, it } from 'vitest';
import { call } from '../support/api';
import {
  assign,
  cityAdmin,
  createChamber,
  finalize,
  newAssessorId,
  openCycle,
  review,
  sheet,
  veto,
} from '../support/assessment';

/*
 * The assessment ranking: the rankings job ranks the eligible chambers of a scope by their final
 * score in the latest finalized cycle covering it. A region and year of its own (阳信县, 1989)
 * keep other tests' cycles out of the expected figures.
 */
const COUNTY = '371622';
const YEAR = 1989;

describe('the assessment ranking', () => {
  it('ranks a finalized cycle’s eligible chambers by score, ties sharing a rank', async () => {
    const admin = await cityAdmin();
    const chambers = await Promise.all(
      ['甲', '乙', '丙', '丁'].map((n) =>
        createChamber({ name: `评价排名${n}${Date.now()}`, regionCode: COUNTY }),
      ),
    );
    const [best, tiedA, tiedB, vetoed] = chambers.map((c) => c.id) as [
      string,
      string,
      string,
      string,
    ];
    const cycle = await openCycle({ year: YEAR, regionCode: COUNTY });
    const full = await sheet();
    const first = full[0]?.indicatorId as string;
    const less = async (n: number) => sheet(n ? { [first]: n } : {});
    for (const [chamberId, deduction] of [
      [best, 10],
      [tiedA, 20],
      [tiedB, 20],
      [vetoed, 0],
    ] as const) {
      const assessorId = newAssessorId('rank');
      expect((await assign(cycle.id, chamberId, assessorId)).status).toBe(201);
      expect((await review(cycle.id, chamberId, assessorId, await less(deduction))).status).toBe(
        200,
      );
    }
    expect((await veto(cycle.id, vetoed, 'serious-violation')).status).toBe(201);
    expect((await finalize(cycle.id)).status).toBe(200);
    // A donation of that year, so the job ranks it (it looks at years with activity).
    const donated = await call('POST', '/v1/donations', {
      token: admin,
      headers: { 'idempotency-key': crypto.randomUUID() },
      body: {
        chamberId: best,
        donor: { name: '某公司', uscc: '91371621MA3C00003B' },
        campaign: 'public-welfare',
        form: 'money',
        amountFen: 100,
        occurredOn: `${YEAR}-12-01`,
      },
    });
    expect(donated.status).toBe(201);
    expect((await call('POST', '/_local/schedules/rankings')).status).toBe(200);

    const answer = await call<{ items: { rank: number; chamberId: string; value: number }[] }>(
      'GET',
      `/v1/rankings/assessment?regionCode=${COUNTY}&year=${YEAR}`,
    );
    expect(answer.status).toBe(200);
    const mine = answer.body.items.filter((i) => chambers.some((c) => c.id === i.chamberId));
    const tied = [tiedA, tiedB].sort();
    expect(mine).toEqual([
      expect.objectContaining({ rank: 1, chamberId: best, value: 990 }),
      expect.objectContaining({ rank: 2, chamberId: tied[0], value: 980 }),
      expect.objectContaining({ rank: 2, chamberId: tied[1], value: 980 }),
    ]);
  });
});
