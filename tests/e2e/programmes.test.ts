import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Alliance, AllianceMember, JointActivity } from '#shared/contract/alliances';
import type { Activity } from '#shared/contract/supervision';
import { todayInShanghai } from '#shared/domain/calendar';
import { addDays } from '#shared/domain/supervision';
import { call as rawCall, token } from '../support/api';
import { type Chamber, call, expectProblem, type Page } from '../support/registration';

/*
 * The article's programmes over HTTP: one chamber, one feature; one branch, one highlight (on the
 * chamber's record); the associations under the FIC's classified management (a filter of the
 * chamber list); Party-building alliances, public to read, joined only by chambers with a Party
 * organisation, and their joint activities, counted once in each member's activities. This file
 * keeps to 无棣县 (371623) and its own chambers and alliances.
 */
const WUDI = '371623';
const today = todayInShanghai();
const YEAR = Number(today.slice(0, 4));

let admin: string;
const keyed = () => ({ 'idempotency-key': randomUUID() });

beforeAll(async () => {
  admin = await token({ role: 'fic-admin', regionCode: '371600', sub: 'programmes-admin' });
});

let serial = 0;
async function chamber(fields: Record<string, unknown> = {}): Promise<Chamber> {
  const answer = await call<Chamber>('POST', '/v1/chambers', {
    token: admin,
    body: {
      name: `无棣县测试协会${Date.now().toString(36)}-${++serial}`,
      kind: 'industry',
      regionCode: WUDI,
      relationship: 'supervised',
      partyOrganisation: 'branch',
      ...fields,
    },
  });
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body;
}

async function alliance(fields: Record<string, unknown> = {}): Promise<Alliance> {
  const answer = await call<Alliance>('POST', '/v1/alliances', {
    token: admin,
    body: {
      name: `无棣党建联盟${randomUUID().slice(0, 6)}`,
      regionCode: WUDI,
      foundedOn: `${YEAR - 1}-07-01`,
      ...fields,
    },
  });
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body;
}

const join = (allianceId: string, chamberId: string, body?: unknown, as?: string) =>
  call<AllianceMember>('PUT', `/v1/alliances/${allianceId}/members/${chamberId}`, {
    token: as ?? admin,
    ...(body !== undefined && { body }),
  });

describe('one chamber, one feature; one branch, one highlight', () => {
  it('are on the record, null until written, and its officer edits them like the rest', async () => {
    const created = await chamber();
    expect(created).toMatchObject({ feature: null, branchHighlight: null, version: 1 });
    const officer = await token({ role: 'chamber-officer', chamberId: created.id });
    const path = `/v1/chambers/${created.id}`;
    const patched = await call<Chamber>('PATCH', path, {
      token: officer,
      headers: { 'if-match': '1' },
      body: { feature: '  海洋化工产业链协同  ', branchHighlight: '“红色引擎”党员先锋岗' },
    });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect(patched.body).toMatchObject({
      feature: '海洋化工产业链协同',
      branchHighlight: '“红色引擎”党员先锋岗',
      version: 2,
    });
    expect((await call<Chamber>('GET', path, { token: officer })).body.feature).toBe(
      '海洋化工产业链协同',
    );
    // A stale version is refused; null clears it.
    expectProblem(
      await call('PATCH', path, {
        token: officer,
        headers: { 'if-match': '1' },
        body: { feature: null },
      }),
      412,
    );
    const cleared = await call<Chamber>('PATCH', path, {
      token: admin,
      headers: { 'if-match': '2' },
      body: { feature: null },
    });
    expect(cleared.body).toMatchObject({ feature: null, branchHighlight: '“红色引擎”党员先锋岗' });
  });

  it('hold at most 500 characters, and are given at creation too', async () => {
    const made = await chamber({ feature: '贝瓷'.repeat(250), branchHighlight: '亮点' });
    expect(made.feature).toHaveLength(500);
    const long = await call('POST', '/v1/chambers', {
      token: admin,
      body: {
        name: '无棣县超长特色协会',
        kind: 'industry',
        regionCode: WUDI,
        relationship: 'supervised',
        branchHighlight: '亮'.repeat(501),
      },
    });
    expectProblem(long, 400, ['branchHighlight']);
  });
});

