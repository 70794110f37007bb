import { useQuery } from '@tanstack/react-query';
import type { Chamber } from '#shared/contract/registration';
import { useApi } from './api';
import { queryKeys } from './query-keys';

/**
 * A chamber's name, for headings and labels on any screen (the registry's cached record when it
 * is there; undefined until it is read, or when it cannot be). `enabled: false` reads nothing.
 */
export function useChamberName(id: string | null | undefined, enabled = true): string | undefined {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.chambers.detail(id ?? ''),
    queryFn: () => api.get<Chamber>(`/v1/chambers/${encodeURIComponent(id ?? '')}`),
    enabled: enabled && !!id,
    select: (chamber) => chamber.name,
    staleTime: 60_000,
  }).data;
}
