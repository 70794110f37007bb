import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Cycle, Evidence } from '#shared/contract/assessment';
import type { Chamber } from '#shared/contract/registration';
import { todayInShanghai } from '#shared/domain/calendar';
import { addDays } from '#shared/domain/supervision';
import { token } from '../support/api';
import {
  assessor,
  assign,
  cityAdmin,
  createChamber,
  entryPath,
  newAssessorId,
  officerOf,
  ok,
  openCycle,
} from '../support/assessment';
import { call, enterpriseUscc, expectProblem, socialGroupUscc } from '../support/registration';

/*
 * The evidence beside an entry's scores, over HTTP: a chamber's year built through the API as its
 * people would record it (activities with an alliance's joint one, last year's report, visits
 * with one issue answered late, donations and a reversal, members, government functions, a star
 * rating, an award), then every fact and every suggestion checked; a chamber with nothing; who
 * may see it. This file keeps to 沾化区 (371603): a cycle of its own there, chambers of its own.
 *
 * The year is the one of a day 20 days ago, so that a visit then has an issue already late
 * (replies are due in 15 days). In the first 20 days of January that is last year, while a visit
 * answered in time can only be this year's: then it is checked in this year's cycle.
 */
const COUNTY = '371603';
const today = todayInShanghai();
const lateDay = addDays(today, -20);
const YEAR = Number(lateDay.slice(0, 4));
const THIS_YEAR = Number(today.slice(0, 4));

let admin: string;
let cycle: Cycle;
let busy: Chamber;
let empty: Chamber;
let assessorId: string;
let allianceId: string;

const evidence = (cycleId: string, chamberId: string, as: string) =>
  call<Evidence>('GET', `${entryPath(cycleId, chamberId)}/evidence`, { token: as });

async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  const answer = await call<Record<string, unknown>>('POST', path, { token: admin, body, headers });
  expect(answer.status, `${path} ${JSON.stringify(answer.body)}`).toBeLessThan(300);
  return answer.body;
}
const keyed = () => ({ 'idempotency-key': randomUUID() });

