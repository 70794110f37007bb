import { describe, expect, it } from 'vitest';
import type { Rubric } from '#shared/contract/assessment';
import { SHIPPED_RUBRICS } from '#shared/domain/rubrics/index';
import { scoresOf, sheetErrors, sumOf } from '../../web/src/features/assessment/sheet';
import { donationRequest } from '../../web/src/features/ledger/form';
import { parseYuan } from '../../web/src/lib/format';

describe('an amount typed in 元', () => {
  it('becomes whole fen without floating point', () => {
    expect(parseYuan('1,234.56')).toBe(123_456);
    expect(parseYuan('0.1')).toBe(10);
    expect(parseYuan('19.99')).toBe(1_999); // 19.99 * 100 is 1998.9999… in floating point
    expect(parseYuan('１２３．４')).toBe(12_340);
    expect(parseYuan('  8 000 ')).toBe(800_000);
  });

  it('refuses what is not an amount of at most two decimals', () => {
    for (const text of ['', '1.234', '-5', '1e3', '12元', 'abc', '1.2.3']) {
      expect(parseYuan(text), text).toBeUndefined();
    }
  });
});

describe('the donation form’s request', () => {
  const base = {
    donor: { name: ' 某企业 ', uscc: '91371600MA3C000000' },
    form: 'money' as const,
    amountFen: '100',
    occurredOn: '2026-01-02',
  };
  it('sends only the fields its campaign uses', () => {
    const pairing = donationRequest('c1', {
      ...base,
      campaign: 'village-pairing',
      villageCode: '371681001001',
      assistance: 'industry',
      recipient: ['110000', '110100', '110101'],
    });
    expect(pairing).toMatchObject({ villageCode: '371681001001', assistance: 'industry' });
    expect(pairing).not.toHaveProperty('recipientRegionCode');
    expect(pairing.donor).toEqual({ name: '某企业', uscc: '91371600MA3C000000' });
    expect(pairing.amountFen).toBe(10_000);
    const eastWest = donationRequest('c1', {
      ...base,
      campaign: 'east-west',
      villageCode: '371681001001',
      recipient: ['620000', '620100', '620102'],
    });
    expect(eastWest.recipientRegionCode).toBe('620102');
    expect(eastWest).not.toHaveProperty('villageCode');
    expect(Number.isNaN(donationRequest('c1', { ...base, amountFen: '1.234' }).amountFen)).toBe(
      true,
    );
  });
});

describe('a score sheet', () => {
  const rubric = SHIPPED_RUBRICS.get('four-good-2020') as unknown as Rubric;
  const indicators = rubric.dimensions.flatMap((d) => d.indicators);
  const full = {
    lines: Object.fromEntries(indicators.map((i) => [i.id, { points: i.maxPoints }])),
  };
  it('totals per dimension and overall in tenths', () => {
    const first = indicators[0];
    if (!first) throw new Error('no indicator');
    const values = { lines: { ...full.lines, [first.id]: { points: first.maxPoints - 0.1 } } };
    expect(sumOf(rubric, values)).toBe(rubric.totalPoints - 0.1);
    const dimension = rubric.dimensions[0];
    expect(sumOf(rubric, values, dimension?.id)).toBe((dimension?.maxPoints ?? 0) - 0.1);
  });

  it('asks a review for the reason of every deduction, beside its line', () => {
    const first = indicators[0];
    if (!first) throw new Error('no indicator');
    const values = { lines: { ...full.lines, [first.id]: { points: first.maxPoints - 2 } } };
    expect(sheetErrors(rubric, values, 'self', { missing: 'm', translate: (m) => m })).toEqual([]);
    const errors = sheetErrors(rubric, values, 'review', { missing: 'm', translate: (m) => m });
    expect(errors.map((e) => e.name)).toEqual([['lines', first.id, 'deductionReason']]);
    const explained = {
      lines: {
        ...values.lines,
        [first.id]: { points: first.maxPoints - 2, deductionReason: '理由' },
      },
    };
    expect(sheetErrors(rubric, explained, 'review', { missing: 'm', translate: (m) => m })).toEqual(
      [],
    );
    expect(scoresOf(rubric, explained, 'review')[0]).toEqual({
      indicatorId: first.id,
      points: first.maxPoints - 2,
      deductionReason: '理由',
    });
  });

  it('names every indicator left unscored', () => {
    const errors = sheetErrors(rubric, { lines: {} }, 'self', {
      missing: 'm',
      translate: (m) => m,
    });
    expect(errors).toHaveLength(indicators.length);
  });
});
