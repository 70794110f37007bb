import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  childRegionOf,
  competitionRanks,
  rankingScopes,
  ranksChamber,
} from '#shared/domain/ranking';

describe('competition ranking', () => {
  it('shares a rank between equal values and skips the next (1, 2, 2, 4)', () => {
    const ranked = competitionRanks([
      { key: 'd', value: 10 },
      { key: 'a', value: 30 },
      { key: 'c', value: 20 },
      { key: 'b', value: 20 },
    ]);
    expect(ranked.map((r) => [r.key, r.rank])).toEqual([
      ['a', 1],
      ['b', 2],
      ['c', 2],
      ['d', 4],
    ]);
  });

  it('orders equal values by key, in code-point order', () => {
    const ranked = competitionRanks([
      { key: 'b', value: 5 },
      { key: 'B', value: 5 },
      { key: 'a', value: 5 },
    ]);
    expect(ranked.map((r) => r.key)).toEqual(['B', 'a', 'b']);
    expect(ranked.every((r) => r.rank === 1)).toBe(true);
  });

  it('ranks negative and zero values (a chamber whose donations were all reversed)', () => {
    const ranked = competitionRanks([
      { key: 'x', value: 0 },
      { key: 'y', value: -5 },
      { key: 'z', value: 0 },
    ]);
    expect(ranked.map((r) => [r.key, r.rank])).toEqual([
      ['x', 1],
      ['z', 1],
      ['y', 3],
    ]);
  });

  it('ranks nothing as nothing', () => {
    expect(competitionRanks([])).toEqual([]);
  });

  it('ranks each item one more than the number strictly above it, whatever the input order', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(
          fc.record({ key: fc.string({ minLength: 1 }), value: fc.integer({ min: 0, max: 5 }) }),
          {
            selector: (item) => item.key,
          },
        ),
        (items) => {
          const ranked = competitionRanks(items);
          for (const item of ranked) {
            expect(item.rank).toBe(1 + items.filter((other) => other.value > item.value).length);
          }
          const values = ranked.map((item) => item.value);
          expect(values).toEqual([...values].sort((a, b) => b - a));
        },
      ),
    );
  });
});

describe('ranking scopes', () => {
  it('are the city and each county that has a chamber', () => {
    expect(
      rankingScopes('371600', ['371621001', '371625', '371600', '371621', '371625102221']),
    ).toEqual(['371600', '371621', '371625']);
  });

  it('never leave the jurisdiction', () => {
    expect(rankingScopes('371621', ['371621001', '371623'])).toEqual(['371621']);
  });

  it('place a chamber in the region one level below the scope', () => {
    expect(childRegionOf('371600', '371621001')).toBe('371621');
    expect(childRegionOf('371600', '371625')).toBe('371625');
    expect(childRegionOf('371621', '371621001201')).toBe('371621001');
    expect(childRegionOf('371600', '371600')).toBeUndefined();
    expect(childRegionOf('371621', '371623001')).toBeUndefined();
  });

  it('leave deregistered and rejected chambers out', () => {
    expect(
      ['applied', 'registered', 'suspended', 'deregistered', 'rejected'].filter((status) =>
        ranksChamber({ status }),
      ),
    ).toEqual(['applied', 'registered', 'suspended']);
  });
});
