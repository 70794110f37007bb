import { describe, expect, it } from 'vitest';
import type { Award, Cycle } from '#shared/contract/assessment';
import { covers } from '#shared/regions/codes';
import { call as rawCall } from '../support/api';
import {
  assessor,
  assign,
  CITY,
  cityAdmin,
  createChamber,
  entryPath,
  finalize,
  newAssessorId,
  officerOf,
  ok,
  openCycle,
  type ResultItem,
  results,
  review,
  selfAssess,
  sheet,
  veto,
  ZHANHUA,
} from '../support/assessment';
import { call, expectProblem, type Page } from '../support/registration';

/*
 * One Four-Good cycle over HTTP, from opening to a published award, as the FIC, the chambers'
 * officers and the assessors each see it. Every test here opens its own cycle (city 371600) on
 * chambers of its own (沾化区 371603).
 */

describe('a whole cycle, from opening to a published award', () => {
  it('opens, collects self-assessments and reviews, vetoes, finalizes, ranks and awards', async () => {
    const admin = await cityAdmin();
    const cycle = await openCycle({ year: 2023, rubricId: 'four-good-2020' });
    expect(cycle).toMatchObject({
      year: 2023,
      rubricId: 'four-good-2020',
      regionCode: CITY,
      status: 'open',
      finalizedAt: null,
    });
    expect(cycle.title).toContain('2023');
    expect(
      ok(await call<Cycle>('GET', `/v1/assessment-cycles/${cycle.id}`, { token: admin })),
    ).toEqual(cycle);

    const [a, b, c, d, e, f] = await Promise.all(
      ['甲', '乙', '丙', '丁', '戊', '己'].map((label) =>
        createChamber({ name: `滨州${label}商会${Date.now().toString(36)}` }),
      ),
    );
    if (!a || !b || !c || !d || !e || !f) throw new Error('chambers');

    // Each officer assesses their own chamber: full marks, less what they admit to.
    for (const chamber of [a, b, c, d, e, f]) {
      const self = ok(
        await selfAssess(cycle.id, chamber.id, await sheet({ T4: 10 }, { reasons: false })),
      );
      expect(self).toMatchObject({ chamberId: chamber.id, total: 990, version: 1 });
    }

    const [r1, r2, r3] = [newAssessorId('r1'), newAssessorId('r2'), newAssessorId('r3')];
    for (const chamber of [a, b, c, d, f]) {
      for (const assessorId of [r1, r2]) {
        expect(ok(await assign(cycle.id, chamber.id, assessorId), 201)).toMatchObject({
          status: 'assigned',
          scores: [],
          total: null,
        });
      }
    }
    ok(await assign(cycle.id, f.id, r3), 201);
    ok(await assign(cycle.id, e.id, r1), 201); // never reviewed

    const plan: [string, string, Record<string, number>][] = [
      [a.id, r1, { P1: 20, P2: 19.5 }], // 960.5
      [a.id, r2, { S1: 50 }], // 950      → 955.25
      [b.id, r1, { P1: 44.5 }], // 955.5
      [b.id, r2, { R1: 45 }], // 955      → 955.25: a tie with 甲
      [c.id, r1, { P1: 70, P2: 60 }], // 870
      [c.id, r2, { S2: 69.5, S3: 50 }], // 880.5 → 875.25
      [d.id, r1, { R5: 10 }],
      [d.id, r2, { R5: 10 }], // 990, but vetoed
      [f.id, r1, { T1: 60, T2: 40 }], // 900
      [f.id, r2, { S4: 50, S5: 50 }], // 900
      [f.id, r3, { R2: 59.9, R3: 40 }], // 900.1 → 900.0333… → 900.03
    ];
    for (const [chamberId, assessorId, deductions] of plan) {
      const saved = ok(await review(cycle.id, chamberId, assessorId, await sheet(deductions)));
      expect(saved).toMatchObject({ status: 'submitted', version: 2 });
    }
    expect(ok(await veto(cycle.id, d.id, 'serious-violation'), 201)).toMatchObject({
      chamberId: d.id,
      reason: 'serious-violation',
    });

    // The FIC sees self-score and reviewers' scores side by side, with every deduction's reason.
    const entry = ok(
      await call<{
        selfAssessment: { total: number };
        sheet: {
          indicatorId: string;
          maxPoints: number;
          selfPoints: number;
          reviews: { assessorId: string; points: number; deductionReason?: string }[];
        }[];
      }>('GET', entryPath(cycle.id, a.id), { token: admin }),
    );
    expect(entry.selfAssessment.total).toBe(990);
    expect(entry.sheet.find((row) => row.indicatorId === 'P2')).toEqual(
      expect.objectContaining({
        maxPoints: 60,
        selfPoints: 60,
        reviews: expect.arrayContaining([
          { assessorId: r1, points: 40.5, deductionReason: '扣19.5分：材料不全' },
          { assessorId: r2, points: 60 },
        ]),
      }),
    );

    const expected: Partial<ResultItem>[] = [
      { rank: 1, score: 955.25, grade: '优秀', eligible: true, reviewers: 2 },
      { rank: 1, score: 955.25, grade: '优秀', eligible: true, reviewers: 2 },
      { rank: 3, chamberId: f.id, score: 900.03, grade: '优秀', eligible: true, reviewers: 3 },
      { rank: 4, chamberId: c.id, score: 875.25, grade: '良好', eligible: true, reviewers: 2 },
    ];
    const tied = [a.id, b.id].sort();
    const ineligible = [
      {
        chamberId: d.id,
        rank: null,
        score: 990,
        grade: null,
        eligible: false,
        reviewers: 2,
        vetoes: ['serious-violation'],
      },
      {
        chamberId: e.id,
        rank: null,
        score: null,
        grade: null,
        eligible: false,
        reviewers: 0,
        vetoes: [],
      },
    ].sort((x, y) => (x.chamberId < y.chamberId ? -1 : 1));
    const check = (items: ResultItem[]) => {
      expect(items).toHaveLength(6);
      expect(items.slice(0, 2).map((item) => item.chamberId)).toEqual(tied);
      expect(items.slice(0, 4)).toMatchObject(expected);
      expect(items.slice(4)).toMatchObject(ineligible);
      expect(items.find((item) => item.chamberId === a.id)).toMatchObject({
        name: a.name,
        selfScore: 990,
      });
    };

    const provisional = ok(await results(cycle.id));
    expect(provisional).toMatchObject({ status: 'open', finalizedAt: null });
    check(provisional.items);

    const finalized = ok(await finalize(cycle.id));
    expect(finalized).toMatchObject({ id: cycle.id, status: 'finalized' });
    expect(Date.parse(finalized.finalizedAt as string)).not.toBeNaN();

    const final = ok(await results(cycle.id));
    expect(final).toMatchObject({ status: 'finalized', finalizedAt: finalized.finalizedAt });
    check(final.items);
    // An assessor of the cycle reads the same results.
    expect(ok(await results(cycle.id, await assessor(r3))).items).toEqual(final.items);

    // Frozen: every write into the cycle is refused with 409, and nothing changes.
    expectProblem(await selfAssess(cycle.id, a.id, await sheet()), 409);
    expectProblem(await review(cycle.id, a.id, r1, await sheet()), 409);
    expectProblem(await assign(cycle.id, a.id, newAssessorId()), 409);
    expectProblem(await veto(cycle.id, a.id, 'missing-annual-report'), 409);
    expectProblem(await finalize(cycle.id), 409);
    expect(ok(await results(cycle.id)).items).toEqual(final.items);

    // The city recognises the first-ranked chamber, citing the cycle; the award is public.
    const award = ok(
      await call<Award>('POST', '/v1/awards', {
        token: admin,
        body: { chamberId: tied[0], level: 'city', year: 2023, cycleId: cycle.id },
      }),
      201,
    );
    expect(award).toMatchObject({
      chamberId: tied[0],
      regionCode: ZHANHUA,
      level: 'city',
      year: 2023,
      cycleId: cycle.id,
      score: 955.25,
      grade: '优秀',
      validUntil: '2025-12-31',
    });
    expect(award).not.toHaveProperty('awardedBy');
    // A vetoed entry earns no award from this cycle, however high its score.
    expectProblem(
      await call('POST', '/v1/awards', {
        token: admin,
        body: { chamberId: d.id, level: 'city', year: 2023, cycleId: cycle.id },
      }),
      409,
    );

    const listed = await rawCall<Page<Award>>('GET', `/v1/awards?regionCode=${ZHANHUA}&year=2023`);
    expect(listed.status).toBe(200);
    expect(listed.body.items.filter((item) => item.chamberId === tied[0])).toEqual([award]);
  });
});

