import type { LateIssue, OverdueVisit } from '#shared/contract/supervision';
import { todayInShanghai } from '#shared/domain/calendar';
import { CLOSED_CHAMBER_STATUSES, daysOverdue } from '#shared/domain/supervision';
import { type JobReport, jobHandler } from '#shared/jobs/handler';
import { readChambers } from '#shared/registration/published';
import * as snapshot from './snapshot';

/**
 * The `supervision-overdue` run, as of today's date in Asia/Shanghai:
 *   1. liaisons due before today, from the due-date index (a visit or a reassignment moves a
 *      liaison's due date, so only the overdue ones are read);
 *   2. visits with an issue still open past its reply date, from the open-issues index;
 *   3. their chambers from the registration table by key (names and regions as they are now;
 *      a chamber rejected or deregistered since is no longer followed up);
 *   4. the rows written under this run, then published; the same day's earlier run dropped.
 * No scan anywhere: the cost follows what is overdue, not how much is on record. Running it again
 * the same day publishes the same rows.
 */
export async function runOverdue(now: Date): Promise<JobReport> {
  const run: snapshot.Run = { asOf: todayInShanghai(now), computedAt: now.toISOString() };
  const { asOf } = run;

  const liaisons = [];
  for await (const liaison of snapshot.liaisonsDueBefore(asOf)) liaisons.push(liaison);
  const visits = [];
  for await (const visit of snapshot.visitsWithLateIssues(asOf)) visits.push(visit);
  const chambers = await readChambers([
    ...liaisons.map((l) => l.chamberId),
    ...visits.map((v) => v.chamberId),
  ]);
  const followed = (id: string) => {
    const chamber = chambers.get(id);
    const closed = (CLOSED_CHAMBER_STATUSES as readonly string[]).includes(chamber?.status ?? '');
    return chamber && !closed ? chamber : undefined;
  };

  const overdue: OverdueVisit[] = liaisons.flatMap((liaison) => {
    const chamber = followed(liaison.chamberId);
    if (!chamber) return [];
    return [
      {
        chamberId: liaison.chamberId,
        name: chamber.name,
        regionCode: chamber.regionCode,
        leaderId: liaison.leaderId,
        leaderName: liaison.name,
        visitEveryDays: liaison.visitEveryDays,
        assignedOn: liaison.assignedOn,
        lastVisitedOn: liaison.lastVisitedOn,
        dueOn: liaison.dueOn,
        daysOverdue: daysOverdue(liaison.dueOn, asOf),
      },
    ];
  });
  const late: LateIssue[] = visits.flatMap((visit) => {
    const chamber = followed(visit.chamberId);
    if (!chamber) return [];
    return visit.issues
      .filter((issue) => issue.status === 'open' && issue.replyDueOn < asOf)
      .map((issue) => ({
        chamberId: visit.chamberId,
        name: chamber.name,
        regionCode: chamber.regionCode,
        visitId: visit.id,
        issueId: issue.id,
        summary: issue.summary,
        leaderId: visit.leaderId,
        visitedOn: visit.visitedOn,
        replyDueOn: issue.replyDueOn,
        daysLate: daysOverdue(issue.replyDueOn, asOf),
      }));
  });

  let itemsWritten = await snapshot.writeRows(run, { overdue, late });
  const replaced = await snapshot.publish(run, { overdue: overdue.length, late: late.length });
  let dropped = 0;
  if (replaced === 'superseded') {
    // A later run published first (an overlapping retry): its rows stand, these never will.
    dropped = await snapshot.dropRun(run);
  } else if (replaced && replaced.asOf === asOf) {
    dropped = await snapshot.dropRun(replaced);
  }
  itemsWritten += 1 + dropped;
  return {
    itemsRead: liaisons.length + visits.length + chambers.size + dropped,
    itemsWritten,
    asOf,
    overdueVisits: overdue.length,
    lateIssues: late.length,
    published: replaced !== 'superseded',
  };
}

export const handler = jobHandler('supervision-overdue', runOverdue);
