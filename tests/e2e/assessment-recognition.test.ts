import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Award, Rating, Rubric } from '#shared/contract/assessment';
import { withoutEvidence } from '#shared/domain/assessment';
import { FOUR_GOOD_2020 } from '#shared/domain/rubrics/four-good-2020';
import { call as rawCall, token } from '../support/api';
import {
  assessor,
  cityAdmin,
  createChamber,
  newAssessorId,
  officerOf,
  ok,
  openCycle,
  selfAssess,
  sheet,
} from '../support/assessment';
import { call, expectProblem, type Page } from '../support/registration';

/*
 * Rubrics (shipped and published), awards and their public list, Party-branch star ratings.
 * Awards here go to chambers made in 邹平市 (371681) for years 2018–2020, which no other test
 * awards; every assertion is about this file's own chambers.
 */

const ZOUPING = '371681';

describe('rubrics', () => {
  it('lists both shipped rubrics, four dimensions worth 1,000 points, in Chinese with a gloss', async () => {
    const admin = await cityAdmin();
    const page = ok(await call<Page<Rubric>>('GET', '/v1/rubrics?limit=100', { token: admin }));
    // As they are scored: the evidence declared beside the indicators is not part of a rubric.
    expect(page.items.find((rubric) => rubric.id === 'four-good-2020')).toEqual({
      ...withoutEvidence(FOUR_GOOD_2020),
      source: 'shipped',
      regionCode: null,
      publishedAt: null,
    });
    const shipped = page.items.filter((rubric) => rubric.source === 'shipped');
    expect(shipped.map((rubric) => rubric.id)).toEqual(['four-good-2017', 'four-good-2020']);
    expect(shipped.map((r) => r.dimensions.map((d) => d.title))).toEqual([
      ['班子建设好', '团结教育好', '服务发展好', '自律规范好'],
      ['政治引领好', '队伍建设好', '服务发展好', '自律规范好'],
    ]);
    for (const rubric of shipped) {
      expect(rubric.totalPoints).toBe(1000);
      expect(
        rubric.dimensions.every((d) => d.titleEn && d.indicators.every((i) => i.titleEn)),
      ).toBe(true);
    }
    // Any role with a token reads them.
    const officer = await token({ role: 'chamber-officer', chamberId: 'x', sub: 'rubric-reader' });
    ok(await call('GET', '/v1/rubrics/four-good-2017', { token: officer }));
    expectProblem(await call('GET', '/v1/rubrics/four-good-1999', { token: officer }), 404);
  });

  it('publishes an FIC’s own version once, refuses one whose points do not add up', async () => {
    const admin = await cityAdmin();
    const id = `binzhou-${randomUUID().slice(0, 8)}`;
    // The shipped rubric as it is scored (GET /v1/rubrics/four-good-2020 serves it so).
    const { id: _id, ...shape } = withoutEvidence(FOUR_GOOD_2020);
    const body = { ...shape, id, title: '滨州市“四好商会”评价指标（试行）' };
    const published = ok(await call<Rubric>('POST', '/v1/rubrics', { token: admin, body }), 201);
    expect(published).toMatchObject({ id, source: 'published', regionCode: '371600' });
    expect(ok(await call('GET', `/v1/rubrics/${id}`, { token: admin }))).toEqual(published);
    expectProblem(await call('POST', '/v1/rubrics', { token: admin, body }), 409);
    expectProblem(
      await call('POST', '/v1/rubrics', { token: admin, body: { ...body, id: 'four-good-2017' } }),
      409,
    );
    // A cycle may be opened on it, and is scored against it.
    const cycle = await openCycle({ rubricId: id });
    const chamber = await createChamber();
    ok(await selfAssess(cycle.id, chamber.id, await sheet({}, { rubricId: id })));

    const broken = structuredClone(body);
    broken.id = `${id}-broken`;
    (broken.dimensions[1]?.indicators[0] as { maxPoints: number }).maxPoints += 5;
    broken.grades = [...body.grades].reverse();
    broken.totalPoints = 999;
    const answer = await call('POST', '/v1/rubrics', { token: admin, body: broken });
    expectProblem(answer, 400, ['dimensions', 1, 'maxPoints']);
    expectProblem(answer, 400, ['totalPoints']);
    expectProblem(answer, 400, ['grades', 1, 'minScore']);
    const three = { ...body, id: `${id}-three`, dimensions: body.dimensions.slice(0, 3) };
    expectProblem(await call('POST', '/v1/rubrics', { token: admin, body: three }), 400, [
      'dimensions',
    ]);
    // Only FIC staff publish.
    const reviewer = await assessor(newAssessorId());
    expectProblem(
      await call('POST', '/v1/rubrics', { token: reviewer, body: { ...body, id: `${id}-x` } }),
      403,
    );
  });

  it('pages through the merged list in id order without repeats', async () => {
    const admin = await cityAdmin();
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
      const page: Page<Rubric> = ok(
        await call<Page<Rubric>>('GET', `/v1/rubrics?limit=1${query}`, { token: admin }),
      );
      seen.push(...page.items.map((rubric) => rubric.id));
      cursor = page.nextCursor;
    } while (cursor && seen.length < 500);
    expect(seen).toEqual([...new Set(seen)].sort());
    expect(seen).toEqual(expect.arrayContaining(['four-good-2017', 'four-good-2020']));
  });
});

