import { decodeJwt, decodeProtectedHeader, generateKeyPair, SignJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { townshipsOf } from '#shared/regions/townships';
import { villagesUnder } from '#shared/regions/villages';
import { token } from '../support/api';
import {
  type Chamber,
  call,
  enterpriseUscc,
  expectProblem,
  type Page,
  socialGroupUscc,
  withBadCheck,
} from '../support/registration';

/*
 * Registration over HTTP, as a client of the contract sees it. The database is shared by every
 * test file of a run, so each test makes its own chambers and asserts only about those. Only the
 * coverage tests register township chambers in 惠民县 (371621), and they pick townships that are
 * still uncovered when they start.
 */

interface Coverage {
  regionCode: string;
  name: string;
  townships: number;
  covered: number;
  uncovered: { code: string; name: string }[];
}
interface Member {
  chamberId: string;
  name: string;
  uscc: string;
  joinedAt: string;
}

const HUIMIN = '371621';
const WUDI = '371623';
const boxingTownship = (townshipsOf('371625')[0] as { code: string }).code;
const huiminTownship = (townshipsOf(HUIMIN)[0] as { code: string }).code;
const wudiTownship = (townshipsOf(WUDI)[0] as { code: string }).code;

let cityAdmin: string; // fic-admin of 滨州市 (371600)
let huiminAdmin: string;
let wudiAdmin: string;

beforeAll(async () => {
  [cityAdmin, huiminAdmin, wudiAdmin] = await Promise.all([
    token({ role: 'fic-admin', regionCode: '371600' }),
    token({ role: 'fic-admin', regionCode: HUIMIN }),
    token({ role: 'fic-admin', regionCode: WUDI }),
  ]);
});

let serial = 0;
const uniqueName = (label = '测试商会') => `${label}${Date.now().toString(36)}-${++serial}`;

async function createChamber(fields: Record<string, unknown> = {}): Promise<Chamber> {
  const answer = await call<Chamber>('POST', '/v1/chambers', {
    token: cityAdmin,
    body: {
      name: uniqueName(),
      kind: 'township',
      regionCode: boxingTownship,
      relationship: 'supervised',
      ...fields,
    },
  });
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body;
}

function changeStatus(id: string, body: Record<string, unknown>, as = cityAdmin) {
  return call<Chamber>('POST', `/v1/chambers/${id}/status`, { token: as, body });
}

async function act(id: string, action: string, extra: Record<string, unknown> = {}) {
  const answer = await changeStatus(id, { action, ...extra });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body;
}

async function registeredChamber(fields: Record<string, unknown> = {}): Promise<Chamber> {
  const chamber = await createChamber(fields);
  await act(chamber.id, 'approve');
  return act(chamber.id, 'register', { uscc: socialGroupUscc() });
}

async function getChamber(id: string, as = cityAdmin) {
  return call<Chamber>('GET', `/v1/chambers/${id}`, { token: as });
}

async function coverage(county = HUIMIN): Promise<Coverage> {
  const answer = await call<Coverage>('GET', `/v1/coverage/townships?regionCode=${county}`, {
    token: cityAdmin,
  });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body;
}

/** Every item of a list, following nextCursor; fails on a repeated cursor or a runaway list. */
async function walk<T>(path: string, as: string): Promise<{ items: T[]; pages: number }> {
  const items: T[] = [];
  const seen = new Set<string>();
  let cursor: string | null = null;
  let pages = 0;
  do {
    const separator = path.includes('?') ? '&' : '?';
    const url: string = cursor ? `${path}${separator}cursor=${encodeURIComponent(cursor)}` : path;
    const answer = await call<Page<T>>('GET', url, { token: as });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    items.push(...answer.body.items);
    cursor = answer.body.nextCursor;
    if (cursor !== null) {
      expect(seen.has(cursor), 'a cursor came back twice').toBe(false);
      seen.add(cursor);
    }
    pages += 1;
    expect(pages).toBeLessThan(200);
  } while (cursor !== null);
  return { items, pages };
}

describe('a township chamber from application to registration', () => {
  it('is created, approved and registered, and the county coverage counts it', async () => {
    const before = await coverage();
    expect(before).toMatchObject({ regionCode: HUIMIN, name: '惠民县', townships: 15 });
    expect(before.covered + before.uncovered.length).toBe(15);
    const [first, second] = before.uncovered;
    if (!first || !second) throw new Error('needs two uncovered townships in 惠民县');

    const name = `惠民县${first.name}商会（筹）`;
    const created = await call<Chamber>('POST', '/v1/chambers', {
      token: cityAdmin,
      body: { name, kind: 'township', regionCode: first.code, relationship: 'supervised' },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.headers.get('content-type')).toMatch(/^application\/json/);
    expect(created.body).toMatchObject({
      name,
      kind: 'township',
      regionCode: first.code,
      relationship: 'supervised',
      status: 'applied',
      uscc: null,
      version: 1,
    });
    const { id } = created.body;
    const location = created.headers.get('location');
    expect(location).toBeTruthy();
    expect(new URL(location ?? '', 'http://base').pathname).toBe(`/v1/chambers/${id}`);

    const read = await getChamber(id);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(created.body);
    expect(read.body.name).toBe(name);

    const approved = await act(id, 'approve');
    expect(approved).toMatchObject({ status: 'approved', version: 2 });
    expect((await coverage()).covered).toBe(before.covered);

    const uscc = socialGroupUscc(HUIMIN);
    const registered = await act(id, 'register', { uscc });
    expect(registered).toMatchObject({ status: 'registered', uscc, version: 3, name });

    const after = await coverage();
    expect(after.covered).toBe(before.covered + 1);
    expect(after.uncovered.map((t) => t.code)).not.toContain(first.code);
    expect(after.uncovered).toContainEqual(second);

    await registeredChamber({ regionCode: second.code, name: `${second.name}商会` });
    const afterSecond = await coverage();
    expect(afterSecond.covered).toBe(before.covered + 2);
    expect(afterSecond.uncovered.map((t) => t.code)).not.toContain(second.code);
    expect(afterSecond.covered + afterSecond.uncovered.length).toBe(15);
  });

  it('counts only registered chambers: not approved ones, not suspended ones', async () => {
    const before = await coverage();
    const township = before.uncovered[0];
    if (!township) throw new Error('needs an uncovered township in 惠民县');
    const uncoveredCodes = async () => (await coverage()).uncovered.map((t) => t.code);

    const chamber = await createChamber({ regionCode: township.code });
    await act(chamber.id, 'approve');
    expect((await coverage()).covered).toBe(before.covered);
    expect(await uncoveredCodes()).toContain(township.code);

    await act(chamber.id, 'register', { uscc: socialGroupUscc(HUIMIN) });
    expect((await coverage()).covered).toBe(before.covered + 1);

    await act(chamber.id, 'suspend', { reason: '未按时报送年度报告' });
    expect((await coverage()).covered).toBe(before.covered);
    expect(await uncoveredCodes()).toContain(township.code);

    await act(chamber.id, 'reinstate');
    expect((await coverage()).covered).toBe(before.covered + 1);
  });

  it('does not count a registered chamber of another kind in the county', async () => {
    const before = await coverage();
    await registeredChamber({ kind: 'industry', regionCode: HUIMIN });
    expect((await coverage()).covered).toBe(before.covered);
  });

  it('rejects coverage for a code that is not a county', async () => {
    const answer = await call('GET', '/v1/coverage/townships?regionCode=371600', {
      token: cityAdmin,
    });
    expectProblem(answer, 400, ['regionCode']);
  });
});

describe('the status machine', () => {
  it('refuses transitions the machine does not allow with 409', async () => {
    const applied = await createChamber();
    for (const action of ['register', 'suspend', 'reinstate', 'deregister']) {
      const body = action === 'register' ? { action, uscc: socialGroupUscc() } : { action };
      expectProblem(await changeStatus(applied.id, body), 409);
    }
    const registered = await registeredChamber();
    for (const action of ['approve', 'reject', 'reinstate']) {
      expectProblem(await changeStatus(registered.id, { action }), 409);
    }
    expectProblem(
      await changeStatus(registered.id, { action: 'register', uscc: socialGroupUscc() }),
      409,
    );
    const rejected = await createChamber();
    await act(rejected.id, 'reject', { reason: '材料不全' });
    expectProblem(await changeStatus(rejected.id, { action: 'approve' }), 409);

    // Refused transitions leave the chamber as it was.
    const read = await getChamber(applied.id);
    expect(read.body).toMatchObject({ status: 'applied', version: 1 });
  });

  it('walks registered → suspended → registered → deregistered, and no further', async () => {
    const chamber = await registeredChamber();
    expect((await act(chamber.id, 'suspend')).status).toBe('suspended');
    expect((await act(chamber.id, 'reinstate')).status).toBe('registered');
    const gone = await act(chamber.id, 'deregister', { reason: '自行解散' });
    expect(gone).toMatchObject({ status: 'deregistered', uscc: chamber.uscc, version: 6 });
    expectProblem(await changeStatus(chamber.id, { action: 'reinstate' }), 409);
  });

  it('needs a valid social-group USCC to register', async () => {
    const chamber = await createChamber();
    await act(chamber.id, 'approve');
    const valid = socialGroupUscc();

    expectProblem(await changeStatus(chamber.id, { action: 'register' }), 400, ['uscc']);
    const enterprise = enterpriseUscc();
    expectProblem(await changeStatus(chamber.id, { action: 'register', uscc: enterprise }), 400, [
      'uscc',
    ]);
    expectProblem(
      await changeStatus(chamber.id, { action: 'register', uscc: withBadCheck(valid) }),
      400,
      ['uscc'],
    );
    expectProblem(await changeStatus(chamber.id, { action: 'register', uscc: '51ABC' }), 400, [
      'uscc',
    ]);

    const read = await getChamber(chamber.id);
    expect(read.body).toMatchObject({ status: 'approved', uscc: null, version: 2 });
  });

  it('accepts a lower-case USCC and stores it upper-case', async () => {
    const chamber = await createChamber();
    await act(chamber.id, 'approve');
    const uscc = socialGroupUscc();
    const registered = await act(chamber.id, 'register', { uscc: uscc.toLowerCase() });
    expect(registered.uscc).toBe(uscc);
    expect((await getChamber(chamber.id)).body.uscc).toBe(uscc);
  });

  it('refuses a USCC already registered to another chamber, changing nothing', async () => {
    const first = await registeredChamber();
    const second = await createChamber();
    await act(second.id, 'approve');
    expectProblem(await changeStatus(second.id, { action: 'register', uscc: first.uscc }), 409);
    // Lower-case is the same code.
    expectProblem(
      await changeStatus(second.id, {
        action: 'register',
        uscc: (first.uscc ?? '').toLowerCase(),
      }),
      409,
    );
    const read = await getChamber(second.id);
    expect(read.body).toMatchObject({ status: 'approved', uscc: null, version: 2 });
  });
});

describe('status changes racing each other', () => {
  // A status change carries no If-Match, so losing a race is a conflict with the state the
  // winner left (409), never a 412 (which answers an If-Match the client did not send) or a 500.
  it('lets one of two concurrent approvals through and answers the other 409', async () => {
    const chambers = await Promise.all([createChamber(), createChamber(), createChamber()]);
    for (const chamber of chambers) {
      const answers = await Promise.all([
        changeStatus(chamber.id, { action: 'approve' }),
        changeStatus(chamber.id, { action: 'approve' }),
      ]);
      expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
      expect((await getChamber(chamber.id)).body).toMatchObject({
        status: 'approved',
        version: 2,
      });
    }
  });

  it('registers one USCC to only one of two chambers racing for it', async () => {
    for (let round = 0; round < 3; round++) {
      const [a, b] = await Promise.all([createChamber(), createChamber()]);
      await Promise.all([act(a.id, 'approve'), act(b.id, 'approve')]);
      const uscc = socialGroupUscc();
      const answers = await Promise.all([
        changeStatus(a.id, { action: 'register', uscc }),
        changeStatus(b.id, { action: 'register', uscc }),
      ]);
      expect(answers.map((x) => x.status).sort()).toEqual([200, 409]);
      const stored = await Promise.all([getChamber(a.id), getChamber(b.id)]);
      expect(stored.map((x) => x.body.uscc).sort()).toEqual([null, uscc].sort());
    }
  });
});

describe('creating a chamber with an Idempotency-Key', () => {
  const application = () => ({
    name: uniqueName('幂等商会'),
    kind: 'township',
    regionCode: boxingTownship,
    relationship: 'supervised',
  });
  const create = (body: Record<string, unknown>, key: string, as = cityAdmin) =>
    call<Chamber>('POST', '/v1/chambers', {
      token: as,
      headers: { 'idempotency-key': key },
      body,
    });
  /** Every chamber of that name under the township, across pages. */
  async function chambersNamed(name: string): Promise<Chamber[]> {
    const found: Chamber[] = [];
    let cursor: string | null = null;
    do {
      const query = new URLSearchParams({ regionCode: boxingTownship, limit: '100' });
      if (cursor) query.set('cursor', cursor);
      const page = await call<Page<Chamber>>('GET', `/v1/chambers?${query}`, { token: cityAdmin });
      expect(page.status).toBe(200);
      found.push(...page.body.items.filter((chamber) => chamber.name === name));
      cursor = page.body.nextCursor;
    } while (cursor);
    return found;
  }

  it('creates one chamber however often the request is retried, and answers each retry with it', async () => {
    const body = application();
    const key = `create-${uniqueName('key')}`;
    const first = await create(body, key);
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const again = await create(body, key);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('location')).toBe(`/v1/chambers/${first.body.id}`);
    expect(await chambersNamed(body.name as string)).toHaveLength(1);
  });

  it('creates one chamber when the same request arrives several times at once', async () => {
    const body = application();
    const key = `race-${uniqueName('key')}`;
    const answers = await Promise.all(Array.from({ length: 6 }, () => create(body, key)));
    expect(answers.map((answer) => answer.status)).toEqual(Array(6).fill(201));
    expect(new Set(answers.map((answer) => answer.body.id)).size).toBe(1);
    expect(await chambersNamed(body.name as string)).toHaveLength(1);
  });

  it('answers a retry with the chamber as it now is', async () => {
    const body = application();
    const key = `later-${uniqueName('key')}`;
    const first = await create(body, key);
    await act(first.body.id, 'approve');
    const again = await create(body, key);
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({ id: first.body.id, status: 'approved', version: 2 });
  });

  it('refuses the same key with another request (422), and writes nothing', async () => {
    const body = application();
    const key = `other-${uniqueName('key')}`;
    expect((await create(body, key)).status).toBe(201);
    const changed = { ...body, name: uniqueName('另一个商会') };
    expectProblem(await create(changed, key), 422);
    expect(await chambersNamed(changed.name as string)).toHaveLength(0);
  });

  it('keeps two callers’ keys apart', async () => {
    const [one, other] = await Promise.all(
      ['admin-a', 'admin-b'].map((sub) => token({ role: 'fic-admin', regionCode: '371600', sub })),
    );
    const body = application();
    const key = `shared-${uniqueName('key')}`;
    const a = await create(body, key, one);
    const b = await create(body, key, other);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body.id).not.toBe(b.body.id);
  });

  it('creates a new chamber on every request without a key, as before', async () => {
    const body = application();
    const [a, b] = await Promise.all([
      call<Chamber>('POST', '/v1/chambers', { token: cityAdmin, body }),
      call<Chamber>('POST', '/v1/chambers', { token: cityAdmin, body }),
    ]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body.id).not.toBe(b.body.id);
  });

  it('rejects a key that is not 1–200 visible ASCII characters, naming the header', async () => {
    for (const key of ['x'.repeat(201), 'has spaces']) {
      const problem = expectProblem(await create(application(), key), 400);
      expect(problem.errors?.[0]?.path).toEqual(['idempotency-key']);
    }
  });
});

