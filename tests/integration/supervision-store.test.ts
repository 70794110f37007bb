import { randomUUID } from 'node:crypto';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { Activity, AnnualReport, Liaison, Visit } from '#shared/contract/supervision';
import { replyDueOn, visitDueOn } from '#shared/domain/supervision';
import {
  BadRequestError,
  ConflictError,
  NotFoundError,
  PreconditionFailedError,
} from '#shared/http/errors';

/*
 * The supervision store against DynamoDB Local, without HTTP: the conditional writes that the
 * API's 409s and 412s rest on, the transactions that keep a visit and its liaison's clock (and an
 * activity and its tally) in step, and the sparse index an answered issue leaves. Chamber ids
 * are random: the table is shared with every other test of the run.
 */
let store: typeof import('#functions/supervision/store');
let records: typeof import('#functions/supervision/records');
let dynamo: typeof import('#shared/db/client').dynamo;

beforeAll(async () => {
  Object.assign(process.env, inject('functionEnvironments').supervision, {
    AWS_ENDPOINT_URL_DYNAMODB: inject('dynamoEndpoint'),
    AWS_REGION: 'local',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
  });
  [store, records, { dynamo }] = await Promise.all([
    import('#functions/supervision/store'),
    import('#functions/supervision/records'),
    import('#shared/db/client'),
  ]);
});

const at = () => new Date().toISOString();

function liaison(fields: Partial<Liaison> = {}): Liaison {
  const clock = { assignedOn: '2024-01-10', lastVisitedOn: null, visitEveryDays: 90, ...fields };
  return {
    chamberId: randomUUID(),
    leaderId: `leader-${randomUUID().slice(0, 8)}`,
    name: '赵副主席',
    title: null,
    dueOn: visitDueOn(clock),
    version: 1,
    createdAt: at(),
    updatedAt: at(),
    ...clock,
    ...fields,
  };
}

function visit(of: Liaison, visitedOn: string, issues = 1): Visit {
  return {
    id: `${visitedOn.replace(/-/g, '')}-${randomUUID()}`,
    chamberId: of.chamberId,
    leaderId: of.leaderId,
    visitedOn,
    mode: 'on-site',
    topics: ['走访'],
    issues: Array.from({ length: issues }, (_, i) => ({
      id: randomUUID(),
      summary: `问题${i + 1}`,
      status: 'open' as const,
      replyDueOn: replyDueOn(visitedOn),
      reply: null,
      answeredAt: null,
      answeredBy: null,
    })),
    note: null,
    recordedAt: at(),
    recordedBy: 'tester',
    version: 1,
  };
}

const moved = (current: Liaison, lastVisitedOn: string): Liaison => ({
  ...current,
  lastVisitedOn,
  dueOn: visitDueOn({ ...current, lastVisitedOn }),
  version: current.version + 1,
});

describe('liaisons', () => {
  it('are created once, then changed only at the version read', async () => {
    const first = liaison();
    await store.putLiaison(first, undefined);
    await expect(store.putLiaison({ ...first, name: '别人' }, undefined)).rejects.toBeInstanceOf(
      PreconditionFailedError,
    );
    await store.putLiaison({ ...first, visitEveryDays: 30, version: 2 }, 1);
    await expect(store.putLiaison({ ...first, version: 2 }, 1)).rejects.toBeInstanceOf(
      PreconditionFailedError,
    );
    expect(await store.getLiaison(first.chamberId, first.leaderId)).toMatchObject({
      name: '赵副主席',
      visitEveryDays: 30,
      version: 2,
    });
  });

  it('are deleted once, and only at the version given', async () => {
    const one = liaison();
    await store.putLiaison(one, undefined);
    await expect(store.deleteLiaison(one.chamberId, one.leaderId, 5)).rejects.toBeInstanceOf(
      PreconditionFailedError,
    );
    await store.deleteLiaison(one.chamberId, one.leaderId, 1);
    await expect(
      store.deleteLiaison(one.chamberId, one.leaderId, undefined),
    ).rejects.toBeInstanceOf(NotFoundError);
    expect(await store.getLiaison(one.chamberId, one.leaderId)).toBeUndefined();
  });
});

