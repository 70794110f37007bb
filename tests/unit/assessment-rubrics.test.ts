import { describe, expect, it } from 'vitest';
import { rubricBody } from '#shared/contract/assessment';
import { type RubricShape, rubricErrors, withoutEvidence } from '#shared/domain/assessment';
import { FOUR_GOOD_2017 } from '#shared/domain/rubrics/four-good-2017';
import { FOUR_GOOD_2020 } from '#shared/domain/rubrics/four-good-2020';
import { SHIPPED_RUBRICS } from '#shared/domain/rubrics/index';

/*
 * The rubrics: both shipped ones add up to 1,000 points in the article's and the 2020 national
 * wording, and a rubric whose points do not add up is refused with every fault named.
 */

const shipped = [FOUR_GOOD_2017, FOUR_GOOD_2020];

describe('the shipped rubrics', () => {
  it.each(shipped)('$id adds up: indicators to their dimension, dimensions to 1,000', (rubric) => {
    expect(rubricErrors(rubric)).toEqual([]);
    expect(rubric.totalPoints).toBe(1000);
    expect(rubric.dimensions).toHaveLength(4);
    for (const dimension of rubric.dimensions) {
      const sum = dimension.indicators.reduce((total, i) => total + i.maxPoints, 0);
      expect(sum, dimension.id).toBe(dimension.maxPoints);
    }
    expect(rubric.dimensions.reduce((total, d) => total + d.maxPoints, 0)).toBe(1000);
  });

  it.each(shipped)('$id is publishable as it is scored (the contract accepts it)', (rubric) => {
    // The evidence declared beside its indicators is not part of what it scores.
    const parsed = rubricBody.safeParse(withoutEvidence(rubric));
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
  });

  it('words the dimensions as the article (2017) and the national standard (2020) do', () => {
    expect(FOUR_GOOD_2017.dimensions.map((d) => d.title)).toEqual([
      '班子建设好',
      '团结教育好',
      '服务发展好',
      '自律规范好',
    ]);
    expect(FOUR_GOOD_2020.dimensions.map((d) => d.title)).toEqual([
      '政治引领好',
      '队伍建设好',
      '服务发展好',
      '自律规范好',
    ]);
  });

  it.each(shipped)('$id writes every indicator in Chinese with an English gloss', (rubric) => {
    for (const indicator of rubric.dimensions.flatMap((d) => d.indicators)) {
      expect(indicator.title).toMatch(/\p{Script=Han}/u);
      expect(indicator.titleEn).toMatch(/[A-Za-z]+ [A-Za-z]+/);
    }
  });

  it.each(shipped)(
    '$id draws its indicators from what the article says a good chamber does',
    (rubric) => {
      const text = rubric.dimensions.flatMap((d) => d.indicators.map((i) => i.title)).join('\n');
      for (const phrase of [
        '按章程',
        '同步建立党组织',
        '七个一',
        '光彩事业',
        '年度工作报告',
        '财务',
        '违法违规',
      ]) {
        expect(text, phrase).toContain(phrase);
      }
      expect(text).toMatch(/承接政府/);
    },
  );

  it('grades run downwards from the Four-Good standard (900) to 0', () => {
    for (const rubric of shipped) {
      expect(rubric.grades.map((g) => g.minScore)).toEqual([900, 800, 600, 0]);
    }
  });

  it('serves both by id, and no other', () => {
    expect([...SHIPPED_RUBRICS.keys()]).toEqual(['four-good-2017', 'four-good-2020']);
  });
});

describe('rubricErrors', () => {
  const copy = (): RubricShape => structuredClone(withoutEvidence(FOUR_GOOD_2017));

  it('names a dimension whose indicators do not add up to its maxPoints', () => {
    const rubric = copy();
    (rubric.dimensions[2]?.indicators[1] as { maxPoints: number }).maxPoints -= 1;
    expect(rubricErrors(rubric)).toEqual([
      { path: ['dimensions', 2, 'maxPoints'], message: 'is 300 but its indicators add up to 299' },
    ]);
  });

  it('names totalPoints when the dimensions do not add up to it', () => {
    const rubric = { ...copy(), totalPoints: 100 };
    expect(rubricErrors(rubric).map((e) => e.path)).toContainEqual(['totalPoints']);
  });

  it('names grades that do not run strictly downwards, or lie above the scale', () => {
    const rubric = copy();
    rubric.grades = [
      { grade: 'A', minScore: 1200 },
      { grade: 'B', minScore: 800 },
      { grade: 'C', minScore: 800 },
      { grade: 'D', minScore: 900 },
    ];
    expect(rubricErrors(rubric).map((e) => e.path)).toEqual([
      ['grades', 0, 'minScore'],
      ['grades', 2, 'minScore'],
      ['grades', 3, 'minScore'],
    ]);
  });

  it('names ids used twice, among dimensions and indicators alike', () => {
    const rubric = copy();
    (rubric.dimensions[1]?.indicators[0] as { id: string }).id = 'L1';
    (rubric.dimensions[3] as { id: string }).id = 'leadership';
    expect(rubricErrors(rubric).map((e) => e.path)).toEqual([
      ['dimensions', 1, 'indicators', 0, 'id'],
      ['dimensions', 3, 'id'],
    ]);
  });

  it('is what the contract reports, at the same paths, for a published rubric', () => {
    const rubric = copy();
    rubric.totalPoints = 999;
    const parsed = rubricBody.safeParse(rubric);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.path)).toEqual([['totalPoints']]);
    const three = { ...copy(), dimensions: copy().dimensions.slice(0, 3) };
    expect(rubricBody.safeParse(three).error?.issues[0]?.path).toEqual(['dimensions']);
  });
});
