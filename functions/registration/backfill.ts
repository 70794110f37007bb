import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, requireEnv } from '#shared/db/client';
import { type Counted, countsOf, recount } from '#shared/db/recount';
import { transactRetrying } from '#shared/db/transactions';
import {
  allianceKey,
  chamberCountsKey,
  MEMBERSHIP,
  REGISTRATION_TABLE_ENV,
  type StoredAlliance,
} from '#shared/registration/published';
import { joinedDay } from './alliance-store';

/*
 * What `npm run backfill:evidence` brings up to date in the registration table (see
 * functions/assessment/backfill.ts): the member count beside each chamber, and the days of each
 * alliance membership written before they were kept.
 */
const TABLE = requireEnv(REGISTRATION_TABLE_ENV);

/**
 * Sets a chamber's `members` counter to its member items (shared/db/recount.ts: a member is
 * never removed, so the counter only grows). Answers 1 when it was (dry run: would be) written.
 */
export function recountMembers(
  chamberId: string,
  options: { dryRun?: boolean; beforeWrite?: () => Promise<void> } = {},
): Promise<number> {
  const key = chamberCountsKey(chamberId);
  return recount({
    table: TABLE,
    ...options,
    isCounter: (name) => name === 'members',
    async readCounters() {
      const { Item } = await dynamo.send(
        new GetCommand({ TableName: TABLE, Key: key, ConsistentRead: true }),
      );
      return new Map(Item ? [['counts', { key, counts: countsOf(Item) }]] : []);
    },
    async countSources() {
      let members = 0;
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await dynamo.send(
          new QueryCommand({
            TableName: TABLE,
            KeyConditionExpression: 'pk = :pk AND begins_with(sk, :member)',
            ExpressionAttributeValues: { ':pk': key.pk, ':member': 'MEMBER#' },
            Select: 'COUNT',
            ConsistentRead: true,
            ExclusiveStartKey: startKey,
          }),
        );
        members += page.Count ?? 0;
        startKey = page.LastEvaluatedKey;
      } while (startKey);
      return new Map<string, Counted>(
        members > 0 ? [['counts', { key, counts: { members } }]] : [],
      );
    },
  });
}

/**
 * Writes beside each member chamber the day its membership began, where it is missing (a
 * membership of before the days were kept): each in a transaction with a check that the alliance
 * still holds that member from that day. One that fails the check was changed since by code
 * that keeps the days itself: it is left alone. Answers how many were (dry run: would be) written.
 */
export async function recordMembershipDays(
  alliance: StoredAlliance,
  options: { dryRun?: boolean } = {},
): Promise<number> {
  let written = 0;
  for (const [chamberId, { joinedOn }] of Object.entries(alliance.members)) {
    const joined = MEMBERSHIP.joined(alliance.id);
    const { Item } = await dynamo.send(
      new GetCommand({
        TableName: TABLE,
        Key: chamberCountsKey(chamberId),
        ConsistentRead: true,
        ProjectionExpression: '#joined',
        ExpressionAttributeNames: { '#joined': joined },
      }),
    );
    if (Item?.[joined] === joinedOn) continue;
    written += 1;
    if (options.dryRun) continue;
    const outcome = await transactRetrying(
      [
        {
          ConditionCheck: {
            TableName: TABLE,
            Key: allianceKey(alliance.id),
            ConditionExpression: '#members.#chamber.joinedOn = :on',
            ExpressionAttributeNames: { '#members': 'members', '#chamber': chamberId },
            ExpressionAttributeValues: { ':on': joinedOn },
          },
        },
        joinedDay(alliance.id, chamberId, joinedOn),
      ],
      (codes) => (codes[0] === 'ConditionalCheckFailed' ? 'changed' : undefined),
    );
    if (outcome === 'changed') written -= 1;
  }
  return written;
}
