import { describe, expect, it } from 'vitest';
import { type RubricShape, withoutEvidence } from '#shared/domain/assessment';
import {
  describeFact,
  EVIDENCE_FACTS,
  evidenceErrors,
  type Facts,
  suggestScores,
  yuan,
} from '#shared/domain/evidence';
import { FOUR_GOOD_2017 } from '#shared/domain/rubrics/four-good-2017';
import { FOUR_GOOD_2020 } from '#shared/domain/rubrics/four-good-2020';

/*
 * The evidence beside a score: the rubrics' declarations are whole (every rule reads a fact its
 * indicator lists, gives points to every value, never more than the indicator's maximum), and
 * the evaluator turns facts into the points a person would work out from the rule, with a why
 * that names the facts and the rule in Chinese.
 */

const shipped = [FOUR_GOOD_2017, FOUR_GOOD_2020];

/** A chamber with nothing on record: what the evidence of a brand-new chamber says. */
const nothing: Facts = {
  partyOrganisation: 'none',
  partyBranchStars: null,
  activities: { count: 0, sevenOnesDone: [], sevenOnesComplete: false },
  annualReport: 'missing',
  visits: { count: 0, issuesRaised: 0, issuesAnsweredInTime: 0, issuesLate: 0 },
  donations: { amountFen: 0, peopleHelped: 0, entries: 0 },
  members: 0,
  governmentFunctions: 0,
  awards: [],
  feature: null,
  branchHighlight: null,
  alliances: 0,
};

/** A busy year. */
const busy: Facts = {
  partyOrganisation: 'joint-branch',
  partyBranchStars: 4,
  activities: {
    count: 9,
    sevenOnesDone: [
      'study-session',
      'red-song',
      'ideals-education',
      'party-lecture',
      'themed-party-day',
    ],
    sevenOnesComplete: false,
  },
  annualReport: 'submitted',
  visits: { count: 2, issuesRaised: 3, issuesAnsweredInTime: 1, issuesLate: 1 },
  donations: { amountFen: 12_345_600, peopleHelped: 30, entries: 2 },
  members: 25,
  governmentFunctions: 4,
  awards: [{ level: 'province', year: 2022, validUntil: '2024-12-31' }],
  feature: '全国首个金属材料行业县级贯标机构',
  branchHighlight: null,
  alliances: 1,
};

const byId = (rubric: RubricShape, facts: Facts, year = 2023) =>
  new Map(suggestScores(rubric, facts, year).map((line) => [line.indicatorId, line]));

describe('the rubrics’ evidence declarations', () => {
  it.each(shipped)('$id declares evidence that can be applied', (rubric) => {
    expect(evidenceErrors(rubric)).toEqual([]);
  });

  it.each(shipped)('$id lets every fact the system holds bear on some indicator', (rubric) => {
    const used = new Set(
      rubric.dimensions.flatMap((d) => d.indicators.flatMap((i) => i.evidence?.facts ?? [])),
    );
    expect([...EVIDENCE_FACTS].filter((fact) => !used.has(fact))).toEqual([]);
  });

  it('are advice beside the scoring: withoutEvidence leaves points and grades as they were', () => {
    for (const rubric of shipped) {
      const scored = withoutEvidence(rubric);
      expect(JSON.stringify(scored)).not.toContain('evidence');
      expect(scored.grades).toEqual(rubric.grades);
      expect(scored.dimensions.map((d) => d.indicators.map((i) => [i.id, i.maxPoints]))).toEqual(
        rubric.dimensions.map((d) => d.indicators.map((i) => [i.id, i.maxPoints])),
      );
    }
  });
});

