import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Award, Rating } from '#shared/contract/assessment';
import type { KeyedRead } from '#shared/db/batch';
import { dynamo } from '#shared/db/client';
import { decodeCursor } from '#shared/db/cursor';
import { AWARD_LEVELS } from '#shared/domain/assessment';
import { ConflictError, PreconditionFailedError } from '#shared/http/errors';
import { parentOf } from '#shared/regions/codes';
import {
  ALL_REGIONS,
  atVersion,
  awardKey,
  chamberAwardKey,
  LEVEL_RANK,
  reviewKey,
  type StoredAward,
  starsKey,
} from './store';
import { newItem, type Page, queryPage, strip, TABLE, transact } from './table';

/*
 * Awards and Party-branch star ratings (keys in ./store). An award is written once, under every
 * region it counts in, so the public list of any region is one query, newest year first.
 */

/** Regions an award is listed under: the chamber's, each above it, and all (`*`). */
const awardRegions = (regionCode: string) => {
  const regions = [ALL_REGIONS];
  for (let code: string | null = regionCode; code; code = parentOf(code)) regions.push(code);
  return regions;
};

export async function insertAward(award: StoredAward): Promise<void> {
  await transact(
    [
      ...awardRegions(award.regionCode).map((region) => awardKey(region, award)),
      chamberAwardKey(award.chamberId, award.year, award.level),
    ].map((key) => ({ Put: newItem({ ...key, ...award }) })),
    (reasons) =>
      reasons.includes('ConditionalCheckFailed')
        ? new ConflictError(`The chamber already holds the ${award.level} award of ${award.year}.`)
        : undefined,
  );
}

export async function listAwards(
  filter: {
    regionCode?: string | undefined;
    year?: number | undefined;
    level?: Award['level'] | undefined;
  },
  limit: number,
  cursor?: string,
): Promise<Page<StoredAward>> {
  const pk = `AWARDS#${filter.regionCode ?? ALL_REGIONS}`;
  const prefix =
    filter.year === undefined
      ? ''
      : `${filter.year}#${filter.level === undefined ? '' : `${LEVEL_RANK[filter.level]}#`}`;
  const byLevel = filter.level !== undefined && filter.year === undefined;
  return queryPage<StoredAward>(
    {
      KeyConditionExpression: prefix ? 'pk = :pk AND begins_with(sk, :prefix)' : 'pk = :pk',
      ...(byLevel && {
        FilterExpression: '#level = :level',
        ExpressionAttributeNames: { '#level': 'level' },
      }),
      ExpressionAttributeValues: {
        ':pk': pk,
        ...(prefix && { ':prefix': prefix }),
        ...(byLevel && { ':level': filter.level }),
      },
      ScanIndexForward: false,
    },
    limit,
    decodeCursor(cursor, ['pk', 'sk'], { pk, sk: { prefix } }),
    strip,
  );
}

export async function getRating(chamberId: string, year: number) {
  const { Item } = await dynamo.send(
    new GetCommand({ TableName: TABLE, Key: starsKey(chamberId, year), ConsistentRead: true }),
  );
  return Item ? strip<Rating>(Item) : undefined;
}

export async function putRating(next: Rating): Promise<void> {
  const condition = atVersion(next.version - 1);
  try {
    await dynamo.send(
      new PutCommand({
        TableName: TABLE,
        Item: { ...starsKey(next.chamberId, next.year), ...next },
        ConditionExpression: condition.expression,
        ExpressionAttributeValues: condition.values,
      }),
    );
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) {
      throw new PreconditionFailedError('The rating changed since you read it.');
    }
    throw error;
  }
}

export async function listRatings(chamberId: string, limit: number, cursor?: string) {
  const pk = `CHAMBER#${chamberId}`;
  return queryPage<Rating>(
    {
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :stars)',
      ExpressionAttributeValues: { ':pk': pk, ':stars': 'STARS#' },
      ScanIndexForward: false,
    },
    limit,
    decodeCursor(cursor, ['pk', 'sk'], { pk, sk: { prefix: 'STARS#' } }),
    strip,
  );
}

/** What the evidence of an entry reads of the assessment's own table. */
export interface EntryRecords {
  stars: number | null;
  /** Awards valid on some day of the year, newest year first, highest level first. */
  awards: { level: Award['level']; year: number; validUntil: string }[];
  /** Whether `assessorId` is assigned to review the entry (false when none is asked about). */
  assigned: boolean;
}

/**
 * A chamber's star rating of `year`, its awards valid in `year` (an award holds through the end
 * of its year + 2: those of year − 2 to year, three levels each) and, for an assessor, their
 * assignment to the entry: 10 or 11 keys of one BatchGetItem (see readTogether).
 */
export function entryRecordsRead(
  cycleId: string,
  chamberId: string,
  year: number,
  assessorId: string | undefined,
): KeyedRead<EntryRecords> {
  const awardKeys = [year, year - 1, year - 2].flatMap((y) =>
    [...AWARD_LEVELS].reverse().map((level) => chamberAwardKey(chamberId, y, level)),
  );
  const keys = [
    starsKey(chamberId, year),
    ...awardKeys,
    ...(assessorId === undefined ? [] : [reviewKey(cycleId, chamberId, assessorId)]),
  ];
  return {
    table: TABLE,
    keys,
    read: ([stars, ...rest]) => ({
      stars: stars ? Number(stars.stars) : null,
      awards: rest
        .slice(0, awardKeys.length)
        .filter((item) => item !== undefined)
        .map((item) => ({
          level: item.level as Award['level'],
          year: Number(item.year),
          validUntil: String(item.validUntil),
        })),
      assigned: assessorId !== undefined && rest[awardKeys.length] !== undefined,
    }),
  };
}
