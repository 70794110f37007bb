import type { FieldError } from '#shared/http/errors';
import type { AwardLevel, RubricShape } from './assessment';
import { SEVEN_ONES, type SevenOne } from './supervision';

/*
 * The evidence beside an assessment score: what the system already holds about a chamber in a
 * cycle's year (its facts), which facts bear on each indicator, and the points they suggest where
 * the rubric makes a clear rule, with why, in words a person reads. Which facts bear on which
 * indicator, and every rule, are declared once, in the rubric's data beside the indicator
 * (shared/domain/rubrics); this module only applies them. People still enter every score.
 */

/** The facts, by name (the contract's table, and the article's programmes the chamber records). */
export const EVIDENCE_FACTS = [
  'partyOrganisation',
  'partyBranchStars',
  'activities',
  'annualReport',
  'visits',
  'donations',
  'members',
  'governmentFunctions',
  'awards',
  'feature',
  'branchHighlight',
  'alliances',
] as const;
export type FactName = (typeof EVIDENCE_FACTS)[number];

export const REPORT_FACTS = ['accepted', 'submitted', 'returned', 'missing'] as const;
export const PARTY_ORGANISATIONS = ['branch', 'joint-branch', 'instructor', 'none'] as const;

export interface Facts {
  partyOrganisation: (typeof PARTY_ORGANISATIONS)[number];
  /** The Party branch's star rating for the year, or null. */
  partyBranchStars: number | null;
  /** Activities held in the year, joint activities of an alliance included. */
  activities: { count: number; sevenOnesDone: SevenOne[]; sevenOnesComplete: boolean };
  /** The status of the annual report for the year before. */
  annualReport: (typeof REPORT_FACTS)[number];
  /** Visits made in the year, and the issues raised in them (late: answered after the reply date, or still open past it). */
  visits: { count: number; issuesRaised: number; issuesAnsweredInTime: number; issuesLate: number };
  /** Donations that occurred in the year, net of reversals. */
  donations: { amountFen: number; peopleHelped: number; entries: number };
  members: number;
  governmentFunctions: number;
  /** Awards valid on any day of the year. */
  awards: { level: AwardLevel; year: number; validUntil: string }[];
  /** 一商会一特色 and 一支部一亮点, as the chamber's record has them. */
  feature: string | null;
  branchHighlight: string | null;
  /** Party-building alliances the chamber's Party organisation belonged to on some day of the year. */
  alliances: number;
}

// ——— What a rule may read ———

/** Facts that take one of a few values: a rule gives points per value. */
const CHOICES = {
  partyOrganisation: {
    label: '党组织',
    values: {
      branch: '党支部',
      'joint-branch': '联合党支部',
      instructor: '党建指导员（未单独建立党组织）',
      none: '未建立党组织',
    },
  },
  annualReport: {
    label: '上一年度工作报告',
    values: {
      accepted: '已审核通过',
      submitted: '已报送、待审核',
      returned: '被退回、待重新报送',
      missing: '未报送',
    },
  },
} as const satisfies Partial<Record<FactName, { label: string; values: Record<string, string> }>>;
type Choice = keyof typeof CHOICES;

/** Numbers read off one fact: a rule gives points in proportion. */
const QUANTITIES = {
  partyBranchStars: {
    fact: 'partyBranchStars',
    label: '党支部星级',
    unit: '星',
    of: (f: Facts) => f.partyBranchStars ?? 0,
  },
  sevenOnesDone: {
    fact: 'activities',
    label: '“七个一”活动已开展的种类',
    unit: '类',
    of: (f: Facts) => f.activities.sevenOnesDone.length,
  },
  governmentFunctions: {
    fact: 'governmentFunctions',
    label: '承接的政府职能',
    unit: '项',
    of: (f: Facts) => f.governmentFunctions,
  },
  alliances: {
    fact: 'alliances',
    label: '加入的党建联盟',
    unit: '个',
    of: (f: Facts) => f.alliances,
  },
  members: { fact: 'members', label: '会员企业', unit: '家', of: (f: Facts) => f.members },
} as const satisfies Record<
  string,
  { fact: FactName; label: string; unit: string; of: (facts: Facts) => number }
>;
type Quantity = keyof typeof QUANTITIES;

/**
 * How points follow from facts:
 * - `by-value`: the points for each value a fact may take (every value named);
 * - `share`: `points` (default: the indicator's maxPoints) × min(quantity, full) / full;
 * - `sum`: parts of those kinds, each with its own points, added up.
 * Points come out in tenths, rounded half up.
 */
export type SuggestionRule =
  | { rule: 'by-value'; fact: Choice; points: Record<string, number> }
  | { rule: 'share'; of: Quantity; full: number; points?: number }
  | {
      rule: 'sum';
      parts: (
        | { rule: 'by-value'; fact: Choice; points: Record<string, number> }
        | { rule: 'share'; of: Quantity; full: number; points: number }
      )[];
    };

