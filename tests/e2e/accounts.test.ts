import { randomUUID } from 'node:crypto';
import { decodeJwt } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Account, AccountHistoryEntry } from '#shared/contract/accounts';
import { token } from '../support/api';
import {
  type Chamber,
  call,
  expectProblem,
  type Page,
  socialGroupUscc,
} from '../support/registration';

/*
 * Accounts over HTTP, with the tokens the local issuer signs for them through the template's
 * pre-token-generation function (GET /_local/token?account=), exactly as Cognito would deployed.
 * The database is shared by the whole run: every test invites its own people, with contacts of
 * its own, and creates its chambers as industry chambers (never township ones, which the
 * coverage tests count).
 */

const CITY = '371600';
const HUIMIN = '371621'; // 惠民县
const WUDI = '371623'; // 无棣县

let cityAdmin: string; // a role token of 滨州市 FIC staff (sub: local-city-admin)

beforeAll(async () => {
  cityAdmin = await token({ role: 'fic-admin', regionCode: CITY, sub: 'local-city-admin' });
});

const email = (label: string) => `${label}.${randomUUID().slice(0, 8)}@fic.example`;
const mobile = () => `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;

async function invite(body: Record<string, unknown>, as = cityAdmin): Promise<Account> {
  const answer = await call<Account>('POST', '/v1/accounts', { token: as, body });
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body;
}

/** The answer of GET /_local/token?account=ID: 200 with a token, or a 403 problem. */
const accountToken = (id: string) => call<{ token: string }>('GET', `/_local/token?account=${id}`);

async function tokenOf(id: string): Promise<string> {
  const answer = await accountToken(id);
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body.token;
}

async function registeredChamber(regionCode: string): Promise<Chamber> {
  const created = await call<Chamber>('POST', '/v1/chambers', {
    token: cityAdmin,
    // A key, so that a retry inside a slow run can never make it twice (or answer 409).
    headers: { 'idempotency-key': randomUUID() },
    body: {
      name: `账号测试行业商会${randomUUID().slice(0, 6)}`,
      kind: 'industry',
      regionCode,
      relationship: 'group-member',
    },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const path = `/v1/chambers/${created.body.id}/status`;
  await call('POST', path, { token: cityAdmin, body: { action: 'approve' } });
  const registered = await call<Chamber>('POST', path, {
    token: cityAdmin,
    body: { action: 'register', uscc: socialGroupUscc(regionCode) },
  });
  expect(registered.body.status).toBe('registered');
  return registered.body;
}

describe('an invitation, and the tokens of the person invited', () => {
  it('gives a token that carries the role and scope, and the token works on the API', async () => {
    const chamber = await registeredChamber(HUIMIN);
    const officer = await invite({
      name: '赵敏',
      role: 'chamber-officer',
      chamberId: chamber.id,
      contact: { phone: mobile() },
    });
    expect(officer).toMatchObject({
      role: 'chamber-officer',
      chamberId: chamber.id,
      regionCode: HUIMIN, // the chamber's
      status: 'active',
      version: 1,
      createdBy: 'local-city-admin',
    });
    const officerToken = await tokenOf(officer.id);
    expect(decodeJwt(officerToken)).toMatchObject({
      sub: officer.id,
      token_use: 'id',
      'cognito:groups': ['chamber-officer'],
      'custom:regionCode': HUIMIN,
      'custom:chamberId': chamber.id,
    });
    // The authorizer accepts it and the officer reaches their own chamber, and only it.
    const own = await call<Chamber>('GET', `/v1/chambers/${chamber.id}`, { token: officerToken });
    expect(own.status).toBe(200);
    const other = await registeredChamber(HUIMIN);
    expectProblem(await call('GET', `/v1/chambers/${other.id}`, { token: officerToken }), 404);
    // And the person reads their own account.
    const me = await call<Account>('GET', '/v1/accounts/me', { token: officerToken });
    expect(me.body).toEqual(officer);
  });

  it('takes a change of scope into the next token, not a token already issued', async () => {
    const assessor = await invite({
      name: '孙丽',
      role: 'assessor',
      regionCode: HUIMIN,
      contact: { email: email('sun.li') },
    });
    const before = await tokenOf(assessor.id);
    expect(decodeJwt(before)['custom:regionCode']).toBe(HUIMIN);

    const path = `/v1/accounts/${assessor.id}`;
    expectProblem(await call('PATCH', path, { token: cityAdmin, body: { regionCode: WUDI } }), 428);
    expectProblem(
      await call('PATCH', path, {
        token: cityAdmin,
        headers: { 'if-match': '7' },
        body: { regionCode: WUDI },
      }),
      412,
    );
    const changed = await call<Account>('PATCH', path, {
      token: cityAdmin,
      headers: { 'if-match': '1' },
      body: { regionCode: WUDI, role: 'liaison' },
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ regionCode: WUDI, role: 'liaison', version: 2 });
    expect(changed.headers.get('etag')).toBe('"2"');

    const after = decodeJwt(await tokenOf(assessor.id));
    expect(after).toMatchObject({ 'cognito:groups': ['liaison'], 'custom:regionCode': WUDI });
    // The token issued before still says what the account said then.
    expect(decodeJwt(before)['cognito:groups']).toEqual(['assessor']);
  });

  it('gives a disabled account no new token, and one again once it is enabled', async () => {
    const liaison = await invite({
      name: '周强',
      role: 'liaison',
      regionCode: CITY,
      contact: { email: email('zhou.qiang') },
    });
    await tokenOf(liaison.id);
    const status = `/v1/accounts/${liaison.id}/status`;
    const disabled = await call<Account>('POST', status, {
      token: cityAdmin,
      body: { action: 'disable', reason: '调离工商联' },
    });
    expect(disabled.body).toMatchObject({ status: 'disabled', version: 2 });
    const refused = expectProblem(await accountToken(liaison.id), 403);
    expect(refused.detail).toContain('disabled');
    // Disabling again changes nothing.
    const again = await call<Account>('POST', status, {
      token: cityAdmin,
      body: { action: 'disable' },
    });
    expect(again.body).toMatchObject({ status: 'disabled', version: 2 });

    await call('POST', status, { token: cityAdmin, body: { action: 'enable' } });
    expect(decodeJwt(await tokenOf(liaison.id))['cognito:groups']).toEqual(['liaison']);
  });

  it('refuses a token to an account nobody invited', async () => {
    const refused = expectProblem(await accountToken(randomUUID()), 403);
    expect(refused.detail).toContain('No account');
  });

  it('keeps the history of every change, oldest first: who, when, what', async () => {
    const person = await invite({
      name: '吴静',
      role: 'assessor',
      regionCode: CITY,
      contact: { email: email('wu.jing') },
    });
    await call('PATCH', `/v1/accounts/${person.id}`, {
      token: cityAdmin,
      headers: { 'if-match': '1' },
      body: { name: '吴静怡', contact: { phone: '139 0000 1234' } },
    });
    await call('POST', `/v1/accounts/${person.id}/status`, {
      token: cityAdmin,
      body: { action: 'disable', reason: '退休' },
    });
    const history = await call<Page<AccountHistoryEntry>>(
      'GET',
      `/v1/accounts/${person.id}/history`,
      { token: cityAdmin },
    );
    expect(history.status).toBe(200);
    expect(history.body.items.map((entry) => [entry.action, entry.version, entry.by])).toEqual([
      ['invite', 1, 'local-city-admin'],
      ['update', 2, 'local-city-admin'],
      ['disable', 3, 'local-city-admin'],
    ]);
    const [invited, updated, disabled] = history.body.items;
    expect(invited?.changes.role).toEqual({ from: null, to: 'assessor' });
    expect(updated?.changes).toEqual({
      name: { from: '吴静', to: '吴静怡' },
      contact: { from: { email: person.contact.email }, to: { phone: '+8613900001234' } },
    });
    expect(disabled).toMatchObject({
      changes: { status: { from: 'active', to: 'disabled' } },
      reason: '退休',
    });
    for (const entry of history.body.items) expect(Date.parse(entry.at)).not.toBeNaN();
  });
});

describe('scope: nobody grants beyond their own region', () => {
  let huiminStaff: Account;
  let huiminToken: string;

  beforeAll(async () => {
    huiminStaff = await invite({
      name: '陈刚',
      role: 'fic-admin',
      regionCode: HUIMIN,
      contact: { email: email('chen.gang') },
    });
    huiminToken = await tokenOf(huiminStaff.id);
  });

  it('lets 惠民县 FIC staff invite people into 惠民县', async () => {
    const invited = await invite(
      { name: '林峰', role: 'liaison', regionCode: HUIMIN, contact: { email: email('lin') } },
      huiminToken,
    );
    expect(invited.createdBy).toBe(huiminStaff.id);
  });

  it('refuses an invitation into 无棣县 or a city-wide one (403)', async () => {
    for (const regionCode of [WUDI, CITY]) {
      expectProblem(
        await call('POST', '/v1/accounts', {
          token: huiminToken,
          body: { name: '何平', role: 'fic-admin', regionCode, contact: { email: email('he') } },
        }),
        403,
      );
    }
    const wudiChamber = await registeredChamber(WUDI);
    expectProblem(
      await call('POST', '/v1/accounts', {
        token: huiminToken,
        body: {
          name: '何平',
          role: 'chamber-officer',
          chamberId: wudiChamber.id,
          contact: { email: email('he') },
        },
      }),
      403,
    );
  });

  it('refuses to widen an account beyond the region (403), its own included', async () => {
    expectProblem(
      await call('PATCH', `/v1/accounts/${huiminStaff.id}`, {
        token: huiminToken,
        headers: { 'if-match': String(huiminStaff.version) },
        body: { regionCode: CITY },
      }),
      403,
    );
  });

  it('does not show 惠民县 FIC staff accounts outside 惠民县 (404), nor list them', async () => {
    const wudiPerson = await invite({
      name: '郑洁',
      role: 'assessor',
      regionCode: WUDI,
      contact: { email: email('zheng') },
    });
    for (const [method, path] of [
      ['GET', `/v1/accounts/${wudiPerson.id}`],
      ['GET', `/v1/accounts/${wudiPerson.id}/history`],
      ['POST', `/v1/accounts/${wudiPerson.id}/status`],
    ] as const) {
      expectProblem(
        await call(method, path, {
          token: huiminToken,
          ...(method === 'POST' && { body: { action: 'disable' } }),
        }),
        404,
      );
    }
    expectProblem(
      await call('PATCH', `/v1/accounts/${wudiPerson.id}`, {
        token: huiminToken,
        headers: { 'if-match': '1' },
        body: { name: '郑洁' },
      }),
      404,
    );
    const list = await call<Page<Account>>('GET', '/v1/accounts?limit=100', { token: huiminToken });
    expect(list.status).toBe(200);
    expect(list.body.items.length).toBeGreaterThan(0);
    for (const account of list.body.items) expect(account.regionCode).toMatch(/^371621/);
    expectProblem(
      await call('GET', `/v1/accounts?regionCode=${CITY}`, { token: huiminToken }),
      403,
    );
  });

  it('refuses to let anyone disable their own account (409)', async () => {
    const answer = await call('POST', `/v1/accounts/${huiminStaff.id}/status`, {
      token: huiminToken,
      body: { action: 'disable' },
    });
    expectProblem(answer, 409);
  });
});

describe('who reaches the accounts routes', () => {
  it('keeps a chamber officer out of every route but their own account (403)', async () => {
    const chamber = await registeredChamber(HUIMIN);
    const officer = await invite({
      name: '钱进',
      role: 'chamber-officer',
      chamberId: chamber.id,
      contact: { email: email('qian') },
    });
    const officerToken = await tokenOf(officer.id);
    const someone = await invite({
      name: '冯雪',
      role: 'assessor',
      regionCode: HUIMIN,
      contact: { email: email('feng') },
    });
    const attempts = [
      ['GET', '/v1/accounts', undefined],
      [
        'POST',
        '/v1/accounts',
        { name: 'x', role: 'assessor', regionCode: HUIMIN, contact: { email: email('x') } },
      ],
      ['GET', `/v1/accounts/${someone.id}`, undefined],
      ['GET', `/v1/accounts/${someone.id}/history`, undefined],
      ['POST', `/v1/accounts/${someone.id}/status`, { action: 'disable' }],
      ['GET', `/v1/accounts/${officer.id}/history`, undefined],
    ] as const;
    for (const [method, path, body] of attempts) {
      expectProblem(await call(method, path, { token: officerToken, body }), 403);
    }
    expectProblem(
      await call('PATCH', `/v1/accounts/${officer.id}`, {
        token: officerToken,
        headers: { 'if-match': '1' },
        body: { chamberId: (await registeredChamber(HUIMIN)).id },
      }),
      403,
    );
    expect((await call('GET', `/v1/accounts/${officer.id}`, { token: officerToken })).status).toBe(
      200,
    );
  });

  it('answers 404 for /me when the token names no account (a role token)', async () => {
    const roleToken = await token({ role: 'assessor', regionCode: CITY, sub: randomUUID() });
    expectProblem(await call('GET', '/v1/accounts/me', { token: roleToken }), 404);
  });
});

describe('a chamber officer’s scope follows the chamber', () => {
  it('gets no token once the chamber is deregistered, and nobody is invited for it', async () => {
    const chamber = await registeredChamber(HUIMIN);
    const officer = await invite({
      name: '褚亮',
      role: 'chamber-officer',
      chamberId: chamber.id,
      contact: { email: email('chu') },
    });
    await tokenOf(officer.id);
    const deregistered = await call<Chamber>('POST', `/v1/chambers/${chamber.id}/status`, {
      token: cityAdmin,
      body: { action: 'deregister', reason: '自行解散' },
    });
    expect(deregistered.body.status).toBe('deregistered');
    const refused = expectProblem(await accountToken(officer.id), 403);
    expect(refused.detail).toContain('deregistered');
    expectProblem(
      await call('POST', '/v1/accounts', {
        token: cityAdmin,
        body: {
          name: '卫东',
          role: 'chamber-officer',
          chamberId: chamber.id,
          contact: { email: email('wei') },
        },
      }),
      409,
    );
  });
});

describe('contacts are unique, and invitations are never counted twice', () => {
  it('refuses an email or mobile number another account has, however it is written (409)', async () => {
    const address = email('Li.Na');
    const phone = mobile();
    await invite({
      name: '李娜',
      role: 'assessor',
      regionCode: CITY,
      contact: { email: address, phone },
    });
    for (const contact of [
      { email: address.toUpperCase() },
      { phone: `+86 ${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}` },
    ]) {
      const answer = await call('POST', '/v1/accounts', {
        token: cityAdmin,
        body: { name: '李娜', role: 'assessor', regionCode: CITY, contact },
      });
      expectProblem(answer, 409);
    }
  });

  it('lets exactly one of many simultaneous invitations of one contact through', async () => {
    const address = email('race');
    const answers = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        call<Account>('POST', '/v1/accounts', {
          token: cityAdmin,
          body: {
            name: `竞争者${i}`,
            role: 'liaison',
            regionCode: CITY,
            contact: { email: address },
          },
        }),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
  });

  it('answers a retried invitation with the account it created, and writes nothing more', async () => {
    const key = `invite-${randomUUID()}`;
    const body = {
      name: '秦岚',
      role: 'assessor',
      regionCode: CITY,
      contact: { email: email('q') },
    };
    const send = (payload: unknown) =>
      call<Account>('POST', '/v1/accounts', {
        token: cityAdmin,
        headers: { 'idempotency-key': key },
        body: payload,
      });
    const [first, second] = await Promise.all([send(body), send(body)]);
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body.id).toBe(first.body.id);
    const third = await send(body);
    expect(third.body).toEqual(first.body);
    const history = await call<Page<AccountHistoryEntry>>(
      'GET',
      `/v1/accounts/${first.body.id}/history`,
      { token: cityAdmin },
    );
    expect(history.body.items).toHaveLength(1);
    expectProblem(await send({ ...body, name: '秦岚岚' }), 422);
  });
});

describe('bad input', () => {
  it.each([
    [{ name: '甲', role: 'assessor', regionCode: CITY, contact: {} }, ['contact']],
    [
      { name: '甲', role: 'assessor', regionCode: CITY, contact: { phone: '12345' } },
      ['contact', 'phone'],
    ],
    [
      { name: '甲', role: 'assessor', regionCode: CITY, contact: { email: 'no-at' } },
      ['contact', 'email'],
    ],
    [{ name: '甲', role: 'assessor', contact: { email: 'a@fic.example' } }, ['regionCode']],
    [{ name: '甲', role: 'chamber-officer', contact: { email: 'a@fic.example' } }, ['chamberId']],
    [
      {
        name: '甲',
        role: 'liaison',
        regionCode: CITY,
        chamberId: 'c1',
        contact: { email: 'a@fic.example' },
      },
      ['chamberId'],
    ],
    [
      { name: '甲', role: 'mayor', regionCode: CITY, contact: { email: 'a@fic.example' } },
      ['role'],
    ],
    [
      { name: '甲', role: 'assessor', regionCode: '999999', contact: { email: 'a@fic.example' } },
      ['regionCode'],
    ],
  ])('refuses %j naming %j', async (body, path) => {
    expectProblem(await call('POST', '/v1/accounts', { token: cityAdmin, body }), 400, path);
  });

  it('lists by role, chamber and status, a page at a time', async () => {
    const chamber = await registeredChamber(WUDI);
    const officers = await Promise.all(
      ['甲', '乙', '丙'].map((name) =>
        invite({
          name,
          role: 'chamber-officer',
          chamberId: chamber.id,
          contact: { email: email('p') },
        }),
      ),
    );
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `chamberId=${chamber.id}&role=chamber-officer&status=active&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page: { body: Page<Account> } = await call<Page<Account>>(
        'GET',
        `/v1/accounts?${query}`,
        {
          token: cityAdmin,
        },
      );
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((account) => account.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen.sort()).toEqual(officers.map((officer) => officer.id).sort());
  });
});
