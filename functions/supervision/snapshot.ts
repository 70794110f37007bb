import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  GetCommand,
  PutCommand,
  QueryCommand,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type { LateIssue, Liaison, OverdueVisit, Visit } from '#shared/contract/supervision';
import { batchWrite } from '#shared/db/batch';
import { dynamo } from '#shared/db/client';
import { decodeCursor, encodeCursor } from '#shared/db/cursor';
import { BadRequestError } from '#shared/http/errors';
import { regionPrefix } from '#shared/regions/codes';
import {
  LATEST_KEY,
  LIAISONS_BY_DUE,
  lateIssueRowSk,
  OPEN_ISSUES_BY_DUE,
  overdueRowSk,
  SNAPSHOT_PREFIX,
  snapshotPk,
  stripKeys,
  TABLE,
} from './keys';

/*
 * The overdue snapshot. A run writes its rows under its own partition (`<asOf>@<computedAt>`),
 * then points LATEST at it with a conditional write that only a later run can pass, then drops
 * the rows of the run it replaced when that was of the same day: one snapshot per day is kept,
 * the last run's, and a reader never sees two runs mixed. Rows are sorted by region, so a
 * region's rows are one begins_with query.
 */

export interface Run {
  asOf: string;
  computedAt: string;
}
export const runId = (run: Run) => `${run.asOf}@${run.computedAt}`;

/** The run a cursor's partition names; anything else is a cursor this list never returned. */
function parseRun(pk: string): Run {
  const match = /^(\d{4}-\d{2}-\d{2})@(\d{4}-\d{2}-\d{2}T[\d:.]+Z)$/.exec(
    pk.slice(SNAPSHOT_PREFIX.length),
  );
  if (!match) throw BadRequestError.field(['cursor'], 'is not a cursor this list returned');
  return { asOf: match[1] as string, computedAt: match[2] as string };
}

/** Liaisons due before `asOf`, read from the due-date index: only those are read. */
export function liaisonsDueBefore(asOf: string): AsyncGenerator<Liaison> {
  return queryAll<Liaison>({
    IndexName: LIAISONS_BY_DUE.index,
    KeyConditionExpression: 'gsi1pk = :p AND gsi1sk < :asOf',
    ExpressionAttributeValues: { ':p': LIAISONS_BY_DUE.pk, ':asOf': asOf },
  });
}

/** Visits with an issue still open whose reply was due before `asOf`. */
export function visitsWithLateIssues(asOf: string): AsyncGenerator<Visit> {
  return queryAll<Visit>({
    IndexName: OPEN_ISSUES_BY_DUE.index,
    KeyConditionExpression: 'gsi2pk = :p AND gsi2sk < :asOf',
    ExpressionAttributeValues: { ':p': OPEN_ISSUES_BY_DUE.pk, ':asOf': asOf },
  });
}

async function* queryAll<T>(
  input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>,
): AsyncGenerator<T> {
  let startKey: Record<string, unknown> | undefined;
  do {
    const out = await dynamo.send(
      new QueryCommand({ TableName: TABLE, ...input, ExclusiveStartKey: startKey }),
    );
    for (const item of out.Items ?? []) yield stripKeys<T>(item);
    startKey = out.LastEvaluatedKey;
  } while (startKey);
}

export interface Rows {
  overdue: OverdueVisit[];
  late: LateIssue[];
}

export async function writeRows(run: Run, rows: Rows): Promise<number> {
  const pk = snapshotPk(runId(run));
  const puts = [
    ...rows.overdue.map((row) => ({
      pk,
      sk: overdueRowSk(row.regionCode, row.chamberId, row.leaderId),
      ...row,
    })),
    ...rows.late.map((row) => ({
      pk,
      sk: lateIssueRowSk(row.regionCode, row.chamberId, row.visitId, row.issueId),
      ...row,
    })),
  ];
  // Rows of a run are written once, into a partition no one reads until LATEST points at it:
  // overwriting one on a retry writes the same row again, so no condition is needed.
  await batchWrite(
    TABLE,
    puts.map((Item) => ({ PutRequest: { Item } })),
  );
  return puts.length;
}

/**
 * Points LATEST at `run` unless a later run already published. Answers the run it replaced
 * (undefined when none), or 'superseded'.
 */
export async function publish(
  run: Run,
  counts: { overdue: number; late: number },
): Promise<Run | undefined | 'superseded'> {
  try {
    const out = await dynamo.send(
      new PutCommand({
        TableName: TABLE,
        Item: { ...LATEST_KEY, ...run, run: runId(run), ...counts },
        ConditionExpression: 'attribute_not_exists(pk) OR computedAt < :computedAt',
        ExpressionAttributeValues: { ':computedAt': run.computedAt },
        ReturnValues: 'ALL_OLD',
      }),
    );
    const old = out.Attributes;
    return old ? { asOf: old.asOf as string, computedAt: old.computedAt as string } : undefined;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return 'superseded';
    throw error;
  }
}

/** Deletes every row of `run`; answers how many. */
export async function dropRun(run: Run): Promise<number> {
  const keys: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const out = await dynamo.send(
      new QueryCommand({
        TableName: TABLE,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': snapshotPk(runId(run)) },
        ProjectionExpression: 'pk, sk',
        ExclusiveStartKey: startKey,
        // Rows written a moment ago (a run dropping its own) must all be found.
        ConsistentRead: true,
      }),
    );
    keys.push(...(out.Items ?? []));
    startKey = out.LastEvaluatedKey;
  } while (startKey);
  await batchWrite(
    TABLE,
    keys.map((Key) => ({ DeleteRequest: { Key } })),
  );
  return keys.length;
}

export async function latestRun(): Promise<Run | undefined> {
  // Consistent, like the rows below: a snapshot is served the moment its run has answered.
  const { Item } = await dynamo.send(
    new GetCommand({ TableName: TABLE, Key: LATEST_KEY, ConsistentRead: true }),
  );
  return Item ? { asOf: Item.asOf as string, computedAt: Item.computedAt as string } : undefined;
}

/**
 * One page of the published snapshot's rows of a kind within `regionCode`. A cursor keeps to the
 * run it was given for, so paging through never mixes two runs.
 */
export async function readRows<T>(
  kind: 'LIAISON' | 'ISSUE',
  regionCode: string,
  limit: number,
  cursor: string | undefined,
): Promise<{ run: Run | undefined; items: T[]; nextCursor: string | null }> {
  const prefix = `${kind}#${regionPrefix(regionCode) ?? regionCode}`;
  const startKey = decodeCursor(cursor, ['pk', 'sk'], {
    pk: { prefix: SNAPSHOT_PREFIX },
    sk: { prefix },
  });
  const run = startKey ? parseRun(startKey.pk as string) : await latestRun();
  if (!run) return { run, items: [], nextCursor: null };
  const out = await dynamo.send(
    new QueryCommand({
      TableName: TABLE,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': snapshotPk(runId(run)), ':prefix': prefix },
      ExclusiveStartKey: startKey,
      Limit: limit,
      ConsistentRead: true,
    }),
  );
  return {
    run,
    items: (out.Items ?? []).map((item) => stripKeys<T>(item)),
    nextCursor: encodeCursor(out.LastEvaluatedKey),
  };
}
