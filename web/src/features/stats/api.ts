import { useQueries, useQuery } from '@tanstack/react-query';
import type { Stats } from '#shared/contract/ledger';
import { useApi } from '../../lib/api';
import { queryKeys } from '../../lib/query-keys';

export interface StatsByCampaign {
  regionCode: string;
  year: number | null;
  items: Stats[];
}

/** Every campaign's totals and their sum, in one request (public). */
export function useStatsByCampaign(regionCode: string, year?: number) {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.stats(regionCode, year),
    queryFn: () =>
      api.get<StatsByCampaign>(
        '/v1/stats/donations/by-campaign',
        { regionCode, year },
        { auth: false },
      ),
  });
}

/** Each county's totals (all campaigns, or one) in a year: one public read per county. */
export function useStatsByCounty(counties: string[], year?: number, campaign?: string) {
  const api = useApi();
  return useQueries({
    queries: counties.map((regionCode) => ({
      queryKey: queryKeys.statsOne(regionCode, campaign, year),
      queryFn: () =>
        api.get<Stats>('/v1/stats/donations', { regionCode, year, campaign }, { auth: false }),
    })),
  });
}