describe('changing a chamber with If-Match', () => {
  it('applies a change made against the version read, as ETag or plain number', async () => {
    const chamber = await createChamber();
    const read = await getChamber(chamber.id);
    const etag = read.headers.get('etag');
    expect(etag).toBe('"1"');

    const changed = await call<Chamber>('PATCH', `/v1/chambers/${chamber.id}`, {
      token: cityAdmin,
      headers: { 'if-match': etag ?? '' },
      body: { industry: '纺织服装', leaders: { president: '张三', secretaryGeneral: '李四' } },
    });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body).toMatchObject({
      version: 2,
      industry: '纺织服装',
      leaders: { president: '张三', secretaryGeneral: '李四' },
      name: chamber.name,
      status: 'applied',
    });

    const again = await call<Chamber>('PATCH', `/v1/chambers/${chamber.id}`, {
      token: cityAdmin,
      headers: { 'if-match': '2' },
      body: { governmentFunctions: ['trade-fairs', 'self-discipline'] },
    });
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    expect(again.body).toMatchObject({ version: 3, industry: '纺织服装' });

    const stored = await getChamber(chamber.id);
    expect(stored.body).toEqual(again.body);
  });

  it('answers 428 without If-Match and 412 for a stale version', async () => {
    const chamber = await createChamber();
    const path = `/v1/chambers/${chamber.id}`;
    expectProblem(await call('PATCH', path, { token: cityAdmin, body: { industry: '物流' } }), 428);

    const first = await call<Chamber>('PATCH', path, {
      token: cityAdmin,
      headers: { 'if-match': '1' },
      body: { industry: '物流' },
    });
    expect(first.status).toBe(200);
    const stale = await call('PATCH', path, {
      token: cityAdmin,
      headers: { 'if-match': '1' },
      body: { industry: '化工' },
    });
    expectProblem(stale, 412);
    expect((await getChamber(chamber.id)).body).toMatchObject({ version: 2, industry: '物流' });
  });

  it('lets exactly one of two racing changes on one version through', async () => {
    const chamber = await createChamber();
    const patch = (industry: string) =>
      call<Chamber>('PATCH', `/v1/chambers/${chamber.id}`, {
        token: cityAdmin,
        headers: { 'if-match': '1' },
        body: { industry },
      });
    const answers = await Promise.all([patch('甲'), patch('乙')]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 412]);
    const winner = answers.find((a) => a.status === 200)?.body;
    const stored = await getChamber(chamber.id);
    expect(stored.body).toMatchObject({ version: 2, industry: winner?.industry });
  });
});