/** Builds the busy chamber's year through the API. */
async function buildYear(chamber: Chamber) {
  const path = `/v1/chambers/${chamber.id}`;
  await post(`${path}/status`, { action: 'approve' });
  await post(`${path}/status`, { action: 'register', uscc: socialGroupUscc(COUNTY) });
  // Its officer writes the article's programmes into the record.
  const officer = await officerOf(chamber.id);
  const read = ok(await call<Chamber>('GET', path, { token: officer }));
  ok(
    await call('PATCH', path, {
      token: officer,
      headers: { 'if-match': String(read.version) },
      body: { feature: '冬枣产业标准化种植示范', branchHighlight: '党员示范棚' },
    }),
  );
  for (let i = 0; i < 3; i += 1) {
    await post(`${path}/members`, { name: `沾化冬枣合作社${i}`, uscc: enterpriseUscc(COUNTY) });
  }

  // Five of the "七个一" kinds on its own, one mentoring event, one activity of the year before.
  for (const kind of [
    'study-session',
    'ideals-education',
    'party-lecture',
    'themed-party-day',
    'organisational-life-meeting',
    'mentoring',
  ]) {
    await post(`${path}/activities`, { kind, heldOn: lateDay }, keyed());
  }
  await post(`${path}/activities`, { kind: 'red-song', heldOn: `${YEAR - 1}-06-01` }, keyed());
  // The sixth kind, red songs, held with the Party-building alliance it belongs to.
  const alliance = await post('/v1/alliances', {
    name: `沾化党建联盟${randomUUID().slice(0, 6)}`,
    regionCode: COUNTY,
    foundedOn: `${YEAR - 1}-01-01`,
  });
  allianceId = String(alliance.id);
  ok(
    await call('PUT', `/v1/alliances/${allianceId}/members/${chamber.id}`, {
      token: admin,
      body: { joinedOn: `${YEAR - 1}-01-01` },
    }),
  );
  await post(
    `/v1/alliances/${allianceId}/activities`,
    { kind: 'red-song', heldOn: lateDay, participants: [chamber.id] },
    keyed(),
  );

  // Last year's annual report, accepted.
  ok(
    await call('PUT', `${path}/annual-reports/${YEAR - 1}`, {
      token: officer,
      body: {
        members: { firms: 3, individuals: 0 },
        incomeFen: 100_000,
        expenseFen: 80_000,
        netAssetsFen: 20_000,
        activitiesHeld: 8,
        donationsReceivedFen: 0,
        partyBuilding: { partyMembers: 5 },
        workSummary: '年度工作总结',
      },
    }),
  );
  await post(`${path}/annual-reports/${YEAR - 1}/review`, { decision: 'accepted' });

  // A liaison's visits: two issues 20 days ago (one answered now, late; one left open, so late
  // too), and one today answered at once (in time).
  const leaderId = `evidence-leader-${randomUUID().slice(0, 8)}`;
  ok(
    await call('PUT', `${path}/liaisons/${leaderId}`, { token: admin, body: { name: '李副主席' } }),
  );
  const early = await post(
    `${path}/visits`,
    {
      leaderId,
      visitedOn: lateDay,
      mode: 'on-site',
      topics: ['冬枣销路'],
      issues: [{ summary: '冷库用地难' }, { summary: '电商人才缺' }],
    },
    keyed(),
  );
  const [lateIssue] = early.issues as { id: string }[];
  await post(`${path}/visits/${early.id}/issues/${lateIssue?.id}/reply`, { reply: '已协调' });
  const fresh = await post(
    `${path}/visits`,
    {
      leaderId,
      visitedOn: today,
      mode: 'phone',
      topics: ['融资'],
      issues: [{ summary: '贷款难' }],
    },
    keyed(),
  );
  const [timely] = fresh.issues as { id: string }[];
  ok(
    await call('POST', `${path}/visits/${fresh.id}/issues/${timely?.id}/reply`, {
      token: officer,
      body: { reply: '已对接银行' },
    }),
  );

  // Donations of the year: three, one of them reversed; and one of the year before.
  const donor = { name: '沾化冬枣合作社0', uscc: enterpriseUscc(COUNTY) };
  const give = (amountFen: number, peopleHelped: number, occurredOn = lateDay) =>
    post(
      '/v1/donations',
      {
        chamberId: chamber.id,
        donor,
        campaign: 'public-welfare',
        form: 'money',
        amountFen,
        peopleHelped,
        occurredOn,
      },
      keyed(),
    );
  await give(1_500_000, 12);
  await give(250_000, 3);
  const mistaken = await give(9_999_900, 100);
  await post(`/v1/donations/${mistaken.id}/reversal`, { reason: '金额录入错误' }, keyed());
  await give(700_000, 7, `${YEAR - 1}-12-31`);

  // Four stars this year; a provincial award of last year (valid through YEAR + 1) and a city
  // one of three years ago (lapsed at the end of YEAR − 1).
  ok(
    await call('PUT', `${path}/party-branch/ratings/${YEAR}`, { token: admin, body: { stars: 4 } }),
  );
  await post('/v1/awards', { chamberId: chamber.id, level: 'province', year: YEAR - 1 });
  await post('/v1/awards', { chamberId: chamber.id, level: 'city', year: YEAR - 3 });
}

beforeAll(async () => {
  admin = await cityAdmin();
  [cycle, busy, empty] = await Promise.all([
    openCycle({ year: YEAR, rubricId: 'four-good-2020', regionCode: COUNTY }),
    createChamber({
      regionCode: COUNTY,
      partyOrganisation: 'branch',
      governmentFunctions: ['industry-analysis', 'trade-fairs'],
    }),
    createChamber({ regionCode: COUNTY, partyOrganisation: 'none' }),
  ]);
  assessorId = newAssessorId('evidence');
  ok(await assign(cycle.id, busy.id, assessorId), 201);
  await buildYear(busy);
}, 120_000);

