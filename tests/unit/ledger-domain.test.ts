import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '#shared/domain/canonical-json';
import {
  ALL,
  type CountedEntry,
  deriveTotals,
  donationDelta,
  entryChanges,
  entryHash,
  GENESIS_HASH,
  LEGACY_PREFIX,
  legacyCounters,
  membersOf,
  readTotal,
  regionChain,
  totalKeys,
  verifyChain,
} from '#shared/domain/ledger';
import { covers } from '#shared/regions/codes';

/*
 * The ledger's pure rules, alone: the canonical form an entry is hashed in, the hash chain and
 * its check, and which totals an entry counts toward.
 */

describe('canonicalJson', () => {
  it('does not depend on the order keys were written in, at any level', () => {
    const a = { b: 1, a: { y: [1, { q: 2, p: 1 }], x: 'x' }, c: null };
    const b = { c: null, a: { x: 'x', y: [1, { p: 1, q: 2 }] }, b: 1 };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(canonicalJson(a)).toBe('{"a":{"x":"x","y":[1,{"p":1,"q":2}]},"b":1,"c":null}');
  });

  it('drops undefined members, nested too, but keeps null and falsy values', () => {
    expect(
      canonicalJson({ a: undefined, b: { c: undefined, d: 0 }, e: null, f: '', g: false }),
    ).toBe('{"b":{"d":0},"e":null,"f":"","g":false}');
    expect(canonicalJson({ a: 1, note: undefined })).toBe(canonicalJson({ a: 1 }));
  });

  it('keeps array order (an array is not a set)', () => {
    expect(canonicalJson([2, 1])).not.toBe(canonicalJson([1, 2]));
  });

  it('escapes keys and strings as JSON does, Chinese text included', () => {
    expect(canonicalJson({ '名"称': '滨州\n"商会"' })).toBe('{"名\\"称":"滨州\\n\\"商会\\""}');
  });

  it('is valid JSON that parses back to the same value, for any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
      }),
      { numRuns: 200 },
    );
  });

  it('gives one text per value however its keys are shuffled', () => {
    const shuffled = (value: unknown, seed: number): unknown => {
      if (Array.isArray(value)) return value.map((v) => shuffled(v, seed + 1));
      if (value === null || typeof value !== 'object') return value;
      const entries = Object.entries(value);
      const rotated = entries.map(
        (_, i) => entries[(i + seed) % entries.length] as [string, unknown],
      );
      return Object.fromEntries(
        rotated.reverse().map(([k, v]) => [k, shuffled(v, seed + 1)] as [string, unknown]),
      );
    };
    fc.assert(
      fc.property(fc.jsonValue(), fc.nat(10), (value, seed) => {
        expect(canonicalJson(shuffled(value, seed))).toBe(canonicalJson(value));
      }),
      { numRuns: 200 },
    );
  });

  it('writes an undefined array element as null, as JSON does, so the text stays JSON', () => {
    // JSON.stringify([1, undefined]) is "[1,null]"; "[1,]" would not parse.
    const text = canonicalJson([1, undefined, 2]);
    expect(() => JSON.parse(text)).not.toThrow();
    expect(text).toBe('[1,null,2]');
  });
});

/** A chain of n entries as the store seals them. */
type Entry = Record<string, unknown> & { seq: number; prevHash: string; hash: string };

function chain(n: number): Entry[] {
  const entries: Entry[] = [];
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const unsealed = {
      id: `c1.${seq}`,
      type: 'donation',
      chamberId: 'c1',
      seq,
      donor: { name: `企业${seq}`, uscc: '91371600MA3C000000' },
      campaign: 'epidemic-relief',
      form: 'money',
      amountFen: 100 * seq,
      peopleHelped: seq,
      occurredOn: '2024-03-01',
      regionCode: '371621001',
      recordedAt: '2024-03-02T00:00:00.000Z',
      recordedBy: 'admin',
      prevHash,
    };
    const hash = entryHash(unsealed);
    entries.push({ ...unsealed, hash });
    prevHash = hash;
  }
  return entries;
}

