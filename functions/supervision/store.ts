import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import type { Issue, Liaison, Visit } from '#shared/contract/supervision';
import { dynamo } from '#shared/db/client';
import { decodeCursor, encodeCursor } from '#shared/db/cursor';
import { createOnce, type KeyedRequest, priorTry as priorTryIn } from '#shared/db/idempotency';
import { cancellationCodes, onlyRaces } from '#shared/db/transactions';
import { todayInShanghai } from '#shared/domain/calendar';
import { NotFoundError, PreconditionFailedError } from '#shared/http/errors';
import { TALLY } from '#shared/supervision/published';
import {
  BY_LEADER,
  chamberPk,
  leaderPk,
  liaisonIndexKeys,
  liaisonKey,
  openIssuesKeys,
  requestToken,
  stripKeys,
  TABLE,
  tallyKey,
  visitKey,
} from './keys';

/*
 * Liaisons and visits in the supervision table (keys in ./keys). Every write is conditional on
 * the version read: a lost race is a PreconditionFailedError, which the use case answers 412
 * (the client sent If-Match) or retries on what it reads next.
 */

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** One item of the table by its key, strongly consistent (a write a moment ago is seen). */
export async function readOne<T>(Key: Record<string, string>): Promise<T | undefined> {
  const { Item } = await dynamo.send(
    new GetCommand({ TableName: TABLE, Key, ConsistentRead: true }),
  );
  return Item ? stripKeys<T>(Item) : undefined;
}

export const getLiaison = (chamberId: string, leaderId: string) =>
  readOne<Liaison>(liaisonKey(chamberId, leaderId));

/** Writes the liaison if it is still at `expectedVersion` (undefined: if it does not exist). */
export async function putLiaison(next: Liaison, expectedVersion: number | undefined) {
  try {
    await dynamo.send(
      new PutCommand({
        TableName: TABLE,
        Item: liaisonItem(next),
        ...versionCondition(expectedVersion),
      }),
    );
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) throw new PreconditionFailedError();
    throw error;
  }
}

export async function deleteLiaison(
  chamberId: string,
  leaderId: string,
  expectedVersion: number | undefined,
) {
  try {
    await dynamo.send(
      new DeleteCommand({
        TableName: TABLE,
        Key: liaisonKey(chamberId, leaderId),
        ConditionExpression:
          expectedVersion === undefined ? 'attribute_exists(pk)' : 'version = :expected',
        ...(expectedVersion !== undefined && {
          ExpressionAttributeValues: { ':expected': expectedVersion },
        }),
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    if (expectedVersion === undefined || !(await getLiaison(chamberId, leaderId))) {
      throw new NotFoundError(`Leader ${leaderId} is not assigned to chamber ${chamberId}.`);
    }
    throw new PreconditionFailedError();
  }
}

export function listLiaisons(chamberId: string, limit: number, cursor?: string) {
  return queryPage<Liaison>(
    { pk: chamberPk(chamberId), skPrefix: 'LIAISON#' },
    limit,
    cursor,
    true,
  );
}

/** The liaison records of one leader, across chambers, by chamber id. */
export async function listAssignments(
  leaderId: string,
  limit: number,
  cursor?: string,
): Promise<Page<Liaison>> {
  const partition = leaderPk(leaderId);
  const out = await dynamo.send(
    new QueryCommand({
      TableName: TABLE,
      IndexName: BY_LEADER,
      KeyConditionExpression: 'gsi2pk = :p',
      ExpressionAttributeValues: { ':p': partition },
      ExclusiveStartKey: decodeCursor(cursor, ['pk', 'sk', 'gsi2pk', 'gsi2sk'], {
        gsi2pk: partition,
        sk: { prefix: 'LIAISON#' },
      }),
      Limit: limit,
    }),
  );
  return {
    items: (out.Items ?? []).map((item) => stripKeys<Liaison>(item)),
    nextCursor: encodeCursor(out.LastEvaluatedKey),
  };
}

export const getVisit = (chamberId: string, visitId: string) =>
  readOne<Visit>(visitKey(chamberId, visitId));

/**
 * Stores a visit and, in the same transaction, moves its liaison's clock on (`next`, written if
 * the liaison is still at `current.version`) or, for a visit no later than the last one, only
 * checks that the liaison is still assigned, and counts the visit and its issues in the chamber's
 * tally of the visit's year. A visit never lands for a leader no longer assigned.
 * Under an Idempotency-Key (`keyed`, whose id the visit carries) it is recorded once: a retry
 * writes nothing and is told 'replayed'.
 */
export async function insertVisit(
  visit: Visit,
  current: Liaison,
  next: Liaison | undefined,
  keyed?: KeyedRequest,
): Promise<'created' | 'replayed'> {
  const items = [
    {
      Put: {
        TableName: TABLE,
        Item: visitItem(visit),
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    next
      ? {
          Put: {
            TableName: TABLE,
            Item: liaisonItem(next),
            ...versionCondition(current.version),
          },
        }
      : {
          ConditionCheck: {
            TableName: TABLE,
            Key: liaisonKey(visit.chamberId, visit.leaderId),
            ConditionExpression: 'attribute_exists(pk)',
          },
        },
    { Update: visitTally(visit) },
  ];
  try {
    if (keyed) return await createOnce(TABLE, keyed, items);
    await dynamo.send(
      new TransactWriteCommand({
        TransactItems: items,
        // An SDK retry of a transaction that did apply (its answer lost) is recognised by
        // DynamoDB and not re-applied, so it cannot fail its own condition and record twice.
        ClientRequestToken: requestToken(visit.id),
      }),
    );
    return 'created';
  } catch (error) {
    // A conflict, a liaison changed or removed, throttling: nothing was written; the caller reads
    // again. Any other cancellation (an invalid item) is a fault: it goes up.
    const codes = cancellationCodes(error);
    if (codes && onlyRaces(codes)) throw new PreconditionFailedError();
    throw error;
  }
}

/** Whether an earlier try of this keyed visit was recorded (see priorTry). */
export const priorTry = (keyed: KeyedRequest) => priorTryIn(TABLE, keyed);

/**
 * Answers issue `index` of `visit`, read at `visit.version`, and moves it in the tally of the
 * visit's year from open to answered (in time, or late), in one transaction.
 */
export async function answerIssue(visit: Visit, index: number, answered: Issue): Promise<Visit> {
  const issues = visit.issues.map((issue, i) => (i === index ? answered : issue));
  const next: Visit = { ...visit, issues, version: visit.version + 1 };
  const stillOpen = issues.some((issue) => issue.status === 'open');
  const inTime = answeredInTime(answered);
  try {
    await dynamo.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: TABLE,
              Key: visitKey(visit.chamberId, visit.id),
              // The last open issue answered takes the visit out of the open-issues index.
              UpdateExpression: `SET #issues[${index}] = :issue, #version = :next${stillOpen ? '' : ' REMOVE gsi2pk, gsi2sk'}`,
              ConditionExpression: `#version = :read AND #issues[${index}].#status = :open`,
              ExpressionAttributeNames: {
                '#issues': 'issues',
                '#version': 'version',
                '#status': 'status',
              },
              ExpressionAttributeValues: {
                ':issue': answered,
                ':next': next.version,
                ':read': visit.version,
                ':open': 'open',
              },
            },
          },
          {
            Update: {
              TableName: TABLE,
              Key: tallyKey(visit.chamberId, yearOf(visit.visitedOn)),
              UpdateExpression: 'ADD #due :less, #answered :one',
              ExpressionAttributeNames: {
                '#due': TALLY.openDue(answered.replyDueOn),
                '#answered': inTime ? TALLY.answeredInTime : TALLY.answeredLate,
              },
              ExpressionAttributeValues: { ':less': -1, ':one': 1 },
            },
          },
        ],
        // No ClientRequestToken: an SDK retry of a transaction that did apply fails the visit's
        // version condition, and the caller reads the issue answered (by this very answer).
      }),
    );
  } catch (error) {
    // The visit moved on (another answer, another writer) or met another transaction on the
    // tally: nothing was written, the caller reads again. Anything else is a fault.
    const codes = cancellationCodes(error);
    if (codes && onlyRaces(codes)) throw new PreconditionFailedError();
    throw error;
  }
  return next;
}

