import * as z from 'zod/mini';
import {
  ACTIVITY_KINDS,
  DEFAULT_VISIT_EVERY_DAYS,
  MAX_VISIT_EVERY_DAYS,
  REVIEW_DECISIONS,
  VISIT_MODES,
} from '#shared/domain/supervision';
import { defineRoutes } from '#shared/http/route';
import { jointActivityRoutes } from './alliances';
import {
  anyRegionCode,
  id,
  ifMatch,
  isoDate,
  optionalIdempotencyKey,
  pageQuery,
  text,
} from './common';

/*
 * Supervision's routes and request schemas: what its function loads. What the routes answer is
 * in supervision.responses.ts, which the function imports only for types.
 */
export type {
  Activity,
  AnnualReport,
  Issue,
  LateIssue,
  Liaison,
  OverdueVisit,
  Visit,
} from './supervision.responses';

export const visitMode = z.lazy(() => z.enum(VISIT_MODES));
export const activityKind = z.lazy(() => z.enum(ACTIVITY_KINDS));

const count = z.lazy(() => z.number().check(z.int('must be a whole number'), z.gte(0), z.lte(1e9)));
/** Whole fen below 10^15 (ten trillion yuan), exact as a double. */
const fen = z.lazy(() =>
  z.number().check(z.int('must be whole fen (1 yuan = 100 fen)'), z.gte(0), z.lte(1e15)),
);
/** Net assets are assets less liabilities: a chamber in debt reports a negative figure. */
const signedFen = z.lazy(() =>
  z.number().check(z.int('must be whole fen (1 yuan = 100 fen)'), z.gte(-1e15), z.lte(1e15)),
);
const year = z.lazy(() => z.coerce.number().check(z.int(), z.gte(1949), z.lte(2100)));

// Liaisons (驻会领导): FIC leaders assigned to a chamber, each with a visit interval.

export const liaisonBody = z.lazy(() =>
  z.strictObject({
    name: text(50),
    title: z.optional(text(100)),
    visitEveryDays: z._default(
      z.number().check(z.int('must be whole days'), z.gte(1), z.lte(MAX_VISIT_EVERY_DAYS)),
      DEFAULT_VISIT_EVERY_DAYS,
    ),
  }),
);

// Visits and the issues a chamber raises in them.

export const visitBody = z.lazy(() =>
  z.strictObject({
    leaderId: id,
    visitedOn: isoDate,
    mode: visitMode,
    topics: z.array(text(200)).check(z.minLength(1, 'names at least one topic'), z.maxLength(20)),
    issues: z._default(z.array(z.strictObject({ summary: text(1000) })).check(z.maxLength(50)), []),
    note: z.optional(text(2000)),
  }),
);
export type VisitRequest = z.output<typeof visitBody>;

export const replyBody = z.lazy(() => z.strictObject({ reply: text(2000) }));

// Annual reports.

export const annualReportBody = z.lazy(() =>
  z.strictObject({
    members: z.strictObject({ firms: count, individuals: count }),
    incomeFen: fen,
    expenseFen: fen,
    netAssetsFen: signedFen,
    activitiesHeld: count,
    donationsReceivedFen: fen,
    partyBuilding: z.strictObject({ partyMembers: count, summary: z.optional(text(2000)) }),
    workSummary: text(10_000),
  }),
);
export type AnnualReportRequest = z.output<typeof annualReportBody>;

export const reviewBody = z.lazy(() =>
  z.strictObject({
    decision: z.enum(REVIEW_DECISIONS),
    note: z.optional(text(2000)),
  }),
);

// Activities.

export const activityBody = z.lazy(() =>
  z.strictObject({
    kind: activityKind,
    heldOn: isoDate,
    participants: z.optional(count),
    note: z.optional(text(1000)),
  }),
);

const chamber = z.lazy(() => z.object({ id }));
const liaisonParams = z.lazy(() => z.object({ id, leaderId: id }));
const visitParams = z.lazy(() => z.object({ id, visitId: id }));
const reportParams = z.lazy(() => z.object({ id, year }));
const listQuery = z.lazy(() => z.strictObject(pageQuery));

