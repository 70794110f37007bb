import type { Member, TotalKey } from '#shared/domain/ledger';

/*
 * The ledger table. Every key is built here:
 *   entry        pk CHAMBER#<id>                  sk ENTRY#<seq, 10 digits>  never updated or deleted
 *   chain head   pk CHAMBER#<id>                  sk HEAD                    seq, hash, and the chamber's
 *                                                                           net totals per year (rankings)
 *   reversed     pk CHAMBER#<id>                  sk REVERSED#<seq>          a donation is reversed once
 *   idempotency  pk IDEMPOTENCY#<scope>           sk <key>                   the first answer, kept
 *   total        pk TOTAL#<region>                sk <campaign|*>#<year|*>   sums and distinct counts
 *   member       pk MEMBER#<dimension>#<value>    sk <region>#<year|*>       a count per campaign|*
 *   audit        pk AUDIT                         sk LATEST                  the nightly audit's last result
 * A member is one donor, village or chamber counted in a region's totals of one year or of all
 * years (shared/domain/ledger.ts): its attributes are named by campaign (`*`: all campaigns).
 * Its partition is its value's, so the members of a busy total spread over many partitions
 * instead of heating the total's, and one Query lists everywhere a donor (village, chamber)
 * counts.
 * An append writes the entry, the head, the idempotency record, every total and every member it
 * changes in one transaction: all of it happens, or none.
 */

export const ENTRY_PREFIX = 'ENTRY#';

export const entryKey = (chamberId: string, seq: number) => ({
  pk: `CHAMBER#${chamberId}`,
  sk: `${ENTRY_PREFIX}${String(seq).padStart(10, '0')}`,
});

export const reversedKey = (chamberId: string, seq: number) => ({
  pk: `CHAMBER#${chamberId}`,
  sk: `REVERSED#${seq}`,
});

export const idempotencyKey = (scope: string, key: string) => ({
  pk: `IDEMPOTENCY#${scope}`,
  sk: key,
});

export const TOTAL_PREFIX = 'TOTAL#';

export const totalKey = (total: TotalKey) => ({
  pk: `${TOTAL_PREFIX}${total.region}`,
  sk: `${total.campaign}#${total.year}`,
});

/** The nightly audit's latest result (functions/ledger/audit.ts), replaced by each run. */
export const auditKey = { pk: 'AUDIT', sk: 'LATEST' } as const;

export const MEMBER_PREFIX = 'MEMBER#';

export const memberKey = (member: Member) => ({
  pk: `${MEMBER_PREFIX}${member.dimension}#${member.value}`,
  sk: `${member.region}#${member.year}`,
});

/** Every table of this system is keyed by pk and sk, both strings. */
export type Key = { pk: string; sk: string };

/** `pk|sk`: how items read in a batch are found again by key. */
export const keyId = (key: Key) => `${key.pk}|${key.sk}`;
