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
};
