/*
 * How amounts, counts and dates read to people in China (zh-CN) or in English. Money arrives as
 * integer fen (1 元 = 100 fen) and is never put through floating-point arithmetic that could
 * show a wrong cent: fen are split into integer parts first.
 */
export type Locale = 'zh-CN' | 'en';

const FEN_PER_YUAN = 100n;
const FEN_PER_WAN = 1_000_000n; // 1 万元 = 10,000 元 = 1,000,000 fen

function grouped(n: bigint): string {
  return n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Integer part and up to `digits` decimals of `fen / unit`, rounded half up, zeros trimmed. */
function divide(fen: bigint, unit: bigint, digits: number): string {
  const negative = fen < 0n;
  const abs = negative ? -fen : fen;
  const scale = 10n ** BigInt(digits);
  const scaled = (abs * scale * 2n + unit) / (unit * 2n); // round half up
  const whole = scaled / scale;
  const fraction = (scaled % scale).toString().padStart(digits, '0').replace(/0+$/, '');
  return `${negative ? '-' : ''}${grouped(whole)}${fraction ? `.${fraction}` : ''}`;
}

/** 123456 fen → "1,234.56 元" (exact to the fen). */
export function formatYuan(fen: number, locale: Locale = 'zh-CN'): string {
  const value = divide(BigInt(fen), FEN_PER_YUAN, 2);
  return locale === 'en' ? `¥${value}` : `${value} 元`;
}

/** 4922000000 fen → "4,922 万元" (to 0.01 万元 = 100 元). */
export function formatWan(fen: number, locale: Locale = 'zh-CN'): string {
  if (locale === 'en') return `¥${divide(BigInt(fen), FEN_PER_WAN * 100n, 2)} million`;
  return `${divide(BigInt(fen), FEN_PER_WAN, 2)} 万元`;
}

/** What a total reads as: 万元 from 10,000 元 up (the way reports state them), 元 below. */
export function formatAmount(fen: number, locale: Locale = 'zh-CN'): string {
  return Math.abs(fen) < Number(FEN_PER_WAN) ? formatYuan(fen, locale) : formatWan(fen, locale);
}

/** Fen as a number of 万元, for a chart's axis (never for display of an exact amount). */
export function fenToWan(fen: number): number {
  return fen / Number(FEN_PER_WAN);
}

export function formatCount(n: number, locale: Locale = 'zh-CN'): string {
  return new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'zh-CN').format(n);
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2026-11-29" → "2026年11月29日" (or "29 Nov 2026"); anything else is returned as it is. */
export function formatDate(date: string | null | undefined, locale: Locale = 'zh-CN'): string {
  if (!date) return '';
  const m = DATE.exec(date.slice(0, 10));
  if (!m) return date;
  const [, y, mo, d] = m as unknown as [string, string, string, string];
  if (locale === 'en') return `${Number(d)} ${MONTHS[Number(mo) - 1]} ${y}`;
  return `${y}年${Number(mo)}月${Number(d)}日`;
}

/** An instant (ISO 8601 UTC) as a date and time in China (UTC+8, no daylight saving). */
export function formatDateTime(iso: string | null | undefined, locale: Locale = 'zh-CN'): string {
  if (!iso) return '';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  const shanghai = new Date(t + 8 * 3600_000).toISOString();
  const time = shanghai.slice(11, 16);
  return `${formatDate(shanghai.slice(0, 10), locale)} ${time}`;
}

/** The date in China of an instant: "2026-11-29". */
export function shanghaiDay(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 10);
}

/**
 * What a person typed as 元 ("1,234.5", "1234.56", "８８") as whole fen, without floating point;
 * undefined when it is not an amount of at most two decimals.
 */
export function parseYuan(text: string): number | undefined {
  const normal = text
    .replace(/[０-９．]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[,，\s]/g, '');
  const m = /^(\d{1,13})(?:\.(\d{0,2}))?$/.exec(normal);
  if (!m) return undefined;
  const fen = BigInt(m[1] as string) * FEN_PER_YUAN + BigInt((m[2] ?? '').padEnd(2, '0') || '0');
  return Number(fen);
}