describe('visits', () => {
  it('move the liaison’s clock in the same transaction', async () => {
    const current = liaison();
    await store.putLiaison(current, undefined);
    const v = visit(current, '2024-05-01');
    const next = moved(current, '2024-05-01');
    await store.insertVisit(v, current, next);
    expect(await store.getVisit(v.chamberId, v.id)).toEqual(v);
    expect(await store.getLiaison(current.chamberId, current.leaderId)).toMatchObject({
      lastVisitedOn: '2024-05-01',
      dueOn: '2024-07-30',
      version: 2,
    });
  });

  it('land not at all when the liaison moved on or was removed meanwhile', async () => {
    const current = liaison();
    await store.putLiaison(current, undefined);
    await store.putLiaison({ ...current, visitEveryDays: 10, version: 2 }, 1);
    const lost = visit(current, '2024-05-02');
    await expect(
      store.insertVisit(lost, current, moved(current, '2024-05-02')),
    ).rejects.toBeInstanceOf(PreconditionFailedError);
    expect(await store.getVisit(lost.chamberId, lost.id)).toBeUndefined();

    await store.deleteLiaison(current.chamberId, current.leaderId, undefined);
    const orphan = visit(current, '2024-04-01');
    await expect(store.insertVisit(orphan, current, undefined)).rejects.toBeInstanceOf(
      PreconditionFailedError,
    );
    expect(await store.getVisit(orphan.chamberId, orphan.id)).toBeUndefined();
  });

  it('answer each issue once, and leave the open-issues index with the last one', async () => {
    const current = liaison();
    await store.putLiaison(current, undefined);
    const v = visit(current, '2024-03-01', 2);
    await store.insertVisit(v, current, moved(current, '2024-03-01'));
    const inIndex = async () => {
      const out = await dynamo.send(
        new QueryCommand({
          TableName: process.env.SUPERVISION_TABLE,
          IndexName: 'gsi2',
          KeyConditionExpression: 'gsi2pk = :p AND begins_with(gsi2sk, :s)',
          ExpressionAttributeValues: {
            ':p': 'OPEN-ISSUES',
            ':s': `${replyDueOn('2024-03-01')}#${v.chamberId}#`,
          },
        }),
      );
      return out.Items?.length ?? 0;
    };
    expect(await inIndex()).toBe(1);
    const answer = (i: number) => ({
      ...(v.issues[i] as Visit['issues'][number]),
      status: 'answered' as const,
      reply: '已办结',
      answeredAt: at(),
      answeredBy: 'officer',
    });
    const after = await store.answerIssue(v, 0, answer(0));
    // A second answer from the same (stale) read loses.
    await expect(store.answerIssue(v, 1, answer(1))).rejects.toBeInstanceOf(
      PreconditionFailedError,
    );
    expect(await inIndex()).toBe(1);
    await store.answerIssue(after, 1, answer(1));
    expect(await inIndex()).toBe(0);
    const stored = await store.getVisit(v.chamberId, v.id);
    expect(stored?.issues.map((i) => i.status)).toEqual(['answered', 'answered']);
    expect(stored?.version).toBe(3);
  });

  it('list latest first, and refuse a cursor from another chamber', async () => {
    const current = liaison();
    await store.putLiaison(current, undefined);
    let at = current;
    for (const date of ['2024-01-05', '2024-03-05', '2024-02-05']) {
      const next = date > (at.lastVisitedOn ?? '') ? moved(at, date) : undefined;
      await store.insertVisit(visit(current, date, 0), at, next);
      at = next ?? at;
    }
    const page = await store.listVisits(current.chamberId, 2);
    expect(page.items.map((v) => v.visitedOn)).toEqual(['2024-03-05', '2024-02-05']);
    const rest = await store.listVisits(current.chamberId, 2, page.nextCursor ?? undefined);
    expect(rest.items.map((v) => v.visitedOn)).toEqual(['2024-01-05']);
    await expect(
      store.listVisits(randomUUID(), 2, page.nextCursor ?? undefined),
    ).rejects.toBeInstanceOf(BadRequestError);
  });
});

describe('annual reports', () => {
  const report = (fields: Partial<AnnualReport> = {}): AnnualReport => ({
    chamberId: randomUUID(),
    year: 2023,
    members: { firms: 10, individuals: 0 },
    incomeFen: 100,
    expenseFen: 50,
    netAssetsFen: -20,
    activitiesHeld: 1,
    donationsReceivedFen: 0,
    partyBuilding: { partyMembers: 3 },
    workSummary: '总结',
    status: 'submitted',
    submittedAt: at(),
    submittedBy: 'officer',
    review: null,
    version: 1,
    createdAt: at(),
    updatedAt: at(),
    ...fields,
  });

  it('are never overwritten once accepted, even at the version read', async () => {
    const first = report();
    await records.putReport(first, undefined);
    await expect(records.putReport(first, undefined)).rejects.toBeInstanceOf(
      PreconditionFailedError,
    );
    await records.putReport({ ...first, status: 'accepted', version: 2 }, 1);
    await expect(
      records.putReport({ ...first, status: 'submitted', version: 3 }, 2),
    ).rejects.toBeInstanceOf(PreconditionFailedError);
    expect(await records.getReport(first.chamberId, 2023)).toMatchObject({
      status: 'accepted',
      netAssetsFen: -20,
    });
    const statuses = await records.reportStatuses([first.chamberId, randomUUID()], 2023);
    expect([...statuses.entries()]).toEqual([[first.chamberId, 'accepted']]);
  });
});

describe('activities', () => {
  it('are counted exactly once each, however many land at once', async () => {
    const chamberId = randomUUID();
    const activity = (kind: Activity['kind'], heldOn: string): Activity => ({
      id: `${heldOn.replace(/-/g, '')}-${randomUUID()}`,
      chamberId,
      kind,
      heldOn,
      participants: null,
      note: null,
      recordedAt: at(),
      recordedBy: 'officer',
    });
    await Promise.all([
      ...Array.from({ length: 12 }, () =>
        records.insertActivity(activity('red-song', '2024-06-01')),
      ),
      ...Array.from({ length: 5 }, () => records.insertActivity(activity('other', '2024-06-02'))),
      records.insertActivity(activity('red-song', '2023-06-01')),
    ]);
    expect(await records.getTally(chamberId, 2024)).toEqual({ 'red-song': 12, other: 5 });
    expect(await records.getTally(chamberId, 2023)).toEqual({ 'red-song': 1 });
    const listed = await records.listActivities(chamberId, 2024, 100);
    expect(listed.items).toHaveLength(17);
    const one = listed.items[0] as Activity;
    // Sent again (a client retry): refused, or recognised as the same transaction; never counted.
    await records.insertActivity(one).catch((error) => expect(error).toBeInstanceOf(ConflictError));
    expect(await records.getTally(chamberId, 2024)).toEqual({ 'red-song': 12, other: 5 });
  });
});
