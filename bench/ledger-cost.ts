import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { memberKey, totalKey } from '#functions/ledger/keys';
import { httpApiEvent, lambdaContext } from '#infra/local/events';
import { itemSize, writeUnits } from '#shared/db/item-size';
import { deriveTotals, LEGACY_PREFIX, totalKeys } from '#shared/domain/ledger';
import { completeUscc } from '#shared/domain/uscc';
import { simulateTransactionConflicts } from '../tests/support/transaction-conflicts';
import type { InProcess } from './in-process';
import { type Api, registeredChamber } from './support';

/*
 * What a donation costs as a region's donors grow, and how the ledger's shared items fare under
 * the transaction conflicts DynamoDB raises (DynamoDB Local never does). Both run the ledger's
 * own function in-process against the runtime's DynamoDB Local, in 无棣县 (371623), which no other
 * part of the benchmark uses.
 *
 * Cost: the region is given 1,000, 10,000, then 100,000 distinct donors, as the ledger holds them
 * (its totals and the chamber's members, computed by the ledger's own derivation, deriveTotals),
 * and donations from new donors are then recorded one at a time. Every item each transaction
 * touches is read before and after it, and its write units follow DynamoDB's documented rules:
 * the larger of the item before and after, rounded up to 1 KB, twice inside a transaction
 * (DynamoDB Local's own consumed-capacity figures for transactions are not what DynamoDB charges).
 * The old shape's figure beside it is computed the same way from the totals it would have held:
 * one counter per donor.
 */

const COUNTY = '371623';
const CAMPAIGN = 'public-welfare';
const YEAR = 2019;
/** DynamoDB refuses an item above 400 KB. */
const ITEM_LIMIT = 400 * 1024;

export interface CostFigures {
  donors: number;
  itemsPerDonation: number;
  writeUnitsPerDonation: number;
  ratioTo1000: number;
  largestItemKB: number;
  largestItem: string;
  oldShapeWriteUnits: number | string;
}

export interface ConflictFigures {
  donations: number;
  clients: number;
  chambers: number;
  conflictsInjected: number;
  duplicates: number;
  lost: number;
  perSecond: number;
}

type Handler = InProcess['ledgerHandler'];

const donor = (tag: string, i: number) =>
  completeUscc(`91${COUNTY}${tag}${String(i).padStart(6, '0')}`);

async function donate(handler: Handler, chamberId: string, uscc: string, key: string) {
  const event = httpApiEvent({
    method: 'POST',
    routeKey: 'POST /v1/donations',
    path: '/v1/donations',
    headers: { 'content-type': 'application/json', 'idempotency-key': key },
    claims: { sub: 'bench', 'cognito:groups': '[fic-admin]', 'custom:regionCode': '371600' },
    body: JSON.stringify({
      chamberId,
      donor: { name: '基准测试捐赠企业', uscc },
      campaign: CAMPAIGN,
      form: 'money',
      amountFen: 10_000,
      occurredOn: `${YEAR}-05-05`,
      note: key,
    }),
  });
  return (await handler(event as never, lambdaContext('ledger') as never)) as {
    statusCode: number;
    body: string;
  };
}

/** What kind of ledger item a key names (functions/ledger/keys.ts). */
const KIND = (key: { pk: string; sk: string }) => {
  const prefix = key.pk.split('#')[0];
  if (prefix === 'CHAMBER')
    return key.sk === 'HEAD' ? 'head' : (key.sk.split('#')[0]?.toLowerCase() ?? '');
  return prefix?.toLowerCase() ?? '';
};

/**
 * Meters every TransactWriteItems the handler's client sends: the items it touches, read before
 * and after with a client of its own (the donations run one at a time, so nothing moves between).
 */