describe('members', () => {
  it('adds a member, lists it, and refuses the same USCC twice or a bad one', async () => {
    const chamber = await createChamber();
    const path = `/v1/chambers/${chamber.id}/members`;
    const uscc = enterpriseUscc();
    const added = await call<Member>('POST', path, {
      token: cityAdmin,
      body: { name: '滨州市鲁北纺织有限公司', uscc },
    });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    expect(added.body).toMatchObject({
      chamberId: chamber.id,
      name: '滨州市鲁北纺织有限公司',
      uscc,
      joinedAt: expect.any(String),
    });

    const list = await call<Page<Member>>('GET', path, { token: cityAdmin });
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([added.body]);
    expect(list.body.nextCursor).toBeNull();

    const body = { name: '另一家公司', uscc };
    expectProblem(await call('POST', path, { token: cityAdmin, body }), 409);
    expectProblem(
      await call('POST', path, { token: cityAdmin, body: { ...body, uscc: uscc.toLowerCase() } }),
      409,
    );
    expectProblem(
      await call('POST', path, { token: cityAdmin, body: { ...body, uscc: withBadCheck(uscc) } }),
      400,
      ['uscc'],
    );
    const after = await call<Page<Member>>('GET', path, { token: cityAdmin });
    expect(after.body.items).toHaveLength(1);
  });

  it('stores a lower-case member USCC upper-case', async () => {
    const chamber = await createChamber();
    const uscc = enterpriseUscc();
    const added = await call<Member>('POST', `/v1/chambers/${chamber.id}/members`, {
      token: cityAdmin,
      body: { name: '小写代码公司', uscc: uscc.toLowerCase() },
    });
    expect(added.status).toBe(201);
    expect(added.body.uscc).toBe(uscc);
  });

  it('pages through every member one at a time', async () => {
    const chamber = await createChamber();
    const path = `/v1/chambers/${chamber.id}/members`;
    const usccs = [enterpriseUscc(), enterpriseUscc(), enterpriseUscc(), socialGroupUscc()];
    for (const [i, uscc] of usccs.entries()) {
      const added = await call('POST', path, {
        token: cityAdmin,
        body: { name: `会员${i}`, uscc },
      });
      expect(added.status).toBe(201);
    }
    const { items, pages } = await walk<Member>(`${path}?limit=1`, cityAdmin);
    expect(items.map((m) => m.uscc).sort()).toEqual([...usccs].sort());
    expect(pages).toBeGreaterThanOrEqual(usccs.length);
  });

  async function chamberWithMembers(count: number): Promise<Chamber> {
    const chamber = await createChamber();
    for (let i = 0; i < count; i++) {
      const added = await call('POST', `/v1/chambers/${chamber.id}/members`, {
        token: cityAdmin,
        body: { name: `会员${i}`, uscc: enterpriseUscc() },
      });
      expect(added.status).toBe(201);
    }
    return chamber;
  }
  const membersWithCursor = (chamber: Chamber, cursor: string) =>
    call('GET', `/v1/chambers/${chamber.id}/members?cursor=${encodeURIComponent(cursor)}`, {
      token: cityAdmin,
    });

  it('refuses a garbage cursor with 400 at ["cursor"]', async () => {
    const chamber = await chamberWithMembers(1);
    for (const cursor of ['garbage', '%%%', Buffer.from('[]').toString('base64url')]) {
      expectProblem(await membersWithCursor(chamber, cursor), 400, ['cursor']);
    }
  });

  it('refuses a cursor from another chamber’s member list with 400 at ["cursor"]', async () => {
    const [mine, theirs] = await Promise.all([chamberWithMembers(2), chamberWithMembers(2)]);
    const theirPage = await call<Page<Member>>('GET', `/v1/chambers/${theirs.id}/members?limit=1`, {
      token: cityAdmin,
    });
    const foreign = theirPage.body.nextCursor;
    if (!foreign) throw new Error('expected a next page of their members');
    expectProblem(await membersWithCursor(mine, foreign), 400, ['cursor']);
  });

  it('refuses a forged cursor that names this chamber but no member with 400', async () => {
    const chamber = await chamberWithMembers(2);
    // Right shape and partition, but a key outside the member range of this list.
    const forged = Buffer.from(JSON.stringify({ pk: `CHAMBER#${chamber.id}`, sk: 'PROFILE' }));
    expectProblem(await membersWithCursor(chamber, forged.toString('base64url')), 400, ['cursor']);
  });

  it('rejects limits outside 1–100', async () => {
    const chamber = await createChamber();
    for (const limit of ['0', '101', 'ten']) {
      const answer = await call('GET', `/v1/chambers/${chamber.id}/members?limit=${limit}`, {
        token: cityAdmin,
      });
      expectProblem(answer, 400, ['limit']);
    }
  });
});

