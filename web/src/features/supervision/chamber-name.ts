import { useQuery } from '@tanstack/react-query';
import type { Chamber } from '#shared/contract/registration';
import { useApi } from '../../lib/api';
import { queryKeys } from '../../lib/query-keys';

/** A chamber's name for a heading (the registry's cached record when it is there). */
export function useChamberName(id: string): string | undefined {
  const api = useApi();
  const chamber = useQuery({
    queryKey: queryKeys.chambers.detail(id),
    queryFn: () => api.get<Chamber>(`/v1/chambers/${encodeURIComponent(id)}`),
    enabled: !!id,
  });
  return chamber.data?.name;
}
