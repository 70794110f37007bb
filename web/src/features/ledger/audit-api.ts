import { useQuery } from '@tanstack/react-query';
import type { LedgerAudit } from '#shared/contract/ledger';
import { useApi } from '../../lib/api';
import { queryKeys } from '../../lib/query-keys';

/** The nightly ledger audit's latest result, its findings within the signed-in FIC's region. */
export function useLatestAudit() {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.ledgerAudit,
    queryFn: () => api.get<LedgerAudit>('/v1/ledger/audits/latest'),
  });
}