describe('listing chambers', () => {
  it('lists only the chambers under the region, of the kind and status asked for', async () => {
    const township = await createChamber({ regionCode: huiminTownship });
    const approved = await createChamber({ regionCode: huiminTownship });
    await act(approved.id, 'approve');
    const industry = await createChamber({ kind: 'industry', regionCode: HUIMIN });
    const village = villagesUnder(HUIMIN)[0];
    const villageChamber = await createChamber({ kind: 'village', regionCode: village });
    const elsewhere = await createChamber({ regionCode: wudiTownship });

    const { items } = await walk<Chamber>(
      `/v1/chambers?regionCode=${HUIMIN}&kind=township&limit=100`,
      cityAdmin,
    );
    for (const item of items) {
      expect(item.kind).toBe('township');
      expect(item.regionCode.startsWith(HUIMIN)).toBe(true);
    }
    const ids = items.map((c) => c.id);
    expect(ids).toEqual(expect.arrayContaining([township.id, approved.id]));
    expect(ids).not.toContain(industry.id);
    expect(ids).not.toContain(villageChamber.id);
    expect(ids).not.toContain(elsewhere.id);
    expect(new Set(ids).size).toBe(ids.length);

    const all = await walk<Chamber>(`/v1/chambers?regionCode=${HUIMIN}&limit=100`, huiminAdmin);
    expect(all.items.map((c) => c.id)).toEqual(
      expect.arrayContaining([township.id, approved.id, industry.id, villageChamber.id]),
    );
    expect(all.items.map((c) => c.id)).not.toContain(elsewhere.id);

    const byStatus = await walk<Chamber>(
      `/v1/chambers?regionCode=${huiminTownship}&status=approved&limit=100`,
      cityAdmin,
    );
    for (const item of byStatus.items) {
      expect(item.status).toBe('approved');
      expect(item.regionCode.startsWith(huiminTownship)).toBe(true);
    }
    expect(byStatus.items.map((c) => c.id)).toContain(approved.id);
    expect(byStatus.items.map((c) => c.id)).not.toContain(township.id);
  });

  it('pages a filtered list without losing or repeating a chamber', async () => {
    const village = villagesUnder(HUIMIN)[1] as string;
    const made: string[] = [];
    for (let i = 0; i < 3; i++) {
      made.push((await createChamber({ kind: 'village', regionCode: village })).id);
    }
    const { items } = await walk<Chamber>(`/v1/chambers?regionCode=${village}&limit=1`, cityAdmin);
    const ids = items.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining(made));
  });

  it('refuses a region outside the caller’s own with 403', async () => {
    const answer = await call('GET', `/v1/chambers?regionCode=${WUDI}`, { token: huiminAdmin });
    expectProblem(answer, 403);
    const wider = await call('GET', '/v1/chambers?regionCode=371600', { token: huiminAdmin });
    expectProblem(wider, 403);
  });

  it('refuses a garbage cursor with 400 at ["cursor"]', async () => {
    const garbage = await call('GET', `/v1/chambers?regionCode=${HUIMIN}&cursor=garbage`, {
      token: cityAdmin,
    });
    expectProblem(garbage, 400, ['cursor']);
  });

  it('refuses a cursor from another region’s list with 400 at ["cursor"]', async () => {
    // A client that changes the region filter but keeps the cursor it had.
    const village = villagesUnder(HUIMIN)[2] as string;
    await createChamber({ kind: 'village', regionCode: village });
    await createChamber({ kind: 'village', regionCode: village });
    const page = await call<Page<Chamber>>('GET', `/v1/chambers?regionCode=${village}&limit=1`, {
      token: cityAdmin,
    });
    const cursor = page.body.nextCursor;
    if (!cursor) throw new Error('expected a next page');
    const answer = await call(
      'GET',
      `/v1/chambers?regionCode=${WUDI}&cursor=${encodeURIComponent(cursor)}`,
      { token: cityAdmin },
    );
    expectProblem(answer, 400, ['cursor']);
  });

  it('rejects limits outside 1–100', async () => {
    for (const limit of ['0', '101']) {
      const answer = await call('GET', `/v1/chambers?regionCode=${HUIMIN}&limit=${limit}`, {
        token: cityAdmin,
      });
      expectProblem(answer, 400, ['limit']);
    }
  });
});

