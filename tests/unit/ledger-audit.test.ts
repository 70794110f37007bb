import { describe, expect, it } from 'vitest';
import { type CountedEntry, deriveTotals } from '#shared/domain/ledger';
import {
  headTotalsDiff,
  regionTotalsFindings,
  type StoredTotal,
  sampleOf,
  sampleRegions,
} from '#shared/domain/ledger-audit';

/*
 * The nightly audit's comparisons, alone: a head's totals against its entries, a region's stored
 * totals against what its chambers' entries make, and which region is checked on which night.
 */

const donation = (id: string, amountFen: number, occurredOn = '2020-03-01') => ({
  type: 'donation' as const,
  id,
  chamberId: 'c1',
  regionCode: '371621',
  campaign: 'epidemic-relief',
  occurredOn,
  amountFen,
  peopleHelped: 2,
  donor: { uscc: '91371621MA3C00003B' },
});
const reversal = (of: ReturnType<typeof donation>) => ({
  type: 'reversal' as const,
  reverses: of.id,
  amountFen: -of.amountFen,
  peopleHelped: -of.peopleHelped,
  occurredOn: of.occurredOn,
});

describe('headTotalsDiff', () => {
  const first = donation('c1.1', 500);
  const second = donation('c1.2', 300, '2021-05-01');
  const entries = [first, second, reversal(first)];
  const head = {
    seq: 3,
    hash: 'h',
    '2020:amountFen': 0,
    '2020:entries': 0,
    '2020:peopleHelped': 0,
    '2021:amountFen': 300,
    '2021:entries': 1,
    '2021:peopleHelped': 2,
    '*:amountFen': 300,
    '*:entries': 1,
    '*:peopleHelped': 2,
  };

  it('finds nothing when the head holds what the entries add up to, reversals netted', () => {
    expect(headTotalsDiff(head, entries)).toEqual([]);
  });

  it('names the year and the sum that differ, with both values', () => {
    expect(headTotalsDiff({ ...head, '2021:amountFen': 900, '*:amountFen': 900 }, entries)).toEqual(
      ['* amountFen: head 900, entries 300', '2021 amountFen: head 900, entries 300'],
    );
  });

  it('counts a year the head holds and no entry explains', () => {
    expect(headTotalsDiff({ ...head, '2019:entries': 1 }, entries)).toEqual([
      '2019 entries: head 1, entries 0',
    ]);
  });
});

describe('regionTotalsFindings', () => {
  const first = donation('c1.1', 500);
  const entries: CountedEntry[] = [first, donation('c1.2', 300)];
  /** The totals exactly as the store would hold them, for the regions within 371621. */
  const stored = (): StoredTotal[] =>
    [...deriveTotals(entries).totals.values()]
      .filter(({ total }) => total.region === '371621')
      .map(({ total, figures }) => ({ ...total, item: { ...figures } }));

  it('finds nothing when the stored totals are what the entries make', () => {
    expect(regionTotalsFindings('371621', entries, stored())).toEqual([]);
  });

  it('names the region, the total and the figures that differ', () => {
    const totals = stored();
    const all = totals.find((t) => t.campaign === '*' && t.year === '*');
    if (!all) throw new Error('no total */*');
    all.item.amountFen = 1;
    expect(regionTotalsFindings('371621', entries, totals)).toEqual([
      {
        kind: 'region-totals',
        chamberId: null,
        regionCode: '371621',
        firstBadSeq: null,
        detail: 'total */*: amountFen stored 1, entries 800',
      },
    ]);
  });

  it('finds a total the entries make but none is stored, and ignores regions outside', () => {
    const findings = regionTotalsFindings('371621', entries, stored().slice(1));
    expect(findings).toHaveLength(1);
    // The city's and province's totals hold other chambers too: never compared from a county.
    expect(findings.every((f) => f.regionCode === '371621')).toBe(true);
  });

  it('accepts a stored total left at zero by a donation and its reversal', () => {
    const zero: StoredTotal = {
      region: '371621',
      campaign: 'disaster-relief',
      year: '2019',
      item: { amountFen: 0, entries: 0, peopleHelped: 0, donors: 0, villages: 0, chambers: 0 },
    };
    expect(regionTotalsFindings('371621', entries, [...stored(), zero])).toEqual([]);
  });

  it('reports entries that do not derive (a reversal of nothing) as one finding', () => {
    const broken: CountedEntry[] = [{ type: 'reversal', reverses: 'c1.9' }];
    const [finding] = regionTotalsFindings('371621', broken, []);
    expect(finding?.detail).toMatch(/do not derive/);
  });
});

describe('the rotating sample', () => {
  it('is the jurisdiction and each region one level below with chambers, in order', () => {
    expect(sampleRegions('371600', ['371625', '371621001', '371600', '371621'])).toEqual([
      '371600',
      '371621',
      '371625',
    ]);
  });

  it('takes each in turn, one a day, so every region is checked every few nights', () => {
    const regions = ['371600', '371621', '371625'];
    const day = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * 86_400_000);
    const picked = [0, 1, 2, 3, 4, 5].map((n) => sampleOf(regions, day(n)));
    expect(new Set(picked.slice(0, 3))).toEqual(new Set(regions));
    expect(picked.slice(3)).toEqual(picked.slice(0, 3));
  });
});
