import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { Chamber } from '#shared/contract/registration';
import type { Liaison, Visit } from '#shared/contract/supervision';
import { replyDueOn, visitDueOn } from '#shared/domain/supervision';
import { ConflictError } from '#shared/http/errors';
import { chamberRecord } from '../support/chamber-record';

/*
 * The small counters the assessment's evidence reads instead of whole collections, against
 * DynamoDB Local: each is written in the one transaction that writes what it counts, so it stays
 * exact when writers meet — members joining a chamber at once, chambers joining and leaving an
 * alliance at once (and a chamber dropping its Party organisation as it joins), a visit's issues
 * answered in time or late. Read back through the published modules, as the evidence reads them.
 * Ids are random: the tables are shared with every other test of the run.
 */
let registration: typeof import('#functions/registration/store');
let alliances: typeof import('#functions/registration/alliance-store');
let supervision: typeof import('#functions/supervision/store');
let published: typeof import('#shared/registration/published');
let supervisionPublished: typeof import('#shared/supervision/published');
let readTogether: typeof import('#shared/db/batch').readTogether;

beforeAll(async () => {
  // The assessment function's environment names every table it reads.
  Object.assign(process.env, inject('functionEnvironments').assessment, {
    AWS_ENDPOINT_URL_DYNAMODB: inject('dynamoEndpoint'),
    AWS_REGION: 'local',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
  });
  [registration, alliances, supervision, published, supervisionPublished, { readTogether }] =
    await Promise.all([
      import('#functions/registration/store'),
      import('#functions/registration/alliance-store'),
      import('#functions/supervision/store'),
      import('#shared/registration/published'),
      import('#shared/supervision/published'),
      import('#shared/db/batch'),
    ]);
});

const now = () => new Date().toISOString();
const uscc = (i: number) => `91371603MA${String(i).padStart(7, '0')}X`;

const chamber = (fields: Partial<Chamber> = {}) => chamberRecord('计数测试商会', fields);

const facts = async (id: string) => (await readTogether([published.chamberFactsRead(id)]))[0];

describe('a chamber’s member count', () => {
  it('is exact when members join at once, a firm already in counted once', async () => {
    const id = randomUUID();
    // Twelve firms, three of them sent twice at the same moment: one of each pair is refused.
    const firms = [...Array.from({ length: 12 }, (_, i) => i), 0, 1, 2];
    const outcomes = await Promise.all(
      firms.map((i) =>
        registration
          .insertMember({ chamberId: id, name: `企业${i}`, uscc: uscc(i), joinedAt: now() })
          .then(
            () => 'joined',
            (error) => (error instanceof ConflictError ? 'refused' : Promise.reject(error)),
          ),
      ),
    );
    expect(outcomes.filter((o) => o === 'joined')).toHaveLength(12);
    expect(outcomes.filter((o) => o === 'refused')).toHaveLength(3);
    expect((await facts(id)).members).toBe(12);
  });
});

async function newAllianceId() {
  const alliance = {
    id: randomUUID(),
    name: '计数测试联盟',
    regionCode: '371603',
    foundedOn: '2020-01-01',
    memberCount: 0,
    members: {},
    createdAt: now(),
    createdBy: 'tester',
  };
  await alliances.insertAlliance(alliance);
  return alliance.id;
}

describe('an alliance’s members and each chamber’s alliance count', () => {
  it('stay in step when chambers join and leave at once', async () => {
    const allianceId = await newAllianceId();
    const chambers = Array.from({ length: 10 }, () => chamber());
    await Promise.all(chambers.map((c) => registration.insertChamber(c)));
    const joined = await Promise.all(
      chambers.map((c) => alliances.addMember(allianceId, c.id, '2024-01-01')),
    );
    expect(joined.every((outcome) => outcome === 'joined')).toBe(true);
    // Joining again is refused by the record itself ('changed': it is there already).
    expect(await alliances.addMember(allianceId, chambers[0]?.id ?? '', '2024-01-01')).toBe(
      'changed',
    );
    let alliance = await published.readAlliance(allianceId);
    expect(alliance?.memberCount).toBe(10);
    expect(Object.keys(alliance?.members ?? {}).sort()).toEqual(chambers.map((c) => c.id).sort());

    const leaving = chambers.slice(0, 4);
    const leave = (c: Chamber) =>
      alliances.removeMember(allianceId, c.id, '2024-01-01', '2024-06-30');
    const left = await Promise.all(leaving.map(leave));
    expect(left.every((outcome) => outcome === 'removed')).toBe(true);
    expect(await leave(leaving[0] as Chamber)).toBe('changed');
    alliance = await published.readAlliance(allianceId);
    expect(alliance?.memberCount).toBe(6);
    for (const c of chambers) {
      expect((await facts(c.id)).alliances, c.id).toBe(leaving.includes(c) ? 0 : 1);
    }
  });

  it('never holds a chamber that lost its Party organisation as it joined', async () => {
    const allianceId = await newAllianceId();
    for (let trial = 0; trial < 8; trial += 1) {
      const one = chamber();
      await registration.insertChamber(one);
      const dropped = { ...one, partyOrganisation: 'none' as const, version: 2 };
      const [joining, dropping] = await Promise.allSettled([
        alliances.addMember(allianceId, one.id, '2024-01-01'),
        registration.replaceChamber(dropped, 1, undefined, true),
      ]);
      const member = (await published.readAlliance(allianceId))?.members[one.id] !== undefined;
      const record = await published.readChamber(one.id);
      // Whichever landed first, the other saw it: a member always has its Party organisation.
      if (member) {
        expect(record?.partyOrganisation, `trial ${trial}`).toBe('branch');
        expect(dropping.status).toBe('rejected');
      } else {
        expect(record?.partyOrganisation, `trial ${trial}`).toBe('none');
        expect(joining.status === 'fulfilled' && joining.value).not.toBe('joined');
      }
      expect((await facts(one.id)).alliances).toBe(member ? 1 : 0);
    }
  });
});

