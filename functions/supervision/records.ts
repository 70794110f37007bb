import {
  ConditionalCheckFailedException,
  TransactionCanceledException,
} from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  type BatchGetCommandOutput,
  GetCommand,
  PutCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import type { JointActivity } from '#shared/contract/alliances';
import type { Activity, AnnualReport } from '#shared/contract/supervision';
import { backoff as pause } from '#shared/db/batch';
import { dynamo } from '#shared/db/client';
import { createOnce, type KeyedRequest } from '#shared/db/idempotency';
import { cancellationCodes } from '#shared/db/transactions';
import { todayInShanghai } from '#shared/domain/calendar';
import type { ActivityKind, ReportStatus } from '#shared/domain/supervision';
import {
  ConflictError,
  PreconditionFailedError,
  ServiceUnavailableError,
} from '#shared/http/errors';
import { allianceMembersCheck } from '#shared/registration/published';
import { TALLY, tallyFromItem } from '#shared/supervision/published';
import {
  activityKey,
  chamberPk,
  jointActivityKey,
  reportKey,
  requestToken,
  TABLE,
  tallyKey,
} from './keys';
import { queryPage, readOne, versionCondition } from './store';

/*
 * Annual reports and activities in the supervision table (keys in ./keys). A report is written
 * only at the version read; an accepted one only by nobody (the condition refuses it even when a
 * review lands between the read and the write). An activity and its year's tally are written in
 * one transaction, so the summary is a single read that is never out of step with the list.
 */

export const getReport = (chamberId: string, year: number) =>
  readOne<AnnualReport>(reportKey(chamberId, year));

/** Writes the report if it is still at `expectedVersion` (undefined: if there is none yet). */
export async function putReport(next: AnnualReport, expectedVersion: number | undefined) {
  const condition = versionCondition(expectedVersion);
  try {
    await dynamo.send(
      new PutCommand({
        TableName: TABLE,
        Item: { ...reportKey(next.chamberId, next.year), ...next },
        ...(expectedVersion === undefined
          ? condition
          : {
              ConditionExpression: `${condition.ConditionExpression} AND #status <> :accepted`,
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: {
                ...condition.ExpressionAttributeValues,
                ':accepted': 'accepted',
              },
            }),
      }),
    );
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) throw new PreconditionFailedError();
    throw error;
  }
}

/** A chamber's reports, latest year first. */
export function listReports(chamberId: string, limit: number, cursor?: string) {
  return queryPage<AnnualReport>(
    { pk: chamberPk(chamberId), skPrefix: 'REPORT#' },
    limit,
    cursor,
    false,
  );
}

/** The status of each chamber's report for `year` (absent: no report). */
/** One item per chamber (`key` of each id), read 100 at a time; answers them by chamber id. */
async function readEach(
  chamberIds: string[],
  key: (chamberId: string) => Record<string, string>,
  projection?: { ProjectionExpression: string; ExpressionAttributeNames?: Record<string, string> },
): Promise<Map<string, Record<string, unknown>>> {
  const found = new Map<string, Record<string, unknown>>();
  for (let start = 0; start < chamberIds.length; start += 100) {
    let keys: Record<string, unknown>[] | undefined = chamberIds.slice(start, start + 100).map(key);
    for (let attempt = 0; keys && keys.length > 0; attempt += 1) {
      if (attempt > 0) await pause(attempt);
      const out: BatchGetCommandOutput = await dynamo.send(
        new BatchGetCommand({
          RequestItems: { [TABLE]: { Keys: keys, ConsistentRead: true, ...projection } },
        }),
      );
      for (const item of out.Responses?.[TABLE] ?? []) {
        found.set((item.pk as string).slice(chamberPk('').length), item);
      }
      keys = out.UnprocessedKeys?.[TABLE]?.Keys;
    }
  }
  return found;
}

/** The status of each chamber's report for `year`, where there is one. */
export async function reportStatuses(
  chamberIds: string[],
  year: number,
): Promise<Map<string, ReportStatus>> {
  const items = await readEach(chamberIds, (id) => reportKey(id, year), {
    ProjectionExpression: 'pk, #status',
    ExpressionAttributeNames: { '#status': 'status' },
  });
  return new Map([...items].map(([id, item]) => [id, item.status as ReportStatus]));
}

/** Each chamber's activities per kind held in `year` (its tally; nothing held: no entry). */
export async function activityTallies(
  chamberIds: string[],
  year: number,
): Promise<Map<string, Partial<Record<ActivityKind, number>>>> {
  const items = await readEach(chamberIds, (id) => tallyKey(id, year));
  const today = todayInShanghai();
  return new Map([...items].map(([id, item]) => [id, tallyFromItem(item, today).activities]));
}