const headOf = (entries: { seq: number; hash: string }[]) => {
  const last = entries.at(-1);
  return last ? { seq: last.seq, hash: last.hash } : { seq: 0, hash: GENESIS_HASH };
};

describe('entryHash', () => {
  const entry = chain(1)[0] as Entry;

  it('is the SHA-256 of the canonical entry without its own hash, prevHash included', () => {
    const { hash, ...sealed } = entry;
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).toBe(createHash('sha256').update(canonicalJson(sealed)).digest('hex'));
    // Its own (stale) hash field does not take part.
    expect(entryHash({ ...entry, hash: 'whatever' })).toBe(hash);
  });

  it('changes with any field, nested fields and prevHash included', () => {
    const base = entryHash(entry);
    const changed = (patch: Record<string, unknown>) => entryHash({ ...entry, ...patch });
    for (const [key, value] of Object.entries(entry)) {
      if (key === 'hash') continue;
      const other =
        typeof value === 'number'
          ? value + 1
          : typeof value === 'string'
            ? `${value}x`
            : { ...(value as object), name: '另一家企业' };
      expect(changed({ [key]: other }), key).not.toBe(base);
    }
    expect(changed({ prevHash: 'f'.repeat(64) })).not.toBe(base);
    expect(changed({ donor: { name: '企业1', uscc: '91371600MA3C000001' } })).not.toBe(base);
    // A field added is a change too; a field set to undefined is not.
    expect(changed({ note: '补记' })).not.toBe(base);
    expect(changed({ note: undefined })).toBe(base);
    // The order fields were written in is not.
    expect(entryHash(Object.fromEntries(Object.entries(entry).reverse()) as typeof entry)).toBe(
      base,
    );
  });
});

