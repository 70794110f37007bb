import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { LedgerEntry } from '#shared/contract/ledger';
import { batchGet } from '#shared/db/batch';
import { dynamo, requireEnv } from '#shared/db/client';
import { withoutKeys } from '#shared/db/items';
import type { AuditFinding, StoredTotal } from '#shared/domain/ledger-audit';
import type { ReadCounter } from '#shared/jobs/handler';
import { headKey, LEDGER_TABLE_ENV } from '#shared/ledger/published';
import { auditKey, ENTRY_PREFIX, entryKey, TOTAL_PREFIX } from './keys';

/*
 * What the nightly audit reads of its own table and writes, every item counted: the chain heads (one BatchGetItem per 100), each chamber's entries up to its head
 * (one Query, a page at a time: each entry read once), the totals of tonight's region (one Query
 * per region within it), and the result it leaves for GET /v1/ledger/audits/latest.
 */
const TABLE = requireEnv(LEDGER_TABLE_ENV);

export interface ChainHead {
  seq: number;
  hash: string;
  [total: string]: unknown;
}

/** The chain heads of these chambers, strongly consistent, by chamber id (none: no ledger). */
export async function heads(
  chamberIds: string[],
  counter: ReadCounter,
): Promise<Map<string, ChainHead>> {
  const found = (await batchGet({ [TABLE]: chamberIds.map(headKey) }, { consistent: true }))[TABLE];
  counter.items += found?.length ?? 0;
  return new Map(
    (found ?? []).map((item) => [String(item.pk).replace(/^CHAMBER#/, ''), item as ChainHead]),
  );
}

/**
 * A chamber's entries 1…`upTo` in chain order, each read once. Entries past the head read a
 * moment before are appends landing meanwhile, left for tomorrow's audit.
 */
export async function entriesUpTo(
  chamberId: string,
  upTo: number,
  counter: ReadCounter,
): Promise<LedgerEntry[]> {
  const entries: LedgerEntry[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const out = await dynamo.send(
      new QueryCommand({
        TableName: TABLE,
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :first AND :last',
        ExpressionAttributeValues: {
          ':pk': entryKey(chamberId, 1).pk,
          ':first': entryKey(chamberId, 1).sk,
          ':last': entryKey(chamberId, upTo).sk,
        },
        ExclusiveStartKey: startKey,
        ConsistentRead: true,
      }),
    );
    counter.items += out.ScannedCount ?? out.Items?.length ?? 0;
    entries.push(...(out.Items ?? []).map((item) => withoutKeys<LedgerEntry>(item)));
    startKey = out.LastEvaluatedKey;
  } while (startKey);
  return entries;
}

/**
 * Of these chambers, read without a chain head, those that have entries all the same: their head
 * was deleted (a chamber's first entry and its head are written in one transaction). One Query of
 * at most one item per chamber; a chamber found with entries has its head read again, and one
 * that has a head by then had its first donation land meanwhile.
 */
export async function entriesWithoutHead(
  chamberIds: string[],
  counter: ReadCounter,
): Promise<Map<string, number>> {
  const found = new Map<string, number>();
  for (const chamberId of chamberIds) {
    const { pk } = entryKey(chamberId, 1);
    const out = await dynamo.send(
      new QueryCommand({
        TableName: TABLE,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :entry)',
        ExpressionAttributeValues: { ':pk': pk, ':entry': ENTRY_PREFIX },
        Limit: 1,
        ConsistentRead: true,
      }),
    );
    counter.items += out.ScannedCount ?? out.Items?.length ?? 0;
    const first = out.Items?.[0];
    if (first) found.set(chamberId, Number(first.seq));
  }
  if (found.size === 0) return found;
  const landed = await heads([...found.keys()], counter);
  for (const chamberId of landed.keys()) found.delete(chamberId);
  return found;
}

/** Every stored total of these regions (each region's totals are one partition). */
export async function totalsOf(regions: string[], counter: ReadCounter): Promise<StoredTotal[]> {
  const totals: StoredTotal[] = [];
  for (const region of regions) {
    let startKey: Record<string, unknown> | undefined;
    do {
      const out = await dynamo.send(
        new QueryCommand({
          TableName: TABLE,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': `${TOTAL_PREFIX}${region}` },
          ExclusiveStartKey: startKey,
          ConsistentRead: true,
        }),
      );
      counter.items += out.ScannedCount ?? out.Items?.length ?? 0;
      for (const item of out.Items ?? []) {
        const [campaign = '', year = ''] = String(item.sk).split('#');
        totals.push({ region, campaign, year, item });
      }
      startKey = out.LastEvaluatedKey;
    } while (startKey);
  }
  return totals;
}

/** The result of one night's audit, as GET /v1/ledger/audits/latest answers it (before scoping). */
export interface AuditResult {
  ranAt: string;
  under: string;
  chambers: number;
  entriesRead: number;
  itemsRead: number;
  sample: { regionCode: string; chambers: number; checked: boolean; note?: string } | null;
  findings: AuditFinding[];
  /** All findings; `findings` keeps the first MAX_STORED_FINDINGS (an item holds 400 KB). */
  findingsTotal: number;
}

export const MAX_STORED_FINDINGS = 500;

/** Replaces the latest result (one item; each run's is also in its log line). */
export async function saveResult(result: AuditResult): Promise<void> {
  await dynamo.send(
    new PutCommand({
      TableName: TABLE,
      Item: {
        ...auditKey,
        ...result,
        findings: result.findings.slice(0, MAX_STORED_FINDINGS),
      },
    }),
  );
}
