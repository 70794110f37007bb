import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { awardsPk } from '#shared/assessment/published';
import { dynamo } from '#shared/db/client';
import { withoutKeys } from '#shared/db/items';
import { allianceFromItem } from '#shared/registration/published';
import { recordMembershipDays, recountMembers } from '../registration/backfill';
import { recountTallies } from '../supervision/backfill';
import { ALL_REGIONS, chamberAwardKey, type StoredAward } from './store';
import { newItem, TABLE } from './table';

/*
 * `npm run backfill:evidence`: the one-off that brings the items the evidence reads (see
 * ./evidence.ts) up to date for what was written before they were kept, each by the concern
 * that owns it:
 *   registration  each chamber's member count; the day each alliance membership began
 *   supervision   each chamber's tallies of visits, issues (open, answered in time, late) and
 *                 activities, per year
 *   assessment    the copy of each award under its chamber
 * Two passes, in order: a scan of the registration table (chambers, each with its counts and
 * tallies; alliances, with their members' days), then the list of every award. Counts are set
 * to what their sources make (shared/db/recount.ts: exact beside writers that go on meanwhile),
 * the days and copies only written where missing. So it may run beside the live system, be
 * stopped anywhere and resumed from the cursor it prints (or started over), and a run after a
 * finished one writes nothing.
 */

export interface EvidenceBackfillOptions {
  dryRun?: boolean;
  /** Where a previous run stopped (its report's `resumeFrom`). */
  startAfter?: string;
  /** Stop once this many records (chambers, alliances, awards) were gone through. */
  maxRecords?: number;
  log?: (line: string) => void;
  /** Called between counting a chamber's sources and writing its counts (a test's seam). */
  beforeWrite?: (chamberId: string, what: 'members' | 'tallies') => Promise<void>;
}

export interface EvidenceBackfillReport {
  dryRun: boolean;
  chambers: number;
  alliances: number;
  awards: number;
  /** Items written (dry run: to write), by kind. */
  written: { memberCounts: number; tallies: number; membershipDays: number; awardCopies: number };
  /** Where to resume (`startAfter`), or null once both passes are done. */
  resumeFrom: string | null;
}

/** Items read a request: small requests, and progress (with a cursor) after each. */
const PAGE = 200;

type Pass = 'registration' | 'awards';
interface Cursor {
  pass: Pass;
  key?: Record<string, unknown>;
}

export async function backfillEvidence(
  options: EvidenceBackfillOptions & { registrationTable: string },
): Promise<EvidenceBackfillReport> {
  const log = options.log ?? (() => undefined);
  const dryRun = options.dryRun ?? false;
  const report: EvidenceBackfillReport = {
    dryRun,
    chambers: 0,
    alliances: 0,
    awards: 0,
    written: { memberCounts: 0, tallies: 0, membershipDays: 0, awardCopies: 0 },
    resumeFrom: null,
  };
  let cursor = decode(options.startAfter);
  let records = 0;
  /** Whether to stop after the record whose key is `key` (then the report says where). */
  const enough = (pass: Pass, key: Record<string, unknown>) => {
    records += 1;
    if (records !== options.maxRecords) return false;
    report.resumeFrom = encode({ pass, key });
    log(progress(report));
    return true;
  };

  while (cursor.pass === 'registration') {
    const page = await dynamo.send(
      new ScanCommand({
        TableName: options.registrationTable,
        FilterExpression: 'sk = :profile',
        ExpressionAttributeValues: { ':profile': 'PROFILE' },
        ExclusiveStartKey: cursor.key,
        ConsistentRead: true,
        Limit: PAGE,
      }),
    );
    for (const item of page.Items ?? []) {
      const pk = String(item.pk);
      if (pk.startsWith('CHAMBER#')) {
        const chamberId = String(item.id);
        const hook = options.beforeWrite;
        const before = (what: 'members' | 'tallies') => hook && (() => hook(chamberId, what));
        report.chambers += 1;
        report.written.memberCounts += await recountMembers(chamberId, {
          dryRun,
          beforeWrite: before('members'),
        });
        report.written.tallies += await recountTallies(chamberId, {
          dryRun,
          beforeWrite: before('tallies'),
        });
      } else if (pk.startsWith('ALLIANCE#')) {
        report.alliances += 1;
        report.written.membershipDays += await recordMembershipDays(allianceFromItem(item), {
          dryRun,
        });
      } else continue;
      if (enough('registration', { pk: item.pk, sk: item.sk })) return report;
    }
    cursor = page.LastEvaluatedKey
      ? { pass: 'registration', key: page.LastEvaluatedKey }
      : { pass: 'awards' };
    report.resumeFrom = encode(cursor);
    log(progress(report));
  }

  // Every award is listed once under all regions (`*`): its copy under its chamber is written
  // where missing (a copy is never changed, and a new award writes its own).
  do {
    const page = await dynamo.send(
      new QueryCommand({
        TableName: TABLE,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': awardsPk(ALL_REGIONS) },
        ExclusiveStartKey: cursor.key,
        ConsistentRead: true,
        Limit: PAGE,
      }),
    );
    for (const item of page.Items ?? []) {
      report.awards += 1;
      const award = withoutKeys<StoredAward>(item);
      if (await copyAward(award, dryRun)) report.written.awardCopies += 1;
      if (enough('awards', { pk: item.pk, sk: item.sk })) return report;
    }
    cursor = { pass: 'awards', key: page.LastEvaluatedKey };
    report.resumeFrom = page.LastEvaluatedKey ? encode(cursor) : null;
    log(progress(report));
  } while (cursor.key);
  return report;
}

/** Writes the award's copy under its chamber unless it is there; answers whether it was missing. */
async function copyAward(award: StoredAward, dryRun: boolean): Promise<boolean> {
  const key = chamberAwardKey(award.chamberId, award.year, award.level);
  if (dryRun) {
    const { Item } = await dynamo.send(
      new GetCommand({ TableName: TABLE, Key: key, ConsistentRead: true }),
    );
    return Item === undefined;
  }
  try {
    await dynamo.send(new PutCommand(newItem({ ...key, ...award })));
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

const progress = (r: EvidenceBackfillReport) =>
  `${r.dryRun ? 'dry run: ' : ''}${r.chambers} chambers, ${r.alliances} alliances, ${r.awards} awards; ` +
  `${r.dryRun ? 'to write' : 'written'}: ${r.written.memberCounts} member counts, ${r.written.tallies} tallies, ` +
  `${r.written.membershipDays} membership days, ${r.written.awardCopies} award copies` +
  (r.resumeFrom ? `; resume with --start-after ${r.resumeFrom}` : '; done');

const encode = (cursor: Cursor) => Buffer.from(JSON.stringify(cursor)).toString('base64url');

function decode(text: string | undefined): Cursor {
  if (text === undefined) return { pass: 'registration' };
  let cursor: unknown;
  try {
    cursor = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    cursor = undefined;
  }
  const pass = (cursor as Cursor | undefined)?.pass;
  if (pass !== 'registration' && pass !== 'awards') {
    throw new Error(`--start-after ${text} is not a cursor this backfill printed.`);
  }
  return cursor as Cursor;
}
