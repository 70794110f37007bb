import * as z from 'zod/mini';
import { AWARD_LEVELS, CYCLE_STATUSES, VETO_REASONS } from '#shared/domain/assessment';
import { EVIDENCE_FACTS, PARTY_ORGANISATIONS, REPORT_FACTS } from '#shared/domain/evidence';
import { SEVEN_ONES } from '#shared/domain/supervision';
import type { ResponsesOf } from '#shared/http/route';
import { type assessmentRoutes, awardLevel, vetoReason } from './assessment';
import {
  errorResponses as errors,
  keyReusedResponse as keyReused,
  notFoundResponse as notFound,
  page,
  problem,
  staleResponse as stale,
} from './common.responses';

/*
 * What assessment's routes answer: for the OpenAPI document and for types. Its function imports
 * this module only as `import type`, so it never builds these schemas.
 */

export const cycleStatus = z.enum(CYCLE_STATUSES);

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
  // As published: four dimensions, up to 50 indicators each, up to 10 grades (rubricBody).
  dimensions: z
    .array(z.extend(indicator, { indicators: z.array(indicator).check(z.maxLength(50)) }))
    .check(z.maxLength(4)),
  grades: z
    .array(z.object({ grade: z.string(), gradeEn: z.optional(z.string()), minScore: z.number() }))
    .check(z.maxLength(10)),
  /** Shipped with the system, or published by an FIC (then with its region and time). */
  source: z.enum(['shipped', 'published']),
  regionCode: z.nullable(z.string()),
  publishedAt: z.nullable(z.iso.datetime()),
});
export type Rubric = z.output<typeof rubric>;

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

export const selfAssessment = z.object({
  cycleId: z.string(),
  chamberId: z.string(),
  scores: z
    .array(z.object({ indicatorId: z.string(), points: z.number(), note: z.optional(z.string()) }))
    .check(z.maxLength(500)),
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
  scores: z
    .array(
      z.object({
        indicatorId: z.string(),
        points: z.number(),
        deductionReason: z.optional(z.string()),
      }),
    )
    .check(z.maxLength(500)),
  total: z.nullable(z.number()),
  version: z.number().check(z.int()),
  assignedAt: z.iso.datetime(),
  assignedBy: z.string(),
  submittedAt: z.nullable(z.iso.datetime()),
});
export type Review = z.output<typeof review>;

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
  // At most one veto per reason.
  vetoes: z.array(veto).check(z.maxLength(VETO_REASONS.length)),
  // One line per indicator of the rubric (4 dimensions of at most 50).
  sheet: z
    .array(
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
    )
    .check(z.maxLength(200)),
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
  vetoes: z.array(vetoReason).check(z.maxLength(VETO_REASONS.length)),
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

const count = z.number().check(z.int(), z.gte(0));

/** What the system holds about a chamber in a cycle's year (see shared/domain/evidence). */
export const evidenceFacts = z.object({
  partyOrganisation: z.enum(PARTY_ORGANISATIONS),
  /** The star rating of the Party branch for the year, or null. */
  partyBranchStars: z.nullable(z.number().check(z.int())),
  /** Activities held in the year (an alliance's joint activities included). */
  activities: z.object({
    count,
    sevenOnesDone: z.array(z.enum(SEVEN_ONES)).check(z.maxLength(SEVEN_ONES.length)),
    sevenOnesComplete: z.boolean(),
  }),
  /** The report for the year before the cycle's. */
  annualReport: z.enum(REPORT_FACTS),
  /** Visits made in the year; late: answered after the reply date, or still open past it. */
  visits: z.object({ count, issuesRaised: count, issuesAnsweredInTime: count, issuesLate: count }),
  /** Donations that occurred in the year, net of reversals (a reversed donation drops out). */
  donations: z.object({
    amountFen: z.number().check(z.int()),
    peopleHelped: z.number().check(z.int()),
    entries: z.number().check(z.int()),
  }),
  /** Member firms. */
  members: count,
  /** Government functions taken on (of six). */
  governmentFunctions: count,
  /** Awards valid on any day of the year. */
  awards: z
    .array(
      z.object({
        level: z.enum(AWARD_LEVELS),
        year: z.number().check(z.int()),
        validUntil: z.iso.date(),
      }),
    )
    .check(z.maxLength(9)),
  /** 一商会一特色 and 一支部一亮点 as the chamber's record has them. */
  feature: z.nullable(z.string()),
  branchHighlight: z.nullable(z.string()),
  /** Party-building alliances the chamber's Party organisation belonged to on some day of the year. */
  alliances: count,
});

