import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  Award,
  Cycle,
  Evidence,
  Rating,
  Result,
  Review,
  Rubric,
  SelfAssessment,
  Veto,
} from '#shared/contract/assessment';
import type { Chamber } from '#shared/contract/registration';
import { useApi } from '../../lib/api';
import { queryKeys } from '../../lib/query-keys';

/*
 * The Four-Good assessment's reads and writes: cycles, assignments, score sheets (with the
 * evidence beside them), vetoes, finalizing, results, awards and Party-branch star ratings.
 */
type Page<T> = { items: T[]; nextCursor: string | null };
export type Score = {
  indicatorId: string;
  points: number;
  note?: string;
  deductionReason?: string;
};
export interface Results {
  cycleId: string;
  status: Cycle['status'];
  finalizedAt: string | null;
  items: Result[];
}

const cyclePath = (cycleId: string) => `/v1/assessment-cycles/${encodeURIComponent(cycleId)}`;
const entryPath = (cycleId: string, chamberId: string) =>
  `${cyclePath(cycleId)}/entries/${encodeURIComponent(chamberId)}`;

/** The cycles FIC staff run (within their region), or an officer's chamber takes part in. */
export function useCycles(regionCode?: string) {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.assessment.cycles(regionCode),
    queryFn: () => api.get<Page<Cycle>>('/v1/assessment-cycles', { regionCode, limit: 100 }),
  });
}

export function useCycle(cycleId: string) {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.assessment.cycle(cycleId),
    queryFn: () => api.get<Cycle>(cyclePath(cycleId)),
  });
}

export function useRubric(rubricId: string | undefined) {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.assessment.rubric(rubricId ?? ''),
    queryFn: () => api.get<Rubric>(`/v1/rubrics/${encodeURIComponent(rubricId ?? '')}`),
    enabled: !!rubricId,
    staleTime: Number.POSITIVE_INFINITY, // a rubric never changes once published
  });
}

export function useRubrics() {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.assessment.rubric('*'),
    queryFn: () => api.get<Page<Rubric>>('/v1/rubrics', { limit: 100 }),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useOpenCycle() {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({
      body,
      key,
    }: {
      body: { year: number; rubricId: string; regionCode: string; title?: string };
      key: string;
    }) => api.send<Cycle>('POST', '/v1/assessment-cycles', body, { 'idempotency-key': key }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['assessment', 'cycles'] }),
  });
}

export function useAssignments(cycleId: string) {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.assessment.assignments(cycleId),
    queryFn: () => api.get<Page<Review>>(`${cyclePath(cycleId)}/assignments`, { limit: 100 }),
  });
}

export function useAssign(cycleId: string) {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { chamberId: string; assessorId: string }) =>
      api.send<Review>('POST', `${cyclePath(cycleId)}/assignments`, body),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: queryKeys.assessment.assignments(cycleId) });
      void client.invalidateQueries({ queryKey: queryKeys.assessment.results(cycleId) });
    },
  });
}

/** Withdraws an assignment the assessor has not reviewed yet. */
export function useUnassign(cycleId: string) {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ chamberId, assessorId }: { chamberId: string; assessorId: string }) =>
      api.send<void>(
        'DELETE',
        `${cyclePath(cycleId)}/assignments/${encodeURIComponent(chamberId)}/${encodeURIComponent(assessorId)}`,
      ),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: queryKeys.assessment.assignments(cycleId) });
      void client.invalidateQueries({ queryKey: queryKeys.assessment.results(cycleId) });
    },
  });
}

/** An assessor's assignments across cycles ("my assignments"). */
export function useMyAssignments(assessorId: string) {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.assessment.mine(assessorId),
    queryFn: () =>
      api.get<Page<Review>>(`/v1/assessors/${encodeURIComponent(assessorId)}/assignments`, {
        limit: 100,
      }),
  });
}

/** Whose sheet: the chamber officer's self-assessment, or one assessor's review. */
export type SheetOwner = { self: true } | { assessorId: string };

const sheetPath = (cycleId: string, chamberId: string, whose: SheetOwner) =>
  'self' in whose
    ? `${entryPath(cycleId, chamberId)}/self-assessment`
    : `${entryPath(cycleId, chamberId)}/reviews/${encodeURIComponent(whose.assessorId)}`;

/**
 * A score sheet: the officer's self-assessment (null before the first one is saved), or the
 * assessor's review of a chamber they are assigned to.
 */
export function useSheet(cycleId: string, chamberId: string, whose: SheetOwner) {
  const api = useApi();
  return useQuery<SelfAssessment | Review | null>({
    queryKey:
      'self' in whose
        ? queryKeys.assessment.self(cycleId, chamberId)
        : queryKeys.assessment.review(cycleId, chamberId, whose.assessorId),
    queryFn: () =>
      'self' in whose
        ? api.get<SelfAssessment>(sheetPath(cycleId, chamberId, whose)).catch(orNull404)
        : api.get<Review>(sheetPath(cycleId, chamberId, whose)),
  });
}