describe('the evidence of a chamber’s year', () => {
  it('holds every fact of the year, as the chamber’s people recorded it', async () => {
    const found = ok(await evidence(cycle.id, busy.id, admin));
    const sameYear = YEAR === THIS_YEAR;
    expect(found).toMatchObject({ cycleId: cycle.id, chamberId: busy.id, year: YEAR });
    expect(found.facts).toEqual({
      partyOrganisation: 'branch',
      partyBranchStars: 4,
      activities: {
        // Five own "七个一", the mentoring, and the alliance's red songs; not last year's.
        count: 7,
        sevenOnesDone: [
          'study-session',
          'red-song',
          'ideals-education',
          'party-lecture',
          'themed-party-day',
          'organisational-life-meeting',
        ],
        sevenOnesComplete: false,
      },
      annualReport: 'accepted',
      visits: {
        count: sameYear ? 2 : 1,
        issuesRaised: sameYear ? 3 : 2,
        issuesAnsweredInTime: sameYear ? 1 : 0,
        // One answered after its date, one still open past it.
        issuesLate: 2,
      },
      // 15,000 + 2,500 yuan, 15 people; the reversed one and last year's drop out.
      donations: { amountFen: 1_750_000, peopleHelped: 15, entries: 2 },
      members: 3,
      governmentFunctions: 2,
      awards: [{ level: 'province', year: YEAR - 1, validUntil: `${YEAR + 1}-12-31` }],
      feature: '冬枣产业标准化种植示范',
      branchHighlight: '党员示范棚',
      alliances: 1,
    });
    if (!sameYear) {
      // Early January: the visit answered in time is this year's.
      const next = await openCycle({ year: THIS_YEAR, regionCode: COUNTY });
      const now = ok(await evidence(next.id, busy.id, admin));
      expect(now.facts.visits).toEqual({
        count: 1,
        issuesRaised: 1,
        issuesAnsweredInTime: 1,
        issuesLate: 0,
      });
    }
  });

  it('suggests points where the rubric makes a clear rule, and says why', async () => {
    const found = ok(await evidence(cycle.id, busy.id, admin));
    const line = (id: string) => found.indicators.find((i) => i.indicatorId === id);
    expect(found.indicators).toHaveLength(20);
    const suggested = Object.fromEntries(
      found.indicators
        .filter((i) => i.suggestedPoints !== null)
        .map((i) => [i.indicatorId, i.suggestedPoints]),
    );
    expect(suggested).toEqual({
      P1: 70, // a Party branch
      P2: 51.4, // 6 of 7 kinds × 60
      P3: 42, // 4 stars of 5 × 40, and in an alliance: 10
      S2: 23.3, // 2 of 6 functions × 70
      R1: 60, // last year's report accepted
    });
    expect(line('P2')?.facts).toEqual(['activities']);
    expect(line('P2')?.why).toContain('“七个一”已开展 6/7 类（未开展：“三亮三比”）');
    expect(line('P3')?.why).toContain(`${YEAR} 年党支部星级：4 星；加入党建联盟 1 个`);
    expect(line('S3')).toMatchObject({ facts: ['donations'], suggestedPoints: null });
    expect(line('S3')?.why).toContain(`${YEAR} 年捐赠 1.75 万元（2 笔，已扣除冲正），帮扶 15 人`);
    expect(line('T4')?.why).toContain('逾期 2 个');
    expect(line('S5')?.why).toContain('一商会一特色：冬枣产业标准化种植示范');
    expect(line('S5')?.why).toContain(`省级（${YEAR - 1} 年度，有效期至 ${YEAR + 1}-12-31）`);
    expect(line('T1')).toEqual({
      indicatorId: 'T1',
      facts: [],
      suggestedPoints: null,
      why: '系统中没有与此项相关的记录，请依据商会提交的材料评分。',
    });
  });

  it('follows the cycle’s rubric: the 2017 one declares its own rules', async () => {
    const old = await openCycle({ year: YEAR, rubricId: 'four-good-2017', regionCode: COUNTY });
    const found = ok(await evidence(old.id, busy.id, admin));
    const suggested = Object.fromEntries(
      found.indicators
        .filter((i) => i.suggestedPoints !== null)
        .map((i) => [i.indicatorId, i.suggestedPoints]),
    );
    expect(suggested).toEqual({ L3: 60, L4: 32, E1: 68.6, S2: 23.3, R1: 50 });
  });

  it('counts the alliances of the cycle’s year: one left today still counts, none before joining', async () => {
    // A member since the first day of YEAR − 1, taken out of the alliance today.
    const left = await call('DELETE', `/v1/alliances/${allianceId}/members/${busy.id}`, {
      token: admin,
    });
    expect(left.status).toBe(204);
    expect(ok(await evidence(cycle.id, busy.id, admin)).facts.alliances).toBe(1);
    const before = await openCycle({ year: YEAR - 2, regionCode: COUNTY });
    expect(ok(await evidence(before.id, busy.id, admin)).facts.alliances).toBe(0);
    const joined = await openCycle({ year: YEAR - 1, regionCode: COUNTY });
    expect(ok(await evidence(joined.id, busy.id, admin)).facts.alliances).toBe(1);
  });

  it('of a chamber with nothing on record: zeros, and the rules’ lowest points', async () => {
    const found = ok(await evidence(cycle.id, empty.id, admin));
    expect(found.facts).toEqual({
      partyOrganisation: 'none',
      partyBranchStars: null,
      activities: { count: 0, sevenOnesDone: [], sevenOnesComplete: false },
      annualReport: 'missing',
      visits: { count: 0, issuesRaised: 0, issuesAnsweredInTime: 0, issuesLate: 0 },
      donations: { amountFen: 0, peopleHelped: 0, entries: 0 },
      members: 0,
      governmentFunctions: 0,
      awards: [],
      feature: null,
      branchHighlight: null,
      alliances: 0,
    });
    for (const line of found.indicators) {
      if (line.suggestedPoints !== null) expect(line.suggestedPoints, line.indicatorId).toBe(0);
    }
    expect(found.indicators.find((i) => i.indicatorId === 'R1')?.why).toContain(
      `${YEAR - 1} 年度工作报告：未报送`,
    );
  });
});

