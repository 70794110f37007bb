import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Run } from '#functions/supervision/snapshot';
import type { Liaison, Visit } from '#shared/contract/supervision';
import { todayInShanghai } from '#shared/domain/calendar';
import { addDays, visitDueOn } from '#shared/domain/supervision';
import { call } from '../support/registration';
import { cityAdminToken, createChamber, registeredChamber, uniqueId } from '../support/supervision';

/*
 * The supervision-overdue job in-process against DynamoDB Local, through its exported logic,
 * with an SDK middleware on the one DynamoDB client recording every command: the run reads
 * through Query on the two due-date indexes (never a Scan), and what those queries return is
 * only what is overdue. The liaisons are written straight to the store, so their clocks can
 * start in the past; the chambers are real, created over HTTP. Other test files share the
 * database and may run the schedule at the same time, so assertions are about these chambers.
 */

let job: typeof import('#functions/supervision/overdue');
let store: typeof import('#functions/supervision/store');
let snapshot: typeof import('#functions/supervision/snapshot');
let dynamo: typeof import('#shared/db/client').dynamo;

interface Sent {
  command: string;
  input: Record<string, unknown>;
  output: Record<string, unknown>;
}
const sent: Sent[] = [];

beforeAll(async () => {
  Object.assign(process.env, inject('functionEnvironments').supervision, {
    AWS_ENDPOINT_URL_DYNAMODB: inject('dynamoEndpoint'),
    AWS_REGION: 'local',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    POWERTOOLS_LOG_LEVEL: 'SILENT',
    POWERTOOLS_METRICS_DISABLED: 'true',
  });
  // The modules read SUPERVISION_TABLE and REGISTRATION_TABLE when they load, so only now.
  [job, store, snapshot, { dynamo }] = await Promise.all([
    import('#functions/supervision/overdue'),
    import('#functions/supervision/store'),
    import('#functions/supervision/snapshot'),
    import('#shared/db/client'),
  ]);
  type Next = (args: {
    input: Record<string, unknown>;
  }) => Promise<{ output: Record<string, unknown> }>;
  const record =
    (next: Next, context: { commandName: string }) =>
    async (args: { input: Record<string, unknown> }) => {
      const result = await next(args);
      sent.push({ command: context.commandName, input: args.input, output: result.output });
      return result;
    };
  // At `initialize`, outside marshalling: the document client's own input and output.
  (dynamo.middlewareStack.add as (m: unknown, o: { step: string; name: string }) => void)(record, {
    step: 'initialize',
    name: 'supervision-command-log',
  });
});

afterEach(() => {
  sent.length = 0;
});

const today = () => todayInShanghai(new Date());

/** A liaison whose clock started `assignedDaysAgo` (and, if given, last visited `visitedDaysAgo`). */
async function seedLiaison(
  chamberId: string,
  clock: { assignedDaysAgo: number; visitedDaysAgo?: number; every: number },
): Promise<Liaison> {
  const at = new Date().toISOString();
  const base = {
    assignedOn: addDays(today(), -clock.assignedDaysAgo),
    lastVisitedOn:
      clock.visitedDaysAgo === undefined ? null : addDays(today(), -clock.visitedDaysAgo),
    visitEveryDays: clock.every,
  };
  const liaison: Liaison = {
    chamberId,
    leaderId: uniqueId('lead'),
    name: '张主任',
    title: null,
    ...base,
    dueOn: visitDueOn(base),
    version: 1,
    createdAt: at,
    updatedAt: at,
  };
  await store.putLiaison(liaison, undefined);
  return liaison;
}

async function rowsFor<T extends { chamberId: string }>(kind: 'LIAISON' | 'ISSUE', ids: string[]) {
  const out: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await snapshot.readRows<T>(kind, '371600', 100, cursor);
    out.push(...page.items.filter((row) => ids.includes(row.chamberId)));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return out;
}

