import { covers } from '#shared/regions/codes';
import { type CountedEntry, deriveTotals, type Figures, readTotal, yearOf } from './ledger';
import { childRegionOf } from './ranking';

/*
 * The nightly ledger audit's pure rules: what it finds wrong in a chamber's head totals and in a
 * region's totals, and which region's totals it checks tonight. The job (functions/ledger/audit.ts)
 * reads; these compare.
 */

export const FINDING_KINDS = ['chain', 'chamber-totals', 'region-totals'] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

/**
 * Something that does not verify. `chain`: an entry altered, missing or out of line, at
 * `firstBadSeq`. `chamber-totals`: the chamber's head (what the rankings publish) disagrees with
 * its entries. `region-totals`: a region's stored totals (the public statistics) disagree with
 * its chambers' entries; it names no chamber.
 */
export interface AuditFinding {
  kind: FindingKind;
  chamberId: string | null;
  regionCode: string;
  firstBadSeq: number | null;
  detail: string;
}

const HEAD_SUMS = ['amountFen', 'entries', 'peopleHelped'] as const;

/** What a chamber's entries add up to on its head: per year and for all years ('*'). */
export function headSums(
  entries: Iterable<{ type: string; amountFen: number; peopleHelped: number; occurredOn: string }>,
) {
  const sums = new Map<string, Record<(typeof HEAD_SUMS)[number], number>>();
  for (const entry of entries) {
    for (const period of [String(yearOf(entry.occurredOn)), '*']) {
      const sum = sums.get(period) ?? { amountFen: 0, entries: 0, peopleHelped: 0 };
      sum.amountFen += entry.amountFen;
      sum.entries += entry.type === 'reversal' ? -1 : 1;
      sum.peopleHelped += entry.peopleHelped;
      sums.set(period, sum);
    }
  }
  return sums;
}

/**
 * The differences between a head's totals (`<year|*>:<sum>` attributes) and its entries' sums,
 * one line each ("2020 amountFen: head 500, entries 400"); none when they agree. A sum absent on
 * either side counts as 0.
 */
export function headTotalsDiff(
  head: Record<string, unknown>,
  entries: Parameters<typeof headSums>[0],
): string[] {
  const derived = headSums(entries);
  const periods = new Set(derived.keys());
  for (const attribute of Object.keys(head)) {
    const period = /^(\d{4}|\*):(amountFen|entries|peopleHelped)$/.exec(attribute)?.[1];
    if (period) periods.add(period);
  }
  const diffs: string[] = [];
  for (const period of [...periods].sort()) {
    for (const sum of HEAD_SUMS) {
      const stored = Number(head[`${period}:${sum}`] ?? 0);
      const expected = derived.get(period)?.[sum] ?? 0;
      if (stored !== expected) diffs.push(`${period} ${sum}: head ${stored}, entries ${expected}`);
    }
  }
  return diffs;
}

/**
 * The regions whose totals the audit checks in turn, one a night: the jurisdiction (every
 * chamber's entries) and each region one level below it that has chambers.
 */
export function sampleRegions(jurisdiction: string, chamberRegions: Iterable<string>): string[] {
  const children = new Set<string>();
  for (const code of chamberRegions) {
    const child = childRegionOf(jurisdiction, code);
    if (child) children.add(child);
  }
  return [jurisdiction, ...[...children].sort()];
}

/** Tonight's region: the regions in turn, by the number of the day since 1970 (UTC). */
export function sampleOf(regions: string[], now: Date): string | undefined {
  const day = Math.floor(now.getTime() / 86_400_000);
  return regions[day % regions.length];
}

/** The region and key of a stored total item (`TOTAL#<region>`, `<campaign>#<year>`). */
export interface StoredTotal {
  region: string;
  campaign: string;
  year: string;
  item: Record<string, unknown>;
}

const FIGURES: (keyof Figures)[] = [
  'amountFen',
  'entries',
  'peopleHelped',
  'donors',
  'villages',
  'chambers',
];

/**
 * Compares a region's stored totals, and those of every region within it, with what its
 * chambers' entries make (deriveTotals, the store's own rule): one finding per total that
 * differs, naming the figures. A total stored but made by no entry must be all zeros (a donation
 * and its reversal leave one behind); a total the entries make but none stored is all missing.
 * A chain that does not even derive (a reversal of nothing) is itself one finding.
 */
export function regionTotalsFindings(
  region: string,
  entries: CountedEntry[],
  stored: StoredTotal[],
): AuditFinding[] {
  let derived: ReturnType<typeof deriveTotals>['totals'];
  try {
    derived = deriveTotals(entries).totals;
  } catch (error) {
    return [finding(region, `the entries do not derive: ${(error as Error).message}`)];
  }
  const expected = new Map<string, Figures>();
  for (const { total, figures } of derived.values()) {
    if (covers(region, total.region)) expected.set(id(total), figures);
  }
  const found = new Map(stored.map((s) => [id(s), { key: s, figures: readTotal(s.item) }]));
  const findings: AuditFinding[] = [];
  for (const key of new Set([...expected.keys(), ...found.keys()])) {
    const want = expected.get(key) ?? readTotal(undefined);
    const have = found.get(key)?.figures ?? readTotal(undefined);
    const diffs = FIGURES.filter((f) => want[f] !== have[f]).map(
      (f) => `${f} stored ${have[f]}, entries ${want[f]}`,
    );
    if (diffs.length > 0) {
      const [totalRegion, campaign, year] = key.split('|');
      findings.push(
        finding(totalRegion ?? region, `total ${campaign}/${year}: ${diffs.join('; ')}`),
      );
    }
  }
  return findings.sort((a, b) => (a.detail < b.detail ? -1 : 1));
}

const id = (t: { region: string; campaign: string; year: string }) =>
  `${t.region}|${t.campaign}|${t.year}`;

const finding = (regionCode: string, detail: string): AuditFinding => ({
  kind: 'region-totals',
  chamberId: null,
  regionCode,
  firstBadSeq: null,
  detail,
});
