import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AnnualReport,
  AnnualReportRequest,
  Issue,
  LateIssue,
  Liaison,
  OverdueVisit,
  Visit,
  VisitRequest,
} from '#shared/contract/supervision';
import type { ActivityKind } from '#shared/domain/supervision';
import { useApi } from '../../lib/api';

type Page<T> = { items: T[]; nextCursor: string | null };
type Snapshot<T> = Page<T> & { asOf: string | null; computedAt: string | null; regionCode: string };
export type Assignment = Liaison & {
  chamber: { name: string; regionCode: string; status: string } | null;
};
export type ReportStatusRow = {
  chamberId: string;
  name: string;
  regionCode: string;
  kind: string;
  reportStatus: AnnualReport['status'] | null;
};
export type ActivityProgress = {
  chamberId: string;
  name: string;
  regionCode: string;
  kind: string;
  counts: Record<ActivityKind, number>;
  sevenOnesComplete: boolean;
  sevenOnesMissing: ActivityKind[];
};

/*
 * Supervision's reads and writes. Query keys start with 'supervision' and are built here, so a
 * write invalidates exactly the lists it changes.
 */
export const supervisionKeys = {
  all: ['supervision'] as const,
  assignments: (leaderId: string) => ['supervision', 'assignments', leaderId] as const,
  visits: (chamberId: string) => ['supervision', 'visits', chamberId] as const,
  overdue: (regionCode: string, cursor?: string) =>
    ['supervision', 'overdue', regionCode, cursor] as const,
  late: (regionCode: string, cursor?: string) =>
    ['supervision', 'late', regionCode, cursor] as const,
  report: (chamberId: string, year: number) => ['supervision', 'report', chamberId, year] as const,
  reports: (regionCode: string, year: number, missing: boolean, cursor?: string) =>
    ['supervision', 'reports', regionCode, year, missing, cursor] as const,
  progress: (regionCode: string, year: number, cursor?: string) =>
    ['supervision', 'progress', regionCode, year, cursor] as const,
};

const chamberPath = (id: string) => `/v1/chambers/${encodeURIComponent(id)}`;

/** The chambers a leader is assigned to (every page: a leader has a handful). */
export function useAssignments(leaderId: string) {
  const api = useApi();
  return useQuery({
    queryKey: supervisionKeys.assignments(leaderId),
    queryFn: () =>
      api.get<Page<Assignment>>(`/v1/liaisons/${encodeURIComponent(leaderId)}/chambers`, {
        limit: 100,
      }),
  });
}

/** A chamber's latest visits, with the issues raised in them. */
export function useVisits(chamberId: string | undefined) {
  const api = useApi();
  return useQuery({
    queryKey: supervisionKeys.visits(chamberId ?? ''),
    queryFn: () => api.get<Page<Visit>>(`${chamberPath(chamberId ?? '')}/visits`, { limit: 100 }),
    enabled: !!chamberId,
  });
}

/** Records a visit; the Idempotency-Key is the form's, kept until an answer arrives. */
export function useRecordVisit(chamberId: string) {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ body, key }: { body: VisitRequest; key: string }) =>
      api.send<Visit>('POST', `${chamberPath(chamberId)}/visits`, body, { 'idempotency-key': key }),
    onSuccess: () => client.invalidateQueries({ queryKey: supervisionKeys.all }),
  });
}

export function useReply(chamberId: string) {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({
      visitId,
      issueId,
      reply,
    }: {
      visitId: string;
      issueId: string;
      reply: string;
    }) =>
      api.send<Issue>(
        'POST',
        `${chamberPath(chamberId)}/visits/${encodeURIComponent(visitId)}/issues/${encodeURIComponent(issueId)}/reply`,
        { reply },
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: supervisionKeys.visits(chamberId) }),
  });
}

export function useOverdueVisits(regionCode: string, cursor?: string) {
  const api = useApi();
  return useQuery({
    queryKey: supervisionKeys.overdue(regionCode, cursor),
    queryFn: () =>
      api.get<Snapshot<OverdueVisit>>('/v1/visits/overdue', { regionCode, cursor, limit: 50 }),
    placeholderData: (previous) => previous,
  });
}

export function useLateIssues(regionCode: string, cursor?: string) {
  const api = useApi();
  return useQuery({
    queryKey: supervisionKeys.late(regionCode, cursor),
    queryFn: () =>
      api.get<Snapshot<LateIssue>>('/v1/visits/late-issues', { regionCode, cursor, limit: 50 }),
    placeholderData: (previous) => previous,
  });
}

/** A chamber's report for a year; `null` when none was sent yet (the API's 404). */
export function useAnnualReport(chamberId: string, year: number) {
  const api = useApi();
  return useQuery({
    queryKey: supervisionKeys.report(chamberId, year),
    queryFn: async () => {
      try {
        return await api.get<AnnualReport>(`${chamberPath(chamberId)}/annual-reports/${year}`);
      } catch (error) {
        if ((error as { status?: number }).status === 404) return null;
        throw error;
      }
    },
  });
}

function useReportChanged(chamberId: string, year: number) {
  const client = useQueryClient();
  return (report: AnnualReport) => {
    client.setQueryData(supervisionKeys.report(chamberId, year), report);
    void client.invalidateQueries({ queryKey: ['supervision', 'reports'] });
  };
}

/** Submits (or resubmits) the report at the version the form was opened on (If-Match). */
export function useSubmitReport(chamberId: string, year: number) {
  const api = useApi();
  const changed = useReportChanged(chamberId, year);
  return useMutation({
    mutationFn: ({ body, version }: { body: AnnualReportRequest; version?: number }) =>
      api.send<AnnualReport>(
        'PUT',
        `${chamberPath(chamberId)}/annual-reports/${year}`,
        body,
        version === undefined ? undefined : { 'if-match': String(version) },
      ),
    onSuccess: changed,
  });
}

export function useReviewReport(chamberId: string, year: number) {
  const api = useApi();
  const changed = useReportChanged(chamberId, year);
  return useMutation({
    mutationFn: (body: { decision: 'accepted' | 'returned'; note?: string }) =>
      api.send<AnnualReport>(
        'POST',
        `${chamberPath(chamberId)}/annual-reports/${year}/review`,
        body,
      ),
    onSuccess: changed,
  });
}

/** Every registered chamber's report status for a year, or only those missing it. */
export function useReportStatuses(
  regionCode: string,
  year: number,
  missing: boolean,
  cursor?: string,
) {
  const api = useApi();
  return useQuery({
    queryKey: supervisionKeys.reports(regionCode, year, missing, cursor),
    queryFn: () =>
      api.get<Page<ReportStatusRow>>(
        missing ? '/v1/annual-reports/missing' : '/v1/annual-reports',
        { regionCode, year, cursor, limit: 100 },
      ),
    placeholderData: (previous) => previous,
  });
}

export function useActivityProgress(regionCode: string, year: number, cursor?: string) {
  const api = useApi();
  return useQuery({
    queryKey: supervisionKeys.progress(regionCode, year, cursor),
    queryFn: () =>
      api.get<Page<ActivityProgress>>('/v1/activities/progress', {
        regionCode,
        year,
        cursor,
        limit: 100,
      }),
    placeholderData: (previous) => previous,
  });
}