export const evidence = z.object({
  cycleId: z.string(),
  chamberId: z.string(),
  /** The cycle's year: the facts are of it (the annual report of the year before). */
  year: z.number().check(z.int()),
  facts: evidenceFacts,
  /** Every indicator of the cycle's rubric, in its order (4 dimensions of at most 50). */
  indicators: z
    .array(
      z.object({
        indicatorId: z.string(),
        /** The facts that bear on it, as the rubric declares them. */
        facts: z.array(z.enum(EVIDENCE_FACTS)).check(z.maxLength(EVIDENCE_FACTS.length)),
        /** What the rubric's rule gives for these facts; null where it makes none. */
        suggestedPoints: z.nullable(z.number()),
        /** Why, in Chinese: the facts, and the rule applied (or that there is none). */
        why: z.string(),
      }),
    )
    .check(z.maxLength(200)),
});
export type Evidence = z.output<typeof evidence>;

const frozen = { description: 'The cycle is finalized: nothing changes any more', schema: problem };

export const assessmentResponses = {
  listRubrics: { 200: { description: 'A page of rubrics', schema: page(rubric) }, ...errors },
  getRubric: { 200: { description: 'The rubric', schema: rubric }, ...errors, 404: notFound },
  publishRubric: {
    201: { description: 'The rubric', schema: rubric },
    ...errors,
    409: { description: 'A rubric with this id exists', schema: problem },
  },
  openCycle: {
    201: {
      description:
        'The cycle, open; a retry with the same Idempotency-Key gets the cycle it opened, as it now is',
      schema: cycle,
    },
    ...errors,
    422: keyReused,
  },
  listCycles: { 200: { description: 'A page of cycles', schema: page(cycle) }, ...errors },
  getCycle: { 200: { description: 'The cycle', schema: cycle }, ...errors, 404: notFound },
  putSelfAssessment: {
    200: { description: 'The self-assessment', schema: selfAssessment },
    ...errors,
    404: notFound,
    409: frozen,
    412: stale,
  },
  getSelfAssessment: {
    200: { description: 'The self-assessment', schema: selfAssessment },
    ...errors,
    404: notFound,
  },
  getEntry: { 200: { description: 'The entry', schema: entry }, ...errors, 404: notFound },
  getEvidence: {
    200: { description: 'The facts and the suggestions, indicator by indicator', schema: evidence },
    ...errors,
    404: {
      description:
        'No such cycle or chamber, the chamber not in the cycle’s region, or not yours to see: FIC staff over it, its own officer and the assessors assigned to it see it; anyone else is answered 404',
      schema: problem,
    },
  },
  assignAssessor: {
    201: { description: 'The assignment (a review not yet submitted)', schema: review },
    ...errors,
    404: notFound,
    409: { description: 'Already assigned, or the cycle is finalized', schema: problem },
  },
  unassignAssessor: {
    204: { description: 'Withdrawn' },
    ...errors,
    404: notFound,
    409: {
      description: 'The assessor has submitted the review, or the cycle is finalized',
      schema: problem,
    },
  },
  listAssignments: {
    200: { description: 'A page of assignments', schema: page(review) },
    ...errors,
    404: notFound,
  },
  listAssessorAssignments: {
    200: { description: 'A page of assignments', schema: page(review) },
    ...errors,
  },
  putReview: {
    200: { description: 'The review', schema: review },
    ...errors,
    404: notFound,
    409: frozen,
    412: stale,
  },
  getReview: { 200: { description: 'The review', schema: review }, ...errors, 404: notFound },
  vetoEntry: {
    201: { description: 'The veto', schema: veto },
    ...errors,
    404: notFound,
    409: { description: 'Vetoed for this reason already, or finalized', schema: problem },
  },
  finalizeCycle: {
    200: { description: 'The cycle, finalized', schema: cycle },
    ...errors,
    404: notFound,
    409: { description: 'Already finalized', schema: problem },
  },
  getResults: { 200: { description: 'The results', schema: results }, ...errors, 404: notFound },
  createAward: {
    201: { description: 'The award', schema: award },
    ...errors,
    404: notFound,
    409: {
      description: 'Already awarded, or the cycle gives no eligible result',
      schema: problem,
    },
  },
  listAwards: {
    200: { description: 'A page of awards', schema: page(award) },
    400: errors[400],
    503: errors[503],
  },
  rateBranch: {
    200: { description: 'The rating', schema: rating },
    ...errors,
    404: notFound,
    409: { description: 'The chamber has no Party organisation', schema: problem },
    412: stale,
  },
  listBranchRatings: {
    200: { description: 'A page of ratings', schema: page(rating) },
    ...errors,
    404: notFound,
  },
} satisfies ResponsesOf<typeof assessmentRoutes>;
