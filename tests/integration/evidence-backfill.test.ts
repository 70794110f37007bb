import { randomUUID } from 'node:crypto';
import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Chamber } from '#shared/contract/registration';
import type { Activity, Issue, Liaison, Visit } from '#shared/contract/supervision';
import { replyDueOn } from '#shared/domain/supervision';
import { chamberRecord } from '../support/chamber-record';
import { createKeyedTable } from '../support/ledger-table';

/*
 * `npm run backfill:evidence` on data written before the evidence's counters were kept: member
 * items without a member count, visits and activities without their tally, an issue of such a
 * visit answered since (its tally went below zero), an award without its copy under its
 * chamber, an alliance membership without its days. What must hold is read as the evidence reads
 * it (the published modules, one BatchGetItem): every figure equals what the items themselves
 * make, after a run stopped halfway and resumed, after a second run (which writes nothing), and
 * with writers landing while the backfill counts — each counted once.
 * The three tables are this file's own in DynamoDB Local, so the backfill's scan sees only what
 * this file wrote.
 */
let dynamo: typeof import('#shared/db/client').dynamo;
let registration: typeof import('#functions/registration/store');
let alliances: typeof import('#functions/registration/alliance-store');
let supervision: typeof import('#functions/supervision/store');
let records: typeof import('#functions/supervision/records');
let published: typeof import('#shared/registration/published');
let supervisionPublished: typeof import('#shared/supervision/published');
let awards: typeof import('#functions/assessment/store-awards');
let readTogether: typeof import('#shared/db/batch').readTogether;
let drops: (() => Promise<void>)[] = [];
let backfillEvidence: typeof import('#functions/assessment/backfill').backfillEvidence;

const TABLES = {
  REGISTRATION_TABLE: `evidence-backfill-registration-${randomUUID().slice(0, 8)}`,
  SUPERVISION_TABLE: `evidence-backfill-supervision-${randomUUID().slice(0, 8)}`,
  ASSESSMENT_TABLE: `evidence-backfill-assessment-${randomUUID().slice(0, 8)}`,
};

beforeAll(async () => {
  Object.assign(process.env, inject('functionEnvironments').assessment, {
    AWS_ENDPOINT_URL_DYNAMODB: inject('dynamoEndpoint'),
    AWS_REGION: 'local',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    ...TABLES,
  });
  ({ dynamo } = await import('#shared/db/client'));
  drops = await Promise.all(Object.values(TABLES).map(createKeyedTable));
  [
    registration,
    alliances,
    supervision,
    records,
    published,
    supervisionPublished,
    awards,
    { readTogether },
    { backfillEvidence },
  ] = await Promise.all([
    import('#functions/registration/store'),
    import('#functions/registration/alliance-store'),
    import('#functions/supervision/store'),
    import('#functions/supervision/records'),
    import('#shared/registration/published'),
    import('#shared/supervision/published'),
    import('#functions/assessment/store-awards'),
    import('#shared/db/batch'),
    import('#functions/assessment/backfill'),
  ]);
}, 60_000);

afterAll(async () => {
  for (const drop of drops) await drop();
});

const backfill = (
  options: Parameters<typeof backfillEvidence>[0] extends infer O ? Partial<O> : never,
) => backfillEvidence({ registrationTable: TABLES.REGISTRATION_TABLE, ...options });

const now = () => new Date().toISOString();
let serial = 0;
const uscc = () => `91371603MA${String(++serial).padStart(7, '0')}X`;
const put = (table: string, Item: Record<string, unknown>) =>
  dynamo.send(new PutCommand({ TableName: table, Item }));

const issue = (visitedOn: string, answeredAt: string | null): Issue => ({
  id: randomUUID(),
  summary: '用工难',
  status: answeredAt ? 'answered' : 'open',
  replyDueOn: replyDueOn(visitedOn),
  reply: answeredAt ? '已答复' : null,
  answeredAt,
  answeredBy: answeredAt ? 'officer' : null,
});

const visitOf = (
  chamberId: string,
  leaderId: string,
  visitedOn: string,
  issues: Issue[],
): Visit => ({
  id: `${visitedOn.replaceAll('-', '')}-${randomUUID()}`,
  chamberId,
  leaderId,
  visitedOn,
  mode: 'on-site',
  topics: ['走访'],
  issues,
  note: null,
  recordedAt: now(),
  recordedBy: 'tester',
  version: 1,
});

const activityOf = (chamberId: string, kind: Activity['kind'], heldOn: string): Activity => ({
  id: `${heldOn.replaceAll('-', '')}-${randomUUID()}`,
  chamberId,
  kind,
  heldOn,
  participants: null,
  note: null,
  recordedAt: now(),
  recordedBy: 'tester',
});

/** Writers of today's code, which count what they write: used while the backfill runs. */
interface Live {
  chamber: Chamber;
  liaison: Liaison;
  member(): Promise<void>;
  visit(visitedOn: string, issues: number): Promise<void>;
  activity(kind: Activity['kind'], heldOn: string): Promise<void>;
}

