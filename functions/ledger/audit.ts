import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { LedgerEntry } from '#shared/contract/ledger';
import { requireEnv } from '#shared/db/client';
import { type CountedEntry, regionChain, verifyChain } from '#shared/domain/ledger';
import {
  type AuditFinding,
  headTotalsDiff,
  regionTotalsFindings,
  sampleOf,
  sampleRegions,
} from '#shared/domain/ledger-audit';
import { logger, metrics } from '#shared/http/handler';
import { jobHandler, ReadCounter } from '#shared/jobs/handler';
import { covers } from '#shared/regions/codes';
import { allChambersUnder } from '#shared/registration/published';
import * as audit from './audit-store';

const JURISDICTION = requireEnv('JURISDICTION');

/*
 * The nightly ledger audit (daily at 03:00 Asia/Shanghai; locally
 * POST /_local/schedules/ledger-audit).
 * 1. Read the chambers under the jurisdiction and their chain heads.
 * 2. For every chamber, read its entries up to its head once, and verify the chain against the
 *    head (every entry's hash, each link, the head's seq and hash), and the head's totals per
 *    year (what the rankings publish) against the entries' sums. A chamber without a head is
 *    looked at for an entry: entries without their head mean the head was deleted.
 * 3. For tonight's region (the jurisdiction and each region below it in turn), derive its totals
 *    (the public statistics) from the entries already read and compare them with the stored
 *    ones, provided no entry landed in it while they were read.
 * 4. Log each finding (chamber, first bad seq) and count them as metrics; the handler keeps the
 *    result for GET /v1/ledger/audits/latest.
 * Its reads: one per chamber, one per head, one per entry and one per total of tonight's region
 * (plus its heads again), and at most one entry of each chamber without a head: never an entry
 * twice, never a scan.
 */
export async function auditLedger(options: {
  now: Date;
  /** The region audited (default: the jurisdiction). */
  under?: string;
  /** The region whose totals are checked (default: tonight's turn). */
  sample?: string;
}): Promise<audit.AuditResult> {
  const under = options.under ?? JURISDICTION;
  const counter = new ReadCounter();
  const chambers = await allChambersUnder(under, counter);
  const heads = await audit.heads(
    chambers.map((c) => c.id),
    counter,
  );
  const sample =
    options.sample ??
    sampleOf(
      sampleRegions(
        under,
        chambers.map((c) => c.regionCode),
      ),
      options.now,
    );
  const findings: AuditFinding[] = [];
  const inSample = new Map<string, CountedEntry[]>();
  let entriesRead = 0;
  for (const chamber of chambers) {
    const head = heads.get(chamber.id);
    if (!head) continue; // no ledger, or a deleted head: read below
    const entries = await audit.entriesUpTo(chamber.id, head.seq, counter);
    entriesRead += entries.length;
    const chain = verifyChain(entries, head);
    if (!chain.ok) {
      findings.push({
        kind: 'chain',
        chamberId: chamber.id,
        regionCode: chamber.regionCode,
        firstBadSeq: chain.firstBadSeq ?? null,
        detail: `entry ${chain.firstBadSeq} does not verify (${chain.entries} entries read, head at ${head.seq})`,
      });
    }
    const diffs = headTotalsDiff(head, entries);
    if (diffs.length > 0) {
      findings.push({
        kind: 'chamber-totals',
        chamberId: chamber.id,
        regionCode: chamber.regionCode,
        firstBadSeq: null,
        detail: diffs.join('; '),
      });
    }
    if (
      sample &&
      (covers(sample, chamber.regionCode) || entries.some((e) => covers(sample, e.regionCode)))
    ) {
      inSample.set(chamber.id, entries.map(counted));
    }
  }

  const headless = chambers.filter((c) => !heads.has(c.id));
  const orphaned = await audit.entriesWithoutHead(
    headless.map((c) => c.id),
    counter,
  );
  for (const chamber of headless) {
    const firstSeq = orphaned.get(chamber.id);
    if (firstSeq === undefined) continue;
    findings.push({
      kind: 'chain',
      chamberId: chamber.id,
      regionCode: chamber.regionCode,
      firstBadSeq: null,
      detail: `the chain head is missing while entries remain (from seq ${firstSeq}): the chain cannot be verified`,
    });
  }

  let sampled: audit.AuditResult['sample'] = null;
  if (sample) {
    const entries = [...inSample.values()].flat();
    const regions = new Set(
      entries.flatMap((e) => (e.type === 'donation' ? regionChain(e.regionCode) : [])),
    );
    const totals = await audit.totalsOf(
      [...regions].filter((r) => covers(sample, r)),
      counter,
    );
    // The totals change with the heads in one transaction: unmoved heads mean the totals read
    // are those of the entries read.
    const again = await audit.heads([...inSample.keys()], counter);
    const moved = [...inSample.keys()].some((id) => again.get(id)?.seq !== heads.get(id)?.seq);
    sampled = {
      regionCode: sample,
      chambers: inSample.size,
      checked: !moved,
      ...(moved && { note: 'entries landed while the totals were read; checked another night' }),
    };
    if (!moved) findings.push(...regionTotalsFindings(sample, entries, totals));
  }

  for (const finding of findings) {
    logger.error('ledger audit finding', {
      kind: finding.kind,
      chamberId: finding.chamberId,
      regionCode: finding.regionCode,
      firstBadSeq: finding.firstBadSeq,
      detail: finding.detail,
    });
  }
  metrics.addMetric('AuditFindings', MetricUnit.Count, findings.length);
  metrics.addMetric('AuditEntriesRead', MetricUnit.Count, entriesRead);
  const result: audit.AuditResult = {
    ranAt: options.now.toISOString(),
    under,
    chambers: heads.size,
    entriesRead,
    itemsRead: counter.items,
    sample: sampled,
    findings,
    findingsTotal: findings.length,
  };
  return result;
}

/** The fields the totals follow (CountedEntry), not the whole entry: the sample may be large. */
function counted(entry: LedgerEntry): CountedEntry {
  if (entry.type === 'reversal') {
    return { type: 'reversal', reverses: entry.reverses };
  }
  return {
    type: 'donation',
    id: entry.id,
    chamberId: entry.chamberId,
    regionCode: entry.regionCode,
    campaign: entry.campaign,
    occurredOn: entry.occurredOn,
    amountFen: entry.amountFen,
    peopleHelped: entry.peopleHelped,
    donor: { uscc: entry.donor.uscc },
    ...(entry.villageCode !== undefined && { villageCode: entry.villageCode }),
  };
}

export const handler = jobHandler('ledger-audit', async (now) => {
  const result = await auditLedger({ now });
  await audit.saveResult(result);
  return {
    itemsRead: result.itemsRead,
    itemsWritten: 1,
    chambers: result.chambers,
    entriesRead: result.entriesRead,
    sample: result.sample?.regionCode ?? null,
    findings: result.findingsTotal,
  };
});