describe('verifyChain', () => {
  it('accepts a good chain and reports its head', () => {
    const entries = chain(5);
    const report = verifyChain(entries, headOf(entries));
    expect(report).toEqual({
      entries: 5,
      headSeq: 5,
      headHash: entries[4]?.hash,
      ok: true,
    });
    expect(verifyChain(entries)).toMatchObject({ ok: true, entries: 5 });
  });

  it('accepts the empty chain (no head yet)', () => {
    expect(verifyChain([])).toEqual({ entries: 0, headSeq: 0, headHash: GENESIS_HASH, ok: true });
    expect(verifyChain([], undefined).ok).toBe(true);
  });

  it('reports an altered field at that entry’s seq', () => {
    for (const seq of [1, 3, 5]) {
      const entries = chain(5);
      (entries[seq - 1] as Record<string, unknown>).amountFen = 1;
      expect(verifyChain(entries, headOf(chain(5)))).toMatchObject({ ok: false, firstBadSeq: seq });
    }
  });

  it('reports an altered nested field, and a changed prevHash', () => {
    const entries = chain(4);
    (entries[1] as Record<string, unknown>).donor = { name: '企业2', uscc: '91371600MA3C00000X' };
    expect(verifyChain(entries, headOf(chain(4)))).toMatchObject({ ok: false, firstBadSeq: 2 });
    const other = chain(4);
    (other[2] as { prevHash: string }).prevHash = GENESIS_HASH;
    expect(verifyChain(other, headOf(chain(4)))).toMatchObject({ ok: false, firstBadSeq: 3 });
  });

  it('catches an entry rewritten with a recomputed hash at the next entry, or at the head', () => {
    const entries = chain(5);
    const second = entries[1] as Record<string, unknown> & { prevHash: string; hash: string };
    second.amountFen = 1;
    second.hash = entryHash(second);
    expect(verifyChain(entries, headOf(chain(5)))).toMatchObject({ ok: false, firstBadSeq: 3 });

    const last = chain(5);
    const head = headOf(last);
    const fifth = last[4] as Record<string, unknown> & { prevHash: string; hash: string };
    fifth.amountFen = 1;
    fifth.hash = entryHash(fifth);
    expect(verifyChain(last).ok).toBe(true); // without the head it cannot be seen…
    expect(verifyChain(last, head)).toMatchObject({ ok: false, firstBadSeq: 5 }); // …with it, it is
  });

  it('reports a missing middle entry at the first missing seq', () => {
    const entries = chain(5);
    const head = headOf(entries);
    entries.splice(2, 1); // seq 3 gone
    expect(verifyChain(entries, head)).toMatchObject({ ok: false, firstBadSeq: 3, entries: 4 });
  });

  it('reports a head that does not match the entries', () => {
    const entries = chain(4);
    // Entries cut off the end: the head still says 4.
    expect(verifyChain(entries.slice(0, 2), headOf(entries))).toMatchObject({
      ok: false,
      firstBadSeq: 3,
    });
    // A head behind the entries.
    expect(verifyChain(entries, { seq: 3, hash: entries[2]?.hash as string })).toMatchObject({
      ok: false,
      firstBadSeq: 4,
    });
    // The right seq, another hash.
    expect(verifyChain(entries, { seq: 4, hash: 'a'.repeat(64) })).toMatchObject({
      ok: false,
      firstBadSeq: 4,
    });
    // A head over an empty chain.
    expect(verifyChain([], { seq: 2, hash: 'a'.repeat(64) })).toMatchObject({
      ok: false,
      firstBadSeq: 1,
    });
  });

  it('reports entries out of order or duplicated', () => {
    const entries = chain(3);
    const swapped = [entries[0], entries[2], entries[1]] as typeof entries;
    expect(verifyChain(swapped, headOf(entries))).toMatchObject({ ok: false, firstBadSeq: 2 });
    const doubled = [entries[0], entries[1], entries[1], entries[2]] as typeof entries;
    expect(verifyChain(doubled, headOf(entries))).toMatchObject({ ok: false, firstBadSeq: 3 });
  });
});

describe('totalKeys', () => {
  it('gives a township chamber 4 regions × campaign|all × year|all = 16 totals', () => {
    expect(regionChain('371621001')).toEqual(['371621001', '371621', '371600', '370000']);
    const keys = totalKeys('371621001', 'village-pairing', 2024);
    expect(keys).toHaveLength(16);
    const text = keys.map((k) => `${k.region}|${k.campaign}|${k.year}`);
    expect(new Set(text).size).toBe(16);
    for (const region of ['371621001', '371621', '371600', '370000']) {
      for (const campaign of ['village-pairing', ALL]) {
        for (const year of ['2024', ALL]) {
          expect(text).toContain(`${region}|${campaign}|${year}`);
        }
      }
    }
  });

  it('gives a county chamber 3 regions (12 totals), a city chamber 2 (8)', () => {
    const county = totalKeys('371625', 'east-west', 2023);
    expect(county).toHaveLength(12);
    expect([...new Set(county.map((k) => k.region))]).toEqual(['371625', '371600', '370000']);
    expect(new Set(county.map((k) => k.campaign))).toEqual(new Set(['east-west', ALL]));
    expect(new Set(county.map((k) => k.year))).toEqual(new Set(['2023', ALL]));
    expect(totalKeys('371600', 'public-welfare', 2022)).toHaveLength(8);
  });

  it('gives a village chamber 5 regions (20 totals)', () => {
    expect(regionChain('371625102221')).toEqual([
      '371625102221',
      '371625102',
      '371625',
      '371600',
      '370000',
    ]);
    expect(totalKeys('371625102221', 'disaster-relief', 2021)).toHaveLength(20);
  });
});

