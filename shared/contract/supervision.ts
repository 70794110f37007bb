import * as z from 'zod/mini';
import {
  ACTIVITY_KINDS,
  DEFAULT_VISIT_EVERY_DAYS,
  MAX_VISIT_EVERY_DAYS,
  REPORT_STATUSES,
  REVIEW_DECISIONS,
  SEVEN_ONES,
  VISIT_MODES,
} from '#shared/domain/supervision';
import { defineRoutes } from '#shared/http/route';
import {
  anyRegionCode,
  errorResponses,
  id,
  ifMatch,
  isoDate,
  notFoundResponse,
  page,
  pageQuery,
  problem,
  staleResponse,
  text,
  timestamps,
} from './common';

export const visitMode = z.enum(VISIT_MODES);
export const activityKind = z.enum(ACTIVITY_KINDS);
export const reportStatus = z.enum(REPORT_STATUSES);

const count = z.number().check(z.int('must be a whole number'), z.gte(0), z.lte(1e9));
/** Whole fen below 10^15 (ten trillion yuan), exact as a double. */
const fen = z.number().check(z.int('must be whole fen (1 yuan = 100 fen)'), z.gte(0), z.lte(1e15));
/** Net assets are assets less liabilities: a chamber in debt reports a negative figure. */
const signedFen = z
  .number()
  .check(z.int('must be whole fen (1 yuan = 100 fen)'), z.gte(-1e15), z.lte(1e15));
const year = z.coerce.number().check(z.int(), z.gte(1949), z.lte(2100));

// Liaisons (驻会领导): FIC leaders assigned to a chamber, each with a visit interval.

export const liaisonBody = z.strictObject({
  name: text(50),
  title: z.optional(text(100)),
  visitEveryDays: z._default(
    z.number().check(z.int('must be whole days'), z.gte(1), z.lte(MAX_VISIT_EVERY_DAYS)),
    DEFAULT_VISIT_EVERY_DAYS,
  ),
});

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

export const visitBody = z.strictObject({
  leaderId: id,
  visitedOn: isoDate,
  mode: visitMode,
  topics: z.array(text(200)).check(z.minLength(1, 'names at least one topic'), z.maxLength(20)),
  issues: z._default(z.array(z.strictObject({ summary: text(1000) })).check(z.maxLength(50)), []),
  note: z.optional(text(2000)),
});
export type VisitRequest = z.output<typeof visitBody>;

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
  topics: z.array(z.string()),
  issues: z.array(issue),
  note: z.nullable(z.string()),
  recordedAt: z.iso.datetime(),
  recordedBy: z.string(),
  version: z.number().check(z.int(), z.gte(1)),
});
export type Visit = z.output<typeof visit>;

export const replyBody = z.strictObject({ reply: text(2000) });

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

export const annualReportBody = z.strictObject({
  members: z.strictObject({ firms: count, individuals: count }),
  incomeFen: fen,
  expenseFen: fen,
  netAssetsFen: signedFen,
  activitiesHeld: count,
  donationsReceivedFen: fen,
  partyBuilding: z.strictObject({ partyMembers: count, summary: z.optional(text(2000)) }),
  workSummary: text(10_000),
});
export type AnnualReportRequest = z.output<typeof annualReportBody>;

export const review = z.object({
  decision: z.enum(REVIEW_DECISIONS),
  note: z.nullable(z.string()),
  reviewedAt: z.iso.datetime(),
  reviewedBy: z.string(),
});