export const supervisionRoutes = defineRoutes({
  assignLiaison: {
    method: 'PUT',
    path: '/v1/chambers/{id}/liaisons/{leaderId}',
    summary: 'Assign a leader to a chamber, or change the assignment (the assignment date is kept)',
    params: liaisonParams,
    headers: ifMatch,
    body: liaisonBody,
  },
  listLiaisons: {
    method: 'GET',
    path: '/v1/chambers/{id}/liaisons',
    summary: 'The leaders assigned to a chamber',
    params: chamber,
    query: listQuery,
  },
  removeLiaison: {
    method: 'DELETE',
    path: '/v1/chambers/{id}/liaisons/{leaderId}',
    summary: 'End an assignment (its visits stay on record)',
    params: liaisonParams,
    headers: ifMatch,
  },
  leaderAssignments: {
    method: 'GET',
    path: '/v1/liaisons/{leaderId}/chambers',
    summary: 'The chambers a leader is assigned to (the leader themself, or FIC staff)',
    params: z.lazy(() => z.object({ leaderId: id })),
    query: listQuery,
  },
  recordVisit: {
    method: 'POST',
    path: '/v1/chambers/{id}/visits',
    summary:
      'Record a visit by an assigned leader; each issue raised gets a 15-day reply clock. Exactly once per Idempotency-Key, when one is sent',
    params: chamber,
    headers: optionalIdempotencyKey,
    body: visitBody,
  },
  listVisits: {
    method: 'GET',
    path: '/v1/chambers/{id}/visits',
    summary: 'A chamber’s visits, latest first',
    params: chamber,
    query: listQuery,
  },
  getVisit: {
    method: 'GET',
    path: '/v1/chambers/{id}/visits/{visitId}',
    summary: 'One visit with its issues',
    params: visitParams,
  },
  replyToIssue: {
    method: 'POST',
    path: '/v1/chambers/{id}/visits/{visitId}/issues/{issueId}/reply',
    summary: 'Answer an issue raised in a visit',
    params: z.lazy(() => z.object({ id, visitId: id, issueId: id })),
    body: replyBody,
  },
  overdueVisits: {
    method: 'GET',
    path: '/v1/visits/overdue',
    summary:
      'Liaisons whose chamber is overdue for a visit, from the latest supervision-overdue run',
    query: z.lazy(() => z.strictObject({ regionCode: z.optional(anyRegionCode()), ...pageQuery })),
  },
  lateIssues: {
    method: 'GET',
    path: '/v1/visits/late-issues',
    summary: 'Issues still open after their reply date, from the latest supervision-overdue run',
    query: z.lazy(() => z.strictObject({ regionCode: z.optional(anyRegionCode()), ...pageQuery })),
  },
  submitAnnualReport: {
    method: 'PUT',
    path: '/v1/chambers/{id}/annual-reports/{year}',
    summary: 'Submit (or correct, or resubmit when returned) a chamber’s report for a year',
    params: reportParams,
    headers: ifMatch,
    body: annualReportBody,
  },
  getAnnualReport: {
    method: 'GET',
    path: '/v1/chambers/{id}/annual-reports/{year}',
    summary: 'A chamber’s report for a year',
    params: reportParams,
  },
  listAnnualReports: {
    method: 'GET',
    path: '/v1/chambers/{id}/annual-reports',
    summary: 'A chamber’s reports, latest year first',
    params: chamber,
    query: listQuery,
  },
  reviewAnnualReport: {
    method: 'POST',
    path: '/v1/chambers/{id}/annual-reports/{year}/review',
    summary: 'Accept a submitted report, or return it for resubmission',
    params: reportParams,
    body: reviewBody,
  },
  missingAnnualReports: {
    method: 'GET',
    path: '/v1/annual-reports/missing',
    summary: 'Registered chambers within a region with no submitted or accepted report that year',
    query: z.lazy(() =>
      z.strictObject({ regionCode: z.optional(anyRegionCode()), year, ...pageQuery }),
    ),
  },
  annualReportStatuses: {
    method: 'GET',
    path: '/v1/annual-reports',
    summary:
      'Registered chambers within a region, each with the status of its report for a year (null: none came)',
    query: z.lazy(() =>
      z.strictObject({ regionCode: z.optional(anyRegionCode()), year, ...pageQuery }),
    ),
  },
  recordActivity: {
    method: 'POST',
    path: '/v1/chambers/{id}/activities',
    summary:
      'Record a Party or education activity a chamber held; exactly once per Idempotency-Key, when one is sent',
    params: chamber,
    headers: optionalIdempotencyKey,
    body: activityBody,
  },
  listActivities: {
    method: 'GET',
    path: '/v1/chambers/{id}/activities',
    summary: 'A chamber’s activities in a year (default: this year), latest first',
    params: chamber,
    query: z.lazy(() => z.strictObject({ year: z.optional(year), ...pageQuery })),
  },
  activitySummary: {
    method: 'GET',
    path: '/v1/chambers/{id}/activities/summary',
    summary:
      'Activities per kind in a year (default: this year), and whether all "七个一" were held',
    params: chamber,
    query: z.lazy(() => z.strictObject({ year: z.optional(year) })),
  },
  activityProgress: {
    method: 'GET',
    path: '/v1/activities/progress',
    summary:
      'Registered chambers within a region, each with its activities per kind that year and its "七个一" progress',
    query: z.lazy(() =>
      z.strictObject({ regionCode: z.optional(anyRegionCode()), year, ...pageQuery }),
    ),
  },
  ...jointActivityRoutes,
});
