/*
 * Every TanStack Query key the console uses, built here so that a change invalidates exactly
 * what it should (a chamber's change: its record, its lists, the coverage of its county).
 */
export interface ChamberFilter {
  regionCode?: string;
  kind?: string;
  status?: string;
  relationship?: string;
  name?: string;
  cursor?: string;
}

export interface AccountFilter {
  regionCode?: string;
  role?: string;
  status?: string;
  chamberId?: string;
  cursor?: string;
}

export const queryKeys = {
  stats: (regionCode: string, year?: number) => ['stats', 'by-campaign', regionCode, year] as const,
  ranking: (metric: string, regionCode: string, year: number, at?: string) =>
    ['rankings', metric, regionCode, year, at ?? 'latest'] as const,
  rankingHistory: (metric: string, regionCode: string, year: number) =>
    ['rankings', metric, regionCode, year, 'history'] as const,
  awards: (level?: string, year?: number, regionCode?: string, cursor?: string) =>
    ['awards', level, year, regionCode, cursor] as const,
  chambers: {
    all: ['chambers'] as const,
    list: (filter: ChamberFilter) => ['chambers', 'list', filter] as const,
    detail: (id: string) => ['chambers', 'detail', id] as const,
    members: (id: string, cursor?: string) => ['chambers', 'members', id, cursor] as const,
  },
  coverage: (county: string) => ['coverage', county] as const,
  ledgerAudit: ['ledger', 'audits', 'latest'] as const,
  accounts: {
    all: ['accounts'] as const,
    list: (filter: AccountFilter) => ['accounts', 'list', filter] as const,
    detail: (id: string) => ['accounts', 'detail', id] as const,
    me: ['accounts', 'me'] as const,
    history: (id: string, cursor?: string) => ['accounts', 'history', id, cursor] as const,
  },
  // ledger and assessment screens (issue 13)
  ledger: {
    entries: (chamberId: string, filter: { year?: number; campaign?: string }, cursor?: string) =>
      ['ledger', chamberId, 'entries', filter, cursor] as const,
    verify: (chamberId: string) => ['ledger', chamberId, 'verify'] as const,
  },
  statsByRegion: (regionCodes: string[], year?: number) =>
    ['stats', 'by-region', regionCodes.join(','), year] as const,
  assessment: {
    all: ['assessment'] as const,
    cycles: (regionCode?: string) => ['assessment', 'cycles', regionCode] as const,
    cycle: (cycleId: string) => ['assessment', 'cycle', cycleId] as const,
    rubric: (rubricId: string) => ['assessment', 'rubric', rubricId] as const,
    assignments: (cycleId: string) => ['assessment', 'assignments', cycleId] as const,
    mine: (assessorId: string) => ['assessment', 'mine', assessorId] as const,
    self: (cycleId: string, chamberId: string) =>
      ['assessment', 'self', cycleId, chamberId] as const,
    review: (cycleId: string, chamberId: string, assessorId: string) =>
      ['assessment', 'review', cycleId, chamberId, assessorId] as const,
    evidence: (cycleId: string, chamberId: string) =>
      ['assessment', 'evidence', cycleId, chamberId] as const,
    results: (cycleId: string) => ['assessment', 'results', cycleId] as const,
    ratings: (chamberId: string) => ['assessment', 'ratings', chamberId] as const,
  },
};
