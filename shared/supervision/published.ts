import type { KeyedRead } from '#shared/db/batch';
import { requireEnv } from '#shared/db/client';
import { ACTIVITY_KINDS, type ActivityKind, type ReportStatus } from '#shared/domain/supervision';

/*
 * What the supervision concern publishes for the other concerns, which read its table with a
 * read-only grant (the assessment's evidence): where a chamber's annual report and its tally of a
 * year are, and what they say. Supervision's own keys build on these, so there is one definition.
 *
 *   report  pk CHAMBER#<id>  sk REPORT#<year>   status: submitted · accepted · returned
 *   tally   pk CHAMBER#<id>  sk TALLY#<year>    kept in the transaction of every activity, visit
 *                                               and answer it counts:
 *     count:<kind>          activities of that kind held that year
 *     visits, issuesRaised  visits made that year, issues raised in them
 *     answeredInTime        issues of those visits answered on or before their reply date
 *     answeredLate          … answered after it
 *     open:<replyDueOn>     issues still open, by the day their answer is due
 */

/*
 * The overdue snapshot the `supervision-overdue` run publishes (the dashboard counts its rows):
 *   latest  pk OVERDUE           sk LATEST        { run, asOf, computedAt }
 *   rows    pk OVERDUE#<run>     sk LIAISON#<regionCode>#…  ·  ISSUE#<regionCode>#…
 */
export const OVERDUE_LATEST_KEY = { pk: 'OVERDUE', sk: 'LATEST' } as const;
export const OVERDUE_RUN_PREFIX = 'OVERDUE#';
export const overdueRunPk = (run: string) => `${OVERDUE_RUN_PREFIX}${run}`;
/** The sort-key prefix of a snapshot's rows of a kind within a region. */
export const overdueRowsPrefix = (kind: 'LIAISON' | 'ISSUE', regionCode: string) =>
  `${kind}#${regionCode}`;

/** The environment variable that names the supervision table (set by bindTable). */
export const SUPERVISION_TABLE_ENV = 'SUPERVISION_TABLE';

export const chamberPk = (chamberId: string) => `CHAMBER#${chamberId}`;
export const reportKey = (chamberId: string, year: number) => ({
  pk: chamberPk(chamberId),
  sk: `REPORT#${year}`,
});
export const tallyKey = (chamberId: string, year: number) => ({
  pk: chamberPk(chamberId),
  sk: `TALLY#${year}`,
});

/** The tally's attributes (see above). */
export const TALLY = {
  activity: (kind: ActivityKind) => `count:${kind}`,
  visits: 'visits',
  issuesRaised: 'issuesRaised',
  answeredInTime: 'answeredInTime',
  answeredLate: 'answeredLate',
  openDue: (replyDueOn: string) => `open:${replyDueOn}`,
} as const;

const OPEN = TALLY.openDue('');

/** A year of a chamber's activities and visits, as its tally counts them. */
export interface YearTally {
  activities: Partial<Record<ActivityKind, number>>;
  visits: number;
  issuesRaised: number;
  issuesAnsweredInTime: number;
  /** Answered after their reply date, or still open with that date already past on `asOf`. */
  issuesLate: number;
}

/** What a tally item says, on `asOf` (YYYY-MM-DD, Asia/Shanghai). */
export function tallyFromItem(item: Record<string, unknown> | undefined, asOf: string): YearTally {
  const number = (name: string) => Number(item?.[name] ?? 0);
  const activities: Partial<Record<ActivityKind, number>> = {};
  for (const kind of ACTIVITY_KINDS) {
    const value = number(TALLY.activity(kind));
    if (value > 0) activities[kind] = value;
  }
  // A counter below zero is an issue raised before tallies counted issues, answered since: it
  // was never counted open, so it adds nothing.
  const openPastDue = Object.entries(item ?? {})
    .filter(([name]) => name.startsWith(OPEN) && name.slice(OPEN.length) < asOf)
    .reduce((sum, [, count]) => sum + Math.max(0, Number(count)), 0);
  return {
    activities,
    visits: number(TALLY.visits),
    issuesRaised: number(TALLY.issuesRaised),
    issuesAnsweredInTime: number(TALLY.answeredInTime),
    issuesLate: number(TALLY.answeredLate) + openPastDue,
  };
}

export interface SupervisionFacts {
  tally: YearTally;
  /** The status of the report for `reportYear`, or undefined when none was submitted. */
  report: ReportStatus | undefined;
}

/** A chamber's tally of `year` and its report for `reportYear`: two keys of one BatchGetItem. */
export function supervisionFactsRead(
  chamberId: string,
  year: number,
  reportYear: number,
  asOf: string,
): KeyedRead<SupervisionFacts> {
  return {
    table: requireEnv(SUPERVISION_TABLE_ENV),
    keys: [tallyKey(chamberId, year), reportKey(chamberId, reportYear)],
    read: ([tally, report]) => ({
      tally: tallyFromItem(tally, asOf),
      report: report?.status as ReportStatus | undefined,
    }),
  };
}
