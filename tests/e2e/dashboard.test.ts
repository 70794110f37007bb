import { beforeAll, describe, expect, it } from 'vitest';
import { todayInShanghai } from '#shared/domain/calendar';
import { call, token } from '../support/api';
import { expectProblem } from '../support/registration';
import { registeredChamber } from '../support/supervision';

/*
 * FIC staff's dashboard over HTTP: one read of what the rankings run computed per scope. Other
 * test files write into the same database at the same time, so the figures checked exactly are
 * this file's own: donations in a year no other test uses, in 邹平市; the rest must agree with
 * themselves and hold at least what this file made.
 */
const ZOUPING = '371681';
const YEAR = 2004;

interface Dashboard {
  regionCode: string;
  computedAt: string | null;
  chambers: {
    total: number;
    byKind: Record<string, number>;
    byStatus: Record<string, number>;
    byRelationship: Record<string, number>;
  };
  coverage: { regionCode: string; name: string; townships: number; covered: number }[];
  donations: { year: number; amountFen: number; entries: number }[];
  supervision: { asOf: string | null; overdueVisits: number; lateIssues: number };
  reports: { year: number; missing: number };
  awards: { national: number; province: number; city: number };
}

let admin: string;
beforeAll(async () => {
  admin = await token({ role: 'fic-admin', regionCode: '371600' });
});

const run = async (name: string) =>
  expect((await call('POST', `/_local/schedules/${name}`)).body).toEqual({ name, ok: true });

describe('GET /v1/dashboard', () => {
  it('gives a region’s figures as the latest rankings run computed them', async () => {
    const chamber = await registeredChamber(ZOUPING);
    for (const amountFen of [123_400, 5_600]) {
      const answer = await call('POST', '/v1/donations', {
        token: admin,
        headers: { 'idempotency-key': `dashboard-${crypto.randomUUID()}` },
        body: {
          chamberId: chamber.id,
          donor: { name: '邹平某公司', uscc: '91371621MA3C00003B' },
          campaign: 'public-welfare',
          form: 'money',
          amountFen,
          occurredOn: `${YEAR}-03-01`,
        },
      });
      expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    }
    const award = await call('POST', '/v1/awards', {
      token: admin,
      body: { chamberId: chamber.id, level: 'city', year: 2024 },
    });
    expect(award.status, JSON.stringify(award.body)).toBe(201);
    await run('supervision-overdue');
    await run('rankings');

    const county = await token({ role: 'fic-admin', regionCode: ZOUPING });
    // Without a region: the caller's own.
    const answer = await call<Dashboard>('GET', '/v1/dashboard', { token: county });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    const d = answer.body;
    expect(d.regionCode).toBe(ZOUPING);
    expect(d.computedAt).not.toBeNull();
    expect(d.donations.find((y) => y.year === YEAR)).toEqual({
      year: YEAR,
      amountFen: 129_000,
      entries: 2,
    });
    const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b);
    expect(d.chambers.total).toBeGreaterThanOrEqual(1);
    expect(sum(d.chambers.byKind)).toBe(d.chambers.total);
    expect(sum(d.chambers.byStatus)).toBe(d.chambers.total);
    expect(sum(d.chambers.byRelationship)).toBe(d.chambers.total);
    expect(d.chambers.byStatus.registered).toBeGreaterThanOrEqual(1);
    expect(d.awards.city).toBeGreaterThanOrEqual(1);
    expect(d.supervision.asOf).toBe(todayInShanghai());
    // Last year's reports: the new chamber has sent none.
    expect(d.reports).toMatchObject({ year: Number(todayInShanghai().slice(0, 4)) - 1 });
    expect(d.reports.missing).toBeGreaterThanOrEqual(1);
    // Every county of 邹平市 with townships: only its own.
    expect(d.coverage.map((c) => c.regionCode)).toEqual([ZOUPING]);
    expect(d.coverage[0]).toMatchObject({ name: '邹平市' });
    expect(d.coverage[0]?.townships).toBeGreaterThan(0);

    // The city's dashboard holds the county's figures.
    const city = (await call<Dashboard>('GET', '/v1/dashboard?regionCode=371600', { token: admin }))
      .body;
    expect(city.regionCode).toBe('371600');
    expect(city.chambers.total).toBeGreaterThanOrEqual(d.chambers.total);
    expect(city.coverage.map((c) => c.regionCode)).toContain(ZOUPING);
    expect(city.donations.find((y) => y.year === YEAR)?.amountFen).toBeGreaterThanOrEqual(129_000);
  });

  it('is FIC staff’s, within their region only', async () => {
    const county = await token({ role: 'fic-admin', regionCode: ZOUPING });
    expectProblem(await call('GET', '/v1/dashboard?regionCode=371600', { token: county }), 403);
    expectProblem(await call('GET', '/v1/dashboard?regionCode=371602', { token: county }), 403);
    const officer = await token({ role: 'chamber-officer', chamberId: 'any' });
    expectProblem(await call('GET', '/v1/dashboard', { token: officer }), 403);
    expectProblem(await call('GET', '/v1/dashboard?regionCode=37160', { token: admin }), 400, [
      'regionCode',
    ]);
    expect((await call('GET', '/v1/dashboard')).status).toBe(401);
  });
});
