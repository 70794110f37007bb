import * as z from 'zod/mini';
import { AWARD_LEVELS, rubricErrors, VETO_REASONS } from '#shared/domain/assessment';
import { defineRoutes } from '#shared/http/route';
import {
  anyRegionCode,
  id,
  ifMatch,
  optionalIdempotencyKey,
  pageQuery,
  regionCode6,
  text,
} from './common';

/*
 * Assessment's routes and request schemas: what its function loads. What the routes answer is in
 * assessment.responses.ts, which the function imports only for types.
 */
export type {
  Award,
  Cycle,
  Evidence,
  Rating,
  Result,
  Review,
  Rubric,
  SelfAssessment,
  Veto,
} from './assessment.responses';

export const vetoReason = z.lazy(() => z.enum(VETO_REASONS));
export const awardLevel = z.lazy(() => z.enum(AWARD_LEVELS));

const rubricId = z.lazy(() =>
  z
    .string()
    .check(
      z.regex(/^[a-z0-9][a-z0-9-]{1,63}$/, 'must be 2–64 lower-case letters, digits and hyphens'),
      z.maxLength(64),
    ),
);
/** Dimension and indicator ids: short, unique within their rubric. */
const partId = z.lazy(() =>
  z
    .string()
    .check(
      z.regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$/, 'must be 1–32 letters, digits, _ . or -'),
      z.maxLength(32),
    ),
);
const wholePoints = z.lazy(() =>
  z.number().check(z.int('must be whole points'), z.gte(1), z.lte(10_000)),
);
const titleEn = z.lazy(() => z.optional(text(300)));
const year = z.lazy(() => z.number().check(z.int('must be a year'), z.gte(1949), z.lte(2100)));

const indicatorBody = z.lazy(() =>
  z.strictObject({
    id: partId,
    title: text(200),
    titleEn,
    maxPoints: wholePoints,
  }),
);
const dimensionBody = z.lazy(() =>
  z.strictObject({
    id: partId,
    title: text(100),
    titleEn,
    maxPoints: wholePoints,
    indicators: z.array(indicatorBody).check(z.minLength(1), z.maxLength(50)),
  }),
);
const gradeBody = z.lazy(() =>
  z.strictObject({
    grade: text(20),
    gradeEn: z.optional(text(100)),
    minScore: z.number().check(z.int('must be whole points'), z.gte(0), z.lte(10_000)),
  }),
);

/** A rubric an FIC publishes: the points must add up (see rubricErrors) and it has four dimensions. */
export const rubricBody = z.lazy(() =>
  z
    .strictObject({
      id: rubricId,
      title: text(200),
      titleEn,
      totalPoints: wholePoints,
      dimensions: z
        .array(dimensionBody)
        .check(z.length(4, 'a Four-Good rubric has four dimensions')),
      grades: z.array(gradeBody).check(z.minLength(1), z.maxLength(10)),
    })
    .check(
      z.superRefine((rubric, ctx) => {
        for (const error of rubricErrors(rubric)) {
          ctx.addIssue({ code: 'custom', path: error.path, message: error.message });
        }
      }),
    ),
);
export type RubricBody = z.output<typeof rubricBody>;

export const cycleBody = z.lazy(() =>
  z.strictObject({
    year,
    rubricId,
    regionCode: regionCode6(),
    title: z.optional(text(200)),
  }),
);

/** Whole points or tenths (7.5), never negative. */
const points = z.lazy(() =>
  z.number().check(
    z.gte(0),
    z.lte(10_000),
    z.refine((p) => Math.abs(p * 10 - Math.round(p * 10)) < 1e-6, 'must be whole points or tenths'),
  ),
);

export const selfAssessmentBody = z.lazy(() =>
  z.strictObject({
    scores: z
      .array(z.strictObject({ indicatorId: partId, points, note: z.optional(text(500)) }))
      .check(z.minLength(1), z.maxLength(500)),
  }),
);
export const reviewBody = z.lazy(() =>
  z.strictObject({
    scores: z
      .array(
        z.strictObject({ indicatorId: partId, points, deductionReason: z.optional(text(500)) }),
      )
      .check(z.minLength(1), z.maxLength(500)),
  }),
);

export const vetoBody = z.lazy(() =>
  z.strictObject({ reason: vetoReason, note: z.optional(text(500)) }),
);

export const awardBody = z.lazy(() =>
  z.strictObject({
    chamberId: id,
    level: awardLevel,
    year,
    cycleId: z.optional(id),
    title: z.optional(text(100)),
  }),
);

export const ratingBody = z.lazy(() =>
  z.strictObject({
    stars: z.number().check(z.int('must be whole stars'), z.gte(1), z.lte(5)),
    note: z.optional(text(500)),
  }),
);

const queryYear = z.lazy(() => z.coerce.number().check(z.int(), z.gte(1949), z.lte(2100)));
const cycleParams = z.lazy(() => z.object({ cycleId: id }));
const entryParams = z.lazy(() => z.object({ cycleId: id, chamberId: id }));
const reviewParams = z.lazy(() => z.object({ cycleId: id, chamberId: id, assessorId: id }));
const ratingParams = z.lazy(() => z.object({ id, year: queryYear }));

