/*
 * Supervision's pure rules: visit intervals, reply clocks and the overdue arithmetic on calendar
 * dates (YYYY-MM-DD, as the FIC's people read them in Asia/Shanghai), the "七个一" rule, and the
 * annual report's status machine. No I/O, no zod: the scheduled job's bundle uses these too.
 */

export const VISIT_MODES = ['on-site', 'phone', 'meeting', 'online'] as const;
export type VisitMode = (typeof VISIT_MODES)[number];

export const DEFAULT_VISIT_EVERY_DAYS = 90;
export const MAX_VISIT_EVERY_DAYS = 366;
/** What a chamber raises in a visit is answered within this many days of the visit. */
export const REPLY_DAYS = 15;

/** The seven "七个一" activities of a chamber's Party branch, one of each a year. */
export const SEVEN_ONES = [
  'study-session',
  'red-song',
  'ideals-education',
  'party-lecture',
  'themed-party-day',
  'organisational-life-meeting',
  'three-shows-three-comparisons',
] as const;
export const ACTIVITY_KINDS = [...SEVEN_ONES, 'education-trip', 'mentoring', 'other'] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];
export type SevenOne = (typeof SEVEN_ONES)[number];

export const REPORT_STATUSES = ['submitted', 'accepted', 'returned'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];
export const REVIEW_DECISIONS = ['accepted', 'returned'] as const;

const DAY_MS = 86_400_000;

/**
 * A calendar date as a UTC midnight. Date math on UTC midnights never meets a DST shift or the
 * host's zone, so adding days crosses month ends and leap days exactly. setUTCFullYear, unlike
 * Date.UTC, does not read years 0–99 as 1900–1999.
 */
function toUtc(date: string): number {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const at = new Date(0);
  at.setUTCFullYear(year, month - 1, day);
  return at.getTime();
}

function fromUtc(ms: number): string {
  const at = new Date(ms);
  const year = String(at.getUTCFullYear()).padStart(4, '0');
  const month = String(at.getUTCMonth() + 1).padStart(2, '0');
  const day = String(at.getUTCDate()).padStart(2, '0');
  return `${year}-${month}-${day}`;
}

export function addDays(date: string, days: number): string {
  return fromUtc(toUtc(date) + days * DAY_MS);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((toUtc(to) - toUtc(from)) / DAY_MS);
}

/** The later of two dates, either possibly absent. */
export function laterDate(a: string | null | undefined, b: string): string {
  return a && a > b ? a : b;
}

export interface VisitClock {
  assignedOn: string;
  lastVisitedOn: string | null;
  visitEveryDays: number;
}

/** The last day a visit is on time: `visitEveryDays` after the last visit, or the assignment. */
export function visitDueOn(clock: VisitClock): string {
  return addDays(clock.lastVisitedOn ?? clock.assignedOn, clock.visitEveryDays);
}

/**
 * Overdue when the last visit (or assignment) lies more than the interval before `asOf`, i.e.
 * the due date is already past: a visit exactly `visitEveryDays` ago is still on time.
 */
export function isOverdue(dueOn: string, asOf: string): boolean {
  return dueOn < asOf;
}

export function daysOverdue(dueOn: string, asOf: string): number {
  return Math.max(0, daysBetween(dueOn, asOf));
}

export function replyDueOn(visitedOn: string): string {
  return addDays(visitedOn, REPLY_DAYS);
}

/** The seven kinds not yet held, in the order the article lists them. */
export function missingSevenOnes(counts: Partial<Record<ActivityKind, number>>): SevenOne[] {
  return SEVEN_ONES.filter((kind) => !((counts[kind] ?? 0) > 0));
}

/** All seven "七个一" kinds held at least once. */
export function sevenOnesComplete(counts: Partial<Record<ActivityKind, number>>): boolean {
  return missingSevenOnes(counts).length === 0;
}

/** A count for every kind, zero for those not held, so a client sees what is missing. */
export function activityCounts(
  counts: Partial<Record<ActivityKind, number>>,
): Record<ActivityKind, number> {
  return Object.fromEntries(ACTIVITY_KINDS.map((kind) => [kind, counts[kind] ?? 0])) as Record<
    ActivityKind,
    number
  >;
}

/**
 * Chambers that file annual reports: those that are or were legally registered. An applicant
 * (applied, approved) or a rejected one has no registered year to report on.
 */
export const FILING_CHAMBER_STATUSES = ['registered', 'suspended', 'deregistered'] as const;

/** Liaisons are assigned to chambers still in the programme. */
export const CLOSED_CHAMBER_STATUSES = ['rejected', 'deregistered'] as const;

/** An accepted report is final; a submitted one may be corrected, a returned one resubmitted. */
export function canSubmit(current: ReportStatus | undefined): boolean {
  return current !== 'accepted';
}

/** Only a report waiting for review can be reviewed; a returned one is resubmitted first. */
export function canReview(current: ReportStatus): boolean {
  return current === 'submitted';
}

/** A chamber is missing its report for a year unless it has one submitted or accepted. */
export function reportMissing(current: ReportStatus | undefined): boolean {
  return current === undefined || current === 'returned';
}
