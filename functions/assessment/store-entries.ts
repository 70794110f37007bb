import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { SelfAssessment, Veto } from '#shared/contract/assessment';
import { dynamo } from '#shared/db/client';
import { decodeCursor } from '#shared/db/cursor';
import { ConflictError, PreconditionFailedError } from '#shared/http/errors';
import { regionPrefix } from '#shared/regions/codes';
import {
  assessorIndex,
  atVersion,
  cycleKey,
  entryPrefix,
  reviewKey,
  type StoredReview,
  selfKey,
  vetoKey,
} from './store';
import { type Page, queryPage, strip, TABLE, transact } from './table';

/*
 * What goes into a cycle (keys in ./store): self-assessments, assignments and their reviews,
 * vetoes. Every write is a transaction that also checks the cycle is still open.
 */

/**
 * Writes `item` into the cycle if the cycle is still open and `condition` holds: 409 when the
 * cycle is no longer open, `failed()` when the condition does not hold.
 */
function writeIntoOpenCycle(
  cycleId: string,
  item: Record<string, unknown>,
  condition: { expression: string; values?: Record<string, unknown> },
  failed: () => Error,
): Promise<void> {
  return changeInOpenCycle(
    cycleId,
    {
      Put: {
        TableName: TABLE,
        Item: item,
        ConditionExpression: condition.expression,
        ExpressionAttributeValues: condition.values,
      },
    },
    failed,
  );
}

/** One change (a put or a delete) in one transaction with the check that the cycle is open. */
async function changeInOpenCycle(
  cycleId: string,
  change: Parameters<typeof transact>[0][number],
  failed: () => Error,
): Promise<void> {
  await transact(
    [
      {
        ConditionCheck: {
          TableName: TABLE,
          Key: cycleKey(cycleId),
          ConditionExpression: '#status = :open',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':open': 'open' },
        },
      },
      change,
    ],
    (reasons) => {
      if (reasons[0] === 'ConditionalCheckFailed') {
        return new ConflictError(`Cycle ${cycleId} is finalized: nothing in it changes any more.`);
      }
      return reasons[1] === 'ConditionalCheckFailed' ? failed() : undefined;
    },
  );
}

export async function getSelfAssessment(cycleId: string, chamberId: string) {
  const { Item } = await dynamo.send(
    new GetCommand({ TableName: TABLE, Key: selfKey(cycleId, chamberId), ConsistentRead: true }),
  );
  return Item ? strip<SelfAssessment>(Item) : undefined;
}

export async function putSelfAssessment(next: SelfAssessment): Promise<void> {
  await writeIntoOpenCycle(
    next.cycleId,
    { ...selfKey(next.cycleId, next.chamberId), kind: 'self', ...next },
    atVersion(next.version - 1),
    () => new PreconditionFailedError('The self-assessment changed since you read it.'),
  );
}

export async function getReview(cycleId: string, chamberId: string, assessorId: string) {
  const { Item } = await dynamo.send(
    new GetCommand({
      TableName: TABLE,
      Key: reviewKey(cycleId, chamberId, assessorId),
      ConsistentRead: true,
    }),
  );
  return Item ? strip<StoredReview>(Item) : undefined;
}

/** A new assignment (version 1) or a review replacing the version before it. */
export async function putReview(next: StoredReview): Promise<void> {
  const first = next.version === 1;
  await writeIntoOpenCycle(
    next.cycleId,
    {
      ...reviewKey(next.cycleId, next.chamberId, next.assessorId),
      ...assessorIndex(next),
      kind: 'review',
      ...next,
    },
    atVersion(next.version - 1),
    () =>
      first
        ? new ConflictError(
            `${next.assessorId} is already assigned to ${next.chamberId} in this cycle.`,
          )
        : new PreconditionFailedError('The review changed since you read it.'),
  );
}

/** Removes an assignment not reviewed yet, while the cycle is open (409 otherwise). */
export function deleteAssignment(
  cycleId: string,
  chamberId: string,
  assessorId: string,
): Promise<void> {
  return changeInOpenCycle(
    cycleId,
    {
      Delete: {
        TableName: TABLE,
        Key: reviewKey(cycleId, chamberId, assessorId),
        ConditionExpression: '#status = :assigned',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':assigned': 'assigned' },
      },
    },
    () => new ConflictError(`${assessorId} has reviewed ${chamberId}: the review stays.`),
  );
}

export async function insertVeto(veto: Veto): Promise<void> {
  await writeIntoOpenCycle(
    veto.cycleId,
    { ...vetoKey(veto.cycleId, veto.chamberId, veto.reason), kind: 'veto', ...veto },
    atVersion(0),
    () => new ConflictError(`The entry is already vetoed for ${veto.reason}.`),
  );
}

export interface EntryItems {
  selves: SelfAssessment[];
  reviews: StoredReview[];
  vetoes: Veto[];
}

/** Everything entered in a cycle (or for one chamber of it), read consistently. */
export async function readEntries(cycleId: string, chamberId?: string): Promise<EntryItems> {
  const found: EntryItems = { selves: [], reviews: [], vetoes: [] };
  let startKey: Record<string, unknown> | undefined;
  do {
    const out = await dynamo.send(
      new QueryCommand({
        TableName: TABLE,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :entry)',
        ExpressionAttributeValues: { ':pk': `CYCLE#${cycleId}`, ':entry': entryPrefix(chamberId) },
        ConsistentRead: true,
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of out.Items ?? []) {
      if (item.kind === 'self') found.selves.push(strip(item));
      else if (item.kind === 'review') found.reviews.push(strip(item));
      else if (item.kind === 'veto') found.vetoes.push(strip(item));
    }
    startKey = out.LastEvaluatedKey;
  } while (startKey);
  return found;
}

/** A cycle's assignments, a page at a time. */
export async function listCycleReviews(
  cycleId: string,
  limit: number,
  cursor?: string,
): Promise<Page<StoredReview>> {
  const pk = `CYCLE#${cycleId}`;
  return queryPage<StoredReview>(
    {
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :entry)',
      FilterExpression: 'kind = :review',
      ExpressionAttributeValues: { ':pk': pk, ':entry': entryPrefix(), ':review': 'review' },
    },
    limit,
    decodeCursor(cursor, ['pk', 'sk'], { pk, sk: { prefix: entryPrefix() } }),
    strip,
  );
}

/**
 * An assessor's assignments: in one cycle (`cycleId`), or across cycles within a region
 * (`regionCode`), or all of them.
 */
export async function listAssessorReviews(
  assessorId: string,
  scope: { cycleId?: string; regionCode?: string },
  limit: number,
  cursor?: string,
): Promise<Page<StoredReview>> {
  const gsi2pk = `ASSESSOR#${assessorId}`;
  const prefix = scope.cycleId ? `${scope.cycleId}#` : '';
  const region = scope.regionCode ? (regionPrefix(scope.regionCode) ?? scope.regionCode) : '';
  return queryPage<StoredReview>(
    {
      IndexName: 'gsi2',
      KeyConditionExpression: prefix
        ? 'gsi2pk = :p AND begins_with(gsi2sk, :prefix)'
        : 'gsi2pk = :p',
      ...(region && { FilterExpression: 'begins_with(cycleRegionCode, :region)' }),
      ExpressionAttributeValues: {
        ':p': gsi2pk,
        ...(prefix && { ':prefix': prefix }),
        ...(region && { ':region': region }),
      },
    },
    limit,
    decodeCursor(cursor, ['pk', 'sk', 'gsi2pk', 'gsi2sk'], { gsi2pk, gsi2sk: { prefix } }),
    strip,
  );
}