/** On or before its reply date, in Asia/Shanghai where the date is read. */
export const answeredInTime = (issue: Issue) =>
  issue.answeredAt !== null && todayInShanghai(new Date(issue.answeredAt)) <= issue.replyDueOn;

const yearOf = (date: string) => Number(date.slice(0, 4));

/** What a new visit adds to the tally of its year: one visit, its issues, each open until due. */
function visitTally(visit: Visit) {
  const names: Record<string, string> = { '#visits': TALLY.visits };
  const values: Record<string, number> = { ':one': 1 };
  const adds = ['#visits :one'];
  if (visit.issues.length > 0) {
    names['#raised'] = TALLY.issuesRaised;
    values[':raised'] = visit.issues.length;
    adds.push('#raised :raised');
    // Every issue of a visit is due the same day.
    names['#due'] = TALLY.openDue(visit.issues[0]?.replyDueOn ?? '');
    adds.push('#due :raised');
  }
  return {
    TableName: TABLE,
    Key: tallyKey(visit.chamberId, yearOf(visit.visitedOn)),
    UpdateExpression: `ADD ${adds.join(', ')}`,
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  };
}

/** A chamber's visits, latest first. */
export function listVisits(chamberId: string, limit: number, cursor?: string) {
  return queryPage<Visit>({ pk: chamberPk(chamberId), skPrefix: 'VISIT#' }, limit, cursor, false);
}

/** One page of a chamber's items of one kind, in key order (or reversed). */
export async function queryPage<T>(
  where: { pk: string; skPrefix: string },
  limit: number,
  cursor: string | undefined,
  forward: boolean,
): Promise<Page<T>> {
  const out = await dynamo.send(
    new QueryCommand({
      TableName: TABLE,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': where.pk, ':prefix': where.skPrefix },
      ExclusiveStartKey: decodeCursor(cursor, ['pk', 'sk'], {
        pk: where.pk,
        sk: { prefix: where.skPrefix },
      }),
      ScanIndexForward: forward,
      Limit: limit,
      // A client lists what it has just written: the list must show it.
      ConsistentRead: true,
    }),
  );
  return {
    items: (out.Items ?? []).map((item) => stripKeys<T>(item)),
    nextCursor: encodeCursor(out.LastEvaluatedKey),
  };
}

function liaisonItem(liaison: Liaison) {
  return {
    ...liaisonKey(liaison.chamberId, liaison.leaderId),
    ...liaisonIndexKeys(liaison.chamberId, liaison.leaderId, liaison.dueOn),
    ...liaison,
  };
}

function visitItem(visit: Visit) {
  const open = visit.issues.find((issue) => issue.status === 'open');
  return {
    ...visitKey(visit.chamberId, visit.id),
    ...(open && openIssuesKeys(visit.chamberId, visit.id, open.replyDueOn)),
    ...visit,
  };
}

/** Exists at `expected`, or (undefined) does not exist yet. */
export function versionCondition(expected: number | undefined) {
  return expected === undefined
    ? { ConditionExpression: 'attribute_not_exists(pk)' }
    : {
        ConditionExpression: 'version = :expected',
        ExpressionAttributeValues: { ':expected': expected },
      };
}
