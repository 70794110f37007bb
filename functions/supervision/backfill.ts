import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Activity, Visit } from '#shared/contract/supervision';
import { dynamo } from '#shared/db/client';
import { type Counted, countsOf, recount } from '#shared/db/recount';
import { TALLY } from '#shared/supervision/published';
import { chamberPk, TABLE, tallyKey } from './keys';
import { answeredInTime } from './store';

/*
 * What `npm run backfill:evidence` brings up to date in the supervision table (see
 * functions/assessment/backfill.ts): each year's tally of a chamber, counted again from its
 * visits and activities as the writers count them (./store's visitTally and answerIssue,
 * ./records' activityItems). Every counter that moves only grows except an issue's open count,
 * which an answer takes down while it adds to an answered count (shared/db/recount.ts).
 */

/** Recounts a chamber's tallies; answers how many were (dry run: would be) written. */
export function recountTallies(
  chamberId: string,
  options: { dryRun?: boolean; beforeWrite?: () => Promise<void> } = {},
): Promise<number> {
  return recount({
    table: TABLE,
    ...options,
    isCounter: () => true,
    async readCounters() {
      const tallies = new Map<string, Counted>();
      for (const item of await partition(chamberId, 'TALLY#')) {
        const year = String(item.sk).slice('TALLY#'.length);
        tallies.set(year, { key: tallyKey(chamberId, Number(year)), counts: countsOf(item) });
      }
      return tallies;
    },
    async countSources() {
      const tallies = new Map<string, Counted>();
      const add = (date: string, name: string, count = 1) => {
        const year = date.slice(0, 4);
        let tally = tallies.get(year);
        if (!tally) {
          tally = { key: tallyKey(chamberId, Number(year)), counts: {} };
          tallies.set(year, tally);
        }
        tally.counts[name] = (tally.counts[name] ?? 0) + count;
      };
      for (const item of await partition(chamberId, 'VISIT#')) {
        const visit = item as unknown as Visit;
        add(visit.visitedOn, TALLY.visits);
        if (visit.issues.length > 0) add(visit.visitedOn, TALLY.issuesRaised, visit.issues.length);
        for (const issue of visit.issues) {
          if (issue.status === 'open') add(visit.visitedOn, TALLY.openDue(issue.replyDueOn));
          else {
            add(visit.visitedOn, answeredInTime(issue) ? TALLY.answeredInTime : TALLY.answeredLate);
          }
        }
      }
      for (const item of await partition(chamberId, 'ACTIVITY#')) {
        const activity = item as unknown as Activity;
        add(activity.heldOn, TALLY.activity(activity.kind));
      }
      return tallies;
    },
  });
}

/** Every item of a chamber's partition whose sort key starts with `prefix`. */
async function partition(chamberId: string, prefix: string) {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await dynamo.send(
      new QueryCommand({
        TableName: TABLE,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': chamberPk(chamberId), ':prefix': prefix },
        ConsistentRead: true,
        ExclusiveStartKey: startKey,
      }),
    );
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}