describe('the officer and the assessor', () => {
  it('an officer reads back their own self-assessment, versioned, and may replace it', async () => {
    const cycle = await openCycle();
    const chamber = await createChamber();
    const officer = await officerOf(chamber.id);
    ok(await selfAssess(cycle.id, chamber.id, await sheet({ P1: 0.5 }, { reasons: false })));
    const path = `${entryPath(cycle.id, chamber.id)}/self-assessment`;
    const first = await call('GET', path, { token: officer });
    expect(ok(first)).toMatchObject({ total: 999.5, version: 1 });
    expect(first.headers.get('etag')).toBe('"1"');

    const scores = (await sheet({ P1: 10 }, { reasons: false })).map((score) =>
      score.indicatorId === 'P1' ? { ...score, note: '换届延期两个月' } : score,
    );
    const replaced = await call('PUT', path, {
      token: officer,
      body: { scores },
      headers: { 'if-match': '1' },
    });
    expect(ok(replaced)).toMatchObject({ total: 990, version: 2 });
    // A stale If-Match does not overwrite the newer version.
    expectProblem(
      await call('PUT', path, { token: officer, body: { scores }, headers: { 'if-match': '1' } }),
      412,
    );
    expect(ok(await call('GET', path, { token: officer }))).toMatchObject({ version: 2 });
  });

  it('an assessor finds their assignments and reads only their own review', async () => {
    const cycle = await openCycle();
    const chamber = await createChamber();
    const [mine, other] = [newAssessorId(), newAssessorId()];
    ok(await assign(cycle.id, chamber.id, mine), 201);
    ok(await assign(cycle.id, chamber.id, other), 201);
    ok(await review(cycle.id, chamber.id, other, await sheet({ R4: 50 })));

    const token = await assessor(mine);
    const assignments = ok(
      await call<Page<{ cycleId: string; chamberId: string; status: string }>>(
        'GET',
        `/v1/assessors/${mine}/assignments`,
        { token },
      ),
    );
    expect(assignments.items).toEqual([
      expect.objectContaining({ cycleId: cycle.id, chamberId: chamber.id, status: 'assigned' }),
    ]);
    const inCycle = ok(
      await call<Page<{ assessorId: string }>>(
        'GET',
        `/v1/assessment-cycles/${cycle.id}/assignments`,
        {
          token,
        },
      ),
    );
    expect(inCycle.items.map((item) => item.assessorId)).toEqual([mine]);
    ok(await call('GET', `/v1/assessment-cycles/${cycle.id}`, { token }));

    const path = `${entryPath(cycle.id, chamber.id)}/reviews`;
    expectProblem(await call('GET', `${path}/${other}`, { token }), 404);
    // Their view of the entry shows their own review only.
    const entry = ok(
      await call<{ reviews: { assessorId: string }[]; vetoes: unknown[] }>(
        'GET',
        entryPath(cycle.id, chamber.id),
        { token },
      ),
    );
    expect(entry.reviews.map((item) => item.assessorId)).toEqual([mine]);

    // The FIC sees both.
    const all = ok(
      await call<Page<{ assessorId: string }>>(
        'GET',
        `/v1/assessment-cycles/${cycle.id}/assignments`,
        {
          token: await cityAdmin(),
        },
      ),
    );
    expect(all.items.map((item) => item.assessorId).sort()).toEqual([mine, other].sort());
  });
});