/** What an indicator declares, beside its title and points, in the rubric's data. */
export interface IndicatorEvidence {
  /** The facts that bear on it, shown beside it in this order. */
  facts: FactName[];
  /** The rule that suggests its points, where the rubric makes a clear one. */
  suggest?: SuggestionRule;
}

// ——— Checking the declarations ———

/** Why a rubric's evidence declarations cannot be applied (every problem, named by its path). */
export function evidenceErrors(rubric: RubricShape): FieldError[] {
  const errors: FieldError[] = [];
  rubric.dimensions.forEach((dimension, d) => {
    dimension.indicators.forEach((indicator, i) => {
      const evidence = indicator.evidence;
      if (!evidence) return;
      const at = (...path: (string | number)[]) => [
        'dimensions',
        d,
        'indicators',
        i,
        'evidence',
        ...path,
      ];
      evidence.facts.forEach((fact, f) => {
        if (!(EVIDENCE_FACTS as readonly string[]).includes(fact)) {
          errors.push({ path: at('facts', f), message: `${fact} is not a fact the system holds` });
        }
        if (evidence.facts.indexOf(fact) !== f) {
          errors.push({ path: at('facts', f), message: `${fact} is listed twice` });
        }
      });
      const rule = evidence.suggest;
      if (!rule) return;
      const parts = rule.rule === 'sum' ? rule.parts : [rule];
      let most = 0;
      parts.forEach((part, p) => {
        const where = rule.rule === 'sum' ? ['suggest', 'parts', p] : ['suggest'];
        const fact = part.rule === 'by-value' ? part.fact : QUANTITIES[part.of]?.fact;
        if (!fact) {
          errors.push({ path: at(...where), message: 'reads nothing the system knows' });
          return;
        }
        if (!evidence.facts.includes(fact)) {
          errors.push({ path: at(...where), message: `reads ${fact}, which facts does not list` });
        }
        if (part.rule === 'by-value') {
          const values = Object.keys(CHOICES[part.fact].values);
          const named = Object.keys(part.points);
          const missing = values.filter((value) => !named.includes(value));
          const unknown = named.filter((value) => !values.includes(value));
          if (missing.length > 0 || unknown.length > 0) {
            errors.push({
              path: at(...where, 'points'),
              message: `must give points to exactly ${values.join(', ')}`,
            });
          }
          most += Math.max(0, ...Object.values(part.points));
          if (Object.values(part.points).some((points) => points < 0)) {
            errors.push({ path: at(...where, 'points'), message: 'gives negative points' });
          }
        } else {
          if (!(part.full > 0))
            errors.push({ path: at(...where, 'full'), message: 'must be above 0' });
          most += part.points ?? indicator.maxPoints;
        }
      });
      if (most > indicator.maxPoints) {
        errors.push({
          path: at('suggest'),
          message: `may suggest ${most} points, above the indicator's maxPoints (${indicator.maxPoints})`,
        });
      }
    });
  });
  return errors;
}

// ——— Applying them ———

export interface IndicatorSuggestion {
  indicatorId: string;
  facts: FactName[];
  suggestedPoints: number | null;
  why: string;
}

/**
 * Each indicator of `rubric`, in its order: the facts that bear on it, the points its rule
 * suggests (null where it declares none), and why. `year` is the cycle's.
 */
export function suggestScores(
  rubric: RubricShape,
  facts: Facts,
  year: number,
): IndicatorSuggestion[] {
  return rubric.dimensions.flatMap((dimension) =>
    dimension.indicators.map((indicator) => {
      const bearing = indicator.evidence?.facts ?? [];
      const rule = indicator.evidence?.suggest;
      const said = bearing.map((fact) => describeFact(fact, facts, year)).join('；');
      if (!rule) {
        return {
          indicatorId: indicator.id,
          facts: bearing,
          suggestedPoints: null,
          why:
            bearing.length === 0
              ? '系统中没有与此项相关的记录，请依据商会提交的材料评分。'
              : `${said}。评分标准对此项没有可直接套用的规则，请评分人结合材料判断。`,
        };
      }
      const applied = apply(rule, facts, indicator.maxPoints);
      return {
        indicatorId: indicator.id,
        facts: bearing,
        suggestedPoints: applied.tenths / 10,
        why: `${said}。按规则：${applied.says}。建议 ${points(applied.tenths)} 分（满分 ${indicator.maxPoints} 分），请对照材料确认后评分。`,
      };
    }),
  );
}