export const annualReport = z.extend(annualReportBody, {
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

export const reviewBody = z.strictObject({
  decision: z.enum(REVIEW_DECISIONS),
  note: z.optional(text(2000)),
});

export const missingReport = z.object({
  chamberId: z.string(),
  name: z.string(),
  regionCode: z.string(),
  kind: z.string(),
  /** `returned` when the report was sent back and not yet resubmitted; null when none came. */
  reportStatus: z.nullable(z.literal('returned')),
});

// Activities.

export const activityBody = z.strictObject({
  kind: activityKind,
  heldOn: isoDate,
  participants: z.optional(count),
  note: z.optional(text(1000)),
});

export const activity = z.object({
  id: z.string(),
  chamberId: z.string(),
  kind: activityKind,
  heldOn: isoDate,
  participants: z.nullable(z.number().check(z.int())),
  note: z.nullable(z.string()),
  recordedAt: z.iso.datetime(),
  recordedBy: z.string(),
});
export type Activity = z.output<typeof activity>;

export const activitySummary = z.object({
  chamberId: z.string(),
  year: z.number().check(z.int()),
  counts: z.record(activityKind, z.number().check(z.int())),
  sevenOnesComplete: z.boolean(),
  sevenOnesMissing: z.array(z.enum(SEVEN_ONES)),
});

const chamber = z.object({ id });
const liaisonParams = z.object({ id, leaderId: id });
const visitParams = z.object({ id, visitId: id });
const reportParams = z.object({ id, year });
const listQuery = z.strictObject(pageQuery);
const errors = errorResponses;
const notFound = notFoundResponse;
const stale = staleResponse;

export const supervisionRoutes = defineRoutes({
  assignLiaison: {
    method: 'PUT',
    path: '/v1/chambers/{id}/liaisons/{leaderId}',
    summary: 'Assign a leader to a chamber, or change the assignment (the assignment date is kept)',
    params: liaisonParams,
    headers: ifMatch,
    body: liaisonBody,
    responses: {
      200: { description: 'The liaison', schema: liaison },
      ...errors,
      404: notFound,
      409: { description: 'The chamber is rejected or deregistered', schema: problem },
      412: stale,
    },
  },
  listLiaisons: {
    method: 'GET',
    path: '/v1/chambers/{id}/liaisons',
    summary: 'The leaders assigned to a chamber',
    params: chamber,
    query: listQuery,
    responses: {
      200: { description: 'A page of liaisons', schema: page(liaison) },
      ...errors,
      404: notFound,
    },
  },
  removeLiaison: {
    method: 'DELETE',
    path: '/v1/chambers/{id}/liaisons/{leaderId}',
    summary: 'End an assignment (its visits stay on record)',
    params: liaisonParams,
    headers: ifMatch,
    responses: { 204: { description: 'Removed' }, ...errors, 404: notFound, 412: stale },
  },
  leaderAssignments: {
    method: 'GET',
    path: '/v1/liaisons/{leaderId}/chambers',
    summary: 'The chambers a leader is assigned to (the leader themself, or FIC staff)',
    params: z.object({ leaderId: id }),
    query: listQuery,
    responses: {
      200: { description: 'A page of assignments', schema: page(assignment) },
      ...errors,
    },
  },
  recordVisit: {
    method: 'POST',
    path: '/v1/chambers/{id}/visits',
    summary: 'Record a visit by an assigned leader; each issue raised gets a 15-day reply clock',
    params: chamber,
    body: visitBody,
    responses: {
      201: { description: 'The visit', schema: visit },
      ...errors,
      404: notFound,
      409: { description: '`leaderId` is not assigned to this chamber', schema: problem },
    },
  },
  listVisits: {
    method: 'GET',
    path: '/v1/chambers/{id}/visits',
    summary: 'A chamber’s visits, latest first',
    params: chamber,
    query: listQuery,
    responses: {
      200: { description: 'A page of visits', schema: page(visit) },
      ...errors,
      404: notFound,
    },
  },
  getVisit: {
    method: 'GET',
    path: '/v1/chambers/{id}/visits/{visitId}',
    summary: 'One visit with its issues',
    params: visitParams,
    responses: { 200: { description: 'The visit', schema: visit }, ...errors, 404: notFound },
  },
  replyToIssue: {
    method: 'POST',
    path: '/v1/chambers/{id}/visits/{visitId}/issues/{issueId}/reply',
    summary: 'Answer an issue raised in a visit',
    params: z.extend(visitParams, { issueId: id }),
    body: replyBody,
    responses: {
      200: { description: 'The issue, answered', schema: issue },
      ...errors,
      404: notFound,
      409: { description: 'The issue is already answered', schema: problem },
    },
  },
  overdueVisits: {
    method: 'GET',
    path: '/v1/visits/overdue',
    summary:
      'Liaisons whose chamber is overdue for a visit, from the latest supervision-overdue run',
    query: z.strictObject({ regionCode: z.optional(anyRegionCode()), ...pageQuery }),
    responses: {
      200: { description: 'The snapshot, within the region', schema: snapshotOf(overdueVisit) },
      ...errors,
    },
  },
  lateIssues: {
    method: 'GET',
    path: '/v1/visits/late-issues',
    summary: 'Issues still open after their reply date, from the latest supervision-overdue run',
    query: z.strictObject({ regionCode: z.optional(anyRegionCode()), ...pageQuery }),
    responses: {
      200: { description: 'The snapshot, within the region', schema: snapshotOf(lateIssue) },
      ...errors,
    },
  },
  submitAnnualReport: {
    method: 'PUT',
    path: '/v1/chambers/{id}/annual-reports/{year}',
    summary: 'Submit (or correct, or resubmit when returned) a chamber’s report for a year',
    params: reportParams,
    headers: ifMatch,
    body: annualReportBody,
    responses: {
      200: { description: 'The report, status "submitted"', schema: annualReport },
      ...errors,
      404: notFound,
      409: {
        description: 'Already accepted, or the chamber was never registered',
        schema: problem,
      },
      412: stale,
    },
  },
  getAnnualReport: {
    method: 'GET',
    path: '/v1/chambers/{id}/annual-reports/{year}',
    summary: 'A chamber’s report for a year',
    params: reportParams,
    responses: {
      200: { description: 'The report', schema: annualReport },
      ...errors,
      404: notFound,
    },
  },
  listAnnualReports: {
    method: 'GET',
    path: '/v1/chambers/{id}/annual-reports',
    summary: 'A chamber’s reports, latest year first',
    params: chamber,
    query: listQuery,
    responses: {
      200: { description: 'A page of reports', schema: page(annualReport) },
      ...errors,
      404: notFound,
    },
  },
  reviewAnnualReport: {
    method: 'POST',
    path: '/v1/chambers/{id}/annual-reports/{year}/review',
    summary: 'Accept a submitted report, or return it for resubmission',
    params: reportParams,
    body: reviewBody,
    responses: {
      200: { description: 'The report, accepted or returned', schema: annualReport },
      ...errors,
      404: notFound,
      409: { description: 'The report is not waiting for review', schema: problem },
    },
  },
  missingAnnualReports: {
    method: 'GET',
    path: '/v1/annual-reports/missing',
    summary: 'Registered chambers within a region with no submitted or accepted report that year',
    query: z.strictObject({ regionCode: z.optional(anyRegionCode()), year, ...pageQuery }),
    responses: {
      200: {
        description: 'A page of chambers missing their report',
        schema: z.extend(page(missingReport), {
          regionCode: z.string(),
          year: z.number().check(z.int()),
        }),
      },
      ...errors,
    },
  },
  recordActivity: {
    method: 'POST',
    path: '/v1/chambers/{id}/activities',
    summary: 'Record a Party or education activity a chamber held',
    params: chamber,
    body: activityBody,
    responses: {
      201: { description: 'The activity', schema: activity },
      ...errors,
      404: notFound,
    },
  },
  listActivities: {
    method: 'GET',
    path: '/v1/chambers/{id}/activities',
    summary: 'A chamber’s activities in a year (default: this year), latest first',
    params: chamber,
    query: z.strictObject({ year: z.optional(year), ...pageQuery }),
    responses: {
      200: { description: 'A page of activities', schema: page(activity) },
      ...errors,
      404: notFound,
    },
  },
  activitySummary: {
    method: 'GET',
    path: '/v1/chambers/{id}/activities/summary',
    summary:
      'Activities per kind in a year (default: this year), and whether all "七个一" were held',
    params: chamber,
    query: z.strictObject({ year: z.optional(year) }),
    responses: {
      200: { description: 'The summary', schema: activitySummary },
      ...errors,
      404: notFound,
    },
  },
});
