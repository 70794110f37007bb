import { useQuery } from '@tanstack/react-query';
import type { Award } from '#shared/contract/assessment';
import { useApi } from '../../lib/api';
import { queryKeys } from '../../lib/query-keys';

export type AwardLevel = Award['level'];

/** Four-Good recognitions, newest year first (public), a page at a time. */
export function useAwards(
  level: AwardLevel | undefined,
  year: number | undefined,
  cursor?: string,
) {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.awards(level, year, undefined, cursor),
    queryFn: () =>
      api.get<{ items: Award[]; nextCursor: string | null }>(
        '/v1/awards',
        { level, year, cursor, limit: 100 },
        { auth: false },
      ),
    placeholderData: (previous) => previous,
  });
}
