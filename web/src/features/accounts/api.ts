import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  Account,
  AccountHistoryEntry,
  AccountPatch,
  CreateAccount,
} from '#shared/contract/accounts';
import type { Chamber } from '#shared/contract/registration';
import { type ApiClient, useApi } from '../../lib/api';
import { type AccountFilter, queryKeys } from '../../lib/query-keys';

type Page<T> = { items: T[]; nextCursor: string | null };

export const PAGE_SIZE = 20;

/** One page of the accounts within a region, filtered by the API. */
export function useAccounts(filter: AccountFilter) {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.accounts.list(filter),
    queryFn: () => api.get<Page<Account>>('/v1/accounts', { ...filter, limit: PAGE_SIZE }),
    placeholderData: (previous) => previous,
  });
}

export function useAccount(id: string) {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.accounts.detail(id),
    queryFn: () => api.get<Account>(`/v1/accounts/${encodeURIComponent(id)}`),
  });
}

/** Who an account id is, by name, when the caller may see that account (else the id). */
export function useAccountName(id: string) {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.accounts.detail(id),
    queryFn: () => api.get<Account>(`/v1/accounts/${encodeURIComponent(id)}`),
    select: (account) => account.name,
    retry: false,
    staleTime: 60_000,
  });
}

/** The signed-in person's own account (404 for a test identity that names no account). */
export function useOwnAccount() {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.accounts.me,
    queryFn: () => api.get<Account>('/v1/accounts/me'),
    retry: false,
  });
}

export function useAccountHistory(id: string, cursor?: string) {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.accounts.history(id, cursor),
    queryFn: () =>
      api.get<Page<AccountHistoryEntry>>(`/v1/accounts/${encodeURIComponent(id)}/history`, {
        cursor,
        limit: 50,
      }),
    placeholderData: (previous) => previous,
  });
}

/**
 * The names of the chambers whose officers `accounts` are (for an export): each distinct chamber
 * read once, a few at a time; one that cannot be read keeps its id.
 */
export async function chamberNames(
  api: ApiClient,
  accounts: Pick<Account, 'chamberId'>[],
): Promise<Map<string, string>> {
  const ids = [...new Set(accounts.flatMap((a) => (a.chamberId ? [a.chamberId] : [])))];
  const names = new Map<string, string>();
  for (let i = 0; i < ids.length; i += 8) {
    await Promise.all(
      ids.slice(i, i + 8).map(async (id) => {
        const chamber = await api
          .get<Chamber>(`/v1/chambers/${encodeURIComponent(id)}`)
          .catch(() => undefined);
        if (chamber) names.set(id, chamber.name);
      }),
    );
  }
  return names;
}

/** Chambers a person can be made an officer of: open ones in the caller's region, by name. */
export function useChamberChoices(regionCode: string, name: string, enabled: boolean) {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.chambers.list({ regionCode, name, status: 'registered' }),
    queryFn: () =>
      api.get<Page<Chamber>>('/v1/chambers', {
        regionCode,
        name,
        status: 'registered',
        limit: 50,
      }),
    enabled,
    placeholderData: (previous) => previous,
  });
}

/** After an account changes: its record is the answer; lists and its history are read again. */
function useChanged() {
  const client = useQueryClient();
  return (account: Account) => {
    client.setQueryData(queryKeys.accounts.detail(account.id), account);
    void client.invalidateQueries({ queryKey: ['accounts', 'list'] });
    void client.invalidateQueries({ queryKey: ['accounts', 'history', account.id] });
  };
}

/** Invites a person. The Idempotency-Key is made once per filled-in form, so a retry after a
 * lost answer (or a double click) invites nobody twice. */
export function useInviteAccount() {
  const api = useApi();
  const changed = useChanged();
  return useMutation({
    mutationFn: ({ body, key }: { body: CreateAccount; key: string }) =>
      api.send<Account>('POST', '/v1/accounts', body, { 'idempotency-key': key }),
    onSuccess: changed,
  });
}

/** Changes the account if it is still at `version` (If-Match); 412 when someone was first. */
export function usePatchAccount(id: string) {
  const api = useApi();
  const changed = useChanged();
  return useMutation({
    mutationFn: ({ patch, version }: { patch: AccountPatch; version: number }) =>
      api.send<Account>('PATCH', `/v1/accounts/${encodeURIComponent(id)}`, patch, {
        'if-match': String(version),
      }),
    onSuccess: changed,
  });
}

export function useChangeAccountStatus(id: string) {
  const api = useApi();
  const changed = useChanged();
  return useMutation({
    mutationFn: (body: { action: 'disable' | 'enable'; reason?: string }) =>
      api.send<Account>('POST', `/v1/accounts/${encodeURIComponent(id)}/status`, body),
    onSuccess: changed,
  });
}

/** The account as it is now, read past the cache (after a 412). */
export function useFetchAccount() {
  const api = useApi();
  const client = useQueryClient();
  return async (id: string) => {
    const account = await api.get<Account>(`/v1/accounts/${encodeURIComponent(id)}`);
    client.setQueryData(queryKeys.accounts.detail(id), account);
    return account;
  };
}