describe('awards', () => {
  const award = async (body: Record<string, unknown>, as?: string) =>
    call<Award>('POST', '/v1/awards', { token: as ?? (await cityAdmin()), body });

  it('records a recognition valid through the end of year + 2, once per level and year', async () => {
    const chamber = await createChamber({ regionCode: ZOUPING });
    const national = ok(await award({ chamberId: chamber.id, level: 'national', year: 2020 }), 201);
    expect(national).toMatchObject({
      chamberId: chamber.id,
      name: chamber.name,
      regionCode: ZOUPING,
      level: 'national',
      year: 2020,
      title: '全国“四好商会”',
      validUntil: '2022-12-31',
      current: false,
      cycleId: null,
      score: null,
      grade: null,
    });
    expectProblem(await award({ chamberId: chamber.id, level: 'national', year: 2020 }), 409);
    // Renewed: the same level in a later year is a new recognition.
    ok(await award({ chamberId: chamber.id, level: 'national', year: 2022 }), 201);
    const thisYear = new Date().getFullYear();
    const current = ok(
      await award({ chamberId: chamber.id, level: 'province', year: thisYear }),
      201,
    );
    expect(current).toMatchObject({ validUntil: `${thisYear + 2}-12-31`, current: true });
  });

  it('lists awards publicly, newest first, by level, year and region', async () => {
    const [a, b] = await Promise.all([
      createChamber({ regionCode: ZOUPING }),
      createChamber({ regionCode: ZOUPING }),
    ]);
    const made = [
      ok(await award({ chamberId: a.id, level: 'city', year: 2018 }), 201),
      ok(await award({ chamberId: a.id, level: 'province', year: 2019 }), 201),
      ok(await award({ chamberId: b.id, level: 'province', year: 2019 }), 201),
    ];
    const mine = (items: Award[]) => items.filter((item) => [a.id, b.id].includes(item.chamberId));
    const list = async (query: string) => {
      const answer = await rawCall<Page<Award>>('GET', `/v1/awards?${query}`);
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      return mine(answer.body.items);
    };
    const byYear = await list(`regionCode=${ZOUPING}&limit=100`);
    expect(byYear.map((item) => item.year)).toEqual([2019, 2019, 2018]);
    expect(await list(`regionCode=${ZOUPING}&year=2019&level=province`)).toHaveLength(2);
    expect(await list(`regionCode=${ZOUPING}&level=city`)).toEqual([made[0]]);
    expect(await list('regionCode=370000&year=2018')).toEqual([made[0]]);
    expect(await list('year=2018&level=city&limit=100')).toEqual([made[0]]);
    expect(await list('regionCode=371621&year=2019')).toEqual([]);
    expectProblem(await rawCall('GET', '/v1/awards?level=county'), 400, ['level']);
  });

  it('lets only FIC staff over the chamber award, and refuses what cannot be cited', async () => {
    const chamber = await createChamber({ regionCode: ZOUPING });
    const officer = await officerOf(chamber.id);
    expectProblem(await award({ chamberId: chamber.id, level: 'city', year: 2019 }, officer), 403);
    expect((await rawCall('POST', '/v1/awards', { body: { chamberId: chamber.id } })).status).toBe(
      401,
    );
    const huimin = await token({
      role: 'fic-admin',
      regionCode: '371621',
      sub: 'assessment-huimin',
    });
    expectProblem(await award({ chamberId: chamber.id, level: 'city', year: 2019 }, huimin), 404);
    const open = await openCycle({ year: 2019 });
    expectProblem(
      await award({ chamberId: chamber.id, level: 'city', year: 2019, cycleId: open.id }),
      409,
    );
    expectProblem(await award({ chamberId: chamber.id, level: 'city', year: 2099 }), 400, ['year']);
  });
});

