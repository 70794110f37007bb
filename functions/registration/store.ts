import {
  ConditionalCheckFailedException,
  TransactionCanceledException,
} from '@aws-sdk/client-dynamodb';
import { PutCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Chamber, Member } from '#shared/contract/registration';
import { dynamo, requireEnv } from '#shared/db/client';
import { decodeCursor, encodeCursor } from '#shared/db/cursor';
import { createOnce, type KeyedRequest } from '#shared/db/idempotency';
import { withoutKeys } from '#shared/db/items';
import { ConflictError, PreconditionFailedError } from '#shared/http/errors';
import {
  byRegionKeys,
  chamberKey,
  pageChambersUnder,
  REGISTRATION_TABLE_ENV,
} from '#shared/registration/published';

/*
 * The registration table. Every key is built here:
 *   chamber   pk CHAMBER#<id>  sk PROFILE        byRegion: gsi1pk CHAMBERS#<province> gsi1sk <regionCode>#<id>
 *   member    pk CHAMBER#<id>  sk MEMBER#<uscc>
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
    await dynamo.send(new PutCommand(put));
    return 'created';
  } catch (error) {
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
 * race is a 412; `claimUscc` also takes the registration code in the same transaction.
 */
export async function replaceChamber(
  next: Chamber,
  expectedVersion: number,
  claimUscc?: string,
): Promise<void> {
  const put = {
    TableName: TABLE,
    Item: { ...chamberKey(next.id), ...byRegionKeys(next), ...next },
    ConditionExpression: 'version = :expected',
    ExpressionAttributeValues: { ':expected': expectedVersion },
  };
  try {
    if (!claimUscc) {
      await dynamo.send(new PutCommand(put));
      return;
    }
    await dynamo.send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: put },
          {
            Put: {
              TableName: TABLE,
              Item: { pk: `USCC#${claimUscc}`, sk: 'CLAIM', chamberId: next.id },
              ConditionExpression: 'attribute_not_exists(pk) OR chamberId = :id',
              ExpressionAttributeValues: { ':id': next.id },
            },
          },
        ],
      }),
    );
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) throw new PreconditionFailedError();
    if (error instanceof TransactionCanceledException) {
      const [chamberReason, usccReason] = error.CancellationReasons ?? [];
      if (chamberReason?.Code === 'ConditionalCheckFailed') throw new PreconditionFailedError();
      if (usccReason?.Code === 'ConditionalCheckFailed') {
        throw new ConflictError(`The USCC ${claimUscc} is already registered to another chamber.`);
      }
    }
    throw error;
  }
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

export async function insertMember(member: Member): Promise<void> {
  try {
    await dynamo.send(
      new PutCommand({
        TableName: TABLE,
        Item: { pk: `CHAMBER#${member.chamberId}`, sk: `MEMBER#${member.uscc}`, ...member },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) {
      throw new ConflictError(`A member with USCC ${member.uscc} already belongs to this chamber.`);
    }
    throw error;
  }
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
