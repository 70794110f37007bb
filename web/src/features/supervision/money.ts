/*
 * Amounts typed in 元 ("12,345.6") and sent as whole fen, without floating-point arithmetic: the
 * text is split at its point and the parts joined as integers.
 */
const YUAN = /^(-)?(\d{1,13})(?:\.(\d{1,2}))?$/;

/** "1,234.5" → 123450; undefined when it is not an amount (or negative where not allowed). */
export function yuanToFen(text: string, signed = false): number | undefined {
  const match = YUAN.exec(text.replace(/[,，\s]/g, ''));
  if (!match) return undefined;
  const [, minus, whole, cents = ''] = match;
  if (minus && !signed) return undefined;
  const fen = Number(whole) * 100 + Number(cents.padEnd(2, '0'));
  return minus ? -fen : fen;
}

/** 123450 → "1234.5" (what the form shows to edit). */
export function fenToYuanText(fen: number): string {
  const abs = Math.abs(fen);
  const cents = String(abs % 100)
    .padStart(2, '0')
    .replace(/0+$/, '');
  return `${fen < 0 ? '-' : ''}${Math.floor(abs / 100)}${cents ? `.${cents}` : ''}`;
}
