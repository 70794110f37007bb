import { beforeAll, describe, expect, it } from 'vitest';
import { token } from '../support/api';
import { call, expectProblem } from '../support/registration';
import {
  assign,
  cityAdminToken,
  daysAgo,
  registeredChamber,
  uniqueId,
  type Visit,
  visitBody,
} from '../support/supervision';

/*
 * The routes that create a record under an id of their own take an optional Idempotency-Key:
 * retried (one after another, or all at once), the request records once and every answer is that
 * record; the same key with another request is a 422 and writes nothing. Chambers are covered in
 * registration.test.ts; here visits (and the liaison's clock they move), activities (and the
 * year's tally they count in) and assessment cycles.
 */

let admin: string;
beforeAll(async () => {
  admin = await cityAdminToken();
});

type Answer<T> = Awaited<ReturnType<typeof call<T>>>;

/** Sends `send` with one key: twice in a row, then four times at once. */
async function retried<T>(send: (key: string) => Promise<Answer<T>>): Promise<Answer<T>[]> {
  const key = uniqueId('key');
  const answers = [await send(key), await send(key)];
  answers.push(...(await Promise.all(Array.from({ length: 4 }, () => send(key)))));
  return answers;
}

function expectOneRecord<T extends { id: string }>(answers: Answer<T>[]): T {
  for (const answer of answers) expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  expect(new Set(answers.map((answer) => answer.body.id)).size).toBe(1);
  return answers[0]?.body as T;
}

describe('a visit recorded under an Idempotency-Key', () => {
  it('is recorded once however often it is retried, and moves the liaison’s clock once', async () => {
    const chamber = await registeredChamber();
    const leaderId = uniqueId('leader');
    await assign(chamber.id, leaderId, { visitEveryDays: 30 });
    const body = visitBody(leaderId, {
      visitedOn: daysAgo(3),
      issues: [{ summary: '用地指标紧张' }],
    });
    const answers = await retried((key) =>
      call<Visit>('POST', `/v1/chambers/${chamber.id}/visits`, {
        token: admin,
        headers: { 'idempotency-key': key },
        body,
      }),
    );
    const visit = expectOneRecord(answers);
    for (const answer of answers) expect(answer.body).toEqual(visit);

    const list = await call<{ items: Visit[] }>('GET', `/v1/chambers/${chamber.id}/visits`, {
      token: admin,
    });
    expect(list.body.items.map((item) => item.id)).toEqual([visit.id]);
    const liaison = await call<{ lastVisitedOn: string; version: number }>(
      'GET',
      `/v1/chambers/${chamber.id}/liaisons`,
      { token: admin },
    );
    expect(liaison.body).toMatchObject({
      items: [{ leaderId, lastVisitedOn: daysAgo(3), version: 2 }],
    });
  });

  it('answers a retry with the visit even after its liaison was removed', async () => {
    const chamber = await registeredChamber();
    const leaderId = uniqueId('leader');
    await assign(chamber.id, leaderId);
    const key = uniqueId('key');
    const send = () =>
      call<Visit>('POST', `/v1/chambers/${chamber.id}/visits`, {
        token: admin,
        headers: { 'idempotency-key': key },
        body: visitBody(leaderId, { visitedOn: daysAgo(1) }),
      });
    const first = await send();
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const removed = await call('DELETE', `/v1/chambers/${chamber.id}/liaisons/${leaderId}`, {
      token: admin,
      headers: { 'if-match': '2' },
    });
    expect(removed.status, JSON.stringify(removed.body)).toBe(204);
    const again = await send();
    expect(again.status, JSON.stringify(again.body)).toBe(201);
    expect(again.body).toEqual(first.body);
  });

  it('refuses the key with another visit (422), and records nothing', async () => {
    const chamber = await registeredChamber();
    const leaderId = uniqueId('leader');
    await assign(chamber.id, leaderId);
    const key = uniqueId('key');
    const send = (body: Record<string, unknown>) =>
      call<Visit>('POST', `/v1/chambers/${chamber.id}/visits`, {
        token: admin,
        headers: { 'idempotency-key': key },
        body,
      });
    expect((await send(visitBody(leaderId, { visitedOn: daysAgo(2) }))).status).toBe(201);
    expectProblem(await send(visitBody(leaderId, { visitedOn: daysAgo(1) })), 422);
    const list = await call<{ items: Visit[] }>('GET', `/v1/chambers/${chamber.id}/visits`, {
      token: admin,
    });
    expect(list.body.items.map((item) => item.visitedOn)).toEqual([daysAgo(2)]);
  });
});

describe('an activity recorded under an Idempotency-Key', () => {
  it('is recorded and counted once however often it is retried', async () => {
    const chamber = await registeredChamber();
    const officer = await token({ role: 'chamber-officer', chamberId: chamber.id });
    const body = { kind: 'red-song', heldOn: '2024-05-04', participants: 30 };
    const answers = await retried((key) =>
      call<{ id: string }>('POST', `/v1/chambers/${chamber.id}/activities`, {
        token: officer,
        headers: { 'idempotency-key': key },
        body,
      }),
    );
    expectOneRecord(answers);
    const summary = await call<{ counts: Record<string, number> }>(
      'GET',
      `/v1/chambers/${chamber.id}/activities/summary?year=2024`,
      { token: officer },
    );
    expect(summary.body.counts['red-song']).toBe(1);
    const list = await call<{ items: unknown[] }>(
      'GET',
      `/v1/chambers/${chamber.id}/activities?year=2024`,
      { token: officer },
    );
    expect(list.body.items).toHaveLength(1);
  });

  it('keeps the same key on two chambers apart: the second is another request (422)', async () => {
    const [one, other] = await Promise.all([registeredChamber(), registeredChamber()]);
    const key = uniqueId('key');
    const send = (chamberId: string) =>
      call('POST', `/v1/chambers/${chamberId}/activities`, {
        token: admin,
        headers: { 'idempotency-key': key },
        body: { kind: 'study-session', heldOn: '2024-03-01' },
      });
    expect((await send(one.id)).status).toBe(201);
    expectProblem(await send(other.id), 422);
  });
});

describe('a cycle opened under an Idempotency-Key', () => {
  it('is opened once however often it is retried', async () => {
    const title = `幂等评价周期 ${uniqueId('t')}`;
    const body = { year: 2022, rubricId: 'four-good-2020', regionCode: '371600', title };
    const answers = await retried((key) =>
      call<{ id: string }>('POST', '/v1/assessment-cycles', {
        token: admin,
        headers: { 'idempotency-key': key },
        body,
      }),
    );
    const cycle = expectOneRecord(answers);
    const found: { id: string; title: string }[] = [];
    let cursor: string | null = null;
    do {
      const query = new URLSearchParams({ regionCode: '371600', year: '2022', limit: '100' });
      if (cursor) query.set('cursor', cursor);
      const page = await call<{
        items: { id: string; title: string }[];
        nextCursor: string | null;
      }>('GET', `/v1/assessment-cycles?${query}`, { token: admin });
      expect(page.status).toBe(200);
      found.push(...page.body.items.filter((item) => item.title === title));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(found.map((item) => item.id)).toEqual([cycle.id]);
  });
});
