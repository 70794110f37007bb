import type { KeyedRead } from '#shared/db/batch';
import { requireEnv } from '#shared/db/client';

/*
 * What the ledger publishes for other concerns (the rankings job reads the ledger table with a
 * read-only grant): each chamber's chain head also carries its net totals per year, kept in the
 * same transaction as every entry, so a ranking reads one item per chamber and never an entry.
 */

/** The environment variable that names the ledger table (set by bindTable). */
export const LEDGER_TABLE_ENV = 'LEDGER_TABLE';

export const headKey = (chamberId: string) => ({ pk: `CHAMBER#${chamberId}`, sk: 'HEAD' });

/** Attribute prefix of a head's totals for a year, or for all years ('*'). */
export const headTotalsPrefix = (year: number | '*') => `${year}:`;

/** A chamber's net donations (fen) in a year, from its head item; 0 when it has none. */
export function netAmountFen(
  head: Record<string, unknown> | undefined,
  year: number | '*',
): number {
  return Number(head?.[`${headTotalsPrefix(year)}amountFen`] ?? 0);
}

/** The years a head has totals for. */
export function yearsOf(head: Record<string, unknown>): number[] {
  return Object.keys(head)
    .map((attribute) => /^(\d{4}):amountFen$/.exec(attribute)?.[1])
    .filter((year): year is string => year !== undefined)
    .map(Number);
}

/** A chamber's donations of a year, net of reversals: a donation and its reversal both drop out. */
export interface YearDonations {
  amountFen: number;
  peopleHelped: number;
  entries: number;
}

/** The head's totals of `year` (zero when the chamber has given nothing). */
export function donationsOfYear(
  head: Record<string, unknown> | undefined,
  year: number,
): YearDonations {
  const total = (name: string) => Number(head?.[`${headTotalsPrefix(year)}${name}`] ?? 0);
  return {
    amountFen: total('amountFen'),
    peopleHelped: total('peopleHelped'),
    entries: total('entries'),
  };
}

/** A chamber's donations of a year: its head, one key of a BatchGetItem (see readTogether). */
export function donationsRead(chamberId: string, year: number): KeyedRead<YearDonations> {
  return {
    table: requireEnv(LEDGER_TABLE_ENV),
    keys: [headKey(chamberId)],
    read: ([head]) => donationsOfYear(head, year),
  };
}
