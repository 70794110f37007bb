import { useQuery } from '@tanstack/react-query';
import type { Stats } from '#shared/contract/ledger';
import type { Dashboard } from '#shared/contract/rankings';
import { useApi } from '../../lib/api';
import { queryKeys } from '../../lib/query-keys';

/*
 * The dashboard's two requests: the figures the rankings run computed for the region (one item),
 * and the live donation totals per campaign (the statistics page's own request, so they share
 * its cache).
 */
export function useDashboard(regionCode: string) {
  const api = useApi();
  return useQuery({
    queryKey: ['dashboard', regionCode] as const,
    queryFn: () => api.get<Dashboard>('/v1/dashboard', { regionCode }),
  });
}

export function useCampaignTotals(regionCode: string) {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.stats(regionCode, undefined),
    queryFn: () =>
      api.get<{ regionCode: string; year: number | null; items: Stats[] }>(
        '/v1/stats/donations/by-campaign',
        { regionCode },
        { auth: false },
      ),
  });
}
