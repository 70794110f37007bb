import { beforeAll, describe, expect, it } from 'vitest';
import { townshipsOf } from '#shared/regions/townships';
import { call, token } from '../support/api';
import {
  createChamber,
  donated,
  donation,
  cityAdminToken as ledgerAdmin,
  stats,
} from '../support/ledger-api';

/*
 * The reads the web console added to the API so that each of its screens needs one request or
 * two: the donation statistics of every campaign at once, and of several regions at once, and
 * the registry's filters by relationship and by part of a name. The database is shared by the run: this file keeps to its own township
 * (the last of 邹平市) and year (2002), and to chambers it names itself.
 */
const TOWNSHIP = (townshipsOf('371681').at(-1) as { code: string }).code;
const YEAR = 2002;

interface ByCampaign {
  regionCode: string;
  year: number | null;
  items: { campaign: string | null; amountFen: number; entries: number; donors: number }[];
}

describe('GET /v1/stats/donations/by-campaign', () => {
  it('answers every campaign and their sum, equal to the one-campaign statistics', async () => {
    const admin = await ledgerAdmin();
    const chamber = await createChamber(TOWNSHIP);
    const day = `${YEAR}-06-01`;
    await donated(
      admin,
      donation(chamber.id, { campaign: 'epidemic-relief', amountFen: 30_000, occurredOn: day }),
    );
    await donated(
      admin,
      donation(chamber.id, { campaign: 'public-welfare', amountFen: 12_345, occurredOn: day }),
    );
    const answer = await call<ByCampaign>(
      'GET',
      `/v1/stats/donations/by-campaign?regionCode=${TOWNSHIP}&year=${YEAR}`,
    );
    expect(answer.status).toBe(200);
    expect(answer.body.items.map((item) => item.campaign)).toEqual([
      'village-pairing',
      'east-west',
      'epidemic-relief',
      'disaster-relief',
      'public-welfare',
      null,
    ]);
    for (const item of answer.body.items) {
      const one = await stats({
        regionCode: TOWNSHIP,
        year: YEAR,
        ...(item.campaign ? { campaign: item.campaign } : {}),
      });
      expect(item).toEqual(one);
    }
    const sum = answer.body.items.at(-1);
    expect(sum?.amountFen).toBeGreaterThanOrEqual(42_345);
  });

  it('is public, and refuses a region code that does not exist with the field named', async () => {
    const bad = await call<{ errors: { path: string[] }[] }>(
      'GET',
      '/v1/stats/donations/by-campaign?regionCode=379999',
    );
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e) => e.path)).toContainEqual(['regionCode']);
  });
});

interface ByRegion {
  campaign: string | null;
  year: number | null;
  items: { regionCode: string; campaign: string | null; amountFen: number; donors: number }[];
}

describe('GET /v1/stats/donations/by-region', () => {
  it('answers each region named, in that order, equal to its own statistics', async () => {
    const admin = await ledgerAdmin();
    const chamber = await createChamber(TOWNSHIP);
    await donated(
      admin,
      donation(chamber.id, {
        campaign: 'public-welfare',
        amountFen: 7_000,
        occurredOn: `${YEAR}-07-01`,
      }),
    );
    const regions = [TOWNSHIP, '371681', '371600', TOWNSHIP];
    for (const campaign of [undefined, 'public-welfare', 'east-west']) {
      const answer = await call<ByRegion>(
        'GET',
        `/v1/stats/donations/by-region?regionCodes=${regions.join(',')}&year=${YEAR}${campaign ? `&campaign=${campaign}` : ''}`,
      );
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      expect(answer.body).toMatchObject({ campaign: campaign ?? null, year: YEAR });
      expect(answer.body.items.map((item) => item.regionCode)).toEqual(regions);
      for (const item of answer.body.items) {
        expect(item).toEqual(
          await stats({ regionCode: item.regionCode, year: YEAR, ...(campaign && { campaign }) }),
        );
      }
    }
    const [own] = (
      await call<ByRegion>(
        'GET',
        `/v1/stats/donations/by-region?regionCodes=${TOWNSHIP}&year=${YEAR}`,
      )
    ).body.items;
    expect(own?.amountFen).toBeGreaterThanOrEqual(7_000);
  });

  it('refuses a list with an unknown region, or of more than 100, with the field named', async () => {
    for (const list of [
      '371681,379999',
      Array.from({ length: 101 }, () => '371681').join(','),
      '',
    ]) {
      const bad = await call<{ errors: { path: string[] }[] }>(
        'GET',
        `/v1/stats/donations/by-region?regionCodes=${list}`,
      );
      expect(bad.status, list.slice(0, 20)).toBe(400);
      expect(bad.body.errors.map((e) => e.path)).toContainEqual(['regionCodes']);
    }
  });
});

describe('GET /v1/chambers filters', () => {
  let admin: string;
  const tag = `筛选${Date.now().toString(36)}`;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    admin = await token({ role: 'fic-admin', regionCode: '371600' });
    for (const [label, relationship] of [
      ['甲', 'supervised'],
      ['乙', 'group-member'],
      ['丙', 'classified'],
    ] as const) {
      const answer = await call<{ id: string }>('POST', '/v1/chambers', {
        token: admin,
        body: {
          name: `滨州市${tag}${label}商会`,
          kind: 'industry',
          regionCode: '371602',
          relationship,
        },
      });
      expect(answer.status).toBe(201);
      ids[relationship] = answer.body.id;
    }
  });

  type Page = {
    items: { id: string; name: string; relationship: string }[];
    nextCursor: string | null;
  };

  it('finds chambers by part of the name, a page at a time', async () => {
    const first = await call<Page>('GET', `/v1/chambers?name=${encodeURIComponent(tag)}&limit=2`, {
      token: admin,
    });
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(2);
    expect(first.body.nextCursor).not.toBeNull();
    const rest = await call<Page>(
      'GET',
      `/v1/chambers?name=${encodeURIComponent(tag)}&limit=2&cursor=${first.body.nextCursor}`,
      { token: admin },
    );
    const names = [...first.body.items, ...rest.body.items].map((c) => c.name).sort();
    expect(names).toEqual(
      [`滨州市${tag}丙商会`, `滨州市${tag}乙商会`, `滨州市${tag}甲商会`].sort(),
    );
  });

  it('filters by relationship to the FIC', async () => {
    const answer = await call<Page>(
      'GET',
      `/v1/chambers?name=${encodeURIComponent(tag)}&relationship=classified`,
      { token: admin },
    );
    expect(answer.body.items.map((c) => c.id)).toEqual([ids.classified]);
    const bad = await call<{ errors: { path: string[] }[] }>(
      'GET',
      '/v1/chambers?relationship=friend',
      { token: admin },
    );
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e) => e.path)).toContainEqual(['relationship']);
  });
});
