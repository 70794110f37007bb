import type { LedgerEntry } from '#shared/contract/ledger';
import { regionLabel } from '../../lib/regions';
import { listExport, type Rows, type Translate } from '../../lib/spreadsheets';

/**
 * A chamber's ledger under its filters (campaign, year), in chain order: each donation and
 * reversal with its amount in 元 (a reversal's is negative), and a totals row that nets them.
 */
export function ledgerExport(
  t: Translate,
  chamber: string,
  filter: { campaign?: string | undefined; year?: number | undefined },
  rows: Rows<LedgerEntry>,
) {
  const seqOf = (id: string) => id.slice(id.lastIndexOf('.') + 1);
  const donation = (e: LedgerEntry) => (e.type === 'donation' ? e : undefined);
  const reversedBy = new Map(
    rows.items.flatMap((e) => (e.type === 'reversal' ? [[e.reverses, e.seq] as const] : [])),
  );
  const reversal = (id: string, reversed: true | undefined) => {
    const seq = reversedBy.get(id);
    if (seq !== undefined) return t('ledger.reversedBy', { seq });
    return reversed ? t('ledger.reversed') : '';
  };
  return listExport(
    t,
    t('export.ledgerTitle', { name: chamber }),
    [
      { label: t('assess.chamber'), value: chamber },
      {
        label: t('ledger.campaign'),
        value: filter.campaign ? t(`campaign.${filter.campaign}` as never) : '',
      },
      {
        label: t('common.year'),
        value: filter.year ? t('common.yearValue', { year: filter.year }) : '',
      },
    ],
    rows,
    [
      { header: t('ledger.seq'), value: (e) => e.seq, format: 'integer' },
      { header: t('ledger.occurredOn'), value: (e) => e.occurredOn, format: 'date' },
      { header: t('ledger.campaign'), value: (e) => t(`campaign.${e.campaign}`) },
      {
        header: t('export.type'),
        value: (e) => (e.type === 'reversal' ? t('ledger.reversal') : t('export.donation')),
      },
      { header: t('ledger.donorName'), value: (e) => donation(e)?.donor.name },
      { header: t('ledger.donorUscc'), value: (e) => donation(e)?.donor.uscc },
      {
        header: t('ledger.form'),
        value: (e) => {
          const d = donation(e);
          return d && t(`ledger.form.${d.form}`);
        },
      },
      {
        header: t('ledger.assistance'),
        value: (e) => {
          const d = donation(e);
          return d?.assistance && t(`ledger.assistance.${d.assistance}`);
        },
      },
      { header: t('ledger.village'), value: (e) => regionLabel(donation(e)?.villageCode) },
      {
        header: t('ledger.recipient'),
        value: (e) => regionLabel(donation(e)?.recipientRegionCode),
      },
      { header: t('export.amount'), value: (e) => e.amountFen, format: 'yuan', total: true },
      {
        header: t('ledger.peopleHelped'),
        value: (e) => e.peopleHelped,
        format: 'integer',
        total: true,
      },
      {
        header: t('ledger.note'),
        value: (e) =>
          e.type === 'reversal'
            ? `${t('ledger.reverses', { seq: seqOf(e.reverses) })}${t('ledger.reasonValue', { reason: e.reason })}`
            : [reversal(e.id, e.reversed), e.note].filter(Boolean).join(' · '),
      },
      { header: t('export.recordedAt'), value: (e) => e.recordedAt, format: 'date' },
    ],
    true,
  );
}