describe('Party-branch star ratings', () => {
  it('rates a branch per year, keeps its history, and shows it to the chamber’s officer', async () => {
    const chamber = await createChamber();
    const admin = await cityAdmin();
    const path = (year: number) => `/v1/chambers/${chamber.id}/party-branch/ratings/${year}`;
    const first = ok(await call<Rating>('PUT', path(2021), { token: admin, body: { stars: 3 } }));
    expect(first).toMatchObject({ chamberId: chamber.id, year: 2021, stars: 3, version: 1 });
    ok(await call('PUT', path(2022), { token: admin, body: { stars: 4, note: '亮点突出' } }));
    const raised = ok(
      await call<Rating>('PUT', path(2021), {
        token: admin,
        body: { stars: 5 },
        headers: { 'if-match': '1' },
      }),
    );
    expect(raised).toMatchObject({ stars: 5, version: 2 });
    expectProblem(
      await call('PUT', path(2021), {
        token: admin,
        body: { stars: 2 },
        headers: { 'if-match': '1' },
      }),
      412,
    );

    const history = ok(
      await call<Page<Rating>>('GET', `/v1/chambers/${chamber.id}/party-branch/ratings`, {
        token: await officerOf(chamber.id),
      }),
    );
    expect(history.items.map((r) => [r.year, r.stars, r.note])).toEqual([
      [2022, 4, '亮点突出'],
      [2021, 5, undefined],
    ]);
  });

  it('refuses stars outside 1–5, other roles, other chambers, and a chamber without a branch', async () => {
    const chamber = await createChamber();
    const admin = await cityAdmin();
    const path = `/v1/chambers/${chamber.id}/party-branch/ratings/2022`;
    expectProblem(await call('PUT', path, { token: admin, body: { stars: 6 } }), 400, ['stars']);
    expectProblem(await call('PUT', path, { token: admin, body: { stars: 0 } }), 400, ['stars']);
    expectProblem(await call('PUT', path, { token: admin, body: { stars: 2.5 } }), 400, ['stars']);
    expectProblem(
      await call('PUT', path, { token: await officerOf(chamber.id), body: { stars: 5 } }),
      403,
    );
    const other = await createChamber();
    expectProblem(
      await call('GET', `/v1/chambers/${chamber.id}/party-branch/ratings`, {
        token: await officerOf(other.id),
      }),
      404,
    );
    const none = await createChamber({ partyOrganisation: 'none' });
    expectProblem(
      await call('PUT', `/v1/chambers/${none.id}/party-branch/ratings/2022`, {
        token: admin,
        body: { stars: 3 },
      }),
      409,
    );
  });
});
