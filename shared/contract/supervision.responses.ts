import * as z from 'zod/mini';
import {
  ACTIVITY_KINDS,
  REPORT_STATUSES,
  REVIEW_DECISIONS,
  SEVEN_ONES,
} from '#shared/domain/supervision';
import type { ResponsesOf } from '#shared/http/route';
import { jointActivityResponses } from './alliances.responses';
import { isoDate } from './common';
import {
  errorResponses as errors,
  keyReusedResponse as keyReused,
  notFoundResponse as notFound,
  page,
  problem,
  staleResponse as stale,
  timestamps,
} from './common.responses';
import { activityKind, annualReportBody, type supervisionRoutes, visitMode } from './supervision';

/*
 * What supervision's routes answer: for the OpenAPI document and for types. Its function imports
 * this module only as `import type`, so it never builds these schemas.
 */

// Liaisons (驻会领导): FIC leaders assigned to a chamber, each with a visit interval.

export const liaison = z.object({
  chamberId: z.string(),
  leaderId: z.string(),
  name: z.string(),
  title: z.nullable(z.string()),
  visitEveryDays: z.number().check(z.int()),
  /** When first assigned: the clock starts here until the first visit. */
  assignedOn: isoDate,
  lastVisitedOn: z.nullable(isoDate),
  /** The last day the next visit is on time. */
  dueOn: isoDate,
  ...timestamps,
});
export type Liaison = z.output<typeof liaison>;

/** A liaison with the chamber it is assigned to, as the leader's own list shows it. */
export const assignment = z.extend(liaison, {
  chamber: z.nullable(z.object({ name: z.string(), regionCode: z.string(), status: z.string() })),
});

// Visits and the issues a chamber raises in them.

export const issue = z.object({
  id: z.string(),
  summary: z.string(),
  status: z.enum(['open', 'answered']),
  /** `visitedOn` + 15 days: the last day the answer is on time. */
  replyDueOn: isoDate,
  reply: z.nullable(z.string()),
  answeredAt: z.nullable(z.iso.datetime()),
  answeredBy: z.nullable(z.string()),
});
export type Issue = z.output<typeof issue>;

export const visit = z.object({
  id: z.string(),
  chamberId: z.string(),
  leaderId: z.string(),
  visitedOn: isoDate,
  mode: visitMode,
  topics: z.array(z.string()).check(z.maxLength(20)),
  issues: z.array(issue).check(z.maxLength(50)),
  note: z.nullable(z.string()),
  recordedAt: z.iso.datetime(),
  recordedBy: z.string(),
  version: z.number().check(z.int(), z.gte(1)),
});
export type Visit = z.output<typeof visit>;

// The snapshot the `supervision-overdue` schedule publishes.

export const overdueVisit = z.object({
  chamberId: z.string(),
  name: z.string(),
  regionCode: z.string(),
  leaderId: z.string(),
  leaderName: z.string(),
  visitEveryDays: z.number().check(z.int()),
  assignedOn: isoDate,
  lastVisitedOn: z.nullable(isoDate),
  dueOn: isoDate,
  daysOverdue: z.number().check(z.int(), z.gte(1)),
});
export type OverdueVisit = z.output<typeof overdueVisit>;

export const lateIssue = z.object({
  chamberId: z.string(),
  name: z.string(),
  regionCode: z.string(),
  visitId: z.string(),
  issueId: z.string(),
  summary: z.string(),
  leaderId: z.string(),
  visitedOn: isoDate,
  replyDueOn: isoDate,
  daysLate: z.number().check(z.int(), z.gte(1)),
});
export type LateIssue = z.output<typeof lateIssue>;

const snapshotOf = <T extends z.ZodMiniType>(item: T) =>
  z.extend(page(item), {
    /** The date (Asia/Shanghai) the snapshot is of; null before the schedule's first run. */
    asOf: z.nullable(isoDate),
    computedAt: z.nullable(z.iso.datetime()),
    regionCode: z.string(),
  });

// Annual reports.

export const reportStatus = z.enum(REPORT_STATUSES);

export const review = z.object({
  decision: z.enum(REVIEW_DECISIONS),
  note: z.nullable(z.string()),
  reviewedAt: z.iso.datetime(),
  reviewedBy: z.string(),
});

// The request body's schema is lazy (built on first use): extend what it wraps.
export const annualReport = z.extend(annualReportBody._zod.innerType, {
  chamberId: z.string(),
  year: z.number().check(z.int()),
  status: reportStatus,
  submittedAt: z.iso.datetime(),
  submittedBy: z.string(),
  /** The latest review; kept when a returned report is resubmitted, so its note stays visible. */
  review: z.nullable(review),
  ...timestamps,
});
export type AnnualReport = z.output<typeof annualReport>;

export const missingReport = z.object({
  chamberId: z.string(),
  name: z.string(),
  regionCode: z.string(),
  kind: z.string(),
  /** `returned` when the report was sent back and not yet resubmitted; null when none came. */
  reportStatus: z.nullable(z.literal('returned')),
});

/** A chamber and the status of its report for the year asked (null: none came). */
export const reportStatusRow = z.object({
  chamberId: z.string(),
  name: z.string(),
  regionCode: z.string(),
  kind: z.string(),
  reportStatus: z.nullable(reportStatus),
});

