import { isDeepStrictEqual } from 'node:util';
import {
  ConditionalCheckFailedException,
  TransactionCanceledException,
} from '@aws-sdk/client-dynamodb';
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { Chamber, Member } from '#shared/contract/registration';
import { dynamo, requireEnv } from '#shared/db/client';
import { decodeCursor, encodeCursor } from '#shared/db/cursor';
import { createOnce, type KeyedRequest } from '#shared/db/idempotency';
import { withoutKeys } from '#shared/db/items';
import { transactRetrying } from '#shared/db/transactions';
import { ConflictError, PreconditionFailedError } from '#shared/http/errors';
import {
  byRegionKeys,
  chamberCountsKey,
  chamberKey,
  pageChambersUnder,
  REGISTRATION_TABLE_ENV,
} from '#shared/registration/published';

/*
 * The registration table. Every key is built here:
 *   chamber   pk CHAMBER#<id>  sk PROFILE        byRegion: gsi1pk CHAMBERS#<province> gsi1sk <regionCode>#<id>
 *   member    pk CHAMBER#<id>  sk MEMBER#<uscc>
 *   counters  pk CHAMBER#<id>  sk COUNTS        members, alliances (see #shared/registration/published)
 *   alliance  pk ALLIANCE#<id> sk PROFILE       its members inside it (./alliance-store)
 *   USCC      pk USCC#<code>   sk CLAIM          (one chamber per registration code)
 *   marker    pk IDEMPOTENCY#<id> sk REQUEST    (a chamber created under an Idempotency-Key)
 * The byRegion index lists the chambers under any region with one begins_with query.
 */
const TABLE = requireEnv(REGISTRATION_TABLE_ENV);

/** A chamber's record, strongly consistent: the one reader every concern uses. */
export { readChamber as getChamber } from '#shared/registration/published';

/**
 * Writes a new chamber. Under an Idempotency-Key (`keyed`, whose id the chamber carries) it is
 * written once: a retry writes nothing and is told 'replayed'.
 */
export async function insertChamber(
  chamber: Chamber,
  keyed?: KeyedRequest,
): Promise<'created' | 'replayed'> {
  const put = {
    TableName: TABLE,
    Item: { ...chamberKey(chamber.id), ...byRegionKeys(chamber), ...chamber },
    ConditionExpression: 'attribute_not_exists(pk)',
  };
  try {
    if (keyed) return await createOnce(TABLE, keyed, [{ Put: put }]);
    await dynamo.send(new PutCommand({ ...put, ReturnValuesOnConditionCheckFailure: 'ALL_OLD' }));
    return 'created';
  } catch (error) {
    // The id is new to this request, so a record under it written at this same instant is this
    // request's own put, landed once already: the SDK retried it after a slow answer.
    if (
      error instanceof ConditionalCheckFailedException &&
      error.Item &&
      isDeepStrictEqual(unmarshall(error.Item), JSON.parse(JSON.stringify(put.Item)))
    ) {
      return 'created';
    }
    // The chamber's own condition (its id taken): the put's, or the transaction's second item.
    if (
      error instanceof ConditionalCheckFailedException ||
      (error instanceof TransactionCanceledException &&
        error.CancellationReasons?.[1]?.Code === 'ConditionalCheckFailed')
    ) {
      throw new ConflictError(`A chamber with id ${chamber.id} already exists.`);
    }
    throw error;
  }
}

/**
 * Replaces the chamber if it is still at `expectedVersion` (optimistic concurrency). A lost
 * race is a 412. In the same transaction, `claimUscc` also takes the registration code, and
 * `outOfAlliances` checks that the chamber belongs to no Party-building alliance (its Party
 * organisation is going: a member would be left without one).
 */
export async function replaceChamber(
  next: Chamber,
  expectedVersion: number,
  claimUscc?: string,
  outOfAlliances = false,
): Promise<void> {
  const put = {
    TableName: TABLE,
    Item: { ...chamberKey(next.id), ...byRegionKeys(next), ...next },
    ConditionExpression: 'version = :expected',
    ExpressionAttributeValues: { ':expected': expectedVersion },
  };
  if (!claimUscc && !outOfAlliances) {
    try {
      await dynamo.send(new PutCommand(put));
      return;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) throw new PreconditionFailedError();
      throw error;
    }
  }
  const claim = claimUscc && {
    Put: {
      TableName: TABLE,
      Item: { pk: `USCC#${claimUscc}`, sk: 'CLAIM', chamberId: next.id },
      ConditionExpression: 'attribute_not_exists(pk) OR chamberId = :id',
      ExpressionAttributeValues: { ':id': next.id },
    },
  };
  const noAlliance = outOfAlliances && {
    ConditionCheck: {
      TableName: TABLE,
      Key: chamberCountsKey(next.id),
      ConditionExpression: 'attribute_not_exists(alliances) OR alliances <= :none',
      ExpressionAttributeValues: { ':none': 0 },
    },
  };
  const items = [{ Put: put }, claim, noAlliance].filter((item) => !!item);
  // A counter beside the chamber moving at the same instant (a member joining) is sent again.
  await transactRetrying(items, (codes) => {
    if (codes[0] === 'ConditionalCheckFailed') return new PreconditionFailedError();
    if (claim && codes[1] === 'ConditionalCheckFailed') {
      return new ConflictError(`The USCC ${claimUscc} is already registered to another chamber.`);
    }
    if (noAlliance && codes.at(-1) === 'ConditionalCheckFailed') {
      return new ConflictError(
        `Chamber ${next.id} belongs to a Party-building alliance: take it out of the alliance before removing its Party organisation.`,
      );
    }
    return undefined;
  });
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Chambers whose region lies under `regionCode`, filtered, a page at a time. */
export function listChambersUnder(
  regionCode: string,
  filter: { kind?: string; status?: string; relationship?: string },
  limit: number,
  cursor?: string,
  keep?: (chambers: Chamber[]) => Chamber[],
): Promise<Page<Chamber>> {
  return pageChambersUnder(regionCode, filter, limit, cursor, keep);
}

/** Adds a member firm and counts it beside the chamber, in one transaction. */
export async function insertMember(member: Member): Promise<void> {
  const items = [
    {
      Put: {
        TableName: TABLE,
        Item: { pk: `CHAMBER#${member.chamberId}`, sk: `MEMBER#${member.uscc}`, ...member },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    {
      Update: {
        TableName: TABLE,
        Key: chamberCountsKey(member.chamberId),
        UpdateExpression: 'ADD members :one',
        ExpressionAttributeValues: { ':one': 1 },
      },
    },
  ];
  // Members joining one chamber at once meet on its counter: nothing was written, sent again.
  await transactRetrying(items, (codes) =>
    codes[0] === 'ConditionalCheckFailed'
      ? new ConflictError(`A member with USCC ${member.uscc} already belongs to this chamber.`)
      : undefined,
  );
}

export async function listMembers(
  chamberId: string,
  limit: number,
  cursor?: string,
): Promise<Page<Member>> {
  const pk = `CHAMBER#${chamberId}`;
  const out = await dynamo.send(
    new QueryCommand({
      TableName: TABLE,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :member)',
      ExpressionAttributeValues: { ':pk': pk, ':member': 'MEMBER#' },
      ExclusiveStartKey: decodeCursor(cursor, ['pk', 'sk'], { pk, sk: { prefix: 'MEMBER#' } }),
      Limit: limit,
    }),
  );
  const items = (out.Items ?? []).map((item) => withoutKeys<Member>(item));
  return { items, nextCursor: encodeCursor(out.LastEvaluatedKey) };
}
