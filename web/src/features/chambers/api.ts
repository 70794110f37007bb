import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Chamber, ChamberPatch, CreateChamber, Member } from '#shared/contract/registration';
import type { StatusAction } from '#shared/domain/chamber';
import { useApi } from '../../lib/api';
import { type ChamberFilter, queryKeys } from '../../lib/query-keys';

type Page<T> = { items: T[]; nextCursor: string | null };

export const PAGE_SIZE = 20;

/** One page of the registry: one request per page, filtered by the API. */
export function useChambers(filter: ChamberFilter) {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.chambers.list(filter),
    queryFn: () => api.get<Page<Chamber>>('/v1/chambers', { ...filter, limit: PAGE_SIZE }),
    placeholderData: (previous) => previous,
  });
}

export function useChamber(id: string) {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.chambers.detail(id),
    queryFn: () => api.get<Chamber>(`/v1/chambers/${encodeURIComponent(id)}`),
  });
}

export function useMembers(id: string, cursor?: string) {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.chambers.members(id, cursor),
    queryFn: () =>
      api.get<Page<Member>>(`/v1/chambers/${encodeURIComponent(id)}/members`, {
        cursor,
        limit: 50,
      }),
    placeholderData: (previous) => previous,
  });
}

/** After a chamber changes: its record is the answer; lists and coverage are read again. */
function useChanged() {
  const client = useQueryClient();
  return (chamber: Chamber) => {
    client.setQueryData(queryKeys.chambers.detail(chamber.id), chamber);
    void client.invalidateQueries({ queryKey: ['chambers', 'list'] });
    void client.invalidateQueries({ queryKey: ['coverage'] });
  };
}

/** Applies for a chamber. The Idempotency-Key is made once per filled-in form, so a retry after
 * a lost answer (or a double click) creates nothing twice. */
export function useCreateChamber() {
  const api = useApi();
  const changed = useChanged();
  return useMutation({
    mutationFn: ({ body, key }: { body: CreateChamber; key: string }) =>
      api.send<Chamber>('POST', '/v1/chambers', body, { 'idempotency-key': key }),
    onSuccess: changed,
  });
}

export function useChangeStatus(id: string) {
  const api = useApi();
  const changed = useChanged();
  return useMutation({
    mutationFn: (body: { action: StatusAction; uscc?: string; reason?: string }) =>
      api.send<Chamber>('POST', `/v1/chambers/${encodeURIComponent(id)}/status`, body),
    onSuccess: changed,
  });
}

/** Changes the record if it is still at `version` (If-Match); 412 when someone was first. */
export function usePatchChamber(id: string) {
  const api = useApi();
  const changed = useChanged();
  return useMutation({
    mutationFn: ({ patch, version }: { patch: ChamberPatch; version: number }) =>
      api.send<Chamber>('PATCH', `/v1/chambers/${encodeURIComponent(id)}`, patch, {
        'if-match': String(version),
      }),
    onSuccess: changed,
  });
}

/** The record as it is now, read past the cache (after a 412). */
export function useFetchChamber() {
  const api = useApi();
  const client = useQueryClient();
  return async (id: string) => {
    const chamber = await api.get<Chamber>(`/v1/chambers/${encodeURIComponent(id)}`);
    client.setQueryData(queryKeys.chambers.detail(id), chamber);
    return chamber;
  };
}

export function useAddMember(id: string) {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string; uscc: string }) =>
      api.send<Member>('POST', `/v1/chambers/${encodeURIComponent(id)}/members`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: ['chambers', 'members', id] }),
  });
}