describe('who may do what', () => {
  it('answers 401 to no token, an expired one, a forged one and a malformed header', async () => {
    const chamber = await createChamber();
    const path = `/v1/chambers/${chamber.id}`;
    const real = await token({ role: 'fic-admin', regionCode: '371600' });

    const expired = await token({ role: 'fic-admin', regionCode: '371600', expiresIn: -60 });

    // Same claims, issuer, audience and key id as a real token, signed by a key of our own.
    const { privateKey } = await generateKeyPair('RS256');
    const forged = await new SignJWT(decodeJwt(real))
      .setProtectedHeader(decodeProtectedHeader(real) as { alg: string })
      .sign(privateKey);
    // The real token's header and payload with no signature, and with alg "none".
    const [header, payload] = real.split('.');
    const unsigned = `${header}.${payload}.`;
    const none = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${payload}.`;

    const attempts: Record<string, string>[] = [
      {},
      { authorization: `Bearer ${expired}` },
      { authorization: `Bearer ${forged}` },
      { authorization: `Bearer ${unsigned}` },
      { authorization: `Bearer ${none}` },
      { authorization: 'Bearer not-a-jwt' },
      { authorization: 'Basic YWRtaW46YWRtaW4=' },
      { authorization: 'Bearer' },
    ];
    for (const headers of attempts) {
      const answer = await call('GET', path, { headers });
      expect(answer.status, JSON.stringify(headers)).toBe(401);
      expect(JSON.stringify(answer.body)).not.toContain(chamber.id);
    }
    const create = await call('POST', '/v1/chambers', {
      headers: { authorization: `Bearer ${forged}` },
      body: { name: '伪造', kind: 'industry', regionCode: HUIMIN, relationship: 'supervised' },
    });
    expect(create.status).toBe(401);
    expect((await getChamber(chamber.id, real)).status).toBe(200);
  });

  it('lets a chamber officer read and edit the profile of their own chamber only', async () => {
    const [mine, other] = await Promise.all([createChamber(), createChamber()]);
    await act(mine.id, 'approve');
    // A region claim must not widen an officer's reach beyond their chamber.
    const officer = await token({
      role: 'chamber-officer',
      chamberId: mine.id,
      regionCode: '371600',
    });
    const path = `/v1/chambers/${mine.id}`;

    expect((await getChamber(mine.id, officer)).status).toBe(200);
    expectProblem(await getChamber(other.id, officer), 404);
    expectProblem(await getChamber('no-such-chamber', officer), 404);

    const renamed = await call<Chamber>('PATCH', path, {
      token: officer,
      headers: { 'if-match': '2' },
      body: { name: '博兴县城东街道商会', leaders: { partySecretary: '王五' } },
    });
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    expect(renamed.body).toMatchObject({ name: '博兴县城东街道商会', version: 3 });

    for (const body of [{ kind: 'industry' }, { regionCode: villagesUnder('371625')[0] }]) {
      const answer = await call('PATCH', path, {
        token: officer,
        headers: { 'if-match': '3' },
        body,
      });
      expectProblem(answer, 403);
    }
    expectProblem(
      await call('PATCH', `/v1/chambers/${other.id}`, {
        token: officer,
        headers: { 'if-match': '1' },
        body: { name: '别人的商会' },
      }),
      404,
    );
    expectProblem(await changeStatus(mine.id, { action: 'reject' }, officer), 403);
    expectProblem(
      await call('POST', '/v1/chambers', {
        token: officer,
        body: { name: '新商会', kind: 'industry', regionCode: HUIMIN, relationship: 'supervised' },
      }),
      403,
    );
    expectProblem(await call('GET', '/v1/chambers', { token: officer }), 403);
    expectProblem(
      await call('GET', `/v1/coverage/townships?regionCode=${HUIMIN}`, { token: officer }),
      403,
    );

    const stored = await getChamber(mine.id);
    expect(stored.body).toMatchObject({
      name: '博兴县城东街道商会',
      kind: 'township',
      regionCode: boxingTownship,
      status: 'approved',
      version: 3,
    });
  });

  it('lets a chamber officer add and list members of their own chamber only', async () => {
    const [mine, other] = await Promise.all([createChamber(), createChamber()]);
    const officer = await token({ role: 'chamber-officer', chamberId: mine.id });
    const body = { name: '会员企业', uscc: enterpriseUscc() };
    const added = await call('POST', `/v1/chambers/${mine.id}/members`, { token: officer, body });
    expect(added.status).toBe(201);
    expect((await call('GET', `/v1/chambers/${mine.id}/members`, { token: officer })).status).toBe(
      200,
    );
    const path = `/v1/chambers/${other.id}/members`;
    expectProblem(await call('POST', path, { token: officer, body }), 404);
    expectProblem(await call('GET', path, { token: officer }), 404);
  });

  it('keeps a county admin inside their county', async () => {
    const inHuimin = await createChamber({ regionCode: huiminTownship });
    expectProblem(await getChamber(inHuimin.id, wudiAdmin), 404);
    expect((await getChamber(inHuimin.id, huiminAdmin)).status).toBe(200);
    expectProblem(
      await call('PATCH', `/v1/chambers/${inHuimin.id}`, {
        token: wudiAdmin,
        headers: { 'if-match': '1' },
        body: { name: '越权修改' },
      }),
      404,
    );
    expectProblem(await changeStatus(inHuimin.id, { action: 'approve' }, wudiAdmin), 404);
    expectProblem(
      await call('GET', `/v1/chambers/${inHuimin.id}/members`, { token: wudiAdmin }),
      404,
    );
    const create = await call('POST', '/v1/chambers', {
      token: wudiAdmin,
      body: {
        name: uniqueName(),
        kind: 'township',
        regionCode: huiminTownship,
        relationship: 'supervised',
      },
    });
    expectProblem(create, 403);
    expectProblem(
      await call('GET', `/v1/coverage/townships?regionCode=${HUIMIN}`, { token: wudiAdmin }),
      403,
    );

    // Nor may an admin move a chamber they hold out of their own region.
    const inWudi = await call<Chamber>('POST', '/v1/chambers', {
      token: wudiAdmin,
      body: {
        name: uniqueName(),
        kind: 'township',
        regionCode: wudiTownship,
        relationship: 'supervised',
      },
    });
    expect(inWudi.status).toBe(201);
    const moved = await call('PATCH', `/v1/chambers/${inWudi.body.id}`, {
      token: wudiAdmin,
      headers: { 'if-match': '1' },
      body: { regionCode: huiminTownship },
    });
    expectProblem(moved, 403);
  });

  it('refuses roles without access to chambers with 403', async () => {
    const chamber = await createChamber();
    for (const role of ['assessor', 'liaison']) {
      const other = await token({ role, regionCode: '371600' });
      expectProblem(await getChamber(chamber.id, other), 403);
      expectProblem(await call('GET', '/v1/chambers', { token: other }), 403);
    }
  });
});

describe('bad requests', () => {
  const valid = {
    name: '测试商会',
    kind: 'industry',
    regionCode: HUIMIN,
    relationship: 'supervised',
  };
  const post = (body: unknown, headers?: Record<string, string>) =>
    call('POST', '/v1/chambers', { token: cityAdmin, body, headers });

  it('names the field at fault', async () => {
    const { name: _name, ...noName } = valid;
    expectProblem(await post(noName), 400, ['name']);
    expectProblem(await post({ ...valid, name: '   ' }), 400, ['name']);
    expectProblem(await post({ ...valid, kind: 'township' }), 400, ['regionCode']);
    expectProblem(await post({ ...valid, kind: 'village', regionCode: huiminTownship }), 400, [
      'regionCode',
    ]);
    expectProblem(await post({ ...valid, regionCode: '371699' }), 400, ['regionCode']);
    expectProblem(await post({ ...valid, regionCode: '37162' }), 400, ['regionCode']);
    expectProblem(await post({ ...valid, kind: 'non-local' }), 400, ['hometownRegionCode']);
    expectProblem(await post({ ...valid, kind: 'guild' }), 400, ['kind']);
    expectProblem(await post({ ...valid, relationship: 'friendly' }), 400, ['relationship']);
    const nextYear = new Date().getUTCFullYear() + 1;
    expectProblem(await post({ ...valid, foundedOn: `${nextYear}-01-01` }), 400, ['foundedOn']);
    expectProblem(await post({ ...valid, foundedOn: '2020-02-30' }), 400, ['foundedOn']);
    expectProblem(
      await post({ ...valid, governmentFunctions: ['trade-fairs', 'trade-fairs'] }),
      400,
      ['governmentFunctions'],
    );
  });

  it('accepts a non-local chamber with its home region', async () => {
    const created = await post({ ...valid, kind: 'non-local', hometownRegionCode: '330100' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const chamber = created.body as unknown as Chamber;
    expect(chamber).toMatchObject({ kind: 'non-local', hometownRegionCode: '330100' });
    const dropHome = await call('PATCH', `/v1/chambers/${chamber.id}`, {
      token: cityAdmin,
      headers: { 'if-match': '1' },
      body: { hometownRegionCode: null },
    });
    expectProblem(dropHome, 400, ['hometownRegionCode']);
  });

  it('rejects a field the contract does not know', async () => {
    expectProblem(await post({ ...valid, colour: 'red' }), 400, ['colour']);
  });

  it('rejects a body that is not JSON', async () => {
    expectProblem(await post('{"name": "测试商会",'), 400);
    expectProblem(await post('null'), 400);
    expectProblem(await post('[]'), 400);
  });

  it('rejects a bad PATCH body and a malformed If-Match', async () => {
    const chamber = await createChamber();
    const patch = (body: unknown, ifMatch = '1') =>
      call('PATCH', `/v1/chambers/${chamber.id}`, {
        token: cityAdmin,
        headers: { 'if-match': ifMatch },
        body,
      });
    expectProblem(await patch({}), 400);
    expectProblem(await patch({ status: 'registered' }), 400);
    expectProblem(await patch({ uscc: socialGroupUscc() }), 400);
    expectProblem(await patch({ regionCode: HUIMIN }), 400, ['regionCode']);
    expectProblem(await patch({ kind: 'non-local', regionCode: HUIMIN }), 400, [
      'hometownRegionCode',
    ]);
    expectProblem(await patch({ foundedOn: '2999-01-01' }), 400, ['foundedOn']);
    expectProblem(await patch({ industry: '化工' }, 'latest'), 400);
    expect((await getChamber(chamber.id)).body).toMatchObject({ version: 1, industry: null });
  });

  it('answers 404 for an unknown chamber', async () => {
    expectProblem(await getChamber('00000000-0000-4000-8000-000000000000'), 404);
    expectProblem(await changeStatus('no-such-chamber', { action: 'approve' }), 404);
  });
});
