import * as z from 'zod/mini';
import {
  AWARD_LEVELS,
  CYCLE_STATUSES,
  rubricErrors,
  VETO_REASONS,
} from '#shared/domain/assessment';
import { defineRoutes } from '#shared/http/route';
import {
  anyRegionCode,
  errorResponses,
  id,
  ifMatch,
  notFoundResponse,
  page,
  pageQuery,
  problem,
  regionCode6,
  staleResponse,
  text,
} from './common';

export const vetoReason = z.enum(VETO_REASONS);
export const awardLevel = z.enum(AWARD_LEVELS);
export const cycleStatus = z.enum(CYCLE_STATUSES);

const rubricId = z
  .string()
  .check(
    z.regex(/^[a-z0-9][a-z0-9-]{1,63}$/, 'must be 2–64 lower-case letters, digits and hyphens'),
  );
/** Dimension and indicator ids: short, unique within their rubric. */
const partId = z
  .string()
  .check(z.regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$/, 'must be 1–32 letters, digits, _ . or -'));
const wholePoints = z.number().check(z.int('must be whole points'), z.gte(1), z.lte(10_000));
const titleEn = z.optional(text(300));
const year = z.number().check(z.int('must be a year'), z.gte(1949), z.lte(2100));

const indicatorBody = z.strictObject({
  id: partId,
  title: text(200),
  titleEn,
  maxPoints: wholePoints,
});
const dimensionBody = z.strictObject({
  id: partId,
  title: text(100),
  titleEn,
  maxPoints: wholePoints,
  indicators: z.array(indicatorBody).check(z.minLength(1), z.maxLength(50)),
});
const gradeBody = z.strictObject({
  grade: text(20),
  gradeEn: z.optional(text(100)),
  minScore: z.number().check(z.int('must be whole points'), z.gte(0), z.lte(10_000)),
});

/** A rubric an FIC publishes: the points must add up (see rubricErrors) and it has four dimensions. */
export const rubricBody = z
  .strictObject({
    id: rubricId,
    title: text(200),
    titleEn,
    totalPoints: wholePoints,
    dimensions: z.array(dimensionBody).check(z.length(4, 'a Four-Good rubric has four dimensions')),
    grades: z.array(gradeBody).check(z.minLength(1), z.maxLength(10)),
  })
  .check(
    z.superRefine((rubric, ctx) => {
      for (const error of rubricErrors(rubric)) {
        ctx.addIssue({ code: 'custom', path: error.path, message: error.message });
      }
    }),
  );
export type RubricBody = z.output<typeof rubricBody>;

const indicator = z.object({
  id: z.string(),
  title: z.string(),
  titleEn: z.optional(z.string()),
  maxPoints: z.number().check(z.int()),
});
export const rubric = z.object({
  id: z.string(),
  title: z.string(),
  titleEn: z.optional(z.string()),
  totalPoints: z.number().check(z.int()),
  dimensions: z.array(z.extend(indicator, { indicators: z.array(indicator) })),
  grades: z.array(
    z.object({ grade: z.string(), gradeEn: z.optional(z.string()), minScore: z.number() }),
  ),
  /** Shipped with the system, or published by an FIC (then with its region and time). */
  source: z.enum(['shipped', 'published']),
  regionCode: z.nullable(z.string()),
  publishedAt: z.nullable(z.iso.datetime()),
});
export type Rubric = z.output<typeof rubric>;

export const cycleBody = z.strictObject({
  year,
  rubricId,
  regionCode: regionCode6(),
  title: z.optional(text(200)),
});

export const cycle = z.object({
  id: z.string(),
  year: z.number().check(z.int()),
  rubricId: z.string(),
  regionCode: z.string(),
  title: z.string(),
  status: cycleStatus,
  createdAt: z.iso.datetime(),
  createdBy: z.string(),
  finalizedAt: z.nullable(z.iso.datetime()),
});
export type Cycle = z.output<typeof cycle>;

/** Whole points or tenths (7.5), never negative. */
const points = z.number().check(
  z.gte(0),
  z.lte(10_000),
  z.refine((p) => Math.abs(p * 10 - Math.round(p * 10)) < 1e-6, 'must be whole points or tenths'),
);