describe('evidenceErrors', () => {
  const with2017 = (change: (rubric: RubricShape) => void) => {
    const rubric = structuredClone(FOUR_GOOD_2017);
    change(rubric);
    return evidenceErrors(rubric);
  };
  const indicator = (rubric: RubricShape, d: number, i: number) =>
    rubric.dimensions[d]?.indicators[i] as RubricShape['dimensions'][number]['indicators'][number];

  it('names a fact the system does not hold, and one listed twice', () => {
    const errors = with2017((rubric) => {
      indicator(rubric, 0, 0).evidence = { facts: ['members', 'salaries' as never, 'members'] };
    });
    expect(errors.map((e) => e.path)).toEqual([
      ['dimensions', 0, 'indicators', 0, 'evidence', 'facts', 1],
      ['dimensions', 0, 'indicators', 0, 'evidence', 'facts', 2],
    ]);
  });

  it('names a rule that reads a fact its indicator does not list', () => {
    const errors = with2017((rubric) => {
      indicator(rubric, 0, 2).evidence = {
        facts: ['members'],
        suggest: { rule: 'share', of: 'partyBranchStars', full: 5 },
      };
    });
    expect(errors).toEqual([
      {
        path: ['dimensions', 0, 'indicators', 2, 'evidence', 'suggest'],
        message: 'reads partyBranchStars, which facts does not list',
      },
    ]);
  });

  it('names points given to some values only, or more than the indicator is worth', () => {
    const errors = with2017((rubric) => {
      indicator(rubric, 0, 2).evidence = {
        facts: ['partyOrganisation'],
        suggest: { rule: 'by-value', fact: 'partyOrganisation', points: { branch: 61, none: 0 } },
      };
    });
    expect(errors.map((e) => e.message)).toEqual([
      'must give points to exactly branch, joint-branch, instructor, none',
      "may suggest 61 points, above the indicator's maxPoints (60)",
    ]);
  });

  it('adds up the parts of a sum against the indicator’s maximum', () => {
    const errors = with2017((rubric) => {
      indicator(rubric, 0, 3).evidence = {
        facts: ['partyBranchStars', 'alliances'],
        suggest: {
          rule: 'sum',
          parts: [
            { rule: 'share', of: 'partyBranchStars', full: 5, points: 40 },
            { rule: 'share', of: 'alliances', full: 1, points: 10 },
          ],
        },
      };
    });
    expect(errors.map((e) => e.message)).toEqual([
      "may suggest 50 points, above the indicator's maxPoints (40)",
    ]);
  });
});

