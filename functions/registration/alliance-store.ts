import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { byRegionKeys, pageUnderRegion } from '#shared/db/by-region';
import { dynamo, requireEnv } from '#shared/db/client';
import { encodeCursor } from '#shared/db/cursor';
import { createOnce, type KeyedRequest } from '#shared/db/idempotency';
import { transactRetrying } from '#shared/db/transactions';
import {
  ALLIANCE_PARTY_ORGANISATIONS,
  MAX_ALLIANCE_MEMBERS,
  MEMBERS_PER_PAGE,
} from '#shared/domain/alliance';
import { ConflictError } from '#shared/http/errors';
import {
  allianceFromItem,
  allianceKey,
  chamberCountsKey,
  chamberKey,
  MEMBERSHIP,
  REGISTRATION_TABLE_ENV,
  type StoredAlliance,
} from '#shared/registration/published';

/*
 * Party-building alliances in the registration table (keys in #shared/registration/published):
 *   alliance  pk ALLIANCE#<id>  sk PROFILE  byRegion: gsi1pk ALLIANCES#<province> gsi1sk <regionCode>#<id>
 * A member is written into the alliance's record (its `members` map and `memberCount`), in one
 * transaction with a check that the chamber still has a Party organisation and is still in the
 * programme, and with the chamber's own `alliances` counter (which its record's changes check).
 */
const TABLE = requireEnv(REGISTRATION_TABLE_ENV);

/** Alliances are listed by region (shared/db/by-region.ts). */
const KIND = 'ALLIANCES';

/** Writes a new alliance; under an Idempotency-Key (whose id it carries) once: a retry is 'replayed'. */
export async function insertAlliance(
  alliance: StoredAlliance,
  keyed?: KeyedRequest,
): Promise<'created' | 'replayed'> {
  const put = {
    TableName: TABLE,
    Item: { ...allianceKey(alliance.id), ...byRegionKeys(KIND, alliance), ...alliance },
    ConditionExpression: 'attribute_not_exists(pk)',
  };
  if (keyed) return createOnce(TABLE, keyed, [{ Put: put }]);
  try {
    await dynamo.send(new PutCommand(put));
    return 'created';
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) {
      throw new ConflictError(`An alliance with id ${alliance.id} already exists.`);
    }
    throw error;
  }
}

/**
 * Alliances whose region lies under `regionCode`, a page at a time (never a scan). A page ends
 * early once its alliances' members (their `memberCount`) would pass MEMBERS_PER_PAGE, with the
 * cursor right after its last alliance: the page's view reads each member's chamber, so it reads
 * at most MEMBERS_PER_PAGE of them (5 BatchGetItem), whatever `limit` asks.
 */
export async function listAlliancesUnder(
  regionCode: string,
  limit: number,
  cursor?: string,
): Promise<{ items: StoredAlliance[]; nextCursor: string | null }> {
  const page = await pageUnderRegion(TABLE, KIND, regionCode, {}, limit, cursor, (items) => items);
  let members = 0;
  const kept = page.items.filter((item, i) => {
    members += Number(item.memberCount ?? 0);
    return i === 0 || members <= MEMBERS_PER_PAGE;
  });
  const last = kept.at(-1);
  const nextCursor =
    last && kept.length < page.items.length
      ? encodeCursor({ pk: last.pk, sk: last.sk, gsi1pk: last.gsi1pk, gsi1sk: last.gsi1sk })
      : page.nextCursor;
  return { items: kept.map(allianceFromItem), nextCursor };
}

export type JoinOutcome = 'joined' | 'changed' | 'no-party-organisation';

/**
 * Adds a member: into the alliance's record unless it is already there or the alliance is full,
 * if the chamber still has a Party organisation and is in the programme, counted beside the
 * chamber. 'changed' when the alliance or the chamber moved since the caller read them (read
 * again and judge again); 'no-party-organisation' when the chamber's check failed.
 */