describe('associations under classified management', () => {
  it('GET /v1/chambers?relationship=classified lists them, with their four parties', async () => {
    const management = {
      registrationAuthority: '无棣县民政局',
      supervisionDepartment: '无棣县市场监督管理局',
      industryDepartment: '无棣县商务局',
      classifyingBody: '无棣县工商业联合会',
    };
    const classified = await chamber({ relationship: 'classified', management });
    const supervised = await chamber();
    const seen: Chamber[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `regionCode=${WUDI}&relationship=classified&limit=100${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await call<Page<Chamber>>('GET', `/v1/chambers?${query}`, { token: admin });
      expect(page.status, JSON.stringify(page.body)).toBe(200);
      seen.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen.every((c) => c.relationship === 'classified')).toBe(true);
    expect(seen.find((c) => c.id === classified.id)?.management).toEqual(management);
    expect(seen.some((c) => c.id === supervised.id)).toBe(false);
    expectProblem(
      await call('GET', '/v1/chambers?relationship=affiliated', { token: admin }),
      400,
      ['relationship'],
    );
  });
});

describe('Party-building alliances', () => {
  it('are founded by FIC staff in their region, once per Idempotency-Key', async () => {
    const body = { name: '亲商润企·无棣红', regionCode: WUDI, foundedOn: `${YEAR - 1}-07-01` };
    const headers = keyed();
    const first = await call<Alliance>('POST', '/v1/alliances', { token: admin, body, headers });
    expect(first.status).toBe(201);
    expect(first.headers.get('location')).toBe(`/v1/alliances/${first.body.id}`);
    expect(first.body).toEqual({ id: first.body.id, ...body, memberCount: 0, members: [] });
    const again = await call<Alliance>('POST', '/v1/alliances', { token: admin, body, headers });
    expect(again.body).toEqual(first.body);
    expectProblem(
      await call('POST', '/v1/alliances', {
        token: admin,
        body: { ...body, name: '另一个' },
        headers,
      }),
      422,
    );
    const officer = await token({ role: 'chamber-officer', chamberId: 'x', sub: 'prog-officer' });
    expectProblem(await call('POST', '/v1/alliances', { token: officer, body }), 403);
    const huimin = await token({ role: 'fic-admin', regionCode: '371621', sub: 'prog-huimin' });
    expectProblem(await call('POST', '/v1/alliances', { token: huimin, body }), 403);
    expectProblem(
      await call('POST', '/v1/alliances', {
        token: admin,
        body: { ...body, foundedOn: addDays(today, 1) },
      }),
      400,
      ['foundedOn'],
    );
  });

  it('join only chambers with a Party branch (else 409); anyone reads the members', async () => {
    const group = await alliance();
    const [a, b, none, instructor] = await Promise.all([
      chamber({
        partyOrganisation: 'joint-branch',
        feature: '棉纺产业链协同',
        branchHighlight: '党员攻关岗',
      }),
      chamber({ partyOrganisation: 'branch' }),
      chamber({ partyOrganisation: 'none' }),
      // A Party-building instructor, no organisation of the chamber's own yet.
      chamber({ partyOrganisation: 'instructor' }),
    ]);
    const joined = await join(group.id, a.id, { joinedOn: `${YEAR - 1}-07-01` });
    expect(joined.status, JSON.stringify(joined.body)).toBe(200);
    expect(joined.body).toEqual({
      allianceId: group.id,
      chamberId: a.id,
      name: a.name,
      joinedOn: `${YEAR - 1}-07-01`,
    });
    expect((await join(group.id, b.id)).body.joinedOn).toBe(today);
    expectProblem(await join(group.id, none.id), 409);
    expectProblem(await join(group.id, instructor.id), 409);
    // PUT again: the same membership, counted once.
    expect((await join(group.id, a.id)).body.joinedOn).toBe(`${YEAR - 1}-07-01`);

    // Public: no token.
    const read = await rawCall<Alliance>('GET', `/v1/alliances/${group.id}`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ id: group.id, memberCount: 2 });
    // Each with its feature and its branch's highlight (the public page's chamber cards).
    expect(read.body.members).toEqual([
      {
        chamberId: a.id,
        name: a.name,
        joinedOn: `${YEAR - 1}-07-01`,
        feature: '棉纺产业链协同',
        branchHighlight: '党员攻关岗',
      },
      { chamberId: b.id, name: b.name, joinedOn: today, feature: null, branchHighlight: null },
    ]);
    const listed = await rawCall<Page<Alliance>>(
      'GET',
      `/v1/alliances?regionCode=${WUDI}&limit=100`,
    );
    expect(listed.status).toBe(200);
    expect(listed.body.items.find((item) => item.id === group.id)).toEqual(read.body);
    const city = await rawCall<Page<Alliance>>('GET', '/v1/alliances?regionCode=371600&limit=100');
    expect(city.body.items.some((item) => item.id === group.id)).toBe(true);
    const huimin = await rawCall<Page<Alliance>>('GET', '/v1/alliances?regionCode=371621');
    expect(huimin.body.items.some((item) => item.id === group.id)).toBe(false);
    expectProblem(await rawCall('GET', '/v1/alliances/no-such-alliance'), 404);
    expectProblem(await rawCall('GET', '/v1/alliances'), 400, ['regionCode']);

    // Leaving: 204, then 404; the count follows.
    expect(
      (await call('DELETE', `/v1/alliances/${group.id}/members/${b.id}`, { token: admin })).status,
    ).toBe(204);
    expectProblem(
      await call('DELETE', `/v1/alliances/${group.id}/members/${b.id}`, { token: admin }),
      404,
    );
    expect((await rawCall<Alliance>('GET', `/v1/alliances/${group.id}`)).body.memberCount).toBe(1);
  });

  it('keep a member’s Party organisation: it cannot be dropped while the chamber is a member', async () => {
    const group = await alliance();
    const member = await chamber();
    expect((await join(group.id, member.id)).status).toBe(200);
    const drop = (version: number) =>
      call('PATCH', `/v1/chambers/${member.id}`, {
        token: admin,
        headers: { 'if-match': String(version) },
        body: { partyOrganisation: 'none' },
      });
    expectProblem(await drop(1), 409);
    expect(
      (await call('DELETE', `/v1/alliances/${group.id}/members/${member.id}`, { token: admin }))
        .status,
    ).toBe(204);
    expect((await drop(1)).status).toBe(200);
  });

  it('refuse a chamber outside the alliance’s region, a join before it was founded, staff elsewhere', async () => {
    const group = await alliance();
    const outside = await call<Chamber>('POST', '/v1/chambers', {
      token: admin,
      body: {
        name: `惠民县测试协会${randomUUID().slice(0, 6)}`,
        kind: 'industry',
        regionCode: '371621',
        relationship: 'supervised',
        partyOrganisation: 'branch',
      },
    });
    expectProblem(await join(group.id, outside.body.id), 409);
    const inside = await chamber();
    expectProblem(await join(group.id, inside.id, { joinedOn: `${YEAR - 2}-01-01` }), 400, [
      'joinedOn',
    ]);
    const huimin = await token({ role: 'fic-admin', regionCode: '371621', sub: 'prog-huimin-2' });
    expectProblem(await join(group.id, inside.id, undefined, huimin), 404);
    expectProblem(await join('no-such-alliance', inside.id), 404);
    expectProblem(await join(group.id, 'no-such-chamber'), 404);
  });

  it('hold joint activities, counted once in each member’s activities taking part', async () => {
    const group = await alliance();
    const [a, b, c] = await Promise.all([chamber(), chamber(), chamber()]);
    for (const member of [a, b, c]) expect((await join(group.id, member.id)).status).toBe(200);
    const body = {
      kind: 'themed-party-day',
      heldOn: today,
      participants: [a.id, b.id],
      note: '“红色基因传承接力，不忘初心砥砺前行”主题活动',
    };
    const path = `/v1/alliances/${group.id}/activities`;
    const headers = keyed();
    const first = await call<JointActivity>('POST', path, { token: admin, body, headers });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body).toMatchObject({ allianceId: group.id, ...body });
    // Sent again (its answer lost): the same joint activity, nothing counted twice.
    const again = await call<JointActivity>('POST', path, { token: admin, body, headers });
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);

    const summary = async (chamberId: string) =>
      (
        await call<{ counts: Record<string, number> }>(
          'GET',
          `/v1/chambers/${chamberId}/activities/summary?year=${YEAR}`,
          { token: admin },
        )
      ).body.counts['themed-party-day'];
    expect(await summary(a.id)).toBe(1);
    expect(await summary(b.id)).toBe(1);
    expect(await summary(c.id)).toBe(0);
    const listed = await call<Page<Activity>>(
      'GET',
      `/v1/chambers/${a.id}/activities?year=${YEAR}`,
      {
        token: admin,
      },
    );
    expect(listed.body.items).toEqual([
      expect.objectContaining({
        chamberId: a.id,
        kind: 'themed-party-day',
        heldOn: today,
        allianceId: group.id,
        jointActivityId: first.body.id,
      }),
    ]);
    const joint = await call<Page<JointActivity>>('GET', `${path}?year=${YEAR}`, { token: admin });
    expect(joint.body.items).toEqual([first.body]);

    // Only members take part; the key is required; the same key with another body is a 422.
    const stranger = await chamber();
    expectProblem(
      await call('POST', path, {
        token: admin,
        body: { ...body, participants: [a.id, stranger.id] },
        headers: keyed(),
      }),
      409,
    );
    expectProblem(await call('POST', path, { token: admin, body }), 400, ['idempotency-key']);
    expectProblem(
      await call('POST', path, { token: admin, body: { ...body, kind: 'red-song' }, headers }),
      422,
    );
    expectProblem(
      await call('POST', path, {
        token: admin,
        body: { ...body, participants: [a.id, a.id] },
        headers: keyed(),
      }),
      400,
      ['participants'],
    );
  });
});