export const assessmentRoutes = defineRoutes({
  listRubrics: {
    method: 'GET',
    path: '/v1/rubrics',
    summary: 'The shipped rubrics and those FICs published, by id',
    query: z.lazy(() => z.strictObject(pageQuery)),
  },
  getRubric: {
    method: 'GET',
    path: '/v1/rubrics/{rubricId}',
    summary: 'One rubric: dimensions, indicators and their points, grades',
    params: z.lazy(() => z.object({ rubricId })),
  },
  publishRubric: {
    method: 'POST',
    path: '/v1/rubrics',
    summary: 'Publish a new rubric version (immutable; the points must add up)',
    body: rubricBody,
  },
  openCycle: {
    method: 'POST',
    path: '/v1/assessment-cycles',
    summary:
      'Open an assessment cycle for a region and year, on a rubric; exactly once per Idempotency-Key, when one is sent',
    headers: optionalIdempotencyKey,
    body: cycleBody,
  },
  listCycles: {
    method: 'GET',
    path: '/v1/assessment-cycles',
    summary:
      'Cycles within a region (default: your own); a chamber officer gets the cycles their chamber takes part in (those of its province, city and county, newest first, no cursor)',
    query: z.lazy(() =>
      z.strictObject({
        regionCode: z.optional(regionCode6()),
        year: z.optional(queryYear),
        ...pageQuery,
      }),
    ),
  },
  getCycle: {
    method: 'GET',
    path: '/v1/assessment-cycles/{cycleId}',
    summary: 'One cycle',
    params: cycleParams,
  },
  putSelfAssessment: {
    method: 'PUT',
    path: '/v1/assessment-cycles/{cycleId}/entries/{chamberId}/self-assessment',
    summary: 'A chamber’s self-assessment, every indicator scored (If-Match optional)',
    params: entryParams,
    headers: ifMatch,
    body: selfAssessmentBody,
  },
  getSelfAssessment: {
    method: 'GET',
    path: '/v1/assessment-cycles/{cycleId}/entries/{chamberId}/self-assessment',
    summary: 'A chamber’s self-assessment',
    params: entryParams,
  },
  getEntry: {
    method: 'GET',
    path: '/v1/assessment-cycles/{cycleId}/entries/{chamberId}',
    summary: 'A chamber’s entry: self-score and reviewers’ scores side by side, vetoes',
    params: entryParams,
  },
  getEvidence: {
    method: 'GET',
    path: '/v1/assessment-cycles/{cycleId}/entries/{chamberId}/evidence',
    summary:
      'What the system holds about the chamber in the cycle’s year, the facts beside each indicator, and the points the rubric’s rules suggest',
    params: entryParams,
  },
  assignAssessor: {
    method: 'POST',
    path: '/v1/assessment-cycles/{cycleId}/assignments',
    summary: 'Assign an assessor to review a chamber',
    params: cycleParams,
    body: z.lazy(() => z.strictObject({ chamberId: id, assessorId: id })),
  },
  unassignAssessor: {
    method: 'DELETE',
    path: '/v1/assessment-cycles/{cycleId}/assignments/{chamberId}/{assessorId}',
    summary: 'Withdraw an assignment the assessor has not reviewed yet, while the cycle is open',
    params: reviewParams,
  },
  listAssignments: {
    method: 'GET',
    path: '/v1/assessment-cycles/{cycleId}/assignments',
    summary: 'Assignments of a cycle and their reviews (an assessor sees their own)',
    params: cycleParams,
    query: z.lazy(() => z.strictObject(pageQuery)),
  },
  listAssessorAssignments: {
    method: 'GET',
    path: '/v1/assessors/{assessorId}/assignments',
    summary: 'An assessor’s assignments across cycles',
    params: z.lazy(() => z.object({ assessorId: id })),
    query: z.lazy(() => z.strictObject(pageQuery)),
  },
  putReview: {
    method: 'PUT',
    path: '/v1/assessment-cycles/{cycleId}/entries/{chamberId}/reviews/{assessorId}',
    summary: 'The assigned assessor’s scores: at most maxPoints, a reason for every deduction',
    params: reviewParams,
    headers: ifMatch,
    body: reviewBody,
  },
  getReview: {
    method: 'GET',
    path: '/v1/assessment-cycles/{cycleId}/entries/{chamberId}/reviews/{assessorId}',
    summary: 'One review (its assessor, or FIC staff)',
    params: reviewParams,
  },
  vetoEntry: {
    method: 'POST',
    path: '/v1/assessment-cycles/{cycleId}/entries/{chamberId}/vetoes',
    summary: 'Veto an entry (one-vote veto): it becomes ineligible',
    params: entryParams,
    body: vetoBody,
  },
  finalizeCycle: {
    method: 'POST',
    path: '/v1/assessment-cycles/{cycleId}/finalize',
    summary: 'Freeze the cycle and compute its results',
    params: cycleParams,
  },
  getResults: {
    method: 'GET',
    path: '/v1/assessment-cycles/{cycleId}/results',
    summary: 'Scores, grades and competition ranks (provisional while the cycle is open)',
    params: cycleParams,
  },
  createAward: {
    method: 'POST',
    path: '/v1/awards',
    summary: 'Record a Four-Good recognition (valid through the end of year + 2)',
    body: awardBody,
  },
  listAwards: {
    method: 'GET',
    path: '/v1/awards',
    summary: 'Four-Good recognitions, newest year first (public)',
    public: true,
    query: z.lazy(() =>
      z.strictObject({
        level: z.optional(awardLevel),
        year: z.optional(queryYear),
        regionCode: z.optional(anyRegionCode()),
        ...pageQuery,
      }),
    ),
  },
  rateBranch: {
    method: 'PUT',
    path: '/v1/chambers/{id}/party-branch/ratings/{year}',
    summary: 'Rate a chamber’s Party branch for a year (星级党支部, 1–5 stars)',
    params: ratingParams,
    headers: ifMatch,
    body: ratingBody,
  },
  listBranchRatings: {
    method: 'GET',
    path: '/v1/chambers/{id}/party-branch/ratings',
    summary: 'A chamber’s Party-branch star ratings, newest year first',
    params: z.lazy(() => z.object({ id })),
    query: z.lazy(() => z.strictObject(pageQuery)),
  },
});
