import { randomUUID } from 'node:crypto';
import { type Principal, requireRole } from '#shared/auth/principal';
import type { AnnualReport, supervisionRoutes } from '#shared/contract/supervision';
import { keyedId, keyedRequest } from '#shared/db/idempotency';
import { todayInShanghai } from '#shared/domain/calendar';
import {
  type ActivityKind,
  activityCounts,
  canReview,
  canSubmit,
  FILING_CHAMBER_STATUSES,
  missingSevenOnes,
  type ReportStatus,
  reportMissing,
} from '#shared/domain/supervision';
import {
  BadRequestError,
  ConflictError,
  NotFoundError,
  PreconditionFailedError,
} from '#shared/http/errors';
import type { Operations } from '#shared/http/route';
import { pageChambersUnder } from '#shared/registration/published';
import { now, regionInScope, visibleChamber, withRetry } from './access';
import { datedId } from './keys';
import * as records from './records';

type Routes = typeof supervisionRoutes;
type ReportRoutes =
  | 'submitAnnualReport'
  | 'getAnnualReport'
  | 'listAnnualReports'
  | 'reviewAnnualReport'
  | 'missingAnnualReports'
  | 'annualReportStatuses'
  | 'recordActivity'
  | 'listActivities'
  | 'activitySummary'
  | 'activityProgress';

const thisYear = () => Number(todayInShanghai(new Date()).slice(0, 4));

/**
 * Annual reports (submitted by the chamber or the FIC, reviewed by the FIC) and the activities
 * a chamber holds. Role first (403), then the chamber's scope (404), then the record's state.
 */