describe('donationDelta', () => {
  const donation = {
    amountFen: 12_345,
    peopleHelped: 7,
    donor: { uscc: '91371600MA3C000000' },
    villageCode: '371625102221',
    chamberId: 'c1',
  };

  it('adds a donation and subtracts it again for its reversal', () => {
    expect(donationDelta(donation, 1)).toEqual({
      amountFen: 12_345,
      entries: 1,
      peopleHelped: 7,
      donor: '91371600MA3C000000',
      village: '371625102221',
      chamber: 'c1',
    });
    expect(donationDelta(donation, -1)).toMatchObject({
      amountFen: -12_345,
      entries: -1,
      peopleHelped: -7,
    });
    const { villageCode: _v, ...noVillage } = donation;
    expect(donationDelta(noVillage, 1).village).toBeUndefined();
  });
});

describe('readTotal', () => {
  it('reads sums and distinct counts as stored', () => {
    const item = {
      pk: 'TOTAL#371600',
      sk: '*#*',
      amountFen: 500,
      entries: 3,
      peopleHelped: 9,
      donors: 2,
      villages: 1,
      chambers: 1,
    };
    expect(readTotal(item)).toEqual({
      amountFen: 500,
      entries: 3,
      peopleHelped: 9,
      donors: 2,
      villages: 1,
      chambers: 1,
    });
  });

  it('adds the old shape’s counters above zero to the counts (a total not yet backfilled)', () => {
    const item = {
      pk: 'TOTAL#371600',
      sk: '*#*',
      amountFen: 500,
      entries: 3,
      peopleHelped: 9,
      donors: 1, // one donor counted since, in a member of its own
      [`${LEGACY_PREFIX.donors}A`]: 2,
      [`${LEGACY_PREFIX.donors}B`]: 0, // its only donation was reversed
      [`${LEGACY_PREFIX.donors}C`]: 1,
      [`${LEGACY_PREFIX.villages}371625102221`]: 1,
      [`${LEGACY_PREFIX.villages}371625102222`]: 0,
      [`${LEGACY_PREFIX.chambers}c1`]: 3,
      [`${LEGACY_PREFIX.chambers}c2`]: -1, // never stored, but never counted either
    };
    expect(readTotal(item)).toEqual({
      amountFen: 500,
      entries: 3,
      peopleHelped: 9,
      donors: 3,
      villages: 1,
      chambers: 1,
    });
    expect(legacyCounters(item).map((c) => [c.dimension, c.value, c.count])).toEqual([
      ['donors', 'A', 2],
      ['donors', 'B', 0],
      ['donors', 'C', 1],
      ['villages', '371625102221', 1],
      ['villages', '371625102222', 0],
      ['chambers', 'c1', 3],
      ['chambers', 'c2', -1],
    ]);
  });

  it('reads a total never written as zeros', () => {
    expect(readTotal(undefined)).toEqual({
      amountFen: 0,
      entries: 0,
      peopleHelped: 0,
      donors: 0,
      villages: 0,
      chambers: 0,
    });
  });
});