// Activities.

export const activity = z.object({
  id: z.string(),
  chamberId: z.string(),
  kind: activityKind,
  heldOn: isoDate,
  participants: z.nullable(z.number().check(z.int())),
  note: z.nullable(z.string()),
  recordedAt: z.iso.datetime(),
  recordedBy: z.string(),
  /** Held together by a Party-building alliance (POST /v1/alliances/{id}/activities). */
  allianceId: z.optional(z.string()),
  jointActivityId: z.optional(z.string()),
});
export type Activity = z.output<typeof activity>;

export const activitySummary = z.object({
  chamberId: z.string(),
  year: z.number().check(z.int()),
  // Every kind, each a property of its own (the document lists them, all required).
  counts: z.strictObject(
    Object.fromEntries(
      ACTIVITY_KINDS.map((kind) => [kind, z.number().check(z.int(), z.gte(0), z.lte(1e6))]),
    ) as Record<(typeof ACTIVITY_KINDS)[number], z.ZodMiniNumber>,
  ),
  sevenOnesComplete: z.boolean(),
  sevenOnesMissing: z.array(z.enum(SEVEN_ONES)).check(z.maxLength(SEVEN_ONES.length)),
});

/** A chamber's activity summary with the chamber, as FIC staff's progress list shows it. */
export const activityProgress = z.extend(activitySummary, {
  name: z.string(),
  regionCode: z.string(),
  kind: z.string(),
});

export const supervisionResponses = {
  assignLiaison: {
    200: { description: 'The liaison', schema: liaison },
    ...errors,
    404: notFound,
    409: { description: 'The chamber is rejected or deregistered', schema: problem },
    412: stale,
  },
  listLiaisons: {
    200: { description: 'A page of liaisons', schema: page(liaison) },
    ...errors,
    404: notFound,
  },
  removeLiaison: { 204: { description: 'Removed' }, ...errors, 404: notFound, 412: stale },
  leaderAssignments: {
    200: { description: 'A page of assignments', schema: page(assignment) },
    ...errors,
  },
  recordVisit: {
    201: {
      description:
        'The visit; a retry with the same Idempotency-Key gets the visit it recorded, as it now is',
      schema: visit,
    },
    ...errors,
    404: notFound,
    409: { description: '`leaderId` is not assigned to this chamber', schema: problem },
    422: keyReused,
  },
  listVisits: {
    200: { description: 'A page of visits', schema: page(visit) },
    ...errors,
    404: notFound,
  },
  getVisit: { 200: { description: 'The visit', schema: visit }, ...errors, 404: notFound },
  replyToIssue: {
    200: { description: 'The issue, answered', schema: issue },
    ...errors,
    404: notFound,
    409: { description: 'The issue is already answered', schema: problem },
  },
  overdueVisits: {
    200: { description: 'The snapshot, within the region', schema: snapshotOf(overdueVisit) },
    ...errors,
  },
  lateIssues: {
    200: { description: 'The snapshot, within the region', schema: snapshotOf(lateIssue) },
    ...errors,
  },
  submitAnnualReport: {
    200: { description: 'The report, status "submitted"', schema: annualReport },
    ...errors,
    404: notFound,
    409: {
      description: 'Already accepted, or the chamber was never registered',
      schema: problem,
    },
    412: stale,
  },
  getAnnualReport: {
    200: { description: 'The report', schema: annualReport },
    ...errors,
    404: notFound,
  },
  listAnnualReports: {
    200: { description: 'A page of reports', schema: page(annualReport) },
    ...errors,
    404: notFound,
  },
  reviewAnnualReport: {
    200: { description: 'The report, accepted or returned', schema: annualReport },
    ...errors,
    404: notFound,
    409: { description: 'The report is not waiting for review', schema: problem },
  },
  missingAnnualReports: {
    200: {
      description: 'A page of chambers missing their report',
      schema: z.extend(page(missingReport), {
        regionCode: z.string(),
        year: z.number().check(z.int()),
      }),
    },
    ...errors,
  },
  annualReportStatuses: {
    200: {
      description: 'A page of chambers with their report status',
      schema: z.extend(page(reportStatusRow), {
        regionCode: z.string(),
        year: z.number().check(z.int()),
      }),
    },
    ...errors,
  },
  recordActivity: {
    201: {
      description:
        'The activity; a retry with the same Idempotency-Key gets the activity it recorded',
      schema: activity,
    },
    ...errors,
    404: notFound,
    422: keyReused,
  },
  listActivities: {
    200: { description: 'A page of activities', schema: page(activity) },
    ...errors,
    404: notFound,
  },
  activitySummary: {
    200: { description: 'The summary', schema: activitySummary },
    ...errors,
    404: notFound,
  },
  activityProgress: {
    200: {
      description: 'A page of chambers with their activity summaries',
      schema: z.extend(page(activityProgress), {
        regionCode: z.string(),
        year: z.number().check(z.int()),
      }),
    },
    ...errors,
  },
  ...jointActivityResponses,
} satisfies ResponsesOf<typeof supervisionRoutes>;
