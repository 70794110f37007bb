import { beforeAll, describe, expect, it } from 'vitest';
import { token } from '../support/api';
import { call, expectProblem } from '../support/registration';
import {
  assign,
  cityAdminToken,
  createChamber,
  daysAgo,
  type Issue,
  readSnapshot,
  recordVisit,
  runOverdueSchedule,
  today,
  uniqueId,
  visitBody,
  YANGXIN,
} from '../support/supervision';

/*
 * The supervision-overdue schedule over HTTP, fired through POST /_local/schedules as
 * EventBridge Scheduler would fire it, and the snapshot it publishes. Every test makes its own
 * chambers in 阳信县 and its own leaders, and looks at those only: other files of the run share
 * the database and may run the schedule at the same time.
 */

interface OverdueItem {
  chamberId: string;
  name: string;
  leaderId: string;
  lastVisitedOn: string | null;
  dueOn: string;
  daysOverdue: number;
}
interface LateItem {
  chamberId: string;
  visitId: string;
  issueId: string;
  replyDueOn: string;
  daysLate: number;
}

let admin: string;
beforeAll(async () => {
  admin = await cityAdminToken();
});

describe('the supervision-overdue schedule', () => {
  it('flags a visit 40 days ago under a 30-day interval as 10 days overdue, and not a fresh one', async () => {
    const [stale, fresh, neverVisited] = await Promise.all([
      createChamber(),
      createChamber(),
      createChamber(),
    ]);
    const [staleLeader, freshLeader, newLeader] = ['lead', 'lead', 'lead'].map(uniqueId);
    await assign(stale.id, staleLeader as string, { visitEveryDays: 30 });
    await assign(fresh.id, freshLeader as string, { visitEveryDays: 30 });
    await assign(neverVisited.id, newLeader as string, { visitEveryDays: 30 });
    await recordVisit(stale.id, visitBody(staleLeader as string, { visitedOn: daysAgo(40) }));
    await recordVisit(fresh.id, visitBody(freshLeader as string, { visitedOn: daysAgo(5) }));

    await runOverdueSchedule();
    const first = await readSnapshot<OverdueItem>('/v1/visits/overdue', YANGXIN);
    expect(first.asOf).toBe(today());
    const mine = (items: OverdueItem[]) =>
      items.filter((item) => [stale.id, fresh.id, neverVisited.id].includes(item.chamberId));
    expect(mine(first.items)).toEqual([
      expect.objectContaining({
        chamberId: stale.id,
        name: stale.name,
        leaderId: staleLeader,
        lastVisitedOn: daysAgo(40),
        dueOn: daysAgo(10),
        daysOverdue: 10,
      }),
    ]);

    // Idempotent: the same day, the same rows.
    await runOverdueSchedule();
    const second = await readSnapshot<OverdueItem>('/v1/visits/overdue', YANGXIN);
    expect(mine(second.items)).toEqual(mine(first.items));

    // A visit today clears it at the next run.
    await recordVisit(stale.id, visitBody(staleLeader as string));
    await runOverdueSchedule();
    const third = await readSnapshot<OverdueItem>('/v1/visits/overdue', YANGXIN);
    expect(mine(third.items)).toEqual([]);
  });

  it('serves the snapshot by region, to FIC staff of that region only', async () => {
    const chamber = await createChamber();
    const leader = uniqueId('lead');
    await assign(chamber.id, leader, { visitEveryDays: 1 });
    await recordVisit(chamber.id, visitBody(leader, { visitedOn: daysAgo(3) }));
    await runOverdueSchedule();

    const county = await token({ role: 'fic-admin', regionCode: YANGXIN });
    const own = await readSnapshot<OverdueItem>('/v1/visits/overdue', YANGXIN, county);
    expect(own.items.map((item) => item.chamberId)).toContain(chamber.id);
    const city = await readSnapshot<OverdueItem>('/v1/visits/overdue', '371600', admin);
    expect(city.items.find((item) => item.chamberId === chamber.id)?.daysOverdue).toBe(2);
    const elsewhere = await readSnapshot<OverdueItem>('/v1/visits/overdue', '371603', admin);
    expect(elsewhere.items.map((item) => item.chamberId)).not.toContain(chamber.id);

    expectProblem(
      await call('GET', '/v1/visits/overdue?regionCode=371622', {
        token: await token({ role: 'fic-admin', regionCode: '371603' }),
      }),
      403,
    );
    expectProblem(
      await call('GET', '/v1/visits/overdue', {
        token: await token({ role: 'chamber-officer', chamberId: chamber.id }),
      }),
      403,
    );
    expectProblem(
      await call('GET', '/v1/visits/overdue?cursor=bm90LWEtY3Vyc29y', {
        token: admin,
      }),
      400,
      ['cursor'],
    );
  });

  it('lists issues whose reply is late until they are answered', async () => {
    const chamber = await createChamber();
    const leader = uniqueId('lead');
    await assign(chamber.id, leader);
    const old = await recordVisit(
      chamber.id,
      visitBody(leader, {
        visitedOn: daysAgo(20),
        issues: [{ summary: '用地审批慢' }, { summary: '用电价格高' }],
      }),
    );
    await recordVisit(
      chamber.id,
      visitBody(leader, { visitedOn: daysAgo(3), issues: [{ summary: '人才招聘难' }] }),
    );
    await runOverdueSchedule();
    const late = async () =>
      (await readSnapshot<LateItem>('/v1/visits/late-issues', YANGXIN)).items.filter(
        (item) => item.chamberId === chamber.id,
      );
    const before = await late();
    expect(before.map((item) => item.issueId).sort()).toEqual(old.issues.map((i) => i.id).sort());
    for (const item of before) {
      expect(item).toMatchObject({ visitId: old.id, replyDueOn: daysAgo(5), daysLate: 5 });
    }

    const officer = await token({ role: 'chamber-officer', chamberId: chamber.id });
    const first = old.issues[0] as Issue;
    const answered = await call<Issue>(
      'POST',
      `/v1/chambers/${chamber.id}/visits/${old.id}/issues/${first.id}/reply`,
      { token: officer, body: { reply: '已协调自然资源局加快办理' } },
    );
    expect(answered.status, JSON.stringify(answered.body)).toBe(200);
    expect(answered.body).toMatchObject({
      id: first.id,
      status: 'answered',
      reply: '已协调自然资源局加快办理',
    });
    await runOverdueSchedule();
    expect((await late()).map((item) => item.issueId)).toEqual([old.issues[1]?.id]);
  });
});