describe('who sees the evidence', () => {
  it('FIC staff over the chamber, its own officer and the assessor assigned to it', async () => {
    ok(await evidence(cycle.id, busy.id, await officerOf(busy.id)));
    ok(await evidence(cycle.id, busy.id, await assessor(assessorId)));
    const county = await token({ role: 'fic-admin', regionCode: COUNTY, sub: 'evidence-county' });
    ok(await evidence(cycle.id, busy.id, county));
  });

  it('nobody else: another chamber’s officer, an assessor not assigned, staff elsewhere → 404', async () => {
    expectProblem(await evidence(cycle.id, busy.id, await officerOf(empty.id)), 404);
    expectProblem(await evidence(cycle.id, busy.id, await assessor(newAssessorId('other'))), 404);
    // An assessor with a region of their own, but not assigned to this entry: still 404.
    const regional = await token({
      role: 'assessor',
      regionCode: COUNTY,
      sub: 'evidence-regional',
    });
    expectProblem(await evidence(cycle.id, busy.id, regional), 404);
    const huimin = await token({ role: 'fic-admin', regionCode: '371621', sub: 'evidence-huimin' });
    expectProblem(await evidence(cycle.id, busy.id, huimin), 404);
    // A role that never sees it: 403.
    const liaison = await token({ role: 'liaison', regionCode: COUNTY, sub: 'evidence-liaison' });
    expectProblem(await evidence(cycle.id, busy.id, liaison), 403);
  });

  it('is 404 for a cycle or chamber that does not exist, or a chamber outside the cycle', async () => {
    expectProblem(await evidence('no-such-cycle', busy.id, admin), 404);
    expectProblem(await evidence(cycle.id, 'no-such-chamber', admin), 404);
    const elsewhere = await createChamber({ regionCode: '371602' });
    expectProblem(await evidence(cycle.id, elsewhere.id, admin), 404);
  });
});
