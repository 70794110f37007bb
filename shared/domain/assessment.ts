import type { FieldError } from '#shared/http/errors';
import type { IndicatorEvidence } from './evidence';
import { compareCodePoints, competitionRanks } from './ranking';

/*
 * The Four-Good assessment's pure rules: what makes a rubric whole, what makes a score sheet
 * acceptable, and how reviewers' sheets become a result (mean, grade, competition rank). Points
 * are counted in tenths and scores in hundredths, as integers, so sums and means are exact.
 */

export const VETO_REASONS = [
  'abnormal-activity-list',
  'serious-violation',
  'administrative-penalty',
  'missing-annual-report',
] as const;
export type VetoReason = (typeof VETO_REASONS)[number];

export const AWARD_LEVELS = ['city', 'province', 'national'] as const;
export type AwardLevel = (typeof AWARD_LEVELS)[number];

/** `finalizing` is the moment between freezing a cycle and writing its results. */
export const CYCLE_STATUSES = ['open', 'finalizing', 'finalized'] as const;
export type CycleStatus = (typeof CYCLE_STATUSES)[number];

export interface Indicator {
  id: string;
  title: string;
  titleEn?: string | undefined;
  maxPoints: number;
  /**
   * The facts that bear on it and the rule that suggests its points (shared/domain/evidence).
   * Advice beside the scoring, not part of it: see withoutEvidence.
   */
  evidence?: IndicatorEvidence | undefined;
}
export interface Dimension extends Omit<Indicator, 'evidence'> {
  indicators: Indicator[];
}
export interface Grade {
  grade: string;
  gradeEn?: string | undefined;
  minScore: number;
}
export interface RubricShape {
  id: string;
  title: string;
  titleEn?: string | undefined;
  totalPoints: number;
  dimensions: Dimension[];
  grades: Grade[];
}

/**
 * Why a rubric is not whole: indicators must add up to their dimension's maxPoints and
 * dimensions to totalPoints, ids must be unique, and grades must run strictly downwards within
 * the scale. Every problem is named by its path, so a publisher can fix them all at once.
 */
export function rubricErrors(rubric: RubricShape): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  const unique = (path: FieldError['path'], id: string) => {
    if (seen.has(id)) errors.push({ path, message: `${id} is used twice in this rubric` });
    seen.add(id);
  };
  let dimensionSum = 0;
  rubric.dimensions.forEach((dimension, d) => {
    unique(['dimensions', d, 'id'], dimension.id);
    dimensionSum += dimension.maxPoints;
    let indicatorSum = 0;
    dimension.indicators.forEach((indicator, i) => {
      unique(['dimensions', d, 'indicators', i, 'id'], indicator.id);
      indicatorSum += indicator.maxPoints;
    });
    if (indicatorSum !== dimension.maxPoints) {
      errors.push({
        path: ['dimensions', d, 'maxPoints'],
        message: `is ${dimension.maxPoints} but its indicators add up to ${indicatorSum}`,
      });
    }
  });
  if (dimensionSum !== rubric.totalPoints) {
    errors.push({
      path: ['totalPoints'],
      message: `is ${rubric.totalPoints} but the dimensions add up to ${dimensionSum}`,
    });
  }
  rubric.grades.forEach((grade, g) => {
    const before = rubric.grades[g - 1];
    if (grade.minScore > rubric.totalPoints) {
      errors.push({
        path: ['grades', g, 'minScore'],
        message: `is above totalPoints (${rubric.totalPoints})`,
      });
    }
    if (before && grade.minScore >= before.minScore) {
      errors.push({
        path: ['grades', g, 'minScore'],
        message: `must be below the grade before it (${before.minScore}): grades run from the highest down`,
      });
    }
    if (before && grade.grade === before.grade) {
      errors.push({ path: ['grades', g, 'grade'], message: 'is used twice in this rubric' });
    }
  });
  return errors;
}

/**
 * A rubric as it is scored: its indicators, points and grades, without the evidence declared
 * beside them. This is the rubric's identity (what GET /v1/rubrics/{id} serves, what a score
 * sheet is checked against): evidence is advice and changes neither, so declaring or refining it
 * does not make a new version of the rubric.
 */
export function withoutEvidence<R extends RubricShape>(rubric: R): R {
  return {
    ...rubric,
    dimensions: rubric.dimensions.map((dimension) => ({
      ...dimension,
      indicators: dimension.indicators.map(({ evidence: _evidence, ...indicator }) => indicator),
    })),
  };
}

export function indicatorsOf(rubric: RubricShape): Map<string, Indicator> {
  return new Map(rubric.dimensions.flatMap((d) => d.indicators.map((i) => [i.id, i] as const)));
}

export interface Score {
  indicatorId: string;
  points: number;
  deductionReason?: string | undefined;
  note?: string | undefined;
}

/** Points are whole or in tenths (7.5): counted as integer tenths so no sum drifts. */
export const toTenths = (points: number): number => Math.round(points * 10);

