import { useQuery } from '@tanstack/react-query';
import { useApi } from '../../lib/api';
import { queryKeys } from '../../lib/query-keys';

export interface Coverage {
  regionCode: string;
  name: string;
  townships: number;
  covered: number;
  uncovered: { code: string; name: string }[];
}

export function useCoverage(county: string | undefined) {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.coverage(county ?? ''),
    queryFn: () => api.get<Coverage>('/v1/coverage/townships', { regionCode: county }),
    enabled: !!county,
  });
}
