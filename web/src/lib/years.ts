/** The years a filter offers, newest first: from this year back to 2016 (the demo's first). */
export function recentYears(now = new Date()): number[] {
  const thisYear = now.getFullYear();
  return Array.from({ length: thisYear - 2015 }, (_, i) => thisYear - i);
}