describe('entryChanges', () => {
  const gift = (fields: Partial<Parameters<typeof donationDelta>[0]> = {}) => ({
    amountFen: 1_000,
    peopleHelped: 2,
    donor: { uscc: 'D1' },
    villageCode: '371625102221',
    chamberId: 'c1',
    ...fields,
  });
  const totals = totalKeys('371625102221', 'village-pairing', 2024);
  const none = () => ({ count: 0, legacy: 0 });

  it('touches a village chamber’s 20 totals and 30 members (5 regions × year|all × 3 values)', () => {
    const changes = entryChanges(donationDelta(gift(), 1), totals, none);
    expect(changes?.totals).toHaveLength(20);
    expect(changes?.members).toHaveLength(30);
    expect(membersOf(donationDelta(gift(), 1), totals)).toHaveLength(30);
    // Each member holds the count of its campaign and of all campaigns.
    for (const member of changes?.members ?? []) {
      expect(member.counts.map((c) => c.campaign).sort()).toEqual([ALL, 'village-pairing']);
    }
    // Without a village: 20 members.
    const noVillage = donationDelta(gift({ villageCode: undefined }), 1);
    expect(entryChanges(noVillage, totals, none)?.members).toHaveLength(20);
  });

  it('counts a value once, when its count goes from 0 to 1, and drops it at 1 → 0', () => {
    const first = entryChanges(donationDelta(gift(), 1), totals, none);
    // Coming into the count: exactly as read (0), or another donation got there first.
    for (const m of first?.members ?? []) {
      for (const c of m.counts) expect(c).toMatchObject({ from: 0, add: 1, holds: { exactly: 0 } });
    }
    for (const t of first?.totals ?? []) {
      expect(t.add).toEqual({
        amountFen: 1_000,
        entries: 1,
        peopleHelped: 2,
        donors: 1,
        villages: 1,
        chambers: 1,
      });
    }
    const again = entryChanges(donationDelta(gift(), 1), totals, () => ({ count: 1, legacy: 0 }));
    for (const t of again?.totals ?? []) expect(t.add).toMatchObject({ donors: 0, chambers: 0 });
    // Counted already: it only has to stay counted, whatever else lands meanwhile.
    for (const m of again?.members ?? []) {
      for (const c of m.counts) expect(c).toMatchObject({ from: 1, add: 1, holds: { atLeast: 1 } });
    }
    const reversed = entryChanges(donationDelta(gift(), -1), totals, () => ({
      count: 1,
      legacy: 0,
    }));
    for (const t of reversed?.totals ?? []) {
      expect(t.add).toEqual({
        amountFen: -1_000,
        entries: -1,
        peopleHelped: -2,
        donors: -1,
        villages: -1,
        chambers: -1,
      });
    }
    const oneOfTwo = entryChanges(donationDelta(gift(), -1), totals, () => ({
      count: 2,
      legacy: 0,
    }));
    for (const t of oneOfTwo?.totals ?? []) expect(t.add).toMatchObject({ donors: 0 });
    for (const m of oneOfTwo?.members ?? []) {
      for (const c of m.counts)
        expect(c).toMatchObject({ from: 2, add: -1, holds: { atLeast: 2 } });
    }
  });

  it('counts an old-shape counter as part of the value’s count, and conditions on it', () => {
    // Counted once already by the total's old counter: a new donation adds nothing to donors.
    const changes = entryChanges(donationDelta(gift(), 1), totals, () => ({
      count: 0,
      legacy: 1,
    }));
    for (const m of changes?.members ?? []) {
      // Its own count may be anything from 0 up: the old counter keeps it counted.
      for (const c of m.counts) expect(c).toMatchObject({ from: 0, add: 1, holds: { atLeast: 0 } });
    }
    for (const t of changes?.totals ?? []) {
      expect(t.add).toMatchObject({ donors: 0, villages: 0, chambers: 0 });
      expect(t.legacy).toEqual([
        { attribute: `${LEGACY_PREFIX.donors}D1`, count: 1 },
        { attribute: `${LEGACY_PREFIX.villages}371625102221`, count: 1 },
        { attribute: `${LEGACY_PREFIX.chambers}c1`, count: 1 },
      ]);
    }
    // Reversing the old donation: the member goes to −1, the value stops counting.
    const reversal = entryChanges(donationDelta(gift(), -1), totals, () => ({
      count: 0,
      legacy: 1,
    }));
    for (const t of reversal?.totals ?? []) expect(t.add).toMatchObject({ donors: -1 });
    for (const m of reversal?.members ?? []) {
      for (const c of m.counts)
        expect(c).toMatchObject({ from: 0, add: -1, holds: { exactly: 0 } });
    }
  });

  it('refuses counts that would fall below zero (read while another reversal landed)', () => {
    expect(entryChanges(donationDelta(gift(), -1), totals, none)).toBeUndefined();
  });
});

