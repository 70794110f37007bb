import { beforeAll, describe, expect, it } from 'vitest';
import { call, token } from '../support/api';

/*
 * Rankings over HTTP: served from the snapshots the `rankings` schedule publishes, public, and
 * exactly as hand-computed, ties and reversals included. Each test ranks its own chambers in a
 * year no other test uses, so the shared database does not disturb the expected figures.
 */
interface Ranking {
  metric: string;
  regionCode: string;
  year: number;
  computedAt: string | null;
  items: { rank: number; chamberId?: string; regionCode?: string; name: string; value: number }[];
}

let admin: string;
beforeAll(async () => {
  admin = await token({ role: 'fic-admin', regionCode: '371600' });
});

async function chamber(name: string, regionCode: string, register = true): Promise<string> {
  const created = await call<{ id: string }>('POST', '/v1/chambers', {
    token: admin,
    body: { name, kind: 'city-direct', regionCode, relationship: 'supervised' },
  });
  expect(created.status).toBe(201);
  if (!register) return created.body.id;
  const approved = await call('POST', `/v1/chambers/${created.body.id}/status`, {
    token: admin,
    body: { action: 'approve' },
  });
  expect(approved.status).toBe(200);
  return created.body.id;
}

async function donate(chamberId: string, amountFen: number, occurredOn: string): Promise<string> {
  const answer = await call<{ id: string }>('POST', '/v1/donations', {
    token: admin,
    headers: { 'idempotency-key': `rank-${crypto.randomUUID()}` },
    body: {
      chamberId,
      donor: { name: '某公司', uscc: '91371621MA3C00003B' },
      campaign: 'public-welfare',
      form: 'money',
      amountFen,
      occurredOn,
    },
  });
  expect(answer.status).toBe(201);
  return answer.body.id;
}

const run = async () => {
  const answer = await call('POST', '/_local/schedules/rankings');
  expect(answer.body).toEqual({ name: 'rankings', ok: true });
};

const ranking = async (path: string) => {
  const answer = await call<Ranking>('GET', path);
  expect(answer.status).toBe(200);
  return answer.body;
};

/** A year of the early 1990s of our own, so other tests' donations never mix in. */
const ownYear = () => 1990 + Math.floor(Math.random() * 9);

