import type { Dashboard } from '#shared/contract/rankings';
import type { Chamber } from '#shared/contract/registration';
import { type ReportStatus, reportMissing } from '#shared/domain/supervision';
import { donationsOfYear, yearsOf } from '#shared/ledger/published';
import { covers } from '#shared/regions/codes';
import { cityDivisions } from '#shared/regions/division-data';
import { regionName } from '#shared/regions/regions';

/*
 * FIC staff's dashboard of a scope, computed by the rankings job from what it already holds (the
 * chambers, their ledger heads) and from the other concerns' published items (the overdue
 * snapshot's rows, last year's report statuses, the awards listed under the scope). Stored as one
 * item per scope, so the dashboard is one read.
 */
export interface DashboardSources {
  scope: string;
  computedAt: string;
  /** Every chamber of the jurisdiction, whatever its status. */
  chambers: Chamber[];
  heads: Map<string, Record<string, unknown>>;
  overdue: { asOf: string | null; visits: string[]; issues: string[] };
  reportYear: number;
  reports: Map<string, ReportStatus>;
  awards: { level: string }[];
}

export function dashboardOf(s: DashboardSources): Dashboard {
  const inScope = s.chambers.filter((c) => covers(s.scope, c.regionCode));
  const tally = (pick: (c: Chamber) => string) => {
    const counts: Record<string, number> = {};
    for (const chamber of inScope) counts[pick(chamber)] = (counts[pick(chamber)] ?? 0) + 1;
    return counts;
  };
  const registered = inScope.filter((c) => c.status === 'registered');
  const years = new Map<number, { amountFen: number; entries: number }>();
  for (const chamber of inScope) {
    const head = s.heads.get(chamber.id);
    if (!head) continue;
    for (const year of yearsOf(head)) {
      const given = donationsOfYear(head, year);
      const sum = years.get(year) ?? { amountFen: 0, entries: 0 };
      years.set(year, {
        amountFen: sum.amountFen + given.amountFen,
        entries: sum.entries + given.entries,
      });
    }
  }
  const inside = (codes: string[]) => codes.filter((code) => covers(s.scope, code)).length;
  return {
    regionCode: s.scope,
    computedAt: s.computedAt,
    chambers: {
      total: inScope.length,
      byKind: tally((c) => c.kind),
      byStatus: tally((c) => c.status),
      byRelationship: tally((c) => c.relationship),
    },
    coverage: coverageOf(s.scope, registered),
    donations: [...years].sort(([a], [b]) => a - b).map(([year, sum]) => ({ year, ...sum })),
    supervision: {
      asOf: s.overdue.asOf,
      overdueVisits: inside(s.overdue.visits),
      lateIssues: inside(s.overdue.issues),
    },
    reports: {
      year: s.reportYear,
      missing: registered.filter((c) => reportMissing(s.reports.get(c.id))).length,
    },
    awards: {
      national: s.awards.filter((a) => a.level === 'national').length,
      province: s.awards.filter((a) => a.level === 'province').length,
      city: s.awards.filter((a) => a.level === 'city').length,
    },
  };
}

/** Each county of the scope with townships: how many a registered township chamber covers. */
function coverageOf(scope: string, registered: Chamber[]): Dashboard['coverage'] {
  const townships = Object.keys(cityDivisions(scope.slice(0, 4))?.townships ?? {}).filter((code) =>
    covers(scope, code),
  );
  const covered = new Set(registered.filter((c) => c.kind === 'township').map((c) => c.regionCode));
  const counties = [...new Set(townships.map((code) => code.slice(0, 6)))].sort();
  return counties.map((county) => {
    const own = townships.filter((code) => code.startsWith(county));
    return {
      regionCode: county,
      name: regionName(county) ?? county,
      townships: own.length,
      covered: own.filter((code) => covered.has(code)).length,
    };
  });
}