function meter(local: InProcess, endpoint: string) {
  const reader = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint,
      region: 'local',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    }),
  );
  const seen = {
    transactions: 0,
    items: 0,
    units: 0,
    totalUnits: 0,
    memberUnits: 0,
    largest: 0,
    largestItem: '',
  };
  type Marshalled = Record<string, { S?: string }>;
  type Op = { TableName: string; Item?: Marshalled; Key?: Marshalled };
  const read = async (table: string, key: { pk: string; sk: string }) =>
    (await reader.send(new GetCommand({ TableName: table, Key: key, ConsistentRead: true }))).Item;
  const name = 'bench-write-units';
  local.dynamo.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName !== 'TransactWriteItemsCommand') return next(args);
      const ops = ((args.input as { TransactItems: Record<string, Op>[] }).TransactItems ?? []).map(
        (item) => Object.values(item)[0] as Op,
      );
      const keys = ops.map((op) => {
        const key = op.Item ?? op.Key ?? {};
        return { table: op.TableName, key: { pk: String(key.pk?.S), sk: String(key.sk?.S) } };
      });
      const before = await Promise.all(keys.map((k) => read(k.table, k.key)));
      const result = await next(args);
      const after = await Promise.all(keys.map((k) => read(k.table, k.key)));
      seen.transactions += 1;
      seen.items += keys.length;
      for (const [i, k] of keys.entries()) {
        const size = Math.max(itemSize(before[i]), itemSize(after[i]));
        seen.units += writeUnits(size, true);
        if (k.key.pk.startsWith('TOTAL#')) seen.totalUnits += writeUnits(size, true);
        if (k.key.pk.startsWith('MEMBER#')) seen.memberUnits += writeUnits(size, true);
        if (size > seen.largest) {
          seen.largest = size;
          seen.largestItem = KIND(k.key);
        }
      }
      return result;
    },
    { step: 'finalizeRequest', name },
  );
  return {
    take() {
      const taken = { ...seen };
      Object.assign(seen, { transactions: 0, items: 0, units: 0, totalUnits: 0, memberUnits: 0 });
      return taken;
    },
    remove() {
      local.dynamo.middlewareStack.remove(name);
      reader.destroy();
    },
  };
}

export async function benchLedgerCost(options: {
  client: Api;
  admin: string;
  local: InProcess;
  dynamoEndpoint: string;
  sample: number;
}): Promise<CostFigures[]> {
  const { local } = options;
  const table = local.tables.ledger;
  const writer = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: options.dynamoEndpoint,
      region: 'local',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    }),
  );
  const chamberId = await registeredChamber(
    options.client,
    options.admin,
    `基准成本商会 ${Date.now().toString(36)}`,
    8_000_000 + (Date.now() % 1_000_000),
    COUNTY,
  );
  const add = async (key: { pk: string; sk: string }, values: Record<string, number>) => {
    const names = Object.keys(values).filter((name) => values[name] !== 0);
    if (names.length === 0) return;
    await writer.send(
      new UpdateCommand({
        TableName: table,
        Key: key,
        UpdateExpression: `ADD ${names.map((_, i) => `#n${i} :v${i}`).join(', ')}`,
        ExpressionAttributeNames: Object.fromEntries(names.map((name, i) => [`#n${i}`, name])),
        ExpressionAttributeValues: Object.fromEntries(
          names.map((name, i) => [`:v${i}`, values[name]]),
        ),
      }),
    );
  };
  const figures: CostFigures[] = [];
  const metered = meter(local, options.dynamoEndpoint);
  let recorded = 0;
  try {
    let loaded = 0;
    for (const donors of [1_000, 10_000, 100_000]) {
      // The donors before: what `donors - loaded` more distinct donors giving through the chamber
      // add to its region's totals and to the chamber's members, as the ledger derives it, added
      // to what the table holds (the rest of the benchmark writes the same city and province
      // totals). Their own entries and members are not written: no donation measured here
      // touches them.
      const derived = deriveTotals(
        Array.from({ length: donors - loaded }, (_, k) => ({
          type: 'donation' as const,
          id: `${chamberId}.prior-${loaded + k}`,
          chamberId,
          regionCode: COUNTY,
          campaign: CAMPAIGN,
          occurredOn: `${YEAR}-05-05`,
          amountFen: 10_000,
          peopleHelped: 0,
          donor: { uscc: donor('PR', loaded + k) },
        })),
      );
      for (const { total, figures } of derived.totals.values()) {
        // The chamber itself is counted once, by the first of its donations.
        await add(totalKey(total), { ...figures, chambers: loaded === 0 ? figures.chambers : 0 });
      }
      for (const { member, counts } of derived.members.values()) {
        if (member.dimension === 'chambers') await add(memberKey(member), counts);
      }
      loaded = donors;
      const totals = totalKeys(COUNTY, CAMPAIGN, YEAR);

      metered.take();
      for (let i = 0; i < options.sample; i += 1) {
        const key = `bench-cost-${chamberId}-${recorded}`;
        const answer = await donate(local.ledgerHandler, chamberId, donor('NW', recorded), key);
        if (answer.statusCode !== 201)
          throw new Error(`cost donation: ${answer.statusCode} ${answer.body}`);
        recorded += 1;
      }
      const seen = metered.take();
      // The old shape's totals at this many donors: sums plus a counter per donor and one for the chamber.
      const oldTotal = itemSize({
        ...totalKey(totals[0] as (typeof totals)[number]),
        amountFen: donors * 10_000,
        entries: donors,
        peopleHelped: 0,
        ...Object.fromEntries(
          Array.from({ length: donors }, (_, i) => [`${LEGACY_PREFIX.donors}${donor('PR', i)}`, 1]),
        ),
        [`${LEGACY_PREFIX.chambers}${chamberId}`]: donors,
      });
      const perDonation = seen.units / seen.transactions;
      // The old shape wrote the same entry, head and idempotency record, and its totals: no members.
      const oldShape =
        (seen.units - seen.totalUnits - seen.memberUnits) / seen.transactions +
        totals.length * writeUnits(oldTotal, true);
      figures.push({
        donors,
        itemsPerDonation: +(seen.items / seen.transactions).toFixed(1),
        writeUnitsPerDonation: +perDonation.toFixed(1),
        ratioTo1000: figures[0] ? +(perDonation / figures[0].writeUnitsPerDonation).toFixed(3) : 1,
        largestItemKB: +(seen.largest / 1024).toFixed(2),
        largestItem: seen.largestItem,
        oldShapeWriteUnits:
          oldTotal > ITEM_LIMIT
            ? `refused (a total of ${Math.round(oldTotal / 1024)} KB > 400 KB)`
            : +oldShape.toFixed(1),
      });
    }
  } finally {
    metered.remove();
    writer.destroy();
  }
  return figures;
}