describe('rankings', () => {
  it('are public, and empty before any run for that scope and year', async () => {
    const empty = await ranking('/v1/rankings/donations?regionCode=371600&year=1950');
    expect(empty).toEqual({
      metric: 'donations',
      regionCode: '371600',
      year: 1950,
      computedAt: null,
      items: [],
    });
  });

  it('rank chambers with ties (1, 2, 2, 4) and reversals, as computed by hand', async () => {
    const year = ownYear();
    const a = await chamber('排名甲', '371623');
    const b = await chamber('排名乙', '371623');
    const c = await chamber('排名丙', '371623');
    const d = await chamber('排名丁', '371623');
    const gone = await chamber('排名已注销', '371623');
    await donate(a, 90_000, `${year}-03-01`);
    await donate(b, 50_000, `${year}-03-01`);
    await donate(c, 30_000, `${year}-03-01`);
    await donate(c, 20_000, `${year}-04-01`);
    const mistaken = await donate(d, 80_000, `${year}-05-01`);
    await donate(d, 10_000, `${year}-05-02`);
    await donate(gone, 1_000_000, `${year}-05-02`);
    const reversal = await call('POST', `/v1/donations/${mistaken}/reversal`, {
      token: admin,
      headers: { 'idempotency-key': `rank-${crypto.randomUUID()}` },
      body: { reason: '重复录入' },
    });
    expect(reversal.status).toBe(201);
    // A deregistered chamber leaves the rankings, however much it gave.
    for (const action of ['register', 'deregister']) {
      const body = action === 'register' ? { action, uscc: uscc() } : { action };
      expect(
        (await call('POST', `/v1/chambers/${gone}/status`, { token: admin, body })).status,
      ).toBe(200);
    }
    await run();

    const county = await ranking(`/v1/rankings/donations?regionCode=371623&year=${year}`);
    const mine = county.items.filter((item) => [a, b, c, d].includes(item.chamberId ?? ''));
    const tied = [b, c].sort();
    expect(mine.map(({ rank, chamberId, value }) => ({ rank, chamberId, value }))).toEqual([
      { rank: 1, chamberId: a, value: 90_000 },
      { rank: 2, chamberId: tied[0], value: 50_000 },
      { rank: 2, chamberId: tied[1], value: 50_000 },
      { rank: 4, chamberId: d, value: 10_000 },
    ]);
    expect(county.items.some((item) => item.chamberId === gone)).toBe(false);
    expect(mine[0]?.name).toBe('排名甲');
    expect(county.computedAt).not.toBeNull();
  });

  it('rank the counties of the city by their chambers’ net giving', async () => {
    const year = ownYear();
    const before = await ranking(`/v1/rankings/donations-by-region?regionCode=371600&year=${year}`);
    const amountOf = (r: Ranking, code: string) =>
      r.items.find((i) => i.regionCode === code)?.value ?? 0;
    await donate(await chamber('区域排名甲', '371681'), 7_000, `${year}-06-01`);
    await donate(await chamber('区域排名乙', '371681'), 3_000, `${year}-06-01`);
    await donate(await chamber('区域排名丙', '371603'), 4_000, `${year}-06-01`);
    await run();
    const after = await ranking(`/v1/rankings/donations-by-region?regionCode=371600&year=${year}`);
    expect(amountOf(after, '371681') - amountOf(before, '371681')).toBe(10_000);
    expect(amountOf(after, '371603') - amountOf(before, '371603')).toBe(4_000);
    const zouping = after.items.find((i) => i.regionCode === '371681');
    expect(zouping?.name).toBe('邹平市');
    const ranks = after.items.map((i) => i.rank);
    expect(ranks[0]).toBe(1);
    for (let i = 1; i < after.items.length; i += 1) {
      const [prev, item] = [after.items[i - 1], after.items[i]];
      expect(item?.rank).toBe(item?.value === prev?.value ? prev?.rank : i + 1);
    }
  });

  it('serve the last snapshot until the next run, and keep every earlier one', async () => {
    const year = ownYear();
    const id = await chamber('快照商会', '371622');
    await donate(id, 1_000, `${year}-07-01`);
    await run();
    const first = await ranking(`/v1/rankings/donations?regionCode=371622&year=${year}`);
    const valueIn = (r: Ranking) => r.items.find((i) => i.chamberId === id)?.value;
    expect(valueIn(first)).toBe(1_000);

    await donate(id, 2_000, `${year}-07-02`);
    const stale = await ranking(`/v1/rankings/donations?regionCode=371622&year=${year}`);
    expect(stale).toEqual(first);

    await run();
    const second = await ranking(`/v1/rankings/donations?regionCode=371622&year=${year}`);
    expect(valueIn(second)).toBe(3_000);
    expect(second.computedAt).not.toBe(first.computedAt);

    const history = await call<{ items: { computedAt: string }[] }>(
      'GET',
      `/v1/rankings/donations/history?regionCode=371622&year=${year}`,
    );
    const instants = history.body.items.map((i) => i.computedAt);
    expect(instants.indexOf(second.computedAt as string)).toBeLessThan(
      instants.indexOf(first.computedAt as string),
    );
    const again = await ranking(
      `/v1/rankings/donations/history?regionCode=371622&year=${year}&at=${encodeURIComponent(first.computedAt as string)}`,
    );
    expect(again).toEqual(first);
    const viaMain = await ranking(
      `/v1/rankings/donations?regionCode=371622&year=${year}&at=${encodeURIComponent(first.computedAt as string)}`,
    );
    expect(viaMain).toEqual(first);
  });

  it('answer 404 for a snapshot that never was, and 400 for a metric or region that is not one', async () => {
    expect((await call('GET', '/v1/rankings/donations?at=2001-01-01T00:00:00.000Z')).status).toBe(
      404,
    );
    const metric = await call<{ errors: { path: string[] }[] }>('GET', '/v1/rankings/activity');
    expect(metric.status).toBe(400);
    expect(metric.body.errors[0]?.path).toEqual(['metric']);
    const region = await call<{ errors: { path: string[] }[] }>(
      'GET',
      '/v1/rankings/donations?regionCode=371699',
    );
    expect(region.status).toBe(400);
    expect(region.body.errors[0]?.path).toEqual(['regionCode']);
  });
});

function uscc(): string {
  const charset = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  let body = '51371623';
  for (let i = 0; i < 8; i += 1) body += charset.charAt(Math.floor(Math.random() * charset.length));
  return completeUscc(body);
}

import { completeUscc } from '#shared/domain/uscc';
