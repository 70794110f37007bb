import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AuditResult } from '#functions/ledger/audit-store';
import { entryKey, totalKey } from '#functions/ledger/keys';
import { type CountedEntry, deriveTotals, entryHash, GENESIS_HASH } from '#shared/domain/ledger';
import { completeUscc } from '#shared/domain/uscc';
import { headKey } from '#shared/ledger/published';
import { townshipsOf } from '#shared/regions/townships';
import { byRegionKeys, chamberKey } from '#shared/registration/published';
import { write } from './rankings';

/*
 * The nightly audit at two ledger sizes: `chambers` township chambers of 博兴县 (371625), each
 * with an equal share of the entries, as the ledger writes them (a valid hash chain, the head
 * with its totals per year, and the township's totals as the ledger's own derivation makes them),
 * written straight into the tables; then the audit runs in-process over that township, which is
 * also the night's region. Its items read must be one per entry plus three per chamber plus the
 * township's totals: the baseline each figure is divided by.
 */

export interface AuditFigures {
  entries: number;
  chambers: number;
  itemsRead: number;
  /** What a bounded audit reads: entries + 3 × chambers (chamber, head, head again) + totals. */
  bound: number;
  readsOverBound: number;
  findings: number;
  seconds: number;
  entriesPerSecond: number;
}

export async function benchAudit(options: {
  sizes: number[];
  chambers: number;
  dynamoEndpoint: string;
  tables: { registration: string; ledger: string };
  audit: (options: { now: Date; under?: string; sample?: string }) => Promise<AuditResult>;
}): Promise<AuditFigures[]> {
  const db = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: options.dynamoEndpoint,
      region: 'local',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    }),
  );
  const townships = townshipsOf('371625');
  const figures: AuditFigures[] = [];
  for (const [n, entries] of options.sizes.entries()) {
    const township = (townships.at(-1 - n) as { code: string }).code;
    const totals = await writeLedger(db, options.tables, township, options.chambers, entries, n);
    const started = performance.now();
    const result = await options.audit({ now: new Date(), under: township, sample: township });
    const seconds = (performance.now() - started) / 1000;
    const bound = result.entriesRead + 3 * result.chambers + totals;
    figures.push({
      entries: result.entriesRead,
      chambers: result.chambers,
      itemsRead: result.itemsRead,
      bound,
      readsOverBound: Math.round((result.itemsRead / bound) * 1000) / 1000,
      findings: result.findingsTotal,
      seconds: Math.round(seconds * 10) / 10,
      entriesPerSecond: Math.round(result.entriesRead / seconds),
    });
  }
  db.destroy();
  return figures;
}

/** Writes the chambers, their chains and heads, and the township's totals; answers how many totals. */
async function writeLedger(
  db: DynamoDBDocumentClient,
  tables: { registration: string; ledger: string },
  township: string,
  chambers: number,
  entries: number,
  run: number,
): Promise<number> {
  const now = new Date().toISOString();
  const chamberRows: Record<string, unknown>[] = [];
  const ledgerRows: Record<string, unknown>[] = [];
  const counted: CountedEntry[] = [];
  const perChamber = Math.ceil(entries / chambers);
  for (let c = 0; c < chambers; c += 1) {
    const id = `bench-audit-${run}-${c}`;
    chamberRows.push({
      ...chamberKey(id),
      ...byRegionKeys({ id, regionCode: township }),
      id,
      name: `基准审计商会 ${run}-${c}`,
      kind: 'township',
      regionCode: township,
      relationship: 'supervised',
      status: 'registered',
      version: 1,
      createdAt: now,
      updatedAt: now,
    });
    let prevHash = GENESIS_HASH;
    const sums: Record<string, number> = {};
    for (let seq = 1; seq <= perChamber; seq += 1) {
      const occurredOn = `${2019 + (seq % 5)}-06-01`;
      const unsealed = {
        id: `${id}.${seq}`,
        type: 'donation' as const,
        chamberId: id,
        seq,
        donor: {
          name: '基准企业',
          uscc: completeUscc(`91371625MA${String(seq % 997).padStart(6, '0')}`),
        },
        campaign: 'public-welfare' as const,
        form: 'money',
        amountFen: 100 + (seq % 13),
        peopleHelped: seq % 3,
        occurredOn,
        regionCode: township,
        recordedAt: now,
        recordedBy: 'bench',
        prevHash,
      };
      const entry = { ...unsealed, hash: entryHash(unsealed) };
      ledgerRows.push({ ...entryKey(id, seq), ...entry });
      counted.push(entry);
      prevHash = entry.hash;
      for (const period of [occurredOn.slice(0, 4), '*']) {
        sums[`${period}:amountFen`] = (sums[`${period}:amountFen`] ?? 0) + entry.amountFen;
        sums[`${period}:entries`] = (sums[`${period}:entries`] ?? 0) + 1;
        sums[`${period}:peopleHelped`] = (sums[`${period}:peopleHelped`] ?? 0) + entry.peopleHelped;
      }
    }
    ledgerRows.push({ ...headKey(id), seq: perChamber, hash: prevHash, ...sums });
  }
  let totals = 0;
  for (const { total, figures } of deriveTotals(counted).totals.values()) {
    if (total.region !== township) continue;
    ledgerRows.push({ ...totalKey(total), ...figures });
    totals += 1;
  }
  await write(db, tables.registration, chamberRows);
  await write(db, tables.ledger, ledgerRows);
  return totals;
}
