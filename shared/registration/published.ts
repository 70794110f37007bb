import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Chamber } from '#shared/contract/registration';
import { batchGet, type KeyedRead } from '#shared/db/batch';
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
  // A record written before the article's programmes existed has neither yet.
  return {
    ...withoutKeys<Chamber>(item),
    feature: item.feature ?? null,
    branchHighlight: item.branchHighlight ?? null,
  } as Chamber;
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

/**
 * Every chamber under a region, through the byRegion index (never a scan), a page at a time;
 * `counter` counts the items read (a scheduled job's cost).
 */
export async function allChambersUnder(
  regionCode: string,
  counter: { items: number },
): Promise<Chamber[]> {
  const chambers: Chamber[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const out = await dynamo.send(
      new QueryCommand({
        TableName: registrationTable(),
        ...chambersUnderCondition(regionCode),
        ExclusiveStartKey: startKey,
      }),
    );
    counter.items += out.Items?.length ?? 0;
    chambers.push(...(out.Items ?? []).map(chamberFromItem));
    startKey = out.LastEvaluatedKey;
  } while (startKey);
  return chambers;
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

// ——— What the assessment's evidence reads of a chamber ———

/**
 * Counters kept beside a chamber's record, each changed in the one transaction that writes what
 * it counts: `members` (member firms, never removed), `alliances` (Party-building alliances its
 * Party organisation belongs to). Kept apart from the record so that counting never moves the
 * record's version under a person editing it.
 */
export const chamberCountsKey = (id: string) => ({ pk: `CHAMBER#${id}`, sk: 'COUNTS' });

/*
 * Beside the counters, each alliance membership's days, for the evidence of a past year (in the
 * same transactions as the alliance's own record and the `alliances` counter):
 *   joined:<allianceId>  the day the current membership began (removed when the chamber leaves)
 *   left:<allianceId>    the memberships that ended: a list of { joinedOn, leftOn }
 * Removal keeps the days (the alliance's record keeps only current members), so a chamber that
 * left in March was still a member in that year.
 */
export const MEMBERSHIP = {
  joined: (allianceId: string) => `joined:${allianceId}`,
  left: (allianceId: string) => `left:${allianceId}`,
} as const;

export interface MembershipSpan {
  joinedOn: string;
  /** Null while the membership lasts. */
  leftOn: string | null;
}

export interface ChamberFacts {
  chamber: Chamber | undefined;
  members: number;
  /** Alliances it belongs to now. */
  alliances: number;
  /** Every membership it has had, by alliance id. */
  memberships: Record<string, MembershipSpan[]>;
}

/** A chamber's record and its counters: two keys of one BatchGetItem (see readTogether). */
export function chamberFactsRead(id: string): KeyedRead<ChamberFacts> {
  return {
    table: registrationTable(),
    keys: [chamberKey(id), chamberCountsKey(id)],
    read: ([record, counts]) => ({
      chamber: record && chamberFromItem(record),
      members: Number(counts?.members ?? 0),
      alliances: Number(counts?.alliances ?? 0),
      memberships: membershipsFromItem(counts),
    }),
  };
}

export function membershipsFromItem(
  counts: Record<string, unknown> | undefined,
): Record<string, MembershipSpan[]> {
  const memberships: Record<string, MembershipSpan[]> = {};
  const of = (allianceId: string) => {
    memberships[allianceId] ??= [];
    return memberships[allianceId];
  };
  for (const [name, value] of Object.entries(counts ?? {})) {
    if (name.startsWith(MEMBERSHIP.joined(''))) {
      of(name.slice(MEMBERSHIP.joined('').length)).push({
        joinedOn: String(value),
        leftOn: null,
      });
    } else if (name.startsWith(MEMBERSHIP.left('')) && Array.isArray(value)) {
      of(name.slice(MEMBERSHIP.left('').length)).push(
        ...value.map((span: Record<string, unknown>) => ({
          joinedOn: String(span.joinedOn),
          leftOn: String(span.leftOn),
        })),
      );
    }
  }
  return memberships;
}

/**
 * The alliances a chamber belonged to on some day of `year`: a membership that began by the
 * year's end and had not ended before it began. A current membership written before the days
 * were kept (the `alliances` counter counts more than the days name; `npm run backfill:evidence`
 * writes them) counts in every year.
 */
export function alliancesInYear(facts: ChamberFacts, year: number): number {
  const first = `${year}-01-01`;
  const last = `${year}-12-31`;
  let current = 0;
  let inYear = 0;
  for (const spans of Object.values(facts.memberships)) {
    if (spans.some((span) => span.leftOn === null)) current += 1;
    const during = spans.some(
      (span) => span.joinedOn <= last && (span.leftOn === null || span.leftOn >= first),
    );
    if (during) inYear += 1;
  }
  return inYear + Math.max(0, facts.alliances - current);
}

/**
 * A transaction's check that every one of `chamberIds` is still a member of the alliance (one
 * item: the alliance's record holds its members). The supervision concern's joint activities
 * are written with it, so a chamber taken out between their read and their write is refused.
 */
export function allianceMembersCheck(allianceId: string, chamberIds: readonly string[]) {
  const names: Record<string, string> = { '#members': 'members' };
  chamberIds.forEach((id, i) => {
    names[`#c${i}`] = id;
  });
  return {
    ConditionCheck: {
      TableName: registrationTable(),
      Key: allianceKey(allianceId),
      ConditionExpression: chamberIds
        .map((_, i) => `attribute_exists(#members.#c${i})`)
        .join(' AND '),
      ExpressionAttributeNames: names,
    },
  };
}

// ——— Party-building alliances (the supervision concern records their joint activities) ———

/**
 *   alliance  pk ALLIANCE#<id>  sk PROFILE  byRegion: gsi1pk ALLIANCES#<province> gsi1sk <regionCode>#<id>
 * Its members live in the record itself, `members: { <chamberId>: { joinedOn } }`, with
 * `memberCount`: one read answers the public page and one conditional update adds a member.
 */
export const allianceKey = (id: string) => ({ pk: `ALLIANCE#${id}`, sk: 'PROFILE' });

export interface StoredAlliance {
  id: string;
  name: string;
  regionCode: string;
  foundedOn: string;
  memberCount: number;
  members: Record<string, { joinedOn: string }>;
  createdAt: string;
  createdBy: string;
}

export function allianceFromItem(item: Record<string, unknown>): StoredAlliance {
  const alliance = withoutKeys<StoredAlliance>(item);
  return { ...alliance, members: alliance.members ?? {} };
}

/** An alliance and its members (strongly consistent: a member added a moment ago is there). */
export async function readAlliance(id: string): Promise<StoredAlliance | undefined> {
  const { Item } = await dynamo.send(
    new GetCommand({ TableName: registrationTable(), Key: allianceKey(id), ConsistentRead: true }),
  );
  return Item ? allianceFromItem(Item) : undefined;
}
