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

export interface TotalKey {
  region: string;
  campaign: string;
  year: string;
}

/** The keys of every total a donation counts toward: each region above it × campaign|all × year|all. */
export function totalKeys(regionCode: string, campaign: string, year: number): TotalKey[] {
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
    villageCode?: string | undefined;
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

/*
 * Distinct counts. A total keeps one count per dimension (`donors`, `villages`, `chambers`). Each
 * value counted in a region's totals of one year (or of all years) is a member: one small item
 * holding, per campaign and for all campaigns, how many live entries it stands for in that total.
 * A count going from 0 to 1 adds one to the total's distinct count, going back to 0 takes one
 * off; any other change leaves it alone. So no item grows with the number of distinct values (a
 * member holds at most one count per campaign, plus one), and an entry changes a fixed number of
 * items: its totals and their members.
 *
 * The old shape kept one counter per value on the total itself (`d:<uscc>`, `v:<village>`,
 * `c:<chamber>`). Until the backfill has moved them, such a counter still counts: a value's
 * count in a total is its member's plus the total's counter (either absent: 0), and a total's
 * distinct count is its own plus its counters above zero.
 */

export const DIMENSIONS = ['donors', 'villages', 'chambers'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** One value counted in the totals of one region and year (or all years): one item. */
export interface Member {
  region: string;
  year: string;
  dimension: Dimension;
  value: string;
}

/** The member that holds `value`'s count in `total` (under the total's campaign). */
export const memberOf = (total: TotalKey, dimension: Dimension, value: string): Member => ({
  region: total.region,
  year: total.year,
  dimension,
  value,
});

/** The old shape's counter attributes on a total, by dimension. */
export const LEGACY_PREFIX: Readonly<Record<Dimension, string>> = {
  donors: 'd:',
  villages: 'v:',
  chambers: 'c:',
};
export const legacyAttribute = (dimension: Dimension, value: string) =>
  LEGACY_PREFIX[dimension] + value;

/** The values an entry is counted under: its donor, its village (if any), its chamber. */
export function valuesOf(delta: Delta): { dimension: Dimension; value: string }[] {
  return [
    { dimension: 'donors' as const, value: delta.donor },
    ...(delta.village ? [{ dimension: 'villages' as const, value: delta.village }] : []),
    { dimension: 'chambers' as const, value: delta.chamber },
  ];
}

/** Every member an entry with `delta` touches: each region and year of its totals × each value. */
export function membersOf(delta: Delta, totals: TotalKey[]): Member[] {
  const members = new Map<string, Member>();
  for (const total of totals) {
    for (const { dimension, value } of valuesOf(delta)) {
      const member = memberOf(total, dimension, value);
      members.set(memberId(member), member);
    }
  }
  return [...members.values()];
}

/** A total's figures, as the statistics answer them. */
export interface Figures {
  amountFen: number;
  entries: number;
  peopleHelped: number;
  donors: number;
  villages: number;
  chambers: number;
}

/** The old shape's counters on a stored total: attribute, dimension, value and count. */
export function legacyCounters(item: Record<string, unknown> | undefined) {
  const counters: { attribute: string; dimension: Dimension; value: string; count: number }[] = [];
  for (const [attribute, count] of Object.entries(item ?? {})) {
    const dimension = DIMENSIONS.find((d) => attribute.startsWith(LEGACY_PREFIX[d]));
    if (dimension) {
      const value = attribute.slice(LEGACY_PREFIX[dimension].length);
      counters.push({ attribute, dimension, value, count: Number(count) });
    }
  }
  return counters;
}

/** Reads a stored total: sums as they are; distinct counts as its own plus its old counters above 0. */
export function readTotal(item: Record<string, unknown> | undefined): Figures {
  const figures: Figures = {
    amountFen: Number(item?.amountFen ?? 0),
    entries: Number(item?.entries ?? 0),
    peopleHelped: Number(item?.peopleHelped ?? 0),
    donors: Number(item?.donors ?? 0),
    villages: Number(item?.villages ?? 0),
    chambers: Number(item?.chambers ?? 0),
  };
  for (const counter of legacyCounters(item))
    if (counter.count > 0) figures[counter.dimension] += 1;
  return figures;
}

/** How many live entries a value stands for in one total, as stored: its member's count and its old counter. */
export interface MemberCount {
  count: number;
  legacy: number;
}

export interface TotalChange {
  total: TotalKey;
  /** Added to the total: the entry's sums, and −1, 0 or +1 to each distinct count. */
  add: Figures;
  /** The old counters the change was computed from: it holds only while they are unchanged. */
  legacy: { attribute: string; count: number }[];
}

/**
 * What the change to one count of a member assumes of that count (absent reads as 0), so that
 * the distinct count it changes is right: exactly what was read when the value comes or goes
 * (0 → 1, 1 → 0), otherwise only that it stays on the same side (another donation of the same
 * donor landing in between changes nothing here).
 */
export type CountHolds = { exactly: number } | { atLeast: number };

export interface MemberChange {
  member: Member;
  /** Per campaign (or all campaigns): the count as read, what is added, what must still hold. */
  counts: { campaign: string; from: number; add: number; holds: CountHolds }[];
}

export interface Changes {
  totals: TotalChange[];
  members: MemberChange[];
}

/**
 * What one entry changes, given the counts of its values in its totals as they are now: every
 * total it counts toward, and every member of them. The store writes exactly this, each change
 * under the condition that what it was computed from still holds; an audit applies it to counts
 * kept in memory (deriveTotals). `undefined` when a count would fall below 0: the counts given
 * are not a state the ledger can be in with this entry (read while another entry landed, say).
 */
export function entryChanges(
  delta: Delta,
  totals: TotalKey[],
  countOf: (member: Member, campaign: string) => MemberCount,
): Changes | undefined {
  const members = new Map<string, MemberChange>();
  const changes: TotalChange[] = [];
  for (const total of totals) {
    const add: Figures = {
      amountFen: delta.amountFen,
      entries: delta.entries,
      peopleHelped: delta.peopleHelped,
      donors: 0,
      villages: 0,
      chambers: 0,
    };
    const legacy: TotalChange['legacy'] = [];
    for (const { dimension, value } of valuesOf(delta)) {
      const member = memberOf(total, dimension, value);
      const { count, legacy: counter } = countOf(member, total.campaign);
      const before = count + counter;
      const after = before + delta.entries;
      if (after < 0) return undefined;
      add[dimension] = Number(after > 0) - Number(before > 0);
      legacy.push({ attribute: legacyAttribute(dimension, value), count: counter });
      // The old counter is held by the total's condition, so a bound on the member's own count
      // is a bound on the value's count: at least 1 before an addition, 2 before a removal,
      // keeps it counted before and after.
      const holds: CountHolds =
        add[dimension] !== 0
          ? { exactly: count }
          : { atLeast: (delta.entries > 0 ? 1 : 2) - counter };
      const id = memberId(member);
      const change = members.get(id) ?? { member, counts: [] };
      change.counts.push({ campaign: total.campaign, from: count, add: delta.entries, holds });
      members.set(id, change);
    }
    changes.push({ total, add, legacy });
  }
  return { totals: changes, members: [...members.values()] };
}

export const totalId = (t: TotalKey) => `${t.region}|${t.campaign}|${t.year}`;
export const memberId = (m: Member) => `${m.region}|${m.year}|${m.dimension}|${m.value}`;

/** The entry fields the totals follow: a donation's, or a reversal's pointer to its donation. */
export type CountedEntry =
  | {
      type: 'donation';
      id: string;
      chamberId: string;
      regionCode: string;
      campaign: string;
      occurredOn: string;
      amountFen: number;
      peopleHelped: number;
      donor: { uscc: string };
      villageCode?: string | undefined;
    }
  | { type: 'reversal'; reverses: string };

/**
 * The totals (figures) and members (counts per campaign, none at 0) that whole chambers' entries
 * make, each chamber's in chain order, derived in memory by the same rule the store applies: what
 * the stored totals and members must equal when those chambers are all a region has (a nightly
 * audit's check; a stored count of 0, or a member with no count left, reads as none).
 */
export function deriveTotals(entries: Iterable<CountedEntry>) {
  const totals = new Map<string, { total: TotalKey; figures: Figures }>();
  const members = new Map<string, { member: Member; counts: Record<string, number> }>();
  const donations = new Map<string, Extract<CountedEntry, { type: 'donation' }>>();
  for (const entry of entries) {
    const donation = entry.type === 'donation' ? entry : donations.get(entry.reverses);
    if (!donation) {
      throw new Error(`a reversal of ${(entry as { reverses: string }).reverses}, not given`);
    }
    if (entry.type === 'donation') donations.set(entry.id, entry);
    const delta = donationDelta(donation, entry.type === 'donation' ? 1 : -1);
    const keys = totalKeys(donation.regionCode, donation.campaign, yearOf(donation.occurredOn));
    const changes = entryChanges(delta, keys, (member, campaign) => ({
      count: members.get(memberId(member))?.counts[campaign] ?? 0,
      legacy: 0,
    }));
    if (!changes) throw new Error(`${(entry as { reverses: string }).reverses} reversed twice`);
    for (const { total, add } of changes.totals) {
      const figures = totals.get(totalId(total))?.figures ?? readTotal(undefined);
      for (const field of Object.keys(add) as (keyof Figures)[]) figures[field] += add[field];
      totals.set(totalId(total), { total, figures });
    }
    for (const { member, counts } of changes.members) {
      const held = members.get(memberId(member)) ?? { member, counts: {} };
      for (const { campaign, from, add } of counts) {
        if (from + add === 0) delete held.counts[campaign];
        else held.counts[campaign] = from + add;
      }
      if (Object.keys(held.counts).length === 0) members.delete(memberId(member));
      else members.set(memberId(member), held);
    }
  }
  return { totals, members };
}

/** The calendar year of a `YYYY-MM-DD` date: the year its totals are kept under. */
export const yearOf = (date: string) => Number(date.slice(0, 4));
