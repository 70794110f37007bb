import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  Alliance,
  AllianceMember,
  AllianceRequest,
  JointActivity,
  JointActivityRequest,
} from '#shared/contract/alliances';
import type { Chamber } from '#shared/contract/registration';
import { hasPartyOrganisation } from '#shared/domain/alliance';
import { useApi } from '../../lib/api';

type Page<T> = { items: T[]; nextCursor: string | null };

/*
 * Party-building alliances (党建联盟): read by anyone (no token), founded and kept by FIC staff;
 * their joint activities are recorded by FIC staff. The keys live here, with the only screens
 * that use them; a change reads the alliance again (its member count and list move).
 */
export const allianceKeys = {
  all: ['alliances'] as const,
  list: (regionCode: string, cursor?: string) => ['alliances', 'list', regionCode, cursor] as const,
  detail: (id: string) => ['alliances', 'detail', id] as const,
  activities: (id: string, year: number, cursor?: string) =>
    ['alliances', 'activities', id, year, cursor] as const,
  candidates: (regionCode: string, name: string) =>
    ['alliances', 'candidates', regionCode, name] as const,
};

const path = (id: string) => `/v1/alliances/${encodeURIComponent(id)}`;

export function useAlliances(regionCode: string, cursor?: string) {
  const api = useApi();
  return useQuery({
    queryKey: allianceKeys.list(regionCode, cursor),
    queryFn: () =>
      api.get<Page<Alliance>>('/v1/alliances', { regionCode, cursor, limit: 20 }, { auth: false }),
    placeholderData: (previous) => previous,
  });
}

export function useAlliance(id: string) {
  const api = useApi();
  return useQuery({
    queryKey: allianceKeys.detail(id),
    queryFn: () => api.get<Alliance>(path(id), undefined, { auth: false }),
  });
}

/** Founds an alliance; the Idempotency-Key is made once per filled-in form (a retry founds none twice). */
export function useCreateAlliance() {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ body, key }: { body: AllianceRequest; key: string }) =>
      api.send<Alliance>('POST', '/v1/alliances', body, { 'idempotency-key': key }),
    onSuccess: (alliance) => {
      client.setQueryData(allianceKeys.detail(alliance.id), alliance);
      void client.invalidateQueries({ queryKey: ['alliances', 'list'] });
    },
  });
}

function useMembershipChanged(id: string) {
  const client = useQueryClient();
  return () => {
    void client.invalidateQueries({ queryKey: allianceKeys.detail(id) });
    void client.invalidateQueries({ queryKey: ['alliances', 'list'] });
  };
}

/** PUT: the same membership again is no second member. */
export function useAddMember(id: string) {
  const api = useApi();
  return useMutation({
    mutationFn: ({ chamberId, joinedOn }: { chamberId: string; joinedOn?: string }) =>
      api.send<AllianceMember>(
        'PUT',
        `${path(id)}/members/${encodeURIComponent(chamberId)}`,
        joinedOn ? { joinedOn } : {},
      ),
    onSuccess: useMembershipChanged(id),
  });
}

export function useRemoveMember(id: string) {
  const api = useApi();
  return useMutation({
    mutationFn: (chamberId: string) =>
      api.send<void>('DELETE', `${path(id)}/members/${encodeURIComponent(chamberId)}`),
    onSuccess: useMembershipChanged(id),
  });
}

/**
 * Chambers of the alliance's region that may join: those with a Party organisation, neither
 * rejected nor deregistered (the API refuses the others, and says why). Searched by name.
 */
export function useCandidates(regionCode: string, name: string, enabled: boolean) {
  const api = useApi();
  return useQuery({
    queryKey: allianceKeys.candidates(regionCode, name),
    queryFn: async () => {
      const page = await api.get<Page<Chamber>>('/v1/chambers', {
        regionCode,
        name: name || undefined,
        limit: 100,
      });
      return page.items.filter(
        (c) =>
          hasPartyOrganisation(c.partyOrganisation) &&
          c.status !== 'rejected' &&
          c.status !== 'deregistered',
      );
    },
    enabled,
    placeholderData: (previous) => previous,
  });
}

export function useJointActivities(id: string, year: number, cursor?: string) {
  const api = useApi();
  return useQuery({
    queryKey: allianceKeys.activities(id, year, cursor),
    queryFn: () =>
      api.get<Page<JointActivity>>(`${path(id)}/activities`, { year, cursor, limit: 20 }),
    placeholderData: (previous) => previous,
  });
}

/** Records a joint activity once per filled-in form (Idempotency-Key), counted in each member's. */
export function useRecordJointActivity(id: string) {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ body, key }: { body: JointActivityRequest; key: string }) =>
      api.send<JointActivity>('POST', `${path(id)}/activities`, body, { 'idempotency-key': key }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['alliances', 'activities', id] }),
  });
}