function apply(
  rule: SuggestionRule,
  facts: Facts,
  maxPoints: number,
): { tenths: number; says: string } {
  switch (rule.rule) {
    case 'by-value': {
      const choice = CHOICES[rule.fact];
      const value = facts[rule.fact] as keyof typeof choice.values;
      const tenths = Math.round((rule.points[value] ?? 0) * 10);
      // Values in the fact's own order (a stored rubric's map keeps none), grouped by points.
      const values = Object.keys(choice.values) as (keyof typeof choice.values)[];
      const grouped = Map.groupBy(values, (v) => rule.points[v] ?? 0);
      const scale = [...grouped]
        .sort(([a], [b]) => b - a)
        .map(([given, named]) => `${named.map((v) => choice.values[v]).join('或')}得 ${given} 分`)
        .join('，');
      return {
        tenths,
        says: `${choice.label}：${scale}；本项为“${choice.values[value]}”，得 ${points(tenths)} 分`,
      };
    }
    case 'share': {
      const quantity = QUANTITIES[rule.of];
      const cap = rule.points ?? maxPoints;
      const value = quantity.of(facts);
      const tenths = Math.round((cap * 10 * Math.min(value, rule.full)) / rule.full);
      return {
        tenths,
        says: `${quantity.label}满 ${rule.full} ${quantity.unit}得 ${cap} 分，不足按比例计；本项 ${value} ${quantity.unit}，得 ${points(tenths)} 分`,
      };
    }
    case 'sum': {
      const applied = rule.parts.map((part) => apply(part, facts, maxPoints));
      return {
        tenths: applied.reduce((sum, part) => sum + part.tenths, 0),
        says: applied.map((part) => part.says).join('；'),
      };
    }
  }
}

const points = (tenths: number) =>
  tenths % 10 === 0 ? String(tenths / 10) : (tenths / 10).toFixed(1);

// ——— The facts in words ———

const LEVELS: Record<AwardLevel, string> = { national: '全国', province: '省级', city: '市级' };
const SEVEN_ONE_NAMES: Record<SevenOne, string> = {
  'study-session': '集中学习',
  'red-song': '唱红歌',
  'ideals-education': '理想信念教育',
  'party-lecture': '讲党课',
  'themed-party-day': '主题党日',
  'organisational-life-meeting': '专题组织生活会',
  'three-shows-three-comparisons': '“三亮三比”',
};

/** One fact as a sentence (no final stop). */
export function describeFact(fact: FactName, facts: Facts, year: number): string {
  switch (fact) {
    case 'partyOrganisation':
      return `党组织：${CHOICES.partyOrganisation.values[facts.partyOrganisation]}`;
    case 'partyBranchStars':
      return facts.partyBranchStars === null
        ? `${year} 年党支部未评星`
        : `${year} 年党支部星级：${facts.partyBranchStars} 星`;
    case 'activities': {
      const { count, sevenOnesDone } = facts.activities;
      const missing = SEVEN_ONES.filter((kind) => !sevenOnesDone.includes(kind));
      const detail =
        missing.length === 0
          ? '七类齐全'
          : `未开展：${missing.map((kind) => SEVEN_ONE_NAMES[kind]).join('、')}`;
      return `${year} 年开展活动 ${count} 次（含党建联盟联合活动），“七个一”已开展 ${sevenOnesDone.length}/7 类（${detail}）`;
    }
    case 'annualReport':
      return `${year - 1} 年度工作报告：${CHOICES.annualReport.values[facts.annualReport]}`;
    case 'visits': {
      const v = facts.visits;
      return `${year} 年驻会领导走访 ${v.count} 次，商会提出问题 ${v.issuesRaised} 个，按期答复 ${v.issuesAnsweredInTime} 个，逾期 ${v.issuesLate} 个（逾期答复或超过答复期限仍未答复）`;
    }
    case 'donations': {
      const d = facts.donations;
      return `${year} 年捐赠 ${yuan(d.amountFen)}（${d.entries} 笔，已扣除冲正），帮扶 ${d.peopleHelped} 人`;
    }
    case 'members':
      return `会员企业 ${facts.members} 家`;
    case 'governmentFunctions':
      return `承接政府职能 ${facts.governmentFunctions} 项（共 6 项）`;
    case 'awards':
      return facts.awards.length === 0
        ? `${year} 年没有有效的“四好商会”称号`
        : `${year} 年有效的“四好商会”称号：${facts.awards
            .map((a) => `${LEVELS[a.level]}（${a.year} 年度，有效期至 ${a.validUntil}）`)
            .join('、')}`;
    case 'feature':
      return facts.feature ? `一商会一特色：${excerpt(facts.feature)}` : '一商会一特色：未填写';
    case 'branchHighlight':
      return facts.branchHighlight
        ? `一支部一亮点：${excerpt(facts.branchHighlight)}`
        : '一支部一亮点：未填写';
    case 'alliances':
      return facts.alliances > 0 ? `加入党建联盟 ${facts.alliances} 个` : '未加入党建联盟';
  }
}

/** A long text cut short; not quoted, since such texts often quote themselves. */
const excerpt = (text: string) => (text.length > 60 ? `${text.slice(0, 60)}……` : text);

/** Fen as yuan a person reads: 万元 from 10,000 yuan up, two decimals. */
export function yuan(fen: number): string {
  const grouped = (value: number) =>
    value
      .toFixed(2)
      .replace(/\.00$/, '')
      .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return Math.abs(fen) >= 1_000_000
    ? `${grouped(fen / 1_000_000)} 万元`
    : `${grouped(fen / 100)} 元`;
}
