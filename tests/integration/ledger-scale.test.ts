import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DonationEntry, LedgerEntry, Stats } from '#shared/contract/ledger';
import { itemSize } from '#shared/db/item-size';
import { regionChain } from '#shared/domain/ledger';
import { completeUscc } from '#shared/domain/uscc';
import { covers } from '#shared/regions/codes';
import { townshipsOf } from '#shared/regions/townships';
import { villagesUnder } from '#shared/regions/villages';
import { createChamber } from '../support/ledger-api';
import { apiEvent, invoke } from '../support/ledger-invoke';
import { useOwnLedgerTable } from '../support/ledger-table';

/*
 * Province scale: 30,000 donations from 30,000 distinct donors into one county. The shape before
 * issue 17 kept one counter per donor on each total and stopped near 20,000 (a total passed
 * DynamoDB's 400 KB item limit, and every donation in the region failed from then on). Here
 * every donation lands, `donors` is exactly 30,000 at the county, the city and the province and
 * exact at each township and village of the chambers, and no total has grown.
 *
 * The fastest honest way found: the ledger's own function (validation, use case, store: every
 * donation one BatchGetItem and one TransactWriteItems, as deployed) invoked in-process, several
 * at once, against DynamoDB Local, on a ledger table of this file's own (DynamoDB Local runs one
 * transaction at a time per table, so the shared one stays free for the other files). Chambers at
 * county, township and village level of 无棣县 (371623) walk the region chain from every level.
 */

const COUNTY = '371623';
const DONATIONS = Number(process.env.SCALE_N ?? 30_000);
/** DynamoDB Local applies one transaction at a time per table: a few in flight keep it busy. */
const IN_FLIGHT = 8;

type Handler = Parameters<typeof invoke>[0];
let handler: Handler;
let table: string;
let drop: () => Promise<void>;

beforeAll(async () => {
  ({ table, drop } = await useOwnLedgerTable('ledger-scale-test'));
  ({ handler } = (await import('#functions/ledger/handler')) as unknown as { handler: Handler });
});

afterAll(() => drop?.());

/** The i-th donor: a valid enterprise USCC of its own. */
const donor = (i: number) => completeUscc(`91${COUNTY}MA${String(i).padStart(6, '0')}`);

async function post(chamberId: string, i: number, key = `scale-${i}`) {
  const answer = await invoke<DonationEntry>(
    handler,
    apiEvent('POST /v1/donations', {
      body: {
        chamberId,
        donor: { name: `无棣县捐赠企业${i}`, uscc: donor(i) },
        campaign: i % 2 === 0 ? 'epidemic-relief' : 'public-welfare',
        form: 'money',
        amountFen: 100 + (i % 50),
        occurredOn: `${2020 + (i % 3)}-06-15`,
      },
      headers: { 'idempotency-key': key },
    }),
  );
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body;
}

async function reverse(entry: LedgerEntry) {
  const answer = await invoke<LedgerEntry>(
    handler,
    apiEvent('POST /v1/donations/{id}/reversal', {
      pathParameters: { id: entry.id },
      body: { reason: '重复录入' },
      headers: { 'idempotency-key': `scale-reversal-${entry.id}` },
    }),
  );
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
}

async function stats(regionCode: string, query: Record<string, string> = {}): Promise<Stats> {
  const answer = await invoke<Stats>(
    handler,
    apiEvent('GET /v1/stats/donations', { caller: null, query: { regionCode, ...query } }),
  );
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body;
}

