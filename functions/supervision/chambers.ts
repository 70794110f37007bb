import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Chamber } from '#shared/contract/registration';
import { dynamo, requireEnv } from '#shared/db/client';
import { decodeCursor, encodeCursor } from '#shared/db/cursor';
import {
  chamberFromItem,
  chambersUnderCondition,
  REGISTRATION_TABLE_ENV,
} from '#shared/registration/published';

/*
 * Chambers as the registration concern keeps them, read with a read-only grant through the keys
 * and the region query it publishes; supervision never writes that table.
 */
const REGISTRATION = requireEnv(REGISTRATION_TABLE_ENV);

/**
 * Chambers with `status` whose region lies under `regionCode`, a page at a time, read through
 * registration's byRegion index (never a scan). `each` may drop chambers from the page; the read
 * goes on until `limit` are kept or the index is exhausted, and never reads past the last one it
 * keeps, so the cursor resumes exactly after it.
 */
export async function pageChambersUnder<T>(
  regionCode: string,
  status: string,
  limit: number,
  cursor: string | undefined,
  keep: (chambers: Chamber[]) => Promise<T[]>,
): Promise<{ items: T[]; nextCursor: string | null }> {
  const query = chambersUnderCondition(regionCode);
  const items: T[] = [];
  let startKey = decodeCursor(cursor, ['pk', 'sk', 'gsi1pk', 'gsi1sk'], {
    gsi1pk: query.ExpressionAttributeValues[':p'],
    gsi1sk: { prefix: query.ExpressionAttributeValues[':prefix'] },
  });
  do {
    const out = await dynamo.send(
      new QueryCommand({
        TableName: REGISTRATION,
        IndexName: query.IndexName,
        KeyConditionExpression: query.KeyConditionExpression,
        FilterExpression: '#status = :status',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ...query.ExpressionAttributeValues, ':status': status },
        ExclusiveStartKey: startKey,
        // Each chamber read yields at most one item, so this never overshoots the page.
        Limit: limit - items.length,
      }),
    );
    items.push(...(await keep((out.Items ?? []).map(chamberFromItem))));
    startKey = out.LastEvaluatedKey as typeof startKey;
  } while (startKey && items.length < limit);
  return { items, nextCursor: encodeCursor(startKey) };
}
