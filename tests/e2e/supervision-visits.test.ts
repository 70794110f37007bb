import { beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '#shared/domain/supervision';
import { token } from '../support/api';
import { call, expectProblem } from '../support/registration';
import {
  assign,
  cityAdminToken,
  createChamber,
  type Liaison,
  recordVisit,
  today,
  uniqueId,
  type Visit,
  visitBody,
} from '../support/supervision';

/*
 * Liaisons, visits and the issues raised in them over HTTP, as a client of the contract sees
 * them: who may assign, record, read and answer, and the bad input each refuses. Every test
 * makes its own chambers in 阳信县 and its own leaders (the database is shared by the run).
 */

let admin: string;
beforeAll(async () => {
  admin = await cityAdminToken();
});

const liaisonToken = (sub: string) => token({ role: 'liaison', sub });

describe('liaisons', () => {
  it('assigns with a 90-day default, keeps the assignment date, and removes', async () => {
    const chamber = await createChamber();
    const leader = uniqueId('lead');
    const path = `/v1/chambers/${chamber.id}/liaisons/${leader}`;
    const first = await assign(chamber.id, leader, { title: '市工商联副主席' });
    expect(first).toMatchObject({
      chamberId: chamber.id,
      leaderId: leader,
      name: '王副主席',
      title: '市工商联副主席',
      visitEveryDays: 90,
      assignedOn: today(),
      lastVisitedOn: null,
      dueOn: addDays(today(), 90),
      version: 1,
    });
    const changed = await assign(chamber.id, leader, { visitEveryDays: 30 });
    expect(changed).toMatchObject({ assignedOn: today(), dueOn: addDays(today(), 30), version: 2 });
    expectProblem(
      await call('PUT', path, { token: admin, body: { name: '王' }, headers: { 'if-match': '1' } }),
      412,
    );

    const list = await call<{ items: Liaison[] }>('GET', `/v1/chambers/${chamber.id}/liaisons`, {
      token: admin,
    });
    expect(list.body.items.map((item) => item.leaderId)).toEqual([leader]);

    expect((await call('DELETE', path, { token: admin })).status).toBe(204);
    expectProblem(await call('DELETE', path, { token: admin }), 404);
    const after = await call<{ items: Liaison[] }>('GET', `/v1/chambers/${chamber.id}/liaisons`, {
      token: admin,
    });
    expect(after.body.items).toEqual([]);
  });

  it('is FIC staff’s to assign, inside their region', async () => {
    const chamber = await createChamber();
    const path = `/v1/chambers/${chamber.id}/liaisons/${uniqueId('lead')}`;
    const body = { name: '李' };
    const officer = await token({ role: 'chamber-officer', chamberId: chamber.id });
    expectProblem(await call('PUT', path, { token: officer, body }), 403);
    expectProblem(await call('PUT', path, { token: await liaisonToken('x'), body }), 403);
    const other = await token({ role: 'fic-admin', regionCode: '371603' });
    expectProblem(await call('PUT', path, { token: other, body }), 404);
    expectProblem(
      await call('PUT', `/v1/chambers/no-such-chamber/liaisons/x`, { token: admin, body }),
      404,
    );
    expectProblem(
      await call('PUT', path, { token: admin, body: { name: '李', visitEveryDays: 367 } }),
      400,
      ['visitEveryDays'],
    );
    expectProblem(await call('PUT', path, { token: admin, body: { name: '李', x: 1 } }), 400, [
      'x',
    ]);
  });

  it('lets a leader list their own chambers, and nobody else’s', async () => {
    const chamber = await createChamber();
    const leader = uniqueId('lead');
    await assign(chamber.id, leader);
    const own = await call<{ items: (Liaison & { chamber: { name: string } })[] }>(
      'GET',
      `/v1/liaisons/${leader}/chambers`,
      { token: await liaisonToken(leader) },
    );
    expect(own.status).toBe(200);
    expect(own.body.items).toEqual([
      expect.objectContaining({
        chamberId: chamber.id,
        chamber: expect.objectContaining({ name: chamber.name }),
      }),
    ]);
    expectProblem(
      await call('GET', `/v1/liaisons/${leader}/chambers`, { token: await liaisonToken('other') }),
      403,
    );
  });
});

describe('visits', () => {
  it('are recorded by the assigned leader, with a 15-day reply clock per issue', async () => {
    const chamber = await createChamber();
    const leader = uniqueId('lead');
    await assign(chamber.id, leader, { visitEveryDays: 60 });
    const as = await liaisonToken(leader);
    const visit = await recordVisit(
      chamber.id,
      visitBody(leader, {
        visitedOn: '2024-02-20',
        mode: 'phone',
        issues: [{ summary: '异地商会办公场所' }],
      }),
      as,
    );
    expect(visit).toMatchObject({
      chamberId: chamber.id,
      leaderId: leader,
      visitedOn: '2024-02-20',
      mode: 'phone',
      topics: ['会员企业融资难'],
      issues: [{ summary: '异地商会办公场所', status: 'open', replyDueOn: '2024-03-06' }],
    });
    const got = await call<Visit>('GET', `/v1/chambers/${chamber.id}/visits/${visit.id}`, {
      token: as,
    });
    expect(got.body).toEqual(visit);
    const liaisons = await call<{ items: Liaison[] }>(
      'GET',
      `/v1/chambers/${chamber.id}/liaisons`,
      {
        token: admin,
      },
    );
    // A visit before the assignment still counts as the last one.
    expect(liaisons.body.items[0]).toMatchObject({
      lastVisitedOn: '2024-02-20',
      dueOn: '2024-04-20',
    });
  });

  it('refuses a leader not assigned to the chamber, and a leader recording for another', async () => {
    const [chamber, elsewhere] = await Promise.all([createChamber(), createChamber()]);
    const [leader, stranger] = [uniqueId('lead'), uniqueId('lead')];
    await assign(chamber.id, leader);
    await assign(elsewhere.id, stranger);
    const strangerToken = await liaisonToken(stranger);
    const post = (as: string, body: unknown) =>
      call('POST', `/v1/chambers/${chamber.id}/visits`, { token: as, body });
    expectProblem(await post(strangerToken, visitBody(stranger)), 404);
    expectProblem(await post(strangerToken, visitBody(leader)), 404);
    expectProblem(await post(await liaisonToken(leader), visitBody(stranger)), 403);
    expectProblem(await post(admin, visitBody(stranger)), 409);
    const officer = await token({ role: 'chamber-officer', chamberId: chamber.id });
    expectProblem(await post(officer, visitBody(leader)), 403);
    const visits = await call<{ items: Visit[] }>('GET', `/v1/chambers/${chamber.id}/visits`, {
      token: admin,
    });
    expect(visits.body.items).toEqual([]);
  });

  it('refuses bad input, naming the field', async () => {
    const chamber = await createChamber();
    const leader = uniqueId('lead');
    await assign(chamber.id, leader);
    const post = (body: unknown) =>
      call('POST', `/v1/chambers/${chamber.id}/visits`, { token: admin, body });
    expectProblem(await post(visitBody(leader, { visitedOn: addDays(today(), 1) })), 400, [
      'visitedOn',
    ]);
    expectProblem(await post(visitBody(leader, { visitedOn: '2024-02-30' })), 400, ['visitedOn']);
    expectProblem(await post(visitBody(leader, { mode: 'letter' })), 400, ['mode']);
    expectProblem(await post(visitBody(leader, { topics: [] })), 400, ['topics']);
    expectProblem(await post(visitBody(leader, { issues: [{ summary: '' }] })), 400, [
      'issues',
      0,
      'summary',
    ]);
    expectProblem(await post('{"leaderId":'), 400);
  });

  it('are seen by the chamber’s officer, and no other chamber’s', async () => {
    const [chamber, other] = await Promise.all([createChamber(), createChamber()]);
    const leader = uniqueId('lead');
    await assign(chamber.id, leader);
    const visit = await recordVisit(
      chamber.id,
      visitBody(leader, { issues: [{ summary: '融资' }] }),
    );
    const officer = await token({ role: 'chamber-officer', chamberId: chamber.id });
    const otherOfficer = await token({ role: 'chamber-officer', chamberId: other.id });
    const list = await call<{ items: Visit[] }>('GET', `/v1/chambers/${chamber.id}/visits`, {
      token: officer,
    });
    expect(list.body.items.map((v) => v.id)).toEqual([visit.id]);
    expectProblem(
      await call('GET', `/v1/chambers/${chamber.id}/visits`, { token: otherOfficer }),
      404,
    );
    const reply = `/v1/chambers/${chamber.id}/visits/${visit.id}/issues/${visit.issues[0]?.id}/reply`;
    const body = { reply: '已答复' };
    expectProblem(await call('POST', reply, { token: otherOfficer, body }), 404);
    expectProblem(await call('POST', reply, { token: await liaisonToken(leader), body }), 403);
    expect((await call('POST', reply, { token: admin, body })).status).toBe(200);
    expectProblem(await call('POST', reply, { token: officer, body }), 409);
    expectProblem(
      await call('POST', `/v1/chambers/${chamber.id}/visits/${visit.id}/issues/nope/reply`, {
        token: officer,
        body,
      }),
      404,
    );
  });
});
