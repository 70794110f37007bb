import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { headKey } from '#shared/ledger/published';
import { byRegionKeys, chamberKey } from '#shared/registration/published';

/*
 * The rankings job at scale: `chambers` chambers under the city, each with a chain head, and a
 * ledger of `entries` entries, then twice as many: the job's reads must follow the chambers and
 * not the ledger. The rows are written straight into the tables (through the concerns'
 * published keys), since only their number matters here; the job runs in-process.
 */

export interface RankingsFigures {
  chambers: number;
  ledgerEntries: number;
  itemsRead: number;
  seconds: number;
}

const COUNTIES = ['371602', '371603', '371621', '371622', '371623', '371625', '371681'];

export async function benchRankings(options: {
  chambers: number;
  entries: number;
  dynamoEndpoint: string;
  tables: { registration: string; ledger: string };
  compute: (now: Date) => Promise<{ itemsRead: number; chambers: number }>;
}): Promise<RankingsFigures[]> {
  const db = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: options.dynamoEndpoint,
      region: 'local',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    }),
  );
  const now = new Date().toISOString();
  const ids = Array.from({ length: options.chambers }, (_, i) => `bench-rank-${i}`);
  await write(
    db,
    options.tables.registration,
    ids.map((id, i) => {
      const regionCode = COUNTIES[i % COUNTIES.length] as string;
      return {
        ...chamberKey(id),
        ...byRegionKeys({ id, regionCode }),
        id,
        name: `基准商会 ${i}`,
        kind: 'industry',
        regionCode,
        relationship: 'supervised',
        status: 'registered',
        version: 1,
        createdAt: now,
        updatedAt: now,
      };
    }),
  );
  const figures: RankingsFigures[] = [];
  let written = 0;
  for (const entries of [options.entries, options.entries * 2]) {
    // Entries spread over the chambers, and each chamber's head carrying its totals, as the
    // ledger keeps them.
    const perChamber = Math.ceil(entries / ids.length);
    const rows: Record<string, unknown>[] = [];
    for (const [c, id] of ids.entries()) {
      for (let seq = Math.ceil(written / ids.length) + 1; seq <= perChamber; seq += 1) {
        rows.push({
          pk: `CHAMBER#${id}`,
          sk: `ENTRY#${String(seq).padStart(10, '0')}`,
          seq,
          amountFen: 100,
        });
      }
      rows.push({
        ...headKey(id),
        seq: perChamber,
        hash: 'x',
        '2025:amountFen': perChamber * 100 + (c % 97),
        '2025:entries': perChamber,
      });
    }
    await write(db, options.tables.ledger, rows);
    written = perChamber * ids.length;
    const started = performance.now();
    const report = await options.compute(new Date());
    figures.push({
      chambers: report.chambers,
      ledgerEntries: written,
      itemsRead: report.itemsRead,
      seconds: Math.round((performance.now() - started) / 10) / 100,
    });
  }
  db.destroy();
  return figures;
}

/** Puts items 25 a request, 8 requests at a time, sending again what DynamoDB left unprocessed. */
export async function write(
  db: DynamoDBDocumentClient,
  table: string,
  items: Record<string, unknown>[],
) {
  const batches: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < batches.length) {
        let request:
          | Record<string, { PutRequest: { Item: Record<string, unknown> } }[]>
          | undefined = {
          [table]: (batches[next++] as Record<string, unknown>[]).map((Item) => ({
            PutRequest: { Item },
          })),
        };
        while (request && Object.keys(request).length > 0) {
          const out = await db.send(new BatchWriteCommand({ RequestItems: request }));
          request = out.UnprocessedItems as typeof request;
        }
      }
    }),
  );
}