describe('suggestScores', () => {
  it('answers every indicator of the rubric, in its order', () => {
    for (const rubric of shipped) {
      expect(suggestScores(rubric, busy, 2023).map((line) => line.indicatorId)).toEqual(
        rubric.dimensions.flatMap((d) => d.indicators.map((i) => i.id)),
      );
    }
  });

  it('applies the 2017 rules: Party organisation, stars, the seven ones, functions, the report', () => {
    const lines = byId(FOUR_GOOD_2017, busy);
    expect(lines.get('L3')?.suggestedPoints).toBe(60); // a joint branch is a Party organisation
    expect(lines.get('L4')?.suggestedPoints).toBe(32); // 4 of 5 stars × 40
    expect(lines.get('E1')?.suggestedPoints).toBe(57.1); // 5 of 7 kinds × 80 = 57.14…
    expect(lines.get('S2')?.suggestedPoints).toBe(46.7); // 4 of 6 functions × 70 = 46.66…
    expect(lines.get('R1')?.suggestedPoints).toBe(40); // submitted, not yet accepted
    const suggested = [...lines.values()].filter((line) => line.suggestedPoints !== null);
    expect(suggested.map((line) => line.indicatorId)).toEqual(['L3', 'L4', 'E1', 'S2', 'R1']);
  });

  it('applies the 2020 rules, a sum of parts among them (stars and the alliance)', () => {
    const lines = byId(FOUR_GOOD_2020, busy);
    expect(lines.get('P1')?.suggestedPoints).toBe(70);
    expect(lines.get('P2')?.suggestedPoints).toBe(42.9); // 5 of 7 × 60 = 42.86…
    expect(lines.get('P3')?.suggestedPoints).toBe(42); // 4 stars of 5 × 40 + in an alliance 10
    expect(lines.get('S2')?.suggestedPoints).toBe(46.7);
    expect(lines.get('R1')?.suggestedPoints).toBe(48);
    expect(byId(FOUR_GOOD_2020, { ...busy, alliances: 0 }).get('P3')?.suggestedPoints).toBe(32);
  });

  it('gives the rules’ floor to a chamber with nothing on record, and says so', () => {
    for (const rubric of shipped) {
      for (const line of suggestScores(rubric, nothing, 2023)) {
        if (line.suggestedPoints !== null) expect(line.suggestedPoints, line.indicatorId).toBe(0);
      }
    }
    const lines = byId(FOUR_GOOD_2017, nothing);
    expect(lines.get('L3')?.why).toContain('本项为“未建立党组织”，得 0 分');
    expect(lines.get('R1')?.why).toContain('2022 年度工作报告：未报送');
    expect(lines.get('L4')?.why).toContain('2023 年党支部未评星');
  });

  it('explains a suggestion with the facts and the rule, in Chinese', () => {
    const line = byId(FOUR_GOOD_2017, busy).get('E1');
    expect(line?.facts).toEqual(['activities']);
    expect(line?.why).toBe(
      '2023 年开展活动 9 次（含党建联盟联合活动），“七个一”已开展 5/7 类（未开展：专题组织生活会、“三亮三比”）。按规则：“七个一”活动已开展的种类满 7 类得 80 分，不足按比例计；本项 5 类，得 57.1 分。建议 57.1 分（满分 80 分），请对照材料确认后评分。',
    );
    expect(byId(FOUR_GOOD_2020, busy).get('P1')?.why).toContain(
      '按规则：党组织：党支部或联合党支部得 70 分，党建指导员（未单独建立党组织）得 35 分，未建立党组织得 0 分；本项为“联合党支部”，得 70 分',
    );
  });

  it('says the same of a rubric read back from storage, whose maps keep no order', () => {
    const stored = structuredClone(FOUR_GOOD_2020);
    for (const indicator of stored.dimensions.flatMap((d) => d.indicators)) {
      const rule = indicator.evidence?.suggest;
      if (rule?.rule === 'by-value') {
        rule.points = Object.fromEntries(Object.entries(rule.points).reverse());
      }
    }
    expect(suggestScores(stored, busy, 2023)).toEqual(suggestScores(FOUR_GOOD_2020, busy, 2023));
  });

  it('shows the facts without a number where the rubric makes no clear rule', () => {
    const lines = byId(FOUR_GOOD_2017, busy);
    const s3 = lines.get('S3');
    expect(s3?.suggestedPoints).toBeNull();
    expect(s3?.facts).toEqual(['donations']);
    expect(s3?.why).toBe(
      '2023 年捐赠 12.35 万元（2 笔，已扣除冲正），帮扶 30 人。评分标准对此项没有可直接套用的规则，请评分人结合材料判断。',
    );
    expect(lines.get('L1')).toMatchObject({ facts: [], suggestedPoints: null });
    expect(lines.get('L1')?.why).toBe('系统中没有与此项相关的记录，请依据商会提交的材料评分。');
    expect(lines.get('E5')?.why).toContain('省级（2022 年度，有效期至 2024-12-31）');
    expect(lines.get('E5')?.why).toContain('一支部一亮点：未填写');
    expect(lines.get('R3')?.why).toContain('按期答复 1 个，逾期 1 个');
  });
});

describe('facts in words', () => {
  it('writes money as a person reads it: yuan, then 万元 from ten thousand up', () => {
    expect(yuan(0)).toBe('0 元');
    expect(yuan(150)).toBe('1.50 元');
    expect(yuan(123_456)).toBe('1,234.56 元');
    expect(yuan(1_000_000)).toBe('1 万元');
    expect(yuan(4_922_000_000)).toBe('4,922 万元');
  });

  it('cuts a long feature to an excerpt, and leaves a short one whole', () => {
    expect(describeFact('feature', busy, 2023)).toBe(
      '一商会一特色：全国首个金属材料行业县级贯标机构',
    );
    const long = '商'.repeat(200);
    expect(describeFact('feature', { ...busy, feature: long }, 2023)).toBe(
      `一商会一特色：${'商'.repeat(60)}……`,
    );
  });
});
