import { useQuery } from '@tanstack/react-query';
import type { Ranking, RankingMetric } from '#shared/contract/rankings';
import { useApi } from '../../lib/api';
import { queryKeys } from '../../lib/query-keys';

export interface Snapshot {
  computedAt: string;
  entries: number;
}

/** The latest published ranking, or the one published at `at` (public). */
export function useRanking(metric: RankingMetric, regionCode: string, year: number, at?: string) {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.ranking(metric, regionCode, year, at),
    queryFn: () =>
      api.get<Ranking>(`/v1/rankings/${metric}`, { regionCode, year, at }, { auth: false }),
    placeholderData: (previous) => previous,
  });
}

/** The snapshots published for a region and year, newest first: fetched when the picker opens. */
export function useRankingHistory(
  metric: RankingMetric,
  regionCode: string,
  year: number,
  enabled: boolean,
) {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.rankingHistory(metric, regionCode, year),
    queryFn: () =>
      api.get<{ items: Snapshot[]; nextCursor: string | null }>(
        `/v1/rankings/${metric}/history`,
        { regionCode, year, limit: 100 },
        { auth: false },
      ),
    enabled,
  });
}