describe('deriveTotals', () => {
  const donation = (
    id: string,
    fields: Partial<Extract<CountedEntry, { type: 'donation' }>> = {},
  ): CountedEntry => ({
    type: 'donation',
    id,
    chamberId: 'c1',
    regionCode: '371625102',
    campaign: 'village-pairing',
    occurredOn: '2024-03-01',
    amountFen: 100,
    peopleHelped: 1,
    donor: { uscc: 'A' },
    villageCode: '371625102221',
    ...fields,
  });
  const figures = (d: ReturnType<typeof deriveTotals>, total: string) =>
    d.totals.get(total)?.figures;

  it('gives the figures the statistics must show, reversals dropping out', () => {
    const derived = deriveTotals([
      donation('c1.1'),
      donation('c1.2', { donor: { uscc: 'B' }, amountFen: 50 }),
      donation('c1.3', {
        donor: { uscc: 'B' },
        campaign: 'epidemic-relief',
        villageCode: undefined,
      }),
      { type: 'reversal', reverses: 'c1.1' },
      donation('c2.1', { chamberId: 'c2', regionCode: '371625', donor: { uscc: 'C' } }),
    ]);
    expect(figures(derived, '371625|*|*')).toEqual({
      amountFen: 250,
      entries: 3,
      peopleHelped: 3,
      donors: 2, // B and C: A's only donation was reversed
      villages: 1,
      chambers: 2,
    });
    expect(figures(derived, '371625102|village-pairing|2024')).toEqual({
      amountFen: 50,
      entries: 1,
      peopleHelped: 1,
      donors: 1,
      villages: 1,
      chambers: 1,
    });
    // Members at zero are gone; B counts twice in all campaigns, once per campaign.
    expect(derived.members.get('371625102|2024|donors|A')).toBeUndefined();
    expect(derived.members.get('371625102|2024|donors|B')?.counts).toEqual({
      [ALL]: 2,
      'village-pairing': 1,
      'epidemic-relief': 1,
    });
  });

  it('agrees with counting distinct values directly, for any entries and reversals', () => {
    const gifts = fc.array(
      fc.record({
        donor: fc.constantFrom('A', 'B', 'C', 'D'),
        village: fc.option(fc.constantFrom('371625102221', '371625102222'), { nil: undefined }),
        chamber: fc.constantFrom('c1', 'c2', 'c3'),
        campaign: fc.constantFrom('village-pairing', 'east-west'),
        year: fc.constantFrom(2023, 2024),
        reversed: fc.boolean(),
      }),
      { maxLength: 30 },
    );
    const REGION = { c1: '371625102', c2: '371625', c3: '371621001' } as const;
    fc.assert(
      fc.property(gifts, (list) => {
        const entries: CountedEntry[] = [];
        list.forEach((g, i) => {
          entries.push(
            donation(`${g.chamber}.${i}`, {
              chamberId: g.chamber,
              regionCode: REGION[g.chamber],
              donor: { uscc: g.donor },
              villageCode: g.village,
              campaign: g.campaign,
              occurredOn: `${g.year}-06-01`,
            }),
          );
          if (g.reversed) entries.push({ type: 'reversal', reverses: `${g.chamber}.${i}` });
        });
        const derived = deriveTotals(entries);
        for (const region of ['371625', '371600', '370000']) {
          const live = list.filter((g) => !g.reversed && covers(region, REGION[g.chamber]));
          const distinct = (f: (g: (typeof list)[number]) => string | undefined) =>
            new Set(live.map(f).filter((v) => v !== undefined)).size;
          expect(figures(derived, `${region}|*|*`) ?? readTotal(undefined)).toEqual({
            amountFen: live.length * 100,
            entries: live.length,
            peopleHelped: live.length,
            donors: distinct((g) => g.donor),
            villages: distinct((g) => g.village),
            chambers: distinct((g) => g.chamber),
          });
        }
      }),
      { numRuns: 300 },
    );
  });
});