export const selfAssessmentBody = z.strictObject({
  scores: z
    .array(z.strictObject({ indicatorId: partId, points, note: z.optional(text(500)) }))
    .check(z.minLength(1), z.maxLength(500)),
});
export const reviewBody = z.strictObject({
  scores: z
    .array(z.strictObject({ indicatorId: partId, points, deductionReason: z.optional(text(500)) }))
    .check(z.minLength(1), z.maxLength(500)),
});

export const selfAssessment = z.object({
  cycleId: z.string(),
  chamberId: z.string(),
  scores: z.array(
    z.object({ indicatorId: z.string(), points: z.number(), note: z.optional(z.string()) }),
  ),
  total: z.number(),
  version: z.number().check(z.int()),
  submittedAt: z.iso.datetime(),
  submittedBy: z.string(),
});
export type SelfAssessment = z.output<typeof selfAssessment>;

/** An assignment, and the assessor's review once submitted: one record. */
export const review = z.object({
  cycleId: z.string(),
  chamberId: z.string(),
  assessorId: z.string(),
  status: z.enum(['assigned', 'submitted']),
  scores: z.array(
    z.object({
      indicatorId: z.string(),
      points: z.number(),
      deductionReason: z.optional(z.string()),
    }),
  ),
  total: z.nullable(z.number()),
  version: z.number().check(z.int()),
  assignedAt: z.iso.datetime(),
  assignedBy: z.string(),
  submittedAt: z.nullable(z.iso.datetime()),
});
export type Review = z.output<typeof review>;

export const vetoBody = z.strictObject({ reason: vetoReason, note: z.optional(text(500)) });
export const veto = z.object({
  cycleId: z.string(),
  chamberId: z.string(),
  reason: vetoReason,
  note: z.optional(z.string()),
  createdAt: z.iso.datetime(),
  createdBy: z.string(),
});
export type Veto = z.output<typeof veto>;

/** A chamber's entry: its self-assessment and reviews side by side, indicator by indicator. */
export const entry = z.object({
  cycleId: z.string(),
  chamberId: z.string(),
  name: z.string(),
  selfAssessment: z.nullable(selfAssessment),
  reviews: z.array(review),
  vetoes: z.array(veto),
  sheet: z.array(
    z.object({
      dimensionId: z.string(),
      indicatorId: z.string(),
      title: z.string(),
      maxPoints: z.number(),
      selfPoints: z.nullable(z.number()),
      reviews: z.array(
        z.object({
          assessorId: z.string(),
          points: z.number(),
          deductionReason: z.optional(z.string()),
        }),
      ),
    }),
  ),
});

export const result = z.object({
  rank: z.nullable(z.number().check(z.int())),
  chamberId: z.string(),
  name: z.string(),
  /** Mean of the submitted reviews' totals, 2 decimals; null when none was submitted. */
  score: z.nullable(z.number()),
  grade: z.nullable(z.string()),
  eligible: z.boolean(),
  /** How many submitted reviews the score is the mean of. */
  reviewers: z.number().check(z.int()),
  selfScore: z.nullable(z.number()),
  vetoes: z.array(vetoReason),
});
export type Result = z.output<typeof result>;

export const results = z.object({
  cycleId: z.string(),
  rubricId: z.string(),
  regionCode: z.string(),
  year: z.number().check(z.int()),
  /** `open`: provisional, computed from the scores so far; `finalized`: frozen. */
  status: cycleStatus,
  finalizedAt: z.nullable(z.iso.datetime()),
  items: z.array(result),
  nextCursor: z.null(),
});

export const awardBody = z.strictObject({
  chamberId: id,
  level: awardLevel,
  year,
  cycleId: z.optional(id),
  title: z.optional(text(100)),
});
export const award = z.object({
  id: z.string(),
  chamberId: z.string(),
  name: z.string(),
  regionCode: z.string(),
  level: awardLevel,
  year: z.number().check(z.int()),
  title: z.string(),
  cycleId: z.nullable(z.string()),
  score: z.nullable(z.number()),
  grade: z.nullable(z.string()),
  /** Valid through the end of year + 2, then renewed by a new award (or lapsed). */
  validUntil: z.iso.date(),
  current: z.boolean(),
  awardedAt: z.iso.datetime(),
});
export type Award = z.output<typeof award>;

export const ratingBody = z.strictObject({
  stars: z.number().check(z.int('must be whole stars'), z.gte(1), z.lte(5)),
  note: z.optional(text(500)),
});
export const rating = z.object({
  chamberId: z.string(),
  year: z.number().check(z.int()),
  stars: z.number().check(z.int()),
  note: z.optional(z.string()),
  version: z.number().check(z.int()),
  ratedAt: z.iso.datetime(),
  ratedBy: z.string(),
});
export type Rating = z.output<typeof rating>;

