import { useQuery } from '@tanstack/react-query';
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

export interface StatsByRegion {
  campaign: string | null;
  year: number | null;
  /** One per region asked, in the order asked. */
  items: Stats[];
}

/** The totals of these regions (each county of the city, say), in one public request. */
export function fetchStatsByRegion(
  api: ReturnType<typeof useApi>,
  regionCodes: string[],
  year?: number,
): Promise<StatsByRegion> {
  return api.get<StatsByRegion>(
    '/v1/stats/donations/by-region',
    { regionCodes: regionCodes.join(','), year },
    { auth: false },
  );
}

export function useStatsByRegion(regionCodes: string[], year?: number) {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.statsByRegion(regionCodes, year),
    queryFn: () => fetchStatsByRegion(api, regionCodes, year),
    enabled: regionCodes.length > 0,
  });
}