export const reportOperations: Pick<Operations<Routes>, ReportRoutes> = {
  async submitAnnualReport({ params, headers, body, principal }) {
    requireRole(principal, 'fic-admin', 'chamber-officer');
    const chamber = await visibleChamber(principal, params.id, { officer: true });
    if (params.year > thisYear()) {
      throw BadRequestError.field(['year'], 'must not be a year still to come');
    }
    if (!(FILING_CHAMBER_STATUSES as readonly string[]).includes(chamber.status)) {
      throw new ConflictError(
        `Chamber ${params.id} is ${chamber.status}: only a registered chamber files annual reports.`,
      );
    }
    const expected = headers['if-match'];
    const report = await withRetry(expected !== undefined, async () => {
      const current = await records.getReport(params.id, params.year);
      if (expected !== undefined && current?.version !== expected) {
        throw new PreconditionFailedError();
      }
      if (!canSubmit(current?.status)) {
        throw new ConflictError(`The ${params.year} report is accepted and can no longer change.`);
      }
      const at = now();
      const next: AnnualReport = {
        chamberId: params.id,
        year: params.year,
        ...body,
        status: 'submitted',
        submittedAt: at,
        submittedBy: principal.sub,
        review: current?.review ?? null,
        version: (current?.version ?? 0) + 1,
        createdAt: current?.createdAt ?? at,
        updatedAt: at,
      };
      await records.putReport(next, current?.version);
      return next;
    });
    return { status: 200, body: report, headers: { etag: `"${report.version}"` } };
  },

  async getAnnualReport({ params, principal }) {
    requireRole(principal, 'fic-admin', 'chamber-officer');
    await visibleChamber(principal, params.id, { officer: true });
    const report = await records.getReport(params.id, params.year);
    if (!report) throw new NotFoundError(`Chamber ${params.id} has no report for ${params.year}.`);
    return { status: 200, body: report, headers: { etag: `"${report.version}"` } };
  },

  async listAnnualReports({ params, query, principal }) {
    requireRole(principal, 'fic-admin', 'chamber-officer');
    await visibleChamber(principal, params.id, { officer: true });
    return { status: 200, body: await records.listReports(params.id, query.limit, query.cursor) };
  },

  async reviewAnnualReport({ params, body, principal }) {
    requireRole(principal, 'fic-admin');
    await visibleChamber(principal, params.id);
    const report = await withRetry(false, async () => {
      const current = await records.getReport(params.id, params.year);
      if (!current) {
        throw new NotFoundError(`Chamber ${params.id} has no report for ${params.year}.`);
      }
      if (!canReview(current.status)) {
        throw new ConflictError(
          `The ${params.year} report is ${current.status}, not waiting for review.`,
        );
      }
      const at = now();
      const next: AnnualReport = {
        ...current,
        status: body.decision,
        review: {
          decision: body.decision,
          note: body.note ?? null,
          reviewedAt: at,
          reviewedBy: principal.sub,
        },
        version: current.version + 1,
        updatedAt: at,
      };
      await records.putReport(next, current.version);
      return next;
    });
    return { status: 200, body: report, headers: { etag: `"${report.version}"` } };
  },

  async missingAnnualReports({ query, principal }) {
    const rows = await reportRows(principal, query, (status) => reportMissing(status));
    return {
      status: 200,
      body: {
        ...rows,
        items: rows.items.map((row) => ({
          ...row,
          reportStatus: row.reportStatus === 'returned' ? ('returned' as const) : null,
        })),
      },
    };
  },

  async annualReportStatuses({ query, principal }) {
    return { status: 200, body: await reportRows(principal, query, () => true) };
  },

  async recordActivity({ params, headers, body, principal }) {
    requireRole(principal, 'fic-admin', 'chamber-officer');
    await visibleChamber(principal, params.id, { officer: true });
    if (body.heldOn > todayInShanghai(new Date())) {
      throw BadRequestError.field(['heldOn'], 'must not be in the future');
    }
    // Under an Idempotency-Key every retry names the same activity, and counts it at most once.
    const keyed = keyedRequest('activity', principal.sub, headers['idempotency-key'], {
      chamberId: params.id,
      body,
    });
    const activity = {
      id: datedId(body.heldOn, keyed ? keyedId(keyed) : randomUUID()),
      chamberId: params.id,
      kind: body.kind,
      heldOn: body.heldOn,
      participants: body.participants ?? null,
      note: body.note ?? null,
      recordedAt: now(),
      recordedBy: principal.sub,
    };
    if ((await records.insertActivity(activity, keyed)) === 'created') {
      return { status: 201, body: activity };
    }
    const recorded = await records.getActivity(params.id, activity.id);
    if (!recorded) throw new Error(`Activity ${activity.id} is marked recorded but not found.`);
    return { status: 201, body: recorded };
  },

  async listActivities({ params, query, principal }) {
    requireRole(principal, 'fic-admin', 'chamber-officer');
    await visibleChamber(principal, params.id, { officer: true });
    const year = query.year ?? thisYear();
    return {
      status: 200,
      body: await records.listActivities(params.id, year, query.limit, query.cursor),
    };
  },

  async activitySummary({ params, query, principal }) {
    requireRole(principal, 'fic-admin', 'chamber-officer');
    await visibleChamber(principal, params.id, { officer: true });
    const year = query.year ?? thisYear();
    return {
      status: 200,
      body: summaryOf(params.id, year, await records.getTally(params.id, year)),
    };
  },

  async activityProgress({ query, principal }) {
    requireRole(principal, 'fic-admin');
    const regionCode = regionInScope(principal, query.regionCode);
    // A page of the region's registered chambers from the byRegion index, then their tallies
    // by key: the cost follows the page, never what is on record.
    const page = await pageChambersUnder(
      regionCode,
      { status: 'registered' },
      query.limit,
      query.cursor,
      async (chambers) => {
        const tallies = await records.activityTallies(
          chambers.map((chamber) => chamber.id),
          query.year,
        );
        return chambers.map((chamber) => ({
          ...summaryOf(chamber.id, query.year, tallies.get(chamber.id) ?? {}),
          name: chamber.name,
          regionCode: chamber.regionCode,
          kind: chamber.kind,
        }));
      },
    );
    return { status: 200, body: { regionCode, year: query.year, ...page } };
  },
};

/**
 * A page of the region's registered chambers (through the byRegion index) with the status of
 * their report for the year (by key, one BatchGetItem a page), those `keep` keeps.
 */
async function reportRows(
  principal: Principal,
  query: {
    regionCode?: string | undefined;
    year: number;
    limit: number;
    cursor?: string | undefined;
  },
  keep: (status: ReportStatus | undefined) => boolean,
) {
  requireRole(principal, 'fic-admin');
  const regionCode = regionInScope(principal, query.regionCode);
  const page = await pageChambersUnder(
    regionCode,
    { status: 'registered' },
    query.limit,
    query.cursor,
    async (chambers) => {
      const statuses = await records.reportStatuses(
        chambers.map((chamber) => chamber.id),
        query.year,
      );
      return chambers
        .filter((chamber) => keep(statuses.get(chamber.id)))
        .map((chamber) => ({
          chamberId: chamber.id,
          name: chamber.name,
          regionCode: chamber.regionCode,
          kind: chamber.kind,
          reportStatus: statuses.get(chamber.id) ?? null,
        }));
    },
  );
  return { regionCode, year: query.year, ...page };
}

function summaryOf(chamberId: string, year: number, counts: Partial<Record<ActivityKind, number>>) {
  const missing = missingSevenOnes(counts);
  return {
    chamberId,
    year,
    counts: activityCounts(counts),
    sevenOnesComplete: missing.length === 0,
    sevenOnesMissing: missing,
  };
}