/**
 * Why a score sheet cannot be accepted against `rubric`: each indicator scored exactly once,
 * never above its maximum, and (for a reviewer, `reasons`) every deduction explained.
 */
export function scoreErrors(
  rubric: RubricShape,
  scores: readonly Score[],
  options: { reasons: boolean },
): FieldError[] {
  const indicators = indicatorsOf(rubric);
  const errors: FieldError[] = [];
  const scored = new Set<string>();
  scores.forEach((score, s) => {
    const indicator = indicators.get(score.indicatorId);
    if (!indicator) {
      errors.push({
        path: ['scores', s, 'indicatorId'],
        message: `is not an indicator of rubric ${rubric.id}`,
      });
      return;
    }
    if (scored.has(score.indicatorId)) {
      errors.push({ path: ['scores', s, 'indicatorId'], message: 'is scored twice' });
    }
    scored.add(score.indicatorId);
    const below = toTenths(score.points) < toTenths(indicator.maxPoints);
    if (toTenths(score.points) > toTenths(indicator.maxPoints)) {
      errors.push({
        path: ['scores', s, 'points'],
        message: `exceeds the indicator's maxPoints (${indicator.maxPoints})`,
      });
    } else if (options.reasons && below && !score.deductionReason) {
      errors.push({
        path: ['scores', s, 'deductionReason'],
        message: `is required: ${score.points} is below the indicator's maxPoints (${indicator.maxPoints})`,
      });
    }
  });
  const missing = [...indicators.keys()].filter((id) => !scored.has(id));
  if (missing.length > 0) {
    errors.push({ path: ['scores'], message: `misses the indicators ${missing.join(', ')}` });
  }
  return errors;
}

export const totalTenths = (scores: readonly Pick<Score, 'points'>[]): number =>
  scores.reduce((sum, score) => sum + toTenths(score.points), 0);

/** The mean of totals (in tenths) in hundredths, rounded half up; null when there are none. */
export function meanHundredths(totalsInTenths: readonly number[]): number | null {
  const n = totalsInTenths.length;
  if (n === 0) return null;
  const sumHundredths = totalsInTenths.reduce((sum, t) => sum + t, 0) * 10;
  // round(a / n) = floor((2a + n) / 2n) for a ≥ 0: integers throughout.
  return Math.floor((2 * sumHundredths + n) / (2 * n));
}

/** The highest grade whose minScore the score reaches; null below the lowest. */
export function gradeFor(grades: readonly Grade[], hundredths: number): string | null {
  return grades.find((grade) => grade.minScore * 100 <= hundredths)?.grade ?? null;
}

/** What finalizing needs to know of one entry (a chamber taking part in a cycle). */
export interface EntryFacts {
  chamberId: string;
  name: string;
  selfTotalTenths: number | null;
  /** One total per submitted review; an assignment without a review counts for nothing. */
  reviewTotalsTenths: number[];
  vetoes: string[];
}

export interface EntryResult {
  rank: number | null;
  chamberId: string;
  name: string;
  score: number | null;
  grade: string | null;
  eligible: boolean;
  reviewers: number;
  selfScore: number | null;
  vetoes: string[];
}

/**
 * Results of a cycle: each entry's score is the mean of its reviewers' totals (2 decimals).
 * An entry is eligible unless vetoed or never reviewed; eligible entries get a grade and a
 * competition rank, the others follow (by chamberId) with rank and grade null.
 */
export function computeResults(grades: readonly Grade[], entries: EntryFacts[]): EntryResult[] {
  const scored = entries.map((entry) => {
    const hundredths = meanHundredths(entry.reviewTotalsTenths);
    const eligible = entry.vetoes.length === 0 && hundredths !== null;
    return { entry, hundredths, eligible };
  });
  const result = (
    s: (typeof scored)[number],
    rank: number | null,
    grade: string | null,
  ): EntryResult => ({
    rank,
    chamberId: s.entry.chamberId,
    name: s.entry.name,
    score: s.hundredths === null ? null : s.hundredths / 100,
    grade,
    eligible: s.eligible,
    reviewers: s.entry.reviewTotalsTenths.length,
    selfScore: s.entry.selfTotalTenths === null ? null : s.entry.selfTotalTenths / 10,
    vetoes: [...s.entry.vetoes].sort(),
  });
  const ranked = competitionRanks(
    scored
      .filter((s) => s.eligible)
      .map((s) => ({ key: s.entry.chamberId, value: s.hundredths ?? 0, s })),
  ).map(({ s, rank }) => result(s, rank, gradeFor(grades, s.hundredths ?? 0)));
  const rest = scored
    .filter((s) => !s.eligible)
    .sort((a, b) => compareCodePoints(a.entry.chamberId, b.entry.chamberId))
    .map((s) => result(s, null, null));
  return [...ranked, ...rest];
}

/**
 * A recognition for year Y is conferred once Y's assessment is done and holds for the two
 * calendar years after it, so it lapses at the end of Y+2 unless renewed.
 */
export const awardValidUntil = (year: number): string => `${year + 2}-12-31`;