describe('finding cycles and assignments', () => {
  it('lists the cycles within a region by year, page by page, to FIC staff only', async () => {
    const admin = await cityAdmin();
    const opened = [await openCycle({ year: 2021 }), await openCycle({ year: 2021 })];
    const seen: Cycle[] = [];
    let cursor: string | null = null;
    do {
      const after: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
      const page: Page<Cycle> = ok(
        await call<Page<Cycle>>(
          'GET',
          `/v1/assessment-cycles?regionCode=${CITY}&year=2021&limit=1${after}`,
          {
            token: admin,
          },
        ),
      );
      expect(page.items.length).toBeLessThanOrEqual(1);
      seen.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor && seen.length < 1000);
    expect(seen.map((c) => c.id)).toEqual(expect.arrayContaining(opened.map((c) => c.id)));
    expect(seen.every((c) => c.year === 2021 && c.regionCode === CITY)).toBe(true);
    expect(seen[0]).not.toHaveProperty('rubric');
    // A chamber officer sees the cycles their chamber takes part in (to find where to
    // self-assess): those of its city here, and none of another city's.
    const chamber = await createChamber();
    const officer = await officerOf(chamber.id);
    const mine = ok(
      await call<Page<Cycle>>('GET', '/v1/assessment-cycles?year=2021&limit=100', {
        token: officer,
      }),
    );
    expect(mine.items.map((c) => c.id)).toEqual(expect.arrayContaining(opened.map((c) => c.id)));
    expect(mine.items.every((c) => covers(c.regionCode, chamber.regionCode))).toBe(true);
    expect(mine.nextCursor).toBeNull();
    expectProblem(
      await call('GET', '/v1/assessment-cycles', { token: await assessor(newAssessorId()) }),
      403,
    );
    // The officer of a chamber in the cycle's region may read the cycle itself.
    expect(
      ok(await call<Cycle>('GET', `/v1/assessment-cycles/${opened[0]?.id}`, { token: officer })).id,
    ).toBe(opened[0]?.id);
  });

  it('withdraws an assignment not reviewed yet, and keeps a submitted review', async () => {
    const cycle = await openCycle();
    const [a, b] = [await createChamber(), await createChamber()];
    const id = newAssessorId();
    ok(await assign(cycle.id, a.id, id), 201);
    ok(await assign(cycle.id, b.id, id), 201);
    const path = (chamberId: string) =>
      `/v1/assessment-cycles/${cycle.id}/assignments/${chamberId}/${id}`;
    const admin = await cityAdmin();
    // Only FIC staff withdraw; the assessor may not.
    expectProblem(await call('DELETE', path(a.id), { token: await assessor(id) }), 403);
    expect((await call('DELETE', path(a.id), { token: admin })).status).toBe(204);
    expectProblem(await call('DELETE', path(a.id), { token: admin }), 404);
    // The assessor no longer has it, nor may review it; assigning again works.
    const mine = ok(
      await call<Page<{ chamberId: string }>>('GET', `/v1/assessors/${id}/assignments`, {
        token: admin,
      }),
    );
    expect(mine.items.map((item) => item.chamberId)).toEqual([b.id]);
    expect((await review(cycle.id, a.id, id, await sheet({}))).status).toBeGreaterThanOrEqual(403);
    ok(await assign(cycle.id, a.id, id), 201);
    // A submitted review stays; a finalized cycle changes no more.
    ok(await review(cycle.id, b.id, id, await sheet({})));
    expectProblem(await call('DELETE', path(b.id), { token: admin }), 409);
    await finalize(cycle.id);
    expectProblem(await call('DELETE', path(a.id), { token: admin }), 409);
  });

  it('shows an assessor’s assignments to FIC staff, but not to another assessor', async () => {
    const cycle = await openCycle();
    const chamber = await createChamber();
    const id = newAssessorId();
    ok(await assign(cycle.id, chamber.id, id), 201);
    const admin = await cityAdmin();
    const staff = ok(
      await call<Page<{ chamberId: string }>>('GET', `/v1/assessors/${id}/assignments`, {
        token: admin,
      }),
    );
    expect(staff.items.map((item) => item.chamberId)).toEqual([chamber.id]);
    expectProblem(
      await call('GET', `/v1/assessors/${id}/assignments`, {
        token: await assessor(newAssessorId()),
      }),
      403,
    );
    ok(await review(cycle.id, chamber.id, id, await sheet({ R1: 1 })));
    const read = ok(
      await call<{ status: string; total: number }>(
        'GET',
        `${entryPath(cycle.id, chamber.id)}/reviews/${id}`,
        {
          token: admin,
        },
      ),
    );
    expect(read).toMatchObject({ status: 'submitted', total: 999 });
  });
});