/**
 * Stores the activity and counts it in its chamber's tally for that year, in one transaction.
 * Transactions on one tally collide when activities land at once; a collision wrote nothing, so
 * it is simply sent again. Under an Idempotency-Key (`keyed`, whose id the activity carries) it
 * is stored and counted once: a retry writes nothing and is told 'replayed'.
 */
export async function insertActivity(
  activity: Activity,
  keyed?: KeyedRequest,
): Promise<'created' | 'replayed'> {
  const input = {
    TransactItems: activityItems(activity),
    // An SDK retry of a transaction that did apply (its answer lost) is recognised, not re-applied.
    ClientRequestToken: requestToken(activity.id),
  };
  if (keyed) {
    // createOnce sends collisions again itself; the activity's own condition cannot fail first.
    return await createOnce(TABLE, keyed, input.TransactItems);
  }
  for (let attempt = 0; attempt < 8; attempt += 1) {
    if (attempt > 0) await pause(attempt);
    try {
      await dynamo.send(new TransactWriteCommand(input));
      return 'created';
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      if (error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed') {
        throw new ConflictError(`Activity ${activity.id} is already recorded.`);
      }
    }
  }
  throw new ServiceUnavailableError('Too many activities are being recorded at once; try again.');
}

/**
 * An activity and its count in the tally of its chamber's year: the two items that record it.
 * The condition on a fresh id only guards against ever replacing a recorded activity, and it
 * gates the tally's ADD, which would otherwise count it twice.
 */
function activityItems(activity: Activity) {
  return [
    {
      Put: {
        TableName: TABLE,
        Item: { ...activityKey(activity.chamberId, activity.id), ...activity },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    {
      Update: {
        TableName: TABLE,
        Key: tallyKey(activity.chamberId, Number(activity.heldOn.slice(0, 4))),
        UpdateExpression: 'ADD #kind :one',
        ExpressionAttributeNames: { '#kind': tallyAttribute(activity.kind) },
        ExpressionAttributeValues: { ':one': 1 },
      },
    },
  ];
}

/**
 * An alliance's joint activity and, for each member chamber taking part, its activity counted in
 * that chamber's tally: all in one transaction, once per Idempotency-Key (`keyed`, whose id the
 * joint activity carries), with registration's check that every one of them is still a member of
 * the alliance (a chamber taken out since the caller read the alliance: 409, nothing written).
 * 3 + 2 × participants items (MAX_JOINT_PARTICIPANTS keeps it ≤ 100).
 */
export async function insertJointActivity(
  joint: JointActivity,
  activities: Activity[],
  keyed: KeyedRequest,
): Promise<'created' | 'replayed'> {
  try {
    return await createOnce(TABLE, keyed, [
      {
        Put: {
          TableName: TABLE,
          Item: { ...jointActivityKey(joint.allianceId, joint.id), ...joint },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      allianceMembersCheck(joint.allianceId, joint.participants),
      ...activities.flatMap(activityItems),
    ]);
  } catch (error) {
    // Items: the marker, the joint activity, the membership check, then the activities.
    if (cancellationCodes(error)?.[2] === 'ConditionalCheckFailed') {
      throw new ConflictError(
        `Not all of ${joint.participants.join(', ')} are members of alliance ${joint.allianceId} any more. Only member chambers take part in its activities.`,
      );
    }
    throw error;
  }
}

export const getJointActivity = (allianceId: string, id: string) =>
  readOne<JointActivity>(jointActivityKey(allianceId, id));

/** An alliance's joint activities held in `year`, latest first. */
export function listJointActivities(
  allianceId: string,
  year: number,
  limit: number,
  cursor?: string,
) {
  return queryPage<JointActivity>(
    { pk: jointActivityKey(allianceId, '').pk, skPrefix: `ACTIVITY#${year}` },
    limit,
    cursor,
    false,
  );
}

export const getActivity = (chamberId: string, activityId: string) =>
  readOne<Activity>(activityKey(chamberId, activityId));

export async function getTally(
  chamberId: string,
  year: number,
): Promise<Partial<Record<ActivityKind, number>>> {
  const { Item } = await dynamo.send(
    new GetCommand({ TableName: TABLE, Key: tallyKey(chamberId, year), ConsistentRead: true }),
  );
  // Read as the other concerns read it (the day matters only to issues, not to activities).
  return tallyFromItem(Item, todayInShanghai()).activities;
}

/** A chamber's activities held in `year`, latest first. */
export function listActivities(chamberId: string, year: number, limit: number, cursor?: string) {
  return queryPage<Activity>(
    { pk: chamberPk(chamberId), skPrefix: `ACTIVITY#${year}` },
    limit,
    cursor,
    false,
  );
}

const tallyAttribute = TALLY.activity;
