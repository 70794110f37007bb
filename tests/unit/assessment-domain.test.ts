import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  awardValidUntil,
  computeResults,
  type EntryFacts,
  gradeFor,
  meanHundredths,
  type Score,
  scoreErrors,
  toTenths,
  totalTenths,
} from '#shared/domain/assessment';
import { FOUR_GOOD_2020 } from '#shared/domain/rubrics/four-good-2020';
import { FOUR_GOOD_GRADES } from '#shared/domain/rubrics/grades';

/*
 * The assessment's pure rules: what a score sheet must be, how reviewers' totals become a score
 * (exact, 2 decimals), a grade and a competition rank, and how long an award holds.
 */

const full = (): Score[] =>
  FOUR_GOOD_2020.dimensions.flatMap((d) =>
    d.indicators.map((i) => ({ indicatorId: i.id, points: i.maxPoints })),
  );

describe('scoreErrors', () => {
  it('accepts a sheet scoring every indicator once, at most its maximum', () => {
    expect(scoreErrors(FOUR_GOOD_2020, full(), { reasons: true })).toEqual([]);
    expect(totalTenths(full())).toBe(10_000);
  });

  it('refuses points above the maximum, at the score’s path', () => {
    const sheet = full();
    sheet[3] = { ...(sheet[3] as Score), points: 999 };
    expect(scoreErrors(FOUR_GOOD_2020, sheet, { reasons: true })).toEqual([
      { path: ['scores', 3, 'points'], message: "exceeds the indicator's maxPoints (40)" },
    ]);
  });

  it('asks a reviewer (not a self-assessment) for the reason of every deduction', () => {
    const sheet = full();
    sheet[2] = { ...(sheet[2] as Score), points: 49.5 };
    expect(scoreErrors(FOUR_GOOD_2020, sheet, { reasons: true })).toEqual([
      {
        path: ['scores', 2, 'deductionReason'],
        message: "is required: 49.5 is below the indicator's maxPoints (50)",
      },
    ]);
    expect(scoreErrors(FOUR_GOOD_2020, sheet, { reasons: false })).toEqual([]);
    sheet[2] = { ...(sheet[2] as Score), deductionReason: '未参加党建联盟' };
    expect(scoreErrors(FOUR_GOOD_2020, sheet, { reasons: true })).toEqual([]);
  });

  it('names unknown, repeated and missing indicators', () => {
    const sheet = full();
    const errors = scoreErrors(
      FOUR_GOOD_2020,
      [...sheet.slice(2), { indicatorId: 'X1', points: 1 }, sheet[2] as Score],
      { reasons: true },
    );
    expect(errors).toEqual([
      {
        path: ['scores', 18, 'indicatorId'],
        message: 'is not an indicator of rubric four-good-2020',
      },
      { path: ['scores', 19, 'indicatorId'], message: 'is scored twice' },
      { path: ['scores'], message: 'misses the indicators P1, P2' },
    ]);
  });
});

describe('totals and means', () => {
  it('adds tenths exactly where floating point would not (0.1 + 0.2)', () => {
    expect(totalTenths([{ points: 0.1 }, { points: 0.2 }])).toBe(3);
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(toTenths(59.9)).toBe(599);
  });

  it('takes the mean in hundredths, rounding half up', () => {
    expect(meanHundredths([])).toBeNull();
    expect(meanHundredths([9605, 9500])).toBe(95_525); // 955.25
    expect(meanHundredths([9000, 9000, 9001])).toBe(90_003); // 900.0333…
    expect(meanHundredths([1, 2])).toBe(15); // 0.15
    expect(meanHundredths([2, 2, 1])).toBe(17); // 0.1666…
    expect(meanHundredths([0, 0, 1])).toBe(3); // 0.0333…
    expect(meanHundredths([1, 0, 0, 0, 0, 0, 0, 0])).toBe(1); // 0.0125 → 0.01
    expect(meanHundredths([1, 0, 0, 0])).toBe(3); // 0.025 → 0.03
  });

  it('agrees with exact rational rounding for any totals', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 1, maxLength: 12 }),
        (t) => {
          const sum = BigInt(t.reduce((a, b) => a + b, 0)) * 10n;
          const n = BigInt(t.length);
          // round half up of sum / n
          const expected = Number((2n * sum + n) / (2n * n));
          expect(meanHundredths(t)).toBe(expected);
        },
      ),
    );
  });
});

describe('gradeFor', () => {
  it('gives the highest grade whose minimum the score reaches', () => {
    expect(gradeFor(FOUR_GOOD_GRADES, 100_000)).toBe('优秀');
    expect(gradeFor(FOUR_GOOD_GRADES, 90_000)).toBe('优秀');
    expect(gradeFor(FOUR_GOOD_GRADES, 89_999)).toBe('良好');
    expect(gradeFor(FOUR_GOOD_GRADES, 60_000)).toBe('合格');
    expect(gradeFor(FOUR_GOOD_GRADES, 0)).toBe('不合格');
    expect(gradeFor([{ grade: 'A', minScore: 50 }], 4_999)).toBeNull();
  });
});

describe('computeResults', () => {
  const entry = (
    chamberId: string,
    reviews: number[],
    extra: Partial<EntryFacts> = {},
  ): EntryFacts => ({
    chamberId,
    name: `商会${chamberId}`,
    selfTotalTenths: null,
    reviewTotalsTenths: reviews,
    vetoes: [],
    ...extra,
  });

  it('ranks eligible entries by mean score, ineligible ones last with rank and grade null', () => {
    const results = computeResults(FOUR_GOOD_GRADES, [
      entry('z-vetoed', [9900], { vetoes: ['serious-violation'] }),
      entry('c', [8700, 8805]),
      entry('b', [9555, 9550]),
      entry('a', [9605, 9500], { selfTotalTenths: 9900 }),
      entry('y-unreviewed', []),
      entry('d', [8752, 8753]),
    ]);
    expect(
      results.map((r) => [r.chamberId, r.rank, r.score, r.grade, r.eligible, r.reviewers]),
    ).toEqual([
      ['a', 1, 955.25, '优秀', true, 2],
      ['b', 1, 955.25, '优秀', true, 2],
      ['c', 3, 875.25, '良好', true, 2],
      ['d', 3, 875.25, '良好', true, 2],
      ['y-unreviewed', null, null, null, false, 0],
      ['z-vetoed', null, 990, null, false, 1],
    ]);
    expect(results[0]).toMatchObject({ name: '商会a', selfScore: 990, vetoes: [] });
    expect(results[5]?.vetoes).toEqual(['serious-violation']);
  });

  it('answers nothing for no entries', () => {
    expect(computeResults(FOUR_GOOD_GRADES, [])).toEqual([]);
  });
});

describe('awardValidUntil', () => {
  it('holds a recognition through the end of the second year after it', () => {
    expect(awardValidUntil(2021)).toBe('2023-12-31');
  });
});