/**
 * Eight clients, each on its own chamber of one county, recording donations at once while
 * DynamoDB's conflict rule is enforced on the function's client (tests/support): every
 * donation shares its county, city and province totals with the others. Then every chamber's
 * ledger is read back: each answered donation exactly once, nothing else.
 */
export async function benchLedgerConflicts(options: {
  client: Api;
  admin: string;
  local: InProcess;
  perClient: number;
  clients?: number;
}): Promise<ConflictFigures> {
  const clients = options.clients ?? 8;
  const run = Date.now().toString(36);
  const chambers: string[] = [];
  for (let c = 0; c < clients; c += 1) {
    chambers.push(
      await registeredChamber(
        options.client,
        options.admin,
        `基准冲突商会 ${run}-${c}`,
        7_000_000 + ((Number.parseInt(run, 36) * 10 + c) % 1_000_000),
        COUNTY,
      ),
    );
  }
  const rule = simulateTransactionConflicts(options.local.dynamo);
  const answered = new Set<string>();
  const started = performance.now();
  try {
    await Promise.all(
      chambers.map(async (chamberId, c) => {
        for (let i = 0; i < options.perClient; i += 1) {
          const key = `bench-conflict-${run}-${c}-${i}`;
          // A 503 (busy) is sent again with the same key, as a client does.
          for (let attempt = 0; ; attempt += 1) {
            const answer = await donate(
              options.local.ledgerHandler,
              chamberId,
              donor('CF', c * 100_000 + i),
              key,
            );
            if (answer.statusCode === 201) break;
            if (answer.statusCode !== 503 || attempt > 10)
              throw new Error(`conflict donation: ${answer.statusCode} ${answer.body}`);
          }
          answered.add(key);
        }
      }),
    );
  } finally {
    rule.remove();
  }
  const seconds = (performance.now() - started) / 1000;
  const seen = new Map<string, number>();
  for (const chamberId of chambers) {
    let cursor: string | null = null;
    do {
      const event = httpApiEvent({
        method: 'GET',
        routeKey: 'GET /v1/donations',
        path: '/v1/donations',
        rawQueryString: new URLSearchParams({
          chamberId,
          limit: '100',
          ...(cursor && { cursor }),
        }).toString(),
        headers: {},
        claims: { sub: 'bench', 'cognito:groups': '[fic-admin]', 'custom:regionCode': '371600' },
      });
      const page = JSON.parse(
        (
          (await options.local.ledgerHandler(event as never, lambdaContext('ledger') as never)) as {
            body: string;
          }
        ).body,
      ) as { items: { note?: string }[]; nextCursor: string | null };
      for (const entry of page.items)
        seen.set(entry.note ?? '', (seen.get(entry.note ?? '') ?? 0) + 1);
      cursor = page.nextCursor;
    } while (cursor);
  }
  return {
    donations: clients * options.perClient,
    clients,
    chambers: chambers.length,
    conflictsInjected: rule.conflicts,
    duplicates: [...seen.values()].filter((n) => n > 1).reduce((sum, n) => sum + n - 1, 0),
    lost: [...answered].filter((key) => !seen.has(key)).length,
    perSecond: +((clients * options.perClient) / seconds).toFixed(1),
  };
}
