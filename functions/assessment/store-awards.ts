import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Award, Rating } from '#shared/contract/assessment';
import { dynamo } from '#shared/db/client';
import { decodeCursor } from '#shared/db/cursor';
import { ConflictError, PreconditionFailedError } from '#shared/http/errors';
import { parentOf } from '#shared/regions/codes';
import { ALL_REGIONS, atVersion, awardKey, LEVEL_RANK, type StoredAward, starsKey } from './store';
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
    awardRegions(award.regionCode).map((region) => ({
      Put: newItem({ ...awardKey(region, award), ...award }),
    })),
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