describe('the alliances a chamber belonged to in a year', () => {
  it('count a membership from the year it began to the year it ended, a return again', async () => {
    const [first, second] = [await newAllianceId(), await newAllianceId()];
    const one = chamber();
    await registration.insertChamber(one);
    const inYear = async (year: number) => published.alliancesInYear(await facts(one.id), year);

    expect(await alliances.addMember(first, one.id, '2021-03-01')).toBe('joined');
    // Its day corrected (a PUT naming another): the membership began then.
    expect(await alliances.setJoinedOn(first, one.id, '2021-05-01')).toBe('set');
    expect(await alliances.removeMember(first, one.id, '2021-03-01', '2023-04-30')).toBe('changed');
    expect(await alliances.removeMember(first, one.id, '2021-05-01', '2023-04-30')).toBe('removed');
    expect(await alliances.addMember(second, one.id, '2024-02-01')).toBe('joined');
    expect((await facts(one.id)).alliances).toBe(1);
    expect(await Promise.all([2020, 2021, 2022, 2023, 2024].map(inYear))).toEqual([0, 1, 1, 1, 1]);

    // Back in the first one in 2024: both count in 2024, the first one's gap year none.
    expect(await alliances.addMember(first, one.id, '2024-06-01')).toBe('joined');
    expect(await Promise.all([2023, 2024, 2025].map(inYear))).toEqual([1, 2, 2]);
    expect((await facts(one.id)).memberships[first]).toEqual(
      expect.arrayContaining([
        { joinedOn: '2021-05-01', leftOn: '2023-04-30' },
        { joinedOn: '2024-06-01', leftOn: null },
      ]),
    );
  });
});

describe('a year’s tally of visits and issues', () => {
  it('counts each issue open until answered, then in time or late', async () => {
    const visitedOn = '2024-03-01';
    const due = replyDueOn(visitedOn); // 2024-03-16
    const clock = { assignedOn: '2024-01-01', lastVisitedOn: null, visitEveryDays: 90 };
    const liaison: Liaison = {
      chamberId: randomUUID(),
      leaderId: `leader-${randomUUID().slice(0, 8)}`,
      name: '钱副主席',
      title: null,
      ...clock,
      dueOn: visitDueOn(clock),
      version: 1,
      createdAt: now(),
      updatedAt: now(),
    };
    await supervision.putLiaison(liaison, undefined);
    const visit: Visit = {
      id: `20240301-${randomUUID()}`,
      chamberId: liaison.chamberId,
      leaderId: liaison.leaderId,
      visitedOn,
      mode: 'on-site',
      topics: ['走访'],
      issues: ['用工难', '融资难', '用地难'].map((summary) => ({
        id: randomUUID(),
        summary,
        status: 'open' as const,
        replyDueOn: due,
        reply: null,
        answeredAt: null,
        answeredBy: null,
      })),
      note: null,
      recordedAt: now(),
      recordedBy: 'tester',
      version: 1,
    };
    await supervision.insertVisit(visit, liaison, {
      ...liaison,
      lastVisitedOn: visitedOn,
      version: 2,
    });
    const tally = async (asOf: string) =>
      (
        await readTogether([
          supervisionPublished.supervisionFactsRead(visit.chamberId, 2024, 2023, asOf),
        ])
      )[0].tally;
    // Before the reply date nothing is late; after it, all three open ones are.
    expect(await tally('2024-03-10')).toMatchObject({
      visits: 1,
      issuesRaised: 3,
      issuesAnsweredInTime: 0,
      issuesLate: 0,
    });
    expect((await tally('2024-03-17')).issuesLate).toBe(3);

    const answer = (index: number, answeredAt: string, at: Visit) =>
      supervision.answerIssue(at, index, {
        ...(at.issues[index] as Visit['issues'][number]),
        status: 'answered',
        reply: '已答复',
        answeredAt,
        answeredBy: 'officer',
      });
    // Answered on its last day (Asia/Shanghai: 23:00 UTC on the 15th is the 16th there)…
    const once = await answer(0, '2024-03-15T23:00:00.000Z', visit);
    // …and one the day after: late.
    const twice = await answer(1, '2024-03-16T16:30:00.000Z', once);
    expect(twice.version).toBe(3);
    expect(await tally('2024-04-01')).toMatchObject({
      issuesRaised: 3,
      issuesAnsweredInTime: 1,
      // One answered late, one still open past its date.
      issuesLate: 2,
    });
  });
});
