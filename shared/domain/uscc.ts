// Unified Social Credit Code (统一社会信用代码), GB 32100-2015.
// Two independent check characters are verified, so a mistyped code is caught at entry
// rather than when it later fails to match a registry record.

/** The 31 characters a USCC may use; a character's index is its value. I, O, Z, S, V are left
 * out because they are easily confused with 1, 0, 2, 5, U. */
export const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

// Weight i is 3^i mod 31, which is why a single substitution always changes the sum.
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

// GB 11714 predates GB 32100 and values letters by their place in the full alphabet
// (A = 10 … Z = 35), not by their index in USCC_CHARSET.
function orgCodeCheck(body: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    sum += Number.parseInt(body.charAt(i), 36) * (ORG_CODE_WEIGHTS[i] ?? 0);
  }
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

function usccCheck(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    sum += USCC_CHARSET.indexOf(first17.charAt(i)) * (USCC_WEIGHTS[i] ?? 0);
  }
  return USCC_CHARSET.charAt((31 - (sum % 31)) % 31);
}

const SHAPE = /^[0-9A-HJ-NP-RTUW-Y]*$/;

/** Normalises (trim, upper-case) and checks. */
export function checkUscc(
  input: string,
): { ok: true; value: string } | { ok: false; message: string } {
  const value = input.trim().toUpperCase();
  if (value.length !== 18) return { ok: false, message: 'must be 18 characters' };
  if (!SHAPE.test(value)) {
    return {
      ok: false,
      message: 'contains a character not allowed in a USCC (I, O, Z, S, V are never used)',
    };
  }
  if (orgCodeCheck(value.slice(8, 16)) !== value.charAt(16)) {
    return { ok: false, message: 'organisation-code check character (position 17) is wrong' };
  }
  if (usccCheck(value.slice(0, 17)) !== value.charAt(17)) {
    return { ok: false, message: 'check character (position 18) is wrong' };
  }
  return { ok: true, value };
}

/** Given the first 16 characters (positions 1-16), returns the full 18-character code with both
 * check characters; throws if the input is not 16 charset characters. Used to make valid demo
 * codes. */
export function completeUscc(first16: string): string {
  if (first16.length !== 16 || !SHAPE.test(first16)) {
    throw new Error('completeUscc needs exactly 16 USCC characters (upper-case)');
  }
  const first17 = first16 + orgCodeCheck(first16.slice(8));
  return first17 + usccCheck(first17);
}
