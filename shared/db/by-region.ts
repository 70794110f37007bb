import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { regionPrefix } from '#shared/regions/codes';
import { dynamo } from './client';
import { decodeCursor, encodeCursor } from './cursor';

/*
 * A by-region index (gsi1): records of one kind partitioned by province and sorted by region code
 * then id, so that one `begins_with` query finds every record under any region, at any level.
 * Chambers and accounts are listed this way.
 */

/** The index's name, as the data stack declares it on the tables that have one. */
export const BY_REGION_INDEX = 'byRegion';

/** Index keys of a record of `kind` (e.g. "CHAMBERS"). */
export const byRegionKeys = (kind: string, record: { id: string; regionCode: string }) => ({
  gsi1pk: `${kind}#${record.regionCode.slice(0, 2)}`,
  gsi1sk: `${record.regionCode}#${record.id}`,
});

/** The key condition of a query for every record of `kind` under `regionCode` (any level). */
export function underRegionCondition(kind: string, regionCode: string) {
  return {
    IndexName: BY_REGION_INDEX,
    KeyConditionExpression: 'gsi1pk = :p AND begins_with(gsi1sk, :prefix)',
    ExpressionAttributeValues: {
      ':p': `${kind}#${regionCode.slice(0, 2)}`,
      ':prefix': regionPrefix(regionCode) ?? regionCode,
    },
  };
}

/**
 * Records of `kind` under a region whose fields equal `filter`, a page at a time, through the
 * index (never a scan). `keep` turns the items of each read into what the caller lists, and may
 * drop some (a concern's own condition); reading goes on until `limit` are kept or the index is
 * exhausted, and never past the last item read, so the cursor resumes exactly after it.
 */
export async function pageUnderRegion<T>(
  table: string,
  kind: string,
  regionCode: string,
  filter: Record<string, string | undefined>,
  limit: number,
  cursor: string | undefined,
  keep: (items: Record<string, unknown>[]) => T[] | Promise<T[]>,
): Promise<{ items: T[]; nextCursor: string | null }> {
  const query = underRegionCondition(kind, regionCode);
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = { ...query.ExpressionAttributeValues };
  const conditions: string[] = [];
  for (const [field, value] of Object.entries(filter)) {
    if (value === undefined) continue;
    names[`#${field}`] = field;
    values[`:${field}`] = value;
    conditions.push(`#${field} = :${field}`);
  }
  const items: T[] = [];
  let startKey = decodeCursor(cursor, ['pk', 'sk', 'gsi1pk', 'gsi1sk'], {
    gsi1pk: query.ExpressionAttributeValues[':p'],
    gsi1sk: { prefix: query.ExpressionAttributeValues[':prefix'] },
  });
  // A filter applies after DynamoDB's page limit, so keep reading until the page is full; each
  // item read yields at most one, so the page never overshoots.
  do {
    const out = await dynamo.send(
      new QueryCommand({
        TableName: table,
        IndexName: query.IndexName,
        KeyConditionExpression: query.KeyConditionExpression,
        FilterExpression: conditions.length > 0 ? conditions.join(' AND ') : undefined,
        ExpressionAttributeNames: conditions.length > 0 ? names : undefined,
        ExpressionAttributeValues: values,
        ExclusiveStartKey: startKey,
        Limit: limit - items.length,
      }),
    );
    items.push(...(await keep(out.Items ?? [])));
    startKey = out.LastEvaluatedKey as typeof startKey;
  } while (startKey && items.length < limit);
  return { items, nextCursor: encodeCursor(startKey) };
}
