import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  DonationEntry,
  DonationRequest,
  LedgerEntry,
  ReversalEntry,
} from '#shared/contract/ledger';
import type { Chamber } from '#shared/contract/registration';
import { useApi } from '../../lib/api';
import { queryKeys } from '../../lib/query-keys';

type Page<T> = { items: T[]; nextCursor: string | null };

export interface Verification {
  chamberId: string;
  entries: number;
  headSeq: number;
  headHash: string;
  ok: boolean;
  firstBadSeq?: number;
}

/** A page of a chamber's ledger, in chain order. */
export function useLedger(
  chamberId: string,
  filter: { year?: number; campaign?: string },
  cursor?: string,
) {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.ledger.entries(chamberId, filter, cursor),
    queryFn: () =>
      api.get<Page<LedgerEntry>>('/v1/donations', { chamberId, ...filter, cursor, limit: 50 }),
    placeholderData: (previous) => previous,
  });
}

/** The chain check (FIC staff only: the API answers nobody else). */
export function useVerify(chamberId: string) {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.ledger.verify(chamberId),
    queryFn: () =>
      api.get<Verification>(`/v1/chambers/${encodeURIComponent(chamberId)}/ledger/verify`),
  });
}

/** After a ledger write: the chamber's ledger, its check and every statistic are read again. */
function useWritten() {
  const client = useQueryClient();
  return (entry: LedgerEntry) => {
    void client.invalidateQueries({ queryKey: ['ledger', entry.chamberId] });
    void client.invalidateQueries({ queryKey: ['stats'] });
    void client.invalidateQueries({ queryKey: ['rankings'] });
  };
}

/**
 * Records a donation under `key`: the caller keeps one key per filled-in form until the answer
 * arrives, so a double click or a retry after a lost answer records it once.
 */
export function useRecordDonation() {
  const api = useApi();
  const written = useWritten();
  return useMutation({
    mutationFn: ({ body, key }: { body: DonationRequest; key: string }) =>
      api.send<DonationEntry>('POST', '/v1/donations', body, { 'idempotency-key': key }),
    onSuccess: written,
  });
}

export function useReverseDonation() {
  const api = useApi();
  const written = useWritten();
  return useMutation({
    mutationFn: ({ id, reason, key }: { id: string; reason: string; key: string }) =>
      api.send<ReversalEntry>(
        'POST',
        `/v1/donations/${encodeURIComponent(id)}/reversal`,
        { reason },
        { 'idempotency-key': key },
      ),
    onSuccess: written,
  });
}

/** The chamber the ledger belongs to (the same cache entry as its own page). */
export function useChamberRecord(id: string) {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.chambers.detail(id),
    queryFn: () => api.get<Chamber>(`/v1/chambers/${encodeURIComponent(id)}`),
  });
}