describe('the supervision-overdue job', () => {
  it('reads only through Query, and only what is overdue', async () => {
    const [neverVisited, visitedLate, onTime, justDue] = await Promise.all(
      [1, 2, 3, 4].map(() => createChamber()),
    );
    const ids = [neverVisited, visitedLate, onTime, justDue].map((c) => c?.id as string);
    await seedLiaison(ids[0] as string, { assignedDaysAgo: 100, every: 90 });
    await seedLiaison(ids[1] as string, { assignedDaysAgo: 400, visitedDaysAgo: 40, every: 30 });
    await seedLiaison(ids[2] as string, { assignedDaysAgo: 400, visitedDaysAgo: 10, every: 30 });
    await seedLiaison(ids[3] as string, { assignedDaysAgo: 400, visitedDaysAgo: 30, every: 30 });

    const report = await job.runOverdue(new Date());
    const asOf = today();
    expect(report).toMatchObject({ asOf, published: true });

    const commands = sent.map((s) => s.command);
    expect(commands).not.toContain('ScanCommand');
    expect(commands).toContain('QueryCommand');
    const indexQueries = sent.filter((s) => s.command === 'QueryCommand' && s.input.IndexName);
    expect(indexQueries.map((s) => s.input.IndexName)).toEqual(
      expect.arrayContaining(['gsi1', 'gsi2']),
    );
    const returned = (index: string) =>
      indexQueries
        .filter((s) => s.input.IndexName === index)
        .flatMap((s) => (s.output.Items ?? []) as Record<string, unknown>[]);
    const liaisonsRead = returned('gsi1') as unknown as Liaison[];
    expect(liaisonsRead.map((l) => l.chamberId)).toEqual(expect.arrayContaining(ids.slice(0, 2)));
    expect(liaisonsRead.map((l) => l.chamberId)).not.toContain(ids[2]);
    expect(liaisonsRead.map((l) => l.chamberId)).not.toContain(ids[3]);
    for (const liaison of liaisonsRead) expect(liaison.dueOn < asOf).toBe(true);
    for (const visit of returned('gsi2') as unknown as Visit[]) {
      expect(visit.issues.some((i) => i.status === 'open' && i.replyDueOn < asOf)).toBe(true);
    }

    const rows = await rowsFor<{
      chamberId: string;
      lastVisitedOn: string | null;
      daysOverdue: number;
    }>('LIAISON', ids);
    expect(rows.map((r) => [r.chamberId, r.lastVisitedOn, r.daysOverdue]).sort()).toEqual(
      [
        [ids[0], null, 10],
        [ids[1], addDays(asOf, -40), 10],
      ].sort(),
    );
  });

  it('publishes the same rows when run twice the same day, and keeps one run per day', async () => {
    const chamber = await createChamber();
    await seedLiaison(chamber.id, { assignedDaysAgo: 50, every: 45 });
    await job.runOverdue(new Date());
    const first = await snapshot.latestRun();
    const before = await rowsFor('LIAISON', [chamber.id]);
    await job.runOverdue(new Date());
    const after = await rowsFor('LIAISON', [chamber.id]);
    expect(after).toEqual(before);
    expect(before).toEqual([expect.objectContaining({ chamberId: chamber.id, daysOverdue: 5 })]);

    // The earlier run of the same day is gone; only the published one is read.
    expect(first).toBeDefined();
    const old = await dynamo.send(
      new QueryCommand({
        TableName: process.env.SUPERVISION_TABLE,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `OVERDUE#${snapshot.runId(first as Run)}` },
      }),
    );
    expect(old.Items).toEqual([]);
  });

  it('never lets an older run replace a newer snapshot', async () => {
    await job.runOverdue(new Date());
    const latest = await snapshot.latestRun();
    const report = await job.runOverdue(new Date(Date.now() - 86_400_000));
    expect(report.published).toBe(false);
    expect(((await snapshot.latestRun())?.computedAt ?? '') >= (latest?.computedAt ?? '')).toBe(
      true,
    );
  });

  it('lists late issues, and follows no chamber that was deregistered', async () => {
    const [open, closed] = await Promise.all([registeredChamber(), registeredChamber()]);
    const admin = await cityAdminToken();
    const off = await call('POST', `/v1/chambers/${closed.id}/status`, {
      token: admin,
      body: { action: 'deregister', reason: '自行解散' },
    });
    expect(off.status).toBe(200);
    for (const chamber of [open, closed]) {
      await seedLiaison(chamber.id, { assignedDaysAgo: 200, every: 90 });
    }
    const leader = (await seedLiaison(open.id, { assignedDaysAgo: 5, every: 90 })).leaderId;
    const visited = addDays(today(), -17);
    const visit = await call<Visit>('POST', `/v1/chambers/${open.id}/visits`, {
      token: admin,
      body: {
        leaderId: leader,
        visitedOn: visited,
        mode: 'meeting',
        topics: ['座谈'],
        issues: [{ summary: '融资难' }],
      },
    });
    expect(visit.status, JSON.stringify(visit.body)).toBe(201);

    await job.runOverdue(new Date());
    const overdue = await rowsFor('LIAISON', [open.id, closed.id]);
    expect(overdue.map((r) => r.chamberId)).toEqual([open.id]);
    const late = await rowsFor<{ chamberId: string; issueId: string; daysLate: number }>('ISSUE', [
      open.id,
    ]);
    expect(late).toEqual([
      expect.objectContaining({ issueId: visit.body.issues[0]?.id, daysLate: 2 }),
    ]);
  });
});