describe('30,000 donations from as many donors into one county', () => {
  let chambers: { id: string; regionCode: string }[];
  const recorded = new Map<string, DonationEntry[]>();

  /** Donors counted under `region`: those of the donations to chambers inside it. */
  const under = (region: string) =>
    chambers.filter((c) => covers(region, c.regionCode)).flatMap((c) => recorded.get(c.id) ?? []);

  it('records every one and counts every donor once, at every level of the region chain', async () => {
    // Most go to county chambers; four township and four village chambers take their share.
    const townships = townshipsOf(COUNTY).slice(0, 4);
    chambers = [];
    for (const code of [
      ...Array.from({ length: 8 }, () => COUNTY),
      ...townships.map((t) => t.code),
      ...townships.map((t) => villagesUnder(t.code)[0] as string),
    ]) {
      chambers.push(await createChamber(code));
    }
    for (const chamber of chambers) recorded.set(chamber.id, []);

    // Each worker keeps to its own chamber (a chamber's chain takes one entry at a time; many
    // writers on one chamber are another test's subject), taking the next donation in turn.
    const started = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: IN_FLIGHT }, async (_, worker) => {
        for (let i = next++; i < DONATIONS; i = next++) {
          const chamber = chambers[(worker + i * IN_FLIGHT) % chambers.length] as { id: string };
          recorded.get(chamber.id)?.push(await post(chamber.id, i));
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    console.info(
      `${DONATIONS} donations in ${seconds.toFixed(0)} s (${(DONATIONS / seconds).toFixed(0)}/s)`,
    );

    expect([...recorded.values()].flat()).toHaveLength(DONATIONS);
    for (const level of regionChain(COUNTY)) {
      expect({ level, ...(await stats(level)) }).toMatchObject({
        level,
        entries: DONATIONS,
        donors: DONATIONS,
        chambers: chambers.length,
        villages: 0,
      });
      // And by campaign and by year: every donor once in each.
      const byYear = await stats(level, { year: '2021' });
      expect(byYear.donors).toBe(
        under(level).filter((d) => d.occurredOn.startsWith('2021')).length,
      );
      const byCampaign = await stats(level, { campaign: 'public-welfare' });
      expect(byCampaign.donors).toBe(DONATIONS / 2);
    }
    for (const chamber of chambers.filter((c) => c.regionCode !== COUNTY)) {
      const gifts = under(chamber.regionCode);
      expect(gifts.length).toBeGreaterThan(0);
      expect({ region: chamber.regionCode, ...(await stats(chamber.regionCode)) }).toMatchObject({
        region: chamber.regionCode,
        entries: gifts.length,
        donors: gifts.length,
      });
    }
  }, 1_800_000);

  it('keeps every total as small as when it began', async () => {
    const { dynamo } = await import('#shared/db/client');
    for (const level of regionChain(COUNTY)) {
      const { Items = [] } = await dynamo.send(
        new QueryCommand({
          TableName: table,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': `TOTAL#${level}` },
        }),
      );
      expect(Items.length).toBeGreaterThan(0);
      for (const item of Items) expect(itemSize(item), `${item.pk} ${item.sk}`).toBeLessThan(200);
    }
  });

  it('takes a donor out when their only donation is reversed, and not when one of two is', async () => {
    const village = chambers.at(-1) as { id: string; regionCode: string };
    const chain = regionChain(village.regionCode);
    const before = await Promise.all(chain.map((level) => stats(level)));

    // A donor's only donation, reversed: one donor fewer at every level.
    const only = recorded.get(village.id)?.[0] as DonationEntry;
    await reverse(only);
    const after = await Promise.all(chain.map((level) => stats(level)));
    for (const [i, level] of chain.entries()) {
      expect({ level, donors: after[i]?.donors, entries: after[i]?.entries }).toEqual({
        level,
        donors: (before[i]?.donors ?? 0) - 1,
        entries: (before[i]?.entries ?? 0) - 1,
      });
    }

    // A donor with two donations (the second through another chamber), one reversed: still
    // counted everywhere; a donation more, then one fewer.
    const twice = recorded.get(village.id)?.[1] as DonationEntry;
    const i = Number(twice.donor.name.replace(/\D/g, ''));
    const county = await stats(COUNTY);
    const second = await post((chambers[0] as { id: string }).id, i, `scale-second-${i}`);
    // The donor was counted already: a donation more, no donor more.
    const between = await stats(COUNTY);
    expect({ donors: between.donors, entries: between.entries }).toEqual({
      donors: county.donors,
      entries: county.entries + 1,
    });
    await reverse(twice);
    const last = await Promise.all(chain.map((level) => stats(level)));
    for (const [j, level] of chain.entries()) {
      const moved = covers(level, second.regionCode) ? 1 : 0;
      expect({ level, donors: last[j]?.donors, entries: last[j]?.entries }).toEqual({
        level,
        // Counted in the village's regions by the reversed donation only: out there.
        donors: (after[j]?.donors ?? 0) - 1 + moved,
        entries: (after[j]?.entries ?? 0) - 1 + moved,
      });
    }
    expect((await stats(COUNTY)).donors).toBe(DONATIONS - 1);
  });
});
