import {
  GetCommand,
  ScanCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { backoff } from '#shared/db/batch';
import { dynamo as db } from '#shared/db/client';
import { decodeCursor, encodeCursor } from '#shared/db/cursor';
import { cancellationCodes, onlyRaces } from '#shared/db/transactions';
import { DIMENSIONS, legacyCounters, memberOf, type TotalKey } from '#shared/domain/ledger';
import { memberKey, TOTAL_PREFIX } from './keys';
import { stillCounts, Update } from './update';

/*
 * The one-off move of distinct counts from the old shape (one counter per value on each total,
 * `d:<uscc>`…) to members (shared/domain/ledger.ts). Each step is one transaction: it removes up
 * to MOVES_PER_STEP counters from a total, adds each counter's count to its member, and adds to
 * the total's own distinct count the counters above zero it removed, under the condition that
 * those counters are still what was read. So a total's figures are the same before
 * and after every step (its own count plus its counters above zero), donations may go on
 * meanwhile (theirs are conditional on the same counters: one of the two retries), an
 * interrupted run leaves nothing half-done, and a run after a finished one finds nothing to do.
 */

/**
 * Counters moved per transaction: the total and one member each, 100 items (DynamoDB's limit per
 * transaction). The total's update then names 99 counters, each removed under a condition on its
 * count: a 0.7 KB update and a 1.8 KB condition expression, inside DynamoDB's 4 KB each.
 */
const MOVES_PER_STEP = 99;

export interface BackfillOptions {
  /** The ledger table (the shared DynamoDB client's endpoint and credentials apply). */
  table: string;
  /** Report what would move, write nothing. */
  dryRun?: boolean;
  /** Continue after where a previous run stopped (its report's `resumeFrom`). */
  startAfter?: string;
  /** Stop once this many totals have been moved (a run in steps); the report says where. */
  maxTotals?: number;
  log?: (line: string) => void;
}

export interface BackfillReport {
  dryRun: boolean;
  itemsScanned: number;
  totalsScanned: number;
  /** Totals that held counters: moved (a dry run: to move). */
  totalsMoved: number;
  countersMoved: number;
  /** Where to resume (`startAfter`), or null once the whole table has been scanned. */
  resumeFrom: string | null;
}

export async function backfillDistinctCounts(options: BackfillOptions): Promise<BackfillReport> {
  const { table } = options;
  const log = options.log ?? (() => undefined);
  const report: BackfillReport = {
    dryRun: options.dryRun ?? false,
    itemsScanned: 0,
    totalsScanned: 0,
    totalsMoved: 0,
    countersMoved: 0,
    resumeFrom: null,
  };
  let startKey = decodeCursor(options.startAfter, ['pk', 'sk']);
  do {
    const page = await db.send(
      new ScanCommand({
        TableName: table,
        FilterExpression: 'begins_with(pk, :total)',
        ExpressionAttributeValues: { ':total': TOTAL_PREFIX },
        ExclusiveStartKey: startKey,
        ConsistentRead: true,
      }),
    );
    report.itemsScanned += page.ScannedCount ?? 0;
    for (const item of page.Items ?? []) {
      report.totalsScanned += 1;
      const moved = await moveTotal(table, item, report.dryRun);
      if (moved > 0) {
        report.totalsMoved += 1;
        report.countersMoved += moved;
        if (report.totalsMoved === options.maxTotals) {
          report.resumeFrom = encodeCursor({ pk: item.pk, sk: item.sk });
          log(progress(report));
          return report;
        }
      }
    }
    startKey = page.LastEvaluatedKey as typeof startKey;
    report.resumeFrom = encodeCursor(startKey);
    log(progress(report));
  } while (startKey);
  return report;
}

const progress = (r: BackfillReport) =>
  `${r.dryRun ? 'dry run: ' : ''}${r.itemsScanned} items scanned, ${r.totalsScanned} totals, ` +
  `${r.totalsMoved} with counters, ${r.countersMoved} counters ${r.dryRun ? 'to move' : 'moved'}` +
  (r.resumeFrom ? `; resume with --start-after ${r.resumeFrom}` : '; done');

/** Moves every counter of one total, a step at a time; returns how many it moved. */
async function moveTotal(
  table: string,
  scanned: Record<string, unknown>,
  dryRun: boolean,
): Promise<number> {
  const key = { pk: String(scanned.pk), sk: String(scanned.sk) };
  const [campaign = '', year = ''] = key.sk.split('#');
  const total: TotalKey = { region: key.pk.slice(TOTAL_PREFIX.length), campaign, year };
  let item: Record<string, unknown> | undefined = scanned;
  let moved = 0;
  let races = 0;
  for (let counters = legacyCounters(item); counters.length > 0; counters = legacyCounters(item)) {
    if (races > 0) await backoff(races);
    const step = counters.slice(0, MOVES_PER_STEP);
    if (dryRun) {
      moved += counters.length;
      break;
    }
    const update = new Update();
    for (const dimension of DIMENSIONS) {
      const counted = step.filter((c) => c.dimension === dimension && c.count > 0).length;
      if (counted > 0) update.add(dimension, counted);
    }
    const items: NonNullable<TransactWriteCommandInput['TransactItems']> = [];
    for (const counter of step) {
      update.remove(counter.attribute).when(stillCounts(counter.attribute, counter.count));
      if (counter.count === 0) continue;
      // The value's count (member plus counter) is the same after as before, whatever the member
      // holds: no condition on it. (A count that comes to 0 this way stays as a 0, which reads
      // as none.)
      const member = memberOf(total, counter.dimension, counter.value);
      const write = new Update().add(campaign, counter.count).build();
      items.push({ Update: { TableName: table, Key: memberKey(member), ...write } });
    }
    items.unshift({ Update: { TableName: table, Key: key, ...update.build() } });
    try {
      await db.send(new TransactWriteCommand({ TransactItems: items }));
      moved += step.length;
      races = 0;
    } catch (error) {
      // A donation changed one of these counters or members since they were read: read again.
      const codes = cancellationCodes(error);
      if (!codes || !onlyRaces(codes)) throw error;
      races += 1;
    }
    ({ Item: item } = await db.send(
      new GetCommand({ TableName: table, Key: key, ConsistentRead: true }),
    ));
  }
  return moved;
}