const queryYear = z.coerce.number().check(z.int(), z.gte(1949), z.lte(2100));
const cycleParams = z.object({ cycleId: id });
const entryParams = z.object({ cycleId: id, chamberId: id });
const reviewParams = z.object({ cycleId: id, chamberId: id, assessorId: id });
const ratingParams = z.object({ id, year: queryYear });
const errors = errorResponses;
const notFound = notFoundResponse;
const frozen = { description: 'The cycle is finalized: nothing changes any more', schema: problem };
const stale = staleResponse;

export const assessmentRoutes = defineRoutes({
  listRubrics: {
    method: 'GET',
    path: '/v1/rubrics',
    summary: 'The shipped rubrics and those FICs published, by id',
    query: z.strictObject(pageQuery),
    responses: { 200: { description: 'A page of rubrics', schema: page(rubric) }, ...errors },
  },
  getRubric: {
    method: 'GET',
    path: '/v1/rubrics/{rubricId}',
    summary: 'One rubric: dimensions, indicators and their points, grades',
    params: z.object({ rubricId }),
    responses: { 200: { description: 'The rubric', schema: rubric }, ...errors, 404: notFound },
  },
  publishRubric: {
    method: 'POST',
    path: '/v1/rubrics',
    summary: 'Publish a new rubric version (immutable; the points must add up)',
    body: rubricBody,
    responses: {
      201: { description: 'The rubric', schema: rubric },
      ...errors,
      409: { description: 'A rubric with this id exists', schema: problem },
    },
  },
  openCycle: {
    method: 'POST',
    path: '/v1/assessment-cycles',
    summary: 'Open an assessment cycle for a region and year, on a rubric',
    body: cycleBody,
    responses: { 201: { description: 'The cycle, open', schema: cycle }, ...errors },
  },
  listCycles: {
    method: 'GET',
    path: '/v1/assessment-cycles',
    summary: 'Cycles within a region (default: your own)',
    query: z.strictObject({
      regionCode: z.optional(regionCode6()),
      year: z.optional(queryYear),
      ...pageQuery,
    }),
    responses: { 200: { description: 'A page of cycles', schema: page(cycle) }, ...errors },
  },
  getCycle: {
    method: 'GET',
    path: '/v1/assessment-cycles/{cycleId}',
    summary: 'One cycle',
    params: cycleParams,
    responses: { 200: { description: 'The cycle', schema: cycle }, ...errors, 404: notFound },
  },
  putSelfAssessment: {
    method: 'PUT',
    path: '/v1/assessment-cycles/{cycleId}/entries/{chamberId}/self-assessment',
    summary: 'A chamber’s self-assessment, every indicator scored (If-Match optional)',
    params: entryParams,
    headers: ifMatch,
    body: selfAssessmentBody,
    responses: {
      200: { description: 'The self-assessment', schema: selfAssessment },
      ...errors,
      404: notFound,
      409: frozen,
      412: stale,
    },
  },
  getSelfAssessment: {
    method: 'GET',
    path: '/v1/assessment-cycles/{cycleId}/entries/{chamberId}/self-assessment',
    summary: 'A chamber’s self-assessment',
    params: entryParams,
    responses: {
      200: { description: 'The self-assessment', schema: selfAssessment },
      ...errors,
      404: notFound,
    },
  },
  getEntry: {
    method: 'GET',
    path: '/v1/assessment-cycles/{cycleId}/entries/{chamberId}',
    summary: 'A chamber’s entry: self-score and reviewers’ scores side by side, vetoes',
    params: entryParams,
    responses: { 200: { description: 'The entry', schema: entry }, ...errors, 404: notFound },
  },
  assignAssessor: {
    method: 'POST',
    path: '/v1/assessment-cycles/{cycleId}/assignments',
    summary: 'Assign an assessor to review a chamber',
    params: cycleParams,
    body: z.strictObject({ chamberId: id, assessorId: id }),
    responses: {
      201: { description: 'The assignment (a review not yet submitted)', schema: review },
      ...errors,
      404: notFound,
      409: { description: 'Already assigned, or the cycle is finalized', schema: problem },
    },
  },
  listAssignments: {
    method: 'GET',
    path: '/v1/assessment-cycles/{cycleId}/assignments',
    summary: 'Assignments of a cycle and their reviews (an assessor sees their own)',
    params: cycleParams,
    query: z.strictObject(pageQuery),
    responses: {
      200: { description: 'A page of assignments', schema: page(review) },
      ...errors,
      404: notFound,
    },
  },
  listAssessorAssignments: {
    method: 'GET',
    path: '/v1/assessors/{assessorId}/assignments',
    summary: 'An assessor’s assignments across cycles',
    params: z.object({ assessorId: id }),
    query: z.strictObject(pageQuery),
    responses: {
      200: { description: 'A page of assignments', schema: page(review) },
      ...errors,
    },
  },
  putReview: {
    method: 'PUT',
    path: '/v1/assessment-cycles/{cycleId}/entries/{chamberId}/reviews/{assessorId}',
    summary: 'The assigned assessor’s scores: at most maxPoints, a reason for every deduction',
    params: reviewParams,
    headers: ifMatch,
    body: reviewBody,
    responses: {
      200: { description: 'The review', schema: review },
      ...errors,
      404: notFound,
      409: frozen,
      412: stale,
    },
  },
  getReview: {
    method: 'GET',
    path: '/v1/assessment-cycles/{cycleId}/entries/{chamberId}/reviews/{assessorId}',
    summary: 'One review (its assessor, or FIC staff)',
    params: reviewParams,
    responses: { 200: { description: 'The review', schema: review }, ...errors, 404: notFound },
  },
  vetoEntry: {
    method: 'POST',
    path: '/v1/assessment-cycles/{cycleId}/entries/{chamberId}/vetoes',
    summary: 'Veto an entry (one-vote veto): it becomes ineligible',
    params: entryParams,
    body: vetoBody,
    responses: {
      201: { description: 'The veto', schema: veto },
      ...errors,
      404: notFound,
      409: { description: 'Vetoed for this reason already, or finalized', schema: problem },
    },
  },
  finalizeCycle: {
    method: 'POST',
    path: '/v1/assessment-cycles/{cycleId}/finalize',
    summary: 'Freeze the cycle and compute its results',
    params: cycleParams,
    responses: {
      200: { description: 'The cycle, finalized', schema: cycle },
      ...errors,
      404: notFound,
      409: { description: 'Already finalized', schema: problem },
    },
  },
  getResults: {
    method: 'GET',
    path: '/v1/assessment-cycles/{cycleId}/results',
    summary: 'Scores, grades and competition ranks (provisional while the cycle is open)',
    params: cycleParams,
    responses: { 200: { description: 'The results', schema: results }, ...errors, 404: notFound },
  },
  createAward: {
    method: 'POST',
    path: '/v1/awards',
    summary: 'Record a Four-Good recognition (valid through the end of year + 2)',
    body: awardBody,
    responses: {
      201: { description: 'The award', schema: award },
      ...errors,
      404: notFound,
      409: {
        description: 'Already awarded, or the cycle gives no eligible result',
        schema: problem,
      },
    },
  },
  listAwards: {
    method: 'GET',
    path: '/v1/awards',
    summary: 'Four-Good recognitions, newest year first (public)',
    public: true,
    query: z.strictObject({
      level: z.optional(awardLevel),
      year: z.optional(queryYear),
      regionCode: z.optional(anyRegionCode()),
      ...pageQuery,
    }),
    responses: { 200: { description: 'A page of awards', schema: page(award) }, 400: errors[400] },
  },
  rateBranch: {
    method: 'PUT',
    path: '/v1/chambers/{id}/party-branch/ratings/{year}',
    summary: 'Rate a chamber’s Party branch for a year (星级党支部, 1–5 stars)',
    params: ratingParams,
    headers: ifMatch,
    body: ratingBody,
    responses: {
      200: { description: 'The rating', schema: rating },
      ...errors,
      404: notFound,
      409: { description: 'The chamber has no Party organisation', schema: problem },
      412: stale,
    },
  },
  listBranchRatings: {
    method: 'GET',
    path: '/v1/chambers/{id}/party-branch/ratings',
    summary: 'A chamber’s Party-branch star ratings, newest year first',
    params: z.object({ id }),
    query: z.strictObject(pageQuery),
    responses: {
      200: { description: 'A page of ratings', schema: page(rating) },
      ...errors,
      404: notFound,
    },
  },
});