/**
 * A chamber with a history from before the counters (written as the old code wrote it), and a
 * little since (written by today's code, counted). Its figures, as the items make them:
 *   members 5 · 2023: visits 2, issues raised 4 (1 answered in time, 2 late, 1 open past its
 *   date), activities study-session 2 and red-song 1 · 2024: 1 visit with 1 open issue ·
 *   a provincial award of 2023 · member of an alliance since 2022-01-01.
 */
async function chamberOfOld(): Promise<Live & { allianceId: string }> {
  const { REGISTRATION_TABLE: R, SUPERVISION_TABLE: S, ASSESSMENT_TABLE: A } = TABLES;
  const chamber = chamberRecord('补数测试商会');
  await registration.insertChamber(chamber);
  const pk = `CHAMBER#${chamber.id}`;
  for (let i = 0; i < 3; i += 1) {
    const member = { chamberId: chamber.id, name: `旧企业${i}`, uscc: uscc(), joinedAt: now() };
    await put(R, { pk, sk: `MEMBER#${member.uscc}`, ...member });
  }
  const liaison: Liaison = {
    chamberId: chamber.id,
    leaderId: `leader-${randomUUID().slice(0, 8)}`,
    name: '钱副主席',
    title: null,
    assignedOn: '2022-01-01',
    lastVisitedOn: null,
    visitEveryDays: 90,
    dueOn: '2022-04-01',
    version: 1,
    createdAt: now(),
    updatedAt: now(),
  };
  await supervision.putLiaison(liaison, undefined);
  const live: Live = {
    chamber,
    liaison,
    member: () =>
      registration.insertMember({
        chamberId: chamber.id,
        name: '新企业',
        uscc: uscc(),
        joinedAt: now(),
      }),
    async visit(visitedOn, issues) {
      const visit = visitOf(
        chamber.id,
        liaison.leaderId,
        visitedOn,
        Array.from({ length: issues }, () => issue(visitedOn, null)),
      );
      await supervision.insertVisit(visit, liaison, undefined);
    },
    async activity(kind, heldOn) {
      await records.insertActivity(activityOf(chamber.id, kind, heldOn));
    },
  };
  // 2023, the old way: a visit with three issues (open, answered on 03-10, answered on 04-01).
  const old = visitOf(chamber.id, liaison.leaderId, '2023-03-01', [
    issue('2023-03-01', null),
    issue('2023-03-01', '2023-03-10T02:00:00.000Z'),
    issue('2023-03-01', '2023-04-01T02:00:00.000Z'),
  ]);
  await put(S, { pk, sk: `VISIT#${old.id}`, ...old });
  // Another of then, its issue answered late by today's code: the tally's open count goes below 0.
  const then = visitOf(chamber.id, liaison.leaderId, '2023-05-01', [issue('2023-05-01', null)]);
  await put(S, { pk, sk: `VISIT#${then.id}`, ...then });
  await supervision.answerIssue(then, 0, {
    ...(then.issues[0] as Issue),
    status: 'answered',
    reply: '已答复',
    answeredAt: '2023-06-01T02:00:00.000Z',
    answeredBy: 'officer',
  });
  for (const heldOn of ['2023-02-01', '2023-06-01']) {
    const activity = activityOf(chamber.id, 'study-session', heldOn);
    await put(S, { pk, sk: `ACTIVITY#${activity.id}`, ...activity });
  }
  const award = {
    chamberId: chamber.id,
    regionCode: chamber.regionCode,
    level: 'province',
    year: 2023,
    validUntil: '2025-12-31',
    awardedAt: now(),
    awardedBy: 'tester',
  };
  await put(A, { pk: 'AWARDS#*', sk: `2023#2#${chamber.id}`, ...award });
  // An alliance membership as the first alliance code kept it: no days beside the chamber.
  const allianceId = randomUUID();
  await put(R, {
    pk: `ALLIANCE#${allianceId}`,
    sk: 'PROFILE',
    id: allianceId,
    name: '旧联盟',
    regionCode: '371603',
    foundedOn: '2021-01-01',
    memberCount: 1,
    members: { [chamber.id]: { joinedOn: '2022-01-01' } },
    createdAt: now(),
    createdBy: 'tester',
  });
  await dynamo.send(
    new UpdateCommand({
      TableName: R,
      Key: published.chamberCountsKey(chamber.id),
      UpdateExpression: 'ADD alliances :one',
      ExpressionAttributeValues: { ':one': 1 },
    }),
  );
  // Since the counters: two members, a red-song activity of 2023, a visit of 2024.
  await live.member();
  await live.member();
  await live.activity('red-song', '2023-09-01');
  await live.visit('2024-02-01', 1);
  return { ...live, allianceId };
}

