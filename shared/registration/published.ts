import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Chamber } from '#shared/contract/registration';
import { batchGet } from '#shared/db/batch';
import {
  pageUnderRegion,
  byRegionKeys as regionKeys,
  underRegionCondition,
} from '#shared/db/by-region';
import { dynamo, requireEnv } from '#shared/db/client';
import { withoutKeys } from '#shared/db/items';

/*
 * What the registration concern publishes for the other concerns, which read its table with a
 * read-only grant (the ledger, rankings, supervision): where a chamber's record is and how to
 * read it. Registration's own store builds its keys from here too, so there is one definition.
 */

/** The environment variable that names the registration table (set by bindTable). */
export const REGISTRATION_TABLE_ENV = 'REGISTRATION_TABLE';

export const chamberKey = (id: string) => ({ pk: `CHAMBER#${id}`, sk: 'PROFILE' });

export function chamberFromItem(item: Record<string, unknown>): Chamber {
  return withoutKeys<Chamber>(item);
}

/** Chambers are listed by region (shared/db/by-region.ts). */
const KIND = 'CHAMBERS';

export { BY_REGION_INDEX } from '#shared/db/by-region';

/** Index keys of a chamber: partitioned by province, sorted by region code then id. */
export const byRegionKeys = (chamber: { id: string; regionCode: string }) =>
  regionKeys(KIND, chamber);

/** The key condition of a query for every chamber under `regionCode` (any level). */
export const chambersUnderCondition = (regionCode: string) =>
  underRegionCondition(KIND, regionCode);

/**
 * Chambers under a region (any level) whose fields equal `filter`, a page at a time, through the
 * byRegion index (never a scan). `keep` may drop or transform the chambers of each read (a
 * concern's own condition); reading goes on until `limit` are kept or the index is exhausted,
 * and never past the last chamber read, so the cursor resumes exactly after it.
 */
export function pageChambersUnder<T = Chamber>(
  regionCode: string,
  filter: Record<string, string | undefined>,
  limit: number,
  cursor?: string,
  keep: (chambers: Chamber[]) => T[] | Promise<T[]> = (chambers) => chambers as T[],
): Promise<{ items: T[]; nextCursor: string | null }> {
  return pageUnderRegion(registrationTable(), KIND, regionCode, filter, limit, cursor, (items) =>
    keep(items.map(chamberFromItem)),
  );
}

/** A chamber's record (strongly consistent: one created a moment ago is found). */
export async function readChamber(id: string): Promise<Chamber | undefined> {
  const { Item } = await dynamo.send(
    new GetCommand({ TableName: registrationTable(), Key: chamberKey(id), ConsistentRead: true }),
  );
  return Item ? chamberFromItem(Item) : undefined;
}

/** Many chambers by id; an unknown id is simply absent from the map. */
export async function readChambers(ids: Iterable<string>): Promise<Map<string, Chamber>> {
  const table = registrationTable();
  const found = await batchGet({ [table]: [...new Set(ids)].map(chamberKey) });
  return new Map((found[table] ?? []).map((item) => [String(item.id), chamberFromItem(item)]));
}

const registrationTable = () => requireEnv(REGISTRATION_TABLE_ENV);
