import { describe, expect, it } from 'vitest';
import {
  formatAmount,
  formatCount,
  formatDate,
  formatDateTime,
  formatWan,
  formatYuan,
  shanghaiDay,
} from '../../web/src/lib/format';

describe('money from integer fen', () => {
  it('reads the article’s totals in 万元', () => {
    expect(formatWan(4_922_000_000)).toBe('4,922 万元');
    expect(formatWan(112_000_000)).toBe('112 万元');
    expect(formatWan(11_360_000_000)).toBe('11,360 万元');
  });

  it('is exact to the fen in 元, and rounds 万元 half up at 0.01 万元', () => {
    expect(formatYuan(123_456)).toBe('1,234.56 元');
    expect(formatYuan(100)).toBe('1 元');
    expect(formatYuan(5)).toBe('0.05 元');
    expect(formatYuan(-250)).toBe('-2.5 元');
    expect(formatWan(1_234_567)).toBe('1.23 万元');
    expect(formatWan(1_235_000)).toBe('1.24 万元');
    // Beyond 2^53 fen nothing is lost either: the amount is split as an integer.
    expect(formatYuan(9_007_199_254_740_991)).toBe('90,071,992,547,409.91 元');
  });

  it('chooses 元 below 10,000 元 and 万元 from there', () => {
    expect(formatAmount(999_999)).toBe('9,999.99 元');
    expect(formatAmount(1_000_000)).toBe('1 万元');
  });

  it('reads in English as millions of yuan', () => {
    expect(formatAmount(4_922_000_000, 'en')).toBe('¥49.22 million');
    expect(formatYuan(123_456, 'en')).toBe('¥1,234.56');
  });

  it('groups counts', () => {
    expect(formatCount(15_063)).toBe('15,063');
    expect(formatCount(620, 'en')).toBe('620');
  });
});

describe('dates as people in China write them', () => {
  it('writes a date with 年月日, without leading zeros', () => {
    expect(formatDate('2026-11-29')).toBe('2026年11月29日');
    expect(formatDate('2020-01-05')).toBe('2020年1月5日');
    expect(formatDate('2020-01-05', 'en')).toBe('5 Jan 2020');
    expect(formatDate(null)).toBe('');
    expect(formatDate('not a date')).toBe('not a date');
  });

  it('shows an instant at China’s time (UTC+8), across midnight', () => {
    expect(formatDateTime('2026-11-29T18:30:00.000Z')).toBe('2026年11月30日 02:30');
    expect(shanghaiDay('2026-12-31T16:00:00Z')).toBe('2027-01-01');
  });
});