/** The chamber's figures as the evidence reads them, on 2025-01-01. */
async function figures(chamberId: string) {
  const [registered, y2023, y2024, held] = await readTogether([
    published.chamberFactsRead(chamberId),
    supervisionPublished.supervisionFactsRead(chamberId, 2023, 2022, '2025-01-01'),
    supervisionPublished.supervisionFactsRead(chamberId, 2024, 2023, '2025-01-01'),
    awards.entryRecordsRead('no-cycle', chamberId, 2023, undefined),
  ]);
  return {
    members: registered.members,
    alliances: [2021, 2022].map((year) => published.alliancesInYear(registered, year)),
    y2023: y2023.tally,
    y2024: y2024.tally,
    awards: held.awards.map((award) => `${award.level} ${award.year}`),
  };
}

/** What the items of chamberOfOld make, with `more` members and 2023 study sessions added. */
const exact = (more = { members: 0, studySessions: 0, visits2024: 0 }) => ({
  members: 5 + more.members,
  alliances: [0, 1],
  y2023: {
    activities: { 'study-session': 2 + more.studySessions, 'red-song': 1 },
    visits: 2,
    issuesRaised: 4,
    issuesAnsweredInTime: 1,
    issuesLate: 3,
  },
  y2024: {
    activities: {},
    visits: 1 + more.visits2024,
    issuesRaised: 1 + more.visits2024,
    issuesAnsweredInTime: 0,
    issuesLate: 1 + more.visits2024,
  },
  awards: ['province 2023'],
});

describe('npm run backfill:evidence', () => {
  it('sets every figure to what the items make, stopped halfway and resumed', async () => {
    const [one, two] = [await chamberOfOld(), await chamberOfOld()];
    // Before: only what today's code wrote is counted.
    expect(await figures(one.chamber.id)).toMatchObject({
      members: 2,
      alliances: [1, 1], // a membership without its days counts in every year
      y2023: { visits: 0, issuesRaised: 0, issuesLate: 1, activities: { 'red-song': 1 } },
      awards: [],
    });

    const dry = await backfill({ dryRun: true });
    expect(dry).toMatchObject({
      chambers: 2,
      alliances: 2,
      awards: 2,
      written: { memberCounts: 2, tallies: 2, membershipDays: 2, awardCopies: 2 },
    });
    expect(await figures(one.chamber.id)).toMatchObject({ members: 2, awards: [] });

    // Stopped after two records, then resumed from where it said.
    const first = await backfill({ maxRecords: 2 });
    expect(first.resumeFrom).not.toBeNull();
    const rest = await backfill({ startAfter: first.resumeFrom ?? undefined });
    expect(rest.resumeFrom).toBeNull();
    for (const kind of ['memberCounts', 'tallies', 'membershipDays', 'awardCopies'] as const) {
      expect(first.written[kind] + rest.written[kind], kind).toBe(2);
    }
    expect(await figures(one.chamber.id)).toEqual(exact());
    expect(await figures(two.chamber.id)).toEqual(exact());

    // Again, from the start: nothing to write, the same figures.
    const again = await backfill({});
    expect(again.written).toEqual({
      memberCounts: 0,
      tallies: 0,
      membershipDays: 0,
      awardCopies: 0,
    });
    expect(again.chambers).toBe(2);
    expect(await figures(one.chamber.id)).toEqual(exact());

    // The days kept let a membership end: it counted in 2022, and its last year.
    const left = await alliances.removeMember(
      one.allianceId,
      one.chamber.id,
      '2022-01-01',
      '2024-03-01',
    );
    expect(left).toBe('removed');
    const registered = (await readTogether([published.chamberFactsRead(one.chamber.id)]))[0];
    expect([2021, 2022, 2024, 2025].map((y) => published.alliancesInYear(registered, y))).toEqual([
      0, 1, 1, 0,
    ]);
  });

  it('counts once what is written while it counts', async () => {
    const old = await chamberOfOld();
    // Between counting this chamber's items and writing its counts, today's code adds a member
    // (to its member count), a study session and a visit (to its tallies): each write finds its
    // counters moved, writes nothing, and counts again.
    const landed = new Set<string>();
    const report = await backfill({
      beforeWrite: async (chamberId, what) => {
        if (chamberId !== old.chamber.id || landed.has(what)) return;
        landed.add(what);
        if (what === 'members') await old.member();
        else {
          await old.activity('study-session', '2023-12-01');
          await old.visit('2024-03-01', 1);
        }
      },
    });
    expect([...landed].sort()).toEqual(['members', 'tallies']);
    expect(report.written.memberCounts).toBe(1);
    expect(await figures(old.chamber.id)).toEqual(
      exact({ members: 1, studySessions: 1, visits2024: 1 }),
    );

    // And with writers going on throughout a run, every one counted once.
    const busy = await chamberOfOld();
    let stop = false;
    let added = 0;
    const writers = (async () => {
      while (!stop) {
        await Promise.all([busy.member(), busy.activity('study-session', '2023-10-01')]);
        added += 1;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })();
    await backfill({});
    stop = true;
    await writers;
    expect(added).toBeGreaterThan(0);
    expect(await figures(busy.chamber.id)).toEqual(
      exact({ members: added, studySessions: added, visits2024: 0 }),
    );
  });
});