export function useEvidence(cycleId: string, chamberId: string) {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.assessment.evidence(cycleId, chamberId),
    queryFn: () => api.get<Evidence>(`${entryPath(cycleId, chamberId)}/evidence`),
  });
}

/** Saves a score sheet: the self-assessment, or the signed-in assessor's review. */
export function useSaveSheet(cycleId: string, chamberId: string, whose: SheetOwner) {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ scores, version }: { scores: Score[]; version?: number }) =>
      api.send<SelfAssessment | Review>(
        'PUT',
        sheetPath(cycleId, chamberId, whose),
        { scores },
        version ? { 'if-match': String(version) } : undefined,
      ),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['assessment'] });
    },
  });
}

export function useVeto(cycleId: string) {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({
      chamberId,
      reason,
      note,
    }: {
      chamberId: string;
      reason: Veto['reason'];
      note?: string;
    }) => api.send<Veto>('POST', `${entryPath(cycleId, chamberId)}/vetoes`, { reason, note }),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.assessment.results(cycleId) }),
  });
}

export function useFinalize(cycleId: string) {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.send<Cycle>('POST', `${cyclePath(cycleId)}/finalize`),
    onSuccess: (cycle) => {
      client.setQueryData(queryKeys.assessment.cycle(cycleId), cycle);
      void client.invalidateQueries({ queryKey: ['assessment'] });
    },
  });
}

export function useResults(cycleId: string, enabled = true) {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.assessment.results(cycleId),
    queryFn: () => api.get<Results>(`${cyclePath(cycleId)}/results`),
    enabled,
  });
}

export function useRecordAward() {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: {
      chamberId: string;
      level: Award['level'];
      year: number;
      cycleId?: string;
    }) => api.send<Award>('POST', '/v1/awards', body),
    onSuccess: () => client.invalidateQueries({ queryKey: ['awards'] }),
  });
}

export function useRatings(chamberId: string | undefined) {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.assessment.ratings(chamberId ?? ''),
    queryFn: () =>
      api.get<Page<Rating>>(
        `/v1/chambers/${encodeURIComponent(chamberId ?? '')}/party-branch/ratings`,
        { limit: 100 },
      ),
    enabled: !!chamberId,
  });
}

export function useRate(chamberId: string) {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({
      year,
      stars,
      note,
      version,
    }: {
      year: number;
      stars: number;
      note?: string;
      version?: number;
    }) =>
      api.send<Rating>(
        'PUT',
        `/v1/chambers/${encodeURIComponent(chamberId)}/party-branch/ratings/${year}`,
        { stars, ...(note ? { note } : {}) },
        version ? { 'if-match': String(version) } : undefined,
      ),
    onSuccess: () =>
      client.invalidateQueries({ queryKey: queryKeys.assessment.ratings(chamberId) }),
  });
}

/** Chambers by name, for the pickers (FIC staff). */
export function useChamberSearch(name: string, regionCode?: string) {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.chambers.list({ name, regionCode }),
    queryFn: () =>
      api.get<Page<Chamber>>('/v1/chambers', { name: name || undefined, regionCode, limit: 20 }),
    placeholderData: (previous) => previous,
  });
}

function orNull404(error: unknown): null {
  if ((error as { status?: number }).status === 404) return null;
  throw error;
}

/** Chambers' names in cycles (from their results, which FIC staff and assessors may read). */
export function useNamesIn(cycleIds: string[]) {
  const api = useApi();
  const results = useQueries({
    queries: cycleIds.map((cycleId) => ({
      queryKey: queryKeys.assessment.results(cycleId),
      queryFn: () => api.get<Results>(`${cyclePath(cycleId)}/results`),
    })),
  });
  const names = new Map<string, string>();
  for (const r of results)
    for (const item of r.data?.items ?? []) names.set(item.chamberId, item.name);
  return names;
}

/** The cycles behind a list of entries, by id (one request each, shared with the cycle's page). */
export function useCyclesById(cycleIds: string[]): Map<string, Cycle> {
  const api = useApi();
  const results = useQueries({
    queries: cycleIds.map((cycleId) => ({
      queryKey: queryKeys.assessment.cycle(cycleId),
      queryFn: () => api.get<Cycle>(cyclePath(cycleId)),
    })),
  });
  const cycles = new Map<string, Cycle>();
  for (const r of results) if (r.data) cycles.set(r.data.id, r.data);
  return cycles;
}

/** Active assessor accounts within the caller's region, for assigning them (FIC staff). */
export function useAssessors() {
  const api = useApi();
  return useQuery({
    queryKey: ['accounts', 'list', { role: 'assessor', status: 'active' }],
    queryFn: () =>
      api.get<Page<{ id: string; name: string }>>('/v1/accounts', {
        role: 'assessor',
        status: 'active',
        limit: 100,
      }),
  });
}
