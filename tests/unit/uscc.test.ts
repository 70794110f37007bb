import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkUscc, completeUscc, USCC_CHARSET } from '#shared/domain/uscc';

// Published codes of real organisations. Each was checked against both check characters
// before being added; the only published codes that failed came from generated sample data
// and were left out.
const ENTERPRISES = [
  '91440300708461136T', // 腾讯科技（深圳）有限公司
  '914403001922038216', // 华为技术有限公司
  '91330100799655058B',
  '9135052155323005XL',
  '91440101732977351X', // 广州铠聚塑料制造有限公司
  '9111000010000106X1', // 中国电子进出口有限公司: GB 11714 check value 10 → 'X'
  '911101051017429000', // GB 11714 check value 11 → '0'
  '91441303MA4URBBE3Y', // letters in the organisation-code body
  '92440606L0031570XR', // individual business (个体工商户)
];

// "51" = social group registered with civil affairs, the legal form of a chamber of commerce.
const SOCIAL_GROUPS = [
  '51310110501144395U', // 上海市杨浦区科技企业联合会
  '51100000500002862F', // 中国自动化学会
  '51100000500009247D', // 中国复合材料工业协会
  '51100000500012681T', // 中国医疗保健国际交流促进会
  '5144030050267905XD', // 深圳市审计学会
  '51100000MJ0000632D', // 中国互联网金融协会
];

const REAL_CODES = [...ENTERPRISES, ...SOCIAL_GROUPS];

const CHARSET_MESSAGE = 'contains a character not allowed in a USCC (I, O, Z, S, V are never used)';

const first16 = fc.string({ unit: fc.constantFrom(...USCC_CHARSET), minLength: 16, maxLength: 16 });

function replaceAt(code: string, index: number, char: string): string {
  return code.slice(0, index) + char + code.slice(index + 1);
}

describe('USCC_CHARSET', () => {
  it('has the 31 characters of GB 32100 and none of the five easily misread letters', () => {
    expect(USCC_CHARSET).toHaveLength(31);
    expect(new Set(USCC_CHARSET).size).toBe(31);
    for (const letter of 'IOZSV') expect(USCC_CHARSET).not.toContain(letter);
  });
});

describe('checkUscc', () => {
  it.each(REAL_CODES)('accepts the published code %s', (code) => {
    expect(checkUscc(code)).toEqual({ ok: true, value: code });
  });

  it.each(REAL_CODES)('rejects every one-character substitution of %s', (code) => {
    const accepted: string[] = [];
    let tried = 0;
    for (let position = 0; position < 18; position++) {
      for (const char of USCC_CHARSET) {
        if (char === code[position]) continue;
        const mutated = replaceAt(code, position, char);
        tried++;
        if (checkUscc(mutated).ok) accepted.push(mutated);
      }
    }
    expect(tried).toBe(18 * 30);
    expect(accepted).toEqual([]);
  });

  it('accepts lower-case input and returns it upper-cased', () => {
    expect(checkUscc('91330100799655058b')).toEqual({ ok: true, value: '91330100799655058B' });
    expect(checkUscc('51100000mj0000632d')).toEqual({ ok: true, value: '51100000MJ0000632D' });
  });

  it('ignores surrounding whitespace', () => {
    expect(checkUscc('  914403001922038216\n')).toEqual({ ok: true, value: '914403001922038216' });
  });

  it.each([
    ['', 'empty'],
    ['   ', 'blank'],
    ['91440300708461136', '17 characters'],
    ['91440300708461136T0', '19 characters'],
    ['9144 0300708461136T', 'an inner space'],
  ])('rejects %j (%s) as the wrong length', (input) => {
    expect(checkUscc(input)).toEqual({ ok: false, message: 'must be 18 characters' });
  });

  it.each(['I', 'O', 'Z', 'S', 'V', 'i', 'o', '-', '*'])('rejects a code containing %j', (char) => {
    expect(checkUscc(replaceAt('91440300708461136T', 10, char))).toEqual({
      ok: false,
      message: CHARSET_MESSAGE,
    });
  });

  it('rejects non-ASCII characters even when the length looks right', () => {
    expect(checkUscc('9144030070846113６T')).toEqual({ ok: false, message: CHARSET_MESSAGE });
  });

  it('names position 18 when only the final check character is wrong', () => {
    expect(checkUscc('91440300708461136U')).toEqual({
      ok: false,
      message: 'check character (position 18) is wrong',
    });
  });

  it('names position 17 when the organisation-code check character is wrong', () => {
    expect(checkUscc('91440300708461137T')).toEqual({
      ok: false,
      message: 'organisation-code check character (position 17) is wrong',
    });
  });

  it('enforces position 17 even when position 18 is consistent with it', () => {
    // Position 18 was recomputed over the wrong position 17, so a mod-31-only validator
    // would accept this code.
    expect(checkUscc('91440300708461137X')).toEqual({
      ok: false,
      message: 'organisation-code check character (position 17) is wrong',
    });
  });
});

describe('completeUscc', () => {
  it.each(REAL_CODES)('reproduces both check characters of %s', (code) => {
    expect(completeUscc(code.slice(0, 16))).toBe(code);
  });

  it('always produces a code that checkUscc accepts', () => {
    fc.assert(
      fc.property(first16, (prefix) => {
        const code = completeUscc(prefix);
        expect(code.startsWith(prefix)).toBe(true);
        expect(checkUscc(code)).toEqual({ ok: true, value: code });
      }),
    );
  });

  it('produces codes in which any one-character substitution is rejected', () => {
    fc.assert(
      fc.property(
        first16,
        fc.integer({ min: 0, max: 17 }),
        fc.integer({ min: 1, max: 30 }),
        (prefix, position, shift) => {
          const code = completeUscc(prefix);
          const original = USCC_CHARSET.indexOf(code.charAt(position));
          const replacement = USCC_CHARSET.charAt((original + shift) % 31);
          expect(checkUscc(replaceAt(code, position, replacement)).ok).toBe(false);
        },
      ),
    );
  });

  it.each([
    ['', 'empty'],
    ['914403007084611', '15 characters'],
    ['91440300708461136', '17 characters'],
    ['914403007084611I', 'a forbidden letter'],
    ['9144030070846113 ', 'trailing space'],
  ])('throws on %j (%s)', (input) => {
    expect(() => completeUscc(input)).toThrow();
  });

  it('does not accept lower case, since it is for generating codes, not reading input', () => {
    expect(() => completeUscc('51100000mj000063')).toThrow();
  });
});