export async function addMember(
  allianceId: string,
  chamberId: string,
  joinedOn: string,
): Promise<JoinOutcome> {
  const items: NonNullable<TransactWriteCommandInput['TransactItems']> = [
    {
      Update: {
        TableName: TABLE,
        Key: allianceKey(allianceId),
        UpdateExpression: 'SET #members.#chamber = :member ADD memberCount :one',
        ConditionExpression:
          'attribute_exists(pk) AND attribute_not_exists(#members.#chamber) AND memberCount < :max',
        ExpressionAttributeNames: { '#members': 'members', '#chamber': chamberId },
        ExpressionAttributeValues: {
          ':member': { joinedOn },
          ':one': 1,
          ':max': MAX_ALLIANCE_MEMBERS,
        },
      },
    },
    {
      ConditionCheck: {
        TableName: TABLE,
        Key: chamberKey(chamberId),
        ConditionExpression:
          'attribute_exists(pk) AND partyOrganisation IN (:branch, :joint) AND NOT (#status IN (:rejected, :deregistered))',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':branch': ALLIANCE_PARTY_ORGANISATIONS[0],
          ':joint': ALLIANCE_PARTY_ORGANISATIONS[1],
          ':rejected': 'rejected',
          ':deregistered': 'deregistered',
        },
      },
    },
    {
      Update: {
        TableName: TABLE,
        Key: chamberCountsKey(chamberId),
        UpdateExpression: 'SET #joined = :on ADD alliances :one',
        ExpressionAttributeNames: { '#joined': MEMBERSHIP.joined(allianceId) },
        ExpressionAttributeValues: { ':on': joinedOn, ':one': 1 },
      },
    },
  ];
  return transactRetrying(items, (codes) => {
    if (codes[0] === 'ConditionalCheckFailed') return 'changed';
    if (codes[1] === 'ConditionalCheckFailed') return 'no-party-organisation';
    return undefined;
  }).then((outcome) => outcome ?? 'joined');
}

/** Changes the day a member joined (a PUT naming another `joinedOn`). */
export async function setJoinedOn(
  allianceId: string,
  chamberId: string,
  joinedOn: string,
): Promise<'set' | 'changed'> {
  const outcome = await transactRetrying(
    [
      {
        Update: {
          TableName: TABLE,
          Key: allianceKey(allianceId),
          UpdateExpression: 'SET #members.#chamber.joinedOn = :on',
          ConditionExpression: 'attribute_exists(#members.#chamber)',
          ExpressionAttributeNames: { '#members': 'members', '#chamber': chamberId },
          ExpressionAttributeValues: { ':on': joinedOn },
        },
      },
      joinedDay(allianceId, chamberId, joinedOn),
    ],
    (codes) => (codes[0] === 'ConditionalCheckFailed' ? 'changed' : undefined),
  );
  return outcome ?? 'set';
}

/** The day a chamber's membership began, kept beside it (see MEMBERSHIP): a transaction's item. */
export const joinedDay = (allianceId: string, chamberId: string, joinedOn: string) => ({
  Update: {
    TableName: TABLE,
    Key: chamberCountsKey(chamberId),
    UpdateExpression: 'SET #joined = :on',
    ExpressionAttributeNames: { '#joined': MEMBERSHIP.joined(allianceId) },
    ExpressionAttributeValues: { ':on': joinedOn },
  },
});

/**
 * Takes out a member that joined on `joinedOn` (as the caller read it), off the chamber's count,
 * and keeps the membership's days beside the chamber (joined then, left on `leftOn`).
 * 'changed' when it is not a member that joined that day (read again: it may have left).
 */
export async function removeMember(
  allianceId: string,
  chamberId: string,
  joinedOn: string,
  leftOn: string,
): Promise<'removed' | 'changed'> {
  const outcome = await transactRetrying(
    [
      {
        Update: {
          TableName: TABLE,
          Key: allianceKey(allianceId),
          UpdateExpression: 'REMOVE #members.#chamber ADD memberCount :less',
          ConditionExpression: '#members.#chamber.joinedOn = :joinedOn',
          ExpressionAttributeNames: { '#members': 'members', '#chamber': chamberId },
          ExpressionAttributeValues: { ':less': -1, ':joinedOn': joinedOn },
        },
      },
      {
        Update: {
          TableName: TABLE,
          Key: chamberCountsKey(chamberId),
          UpdateExpression:
            'REMOVE #joined SET #left = list_append(if_not_exists(#left, :none), :span) ADD alliances :less',
          ExpressionAttributeNames: {
            '#joined': MEMBERSHIP.joined(allianceId),
            '#left': MEMBERSHIP.left(allianceId),
          },
          ExpressionAttributeValues: {
            ':less': -1,
            ':none': [],
            ':span': [{ joinedOn, leftOn }],
          },
        },
      },
    ],
    (codes) => (codes[0] === 'ConditionalCheckFailed' ? 'changed' : undefined),
  );
  return outcome ?? 'removed';
}
