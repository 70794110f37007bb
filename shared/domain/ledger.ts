import { parentOf } from '#shared/regions/codes';
import { canonicalHash } from './canonical-json';

/*
 * The ledger's pure rules: the canonical form an entry is hashed in, the chain check, and which
 * totals an entry changes by how much. The store applies them; the tests check them alone.
 */

/** The hash a chain starts from (the "previous hash" of entry 1). */
export const GENESIS_HASH = '0'.repeat(64);

/** SHA-256 of the entry's canonical form, which includes `prevHash`: so each hash seals the chain. */
export function entryHash(entry: { prevHash: string; hash?: string }): string {
  const { hash: _hash, ...sealed } = entry;
  return canonicalHash(sealed);
}

export interface ChainReport {
  entries: number;
  headSeq: number;
  headHash: string;
  ok: boolean;
  firstBadSeq?: number;
}

/**
 * Walks a chamber's entries in order: seq must run 1, 2, 3… and each entry must carry the hash
 * of the one before and its own recomputed hash. The first entry that fails is reported.
 */
export function verifyChain(
  entries: Iterable<{ seq: number; prevHash: string; hash: string }>,
  head?: { seq: number; hash: string },
): ChainReport {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let count = 0;
  let firstBadSeq: number | undefined;
  for (const entry of entries) {
    count += 1;
    if (
      firstBadSeq === undefined &&
      (entry.seq !== expectedSeq || entry.prevHash !== prevHash || entryHash(entry) !== entry.hash)
    ) {
      firstBadSeq = expectedSeq;
    }
    expectedSeq += 1;
    prevHash = entry.hash;
  }
  const headSeq = count;
  // The head anchors the chain's end: a last entry rewritten with a self-consistent hash, or
  // entries cut off the end, show up only against it.
  if (firstBadSeq === undefined && head) {
    if (head.seq !== headSeq) firstBadSeq = Math.min(head.seq, headSeq) + 1;
    else if (head.hash !== prevHash) firstBadSeq = headSeq;
  }
  return {
    entries: count,
    headSeq,
    headHash: prevHash,
    ok: firstBadSeq === undefined,
    ...(firstBadSeq !== undefined && { firstBadSeq }),
  };
}

/** A region and every region above it: 371621001 → 371621001, 371621, 371600, 370000. */
export function regionChain(code: string): string[] {
  const chain: string[] = [];
  for (let c: string | null = code; c; c = parentOf(c)) chain.push(c);
  return chain;
}

export const ALL = '*';

/** The keys of every total a donation counts toward: each region above it × campaign|all × year|all. */
export function totalKeys(
  regionCode: string,
  campaign: string,
  year: number,
): { region: string; campaign: string; year: string }[] {
  return regionChain(regionCode).flatMap((region) =>
    [campaign, ALL].flatMap((c) =>
      [String(year), ALL].map((y) => ({ region, campaign: c, year: y })),
    ),
  );
}

/** What one entry adds to a total; a reversal adds the negation of the donation it reverses. */
export interface Delta {
  amountFen: number;
  entries: number;
  peopleHelped: number;
  donor: string;
  village: string | undefined;
  chamber: string;
}

export function donationDelta(
  donation: {
    amountFen: number;
    peopleHelped: number;
    donor: { uscc: string };
    villageCode?: string;
    chamberId: string;
  },
  sign: 1 | -1,
): Delta {
  return {
    amountFen: sign * donation.amountFen,
    entries: sign,
    peopleHelped: sign * donation.peopleHelped,
    donor: donation.donor.uscc,
    village: donation.villageCode,
    chamber: donation.chamberId,
  };
}

/** Distinct counts live on the total as one counter per value: `d:<uscc>`, `v:<village>`, `c:<chamber>`. */
export const DISTINCT = { donors: 'd:', villages: 'v:', chambers: 'c:' } as const;

/** Reads a stored total: sums as they are, distinct counts as the values still counted (> 0). */
export function readTotal(item: Record<string, unknown> | undefined) {
  const count = (prefix: string) =>
    Object.entries(item ?? {}).filter(([k, v]) => k.startsWith(prefix) && Number(v) > 0).length;
  return {
    amountFen: Number(item?.amountFen ?? 0),
    entries: Number(item?.entries ?? 0),
    peopleHelped: Number(item?.peopleHelped ?? 0),
    donors: count(DISTINCT.donors),
    villages: count(DISTINCT.villages),
    chambers: count(DISTINCT.chambers),
  };
}
