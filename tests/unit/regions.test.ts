// Assumes the slice for the default jurisdiction 371600 (滨州市), which `npm test` generates
// with scripts/divisions.ts before running.
import { describe, expect, it } from 'vitest';
import { countyOf, covers, parentOf, regionLevel, regionPrefix } from '#shared/regions/codes';
import { isKnownRegion, regionName } from '#shared/regions/regions';
import { townshipName, townshipsOf } from '#shared/regions/townships';
import { isKnownVillage, villagesUnder } from '#shared/regions/villages';

const CHAIN = ['370000', '371600', '371621', '371621001', '371621001201'];

describe('codes', () => {
  it('levels by format', () => {
    expect(CHAIN.map(regionLevel)).toEqual(['province', 'city', 'county', 'township', 'village']);
    for (const bad of [
      '',
      '3716',
      '37160',
      '3716001',
      '37162100',
      '37162100120',
      'abcdef',
      '371600 ',
    ])
      expect(regionLevel(bad)).toBeNull();
  });

  it('prefixes', () => {
    expect(CHAIN.map(regionPrefix)).toEqual(['37', '3716', ...CHAIN.slice(2)]);
    expect(regionPrefix('3716001')).toBeNull();
  });

  it('covers down the chain, itself, and nothing beside or above', () => {
    for (const [i, scope] of CHAIN.entries()) {
      for (const [j, code] of CHAIN.entries()) expect(covers(scope, code)).toBe(i <= j);
    }
    expect(covers('371621', '371622')).toBe(false);
    expect(covers('371621', '371622001')).toBe(false);
    expect(covers('371600', '371700')).toBe(false);
    expect(covers('370000', '380000')).toBe(false);
    expect(covers('371600', '3716001')).toBe(false);
    expect(covers('3716', '371621')).toBe(false);
  });

  it('county and parent', () => {
    expect(CHAIN.map(countyOf)).toEqual([null, null, '371621', '371621', '371621']);
    expect(countyOf('3716210')).toBeNull();
    expect(CHAIN.map(parentOf)).toEqual([null, ...CHAIN.slice(0, -1)]);
    expect(parentOf('x')).toBeNull();
  });
});

describe('regions (codes of all China, names of the jurisdiction)', () => {
  it('names the jurisdiction, the regions above it and those under it', () => {
    expect(regionName('370000')).toBe('山东省');
    expect(regionName('371600')).toBe('滨州市');
    expect(regionName('371621')).toBe('惠民县');
    expect(regionName('371623')).toBe('无棣县');
    expect(regionName('371625')).toBe('博兴县');
  });

  it('knows counties anywhere in China, without bundling their names', () => {
    for (const code of ['500236', '632222', '110101', '441900'])
      expect(isKnownRegion(code)).toBe(true);
    expect(regionName('500236')).toBeUndefined();
    expect(regionName('371500')).toBeUndefined();
  });

  it('rejects unknown codes', () => {
    for (const code of ['371699', '999999', '37', '371621001', 'constructor', 'toString'])
      expect([code, isKnownRegion(code), regionName(code)]).toEqual([code, false, undefined]);
  });
});

describe('townships (jurisdiction only)', () => {
  it("lists Huimin's 15 townships in code order", () => {
    const huimin = townshipsOf('371621');
    expect(huimin).toHaveLength(15);
    expect(huimin[0]).toEqual({ code: '371621001', name: '孙武街道' });
    expect(huimin.map((t) => t.code)).toEqual(huimin.map((t) => t.code).sort());
    expect(huimin).toContainEqual({ code: '371621115', name: '皂户李镇' });
    expect(townshipsOf('371623')).toHaveLength(12);
  });

  it('names townships of the jurisdiction only', () => {
    expect(townshipName('371621004')).toBe('武定府街道');
    expect(townshipName('371621002')).toBeUndefined();
    expect(townshipName('110101001')).toBeUndefined();
    expect(townshipsOf('371600')).toEqual([]);
    expect(townshipsOf('3716')).toEqual([]);
  });
});

describe('villages (jurisdiction only)', () => {
  it('knows village codes of the jurisdiction', () => {
    expect(isKnownVillage('371625102221')).toBe(true);
    expect(isKnownVillage('371602001001')).toBe(true);
    expect(isKnownVillage('371625102999')).toBe(false);
    expect(isKnownVillage('371625102')).toBe(false);
    // Real village, but outside 滨州市.
    expect(isKnownVillage('110101001001')).toBe(false);
  });

  it('lists villages under a region, sorted', () => {
    const all = villagesUnder('371600');
    expect(all).toHaveLength(3209);
    expect(all).toEqual([...all].sort());
    expect(villagesUnder('3716')).toEqual(all);
    expect(villagesUnder('370000')).toEqual(all);
    const huimin = villagesUnder('371621');
    expect(huimin.length).toBeGreaterThan(0);
    expect(huimin.every((c) => c.startsWith('371621'))).toBe(true);
    expect(villagesUnder('371625102')).toContain('371625102221');
    expect(villagesUnder('110000')).toEqual([]);
  });
});
