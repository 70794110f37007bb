import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { Chamber } from '#shared/contract/registration';
import { todayInShanghai } from '#shared/domain/calendar';
import { chamberRecord } from '../support/chamber-record';
import { apiEvent, invoke } from '../support/ledger-invoke';

/*
 * A joint activity of a Party-building alliance checks, inside its own transaction, that every
 * chamber taking part is still a member. The supervision function runs in-process against
 * DynamoDB Local; an SDK middleware on its client takes a member out of the alliance just as the
 * activity's transaction is sent, after the function read the alliance with the member still in
 * it: the activity is refused (409) and nothing of it is written, in any chamber's activities.
 * Ids are random: the tables are shared with every other test of the run.
 */
type Handler = Parameters<typeof invoke>[0];
let handler: Handler;
let dynamo: typeof import('#shared/db/client').dynamo;
let registration: typeof import('#functions/registration/store');
let alliances: typeof import('#functions/registration/alliance-store');
let records: typeof import('#functions/supervision/records');

beforeAll(async () => {
  // The supervision function's environment names its table and registration's (read-only).
  Object.assign(process.env, inject('functionEnvironments').supervision, {
    AWS_ENDPOINT_URL_DYNAMODB: inject('dynamoEndpoint'),
    AWS_REGION: 'local',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    POWERTOOLS_LOG_LEVEL: 'SILENT',
    POWERTOOLS_METRICS_DISABLED: 'true',
    POWERTOOLS_DEV: 'true',
  });
  ({ dynamo } = await import('#shared/db/client'));
  registration = await import('#functions/registration/store');
  alliances = await import('#functions/registration/alliance-store');
  records = await import('#functions/supervision/records');
  ({ handler } = (await import('#functions/supervision/handler')) as unknown as {
    handler: Handler;
  });
});

const now = () => new Date().toISOString();
const today = todayInShanghai();
const YEAR = Number(today.slice(0, 4));

const chamber = () => chamberRecord('联合活动测试商会');

async function allianceOf(members: Chamber[]): Promise<string> {
  const id = randomUUID();
  await alliances.insertAlliance({
    id,
    name: '联合活动测试联盟',
    regionCode: '371603',
    foundedOn: `${YEAR - 1}-01-01`,
    memberCount: 0,
    members: {},
    createdAt: now(),
    createdBy: 'tester',
  });
  for (const member of members) {
    await registration.insertChamber(member);
    expect(await alliances.addMember(id, member.id, `${YEAR - 1}-01-01`)).toBe('joined');
  }
  return id;
}

/** Runs `between` once, just before the first joint activity's transaction is sent. */
function beforeJointWrite(between: () => Promise<unknown>) {
  const name = `before-joint-write-${randomUUID()}`;
  let done = false;
  dynamo.middlewareStack.add(
    (next, context) => async (args) => {
      const items = (args.input as { TransactItems?: { Put?: { Item?: { pk?: unknown } } }[] })
        .TransactItems;
      const joint = items?.some((item) => String(item.Put?.Item?.pk).startsWith('ALLIANCE#'));
      if (context.commandName === 'TransactWriteItemsCommand' && joint && !done) {
        done = true;
        await between();
      }
      return next(args);
    },
    { step: 'initialize', name },
  );
  return () => dynamo.middlewareStack.remove(name);
}

const record = (allianceId: string, participants: string[]) =>
  invoke<{ id?: string; status?: number; detail?: string }>(
    handler,
    apiEvent('POST /v1/alliances/{id}/activities', {
      pathParameters: { id: allianceId },
      headers: { 'idempotency-key': randomUUID() },
      body: { kind: 'themed-party-day', heldOn: today, participants },
    }),
  );

describe('a joint activity', () => {
  it('is refused (409) when a chamber taking part leaves the alliance as it is written', async () => {
    const [a, b] = [chamber(), chamber()];
    const allianceId = await allianceOf([a, b]);
    const removeB = beforeJointWrite(() =>
      alliances.removeMember(allianceId, b.id, `${YEAR - 1}-01-01`, today),
    );
    let answer: Awaited<ReturnType<typeof record>>;
    try {
      answer = await record(allianceId, [a.id, b.id]);
    } finally {
      removeB();
    }
    expect(answer.status, JSON.stringify(answer.body)).toBe(409);
    expect(answer.body.detail).toContain(b.id);
    // Nothing of it was written: no activity, nothing counted, in either chamber.
    for (const member of [a, b]) {
      expect((await records.listActivities(member.id, YEAR, 10)).items).toEqual([]);
      expect(await records.getTally(member.id, YEAR)).toEqual({});
    }
    expect((await records.listJointActivities(allianceId, YEAR, 10)).items).toEqual([]);

    // The members still in it hold it, counted once each.
    const held = await record(allianceId, [a.id]);
    expect(held.status, JSON.stringify(held.body)).toBe(201);
    expect(await records.getTally(a.id, YEAR)).toEqual({ 'themed-party-day': 1 });
    expect(await records.getTally(b.id, YEAR)).toEqual({});
  });
});
