import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DonationEntry, LedgerEntry, ReversalEntry } from '#shared/contract/ledger';
import { dynamo } from '#shared/db/client';
import {
  ALL,
  donationDelta,
  entryHash,
  GENESIS_HASH,
  regionChain,
  yearOf,
} from '#shared/domain/ledger';
import { headKey } from '#shared/ledger/published';

/*
 * A ledger written in the old shape, as the code before issue 17 wrote it: each chamber's entries
 * sealed in its chain, the head with the chamber's sums per year, reversed marks, and totals
 * holding one counter per distinct value (`d:<uscc>`, `v:<village>`, `c:<chamber>`) beside their
 * sums, each entry's writes being the UpdateItem ADDs that code made. The keys are the ledger's
 * (functions/ledger/keys.ts, spelled out here as that code spelled them).
 */

export class LegacyLedger {
  constructor(private readonly table: string) {}

  async donate(
    chamber: { id: string; regionCode: string },
    fields: {
      donor: string;
      villageCode?: string;
      campaign: DonationEntry['campaign'];
      occurredOn: string;
      amountFen: number;
      peopleHelped: number;
    },
  ): Promise<DonationEntry> {
    const { villageCode, ...rest } = fields;
    return (await this.append(chamber.id, {
      type: 'donation',
      donor: { name: `旧账企业${fields.donor.slice(-4)}`, uscc: fields.donor },
      campaign: rest.campaign,
      ...(villageCode && { villageCode, assistance: 'industry' }),
      form: 'money',
      amountFen: rest.amountFen,
      peopleHelped: rest.peopleHelped,
      occurredOn: rest.occurredOn,
      regionCode: chamber.regionCode,
    })) as DonationEntry;
  }

  async reverse(original: DonationEntry): Promise<ReversalEntry> {
    const reversal = (await this.append(
      original.chamberId,
      {
        type: 'reversal',
        reverses: original.id,
        reason: '旧账冲正',
        amountFen: -original.amountFen,
        peopleHelped: -original.peopleHelped,
        campaign: original.campaign,
        occurredOn: original.occurredOn,
        regionCode: original.regionCode,
      },
      original,
    )) as ReversalEntry;
    await dynamo.send(
      new PutCommand({
        TableName: this.table,
        Item: {
          pk: `CHAMBER#${original.chamberId}`,
          sk: `REVERSED#${original.seq}`,
          reversalId: reversal.id,
        },
      }),
    );
    return reversal;
  }

  private async append(
    chamberId: string,
    fields: Record<string, unknown>,
    reverses?: DonationEntry,
  ): Promise<LedgerEntry> {
    // The chain as it stands (the new code may have appended to it since).
    const { Item: head = { seq: 0, hash: GENESIS_HASH } } = await dynamo.send(
      new GetCommand({ TableName: this.table, Key: headKey(chamberId), ConsistentRead: true }),
    );
    const seq = head.seq + 1;
    const { type, ...rest } = fields;
    const unsealed = {
      id: `${chamberId}.${seq}`,
      type,
      chamberId,
      seq,
      ...rest,
      recordedAt: new Date().toISOString(),
      recordedBy: 'legacy-writer',
      prevHash: head.hash,
    };
    const entry = { ...unsealed, hash: entryHash(unsealed) } as LedgerEntry;
    await dynamo.send(
      new PutCommand({
        TableName: this.table,
        Item: {
          pk: `CHAMBER#${chamberId}`,
          sk: `ENTRY#${String(seq).padStart(10, '0')}`,
          ...entry,
        },
      }),
    );
    const donation = (reverses ?? entry) as DonationEntry;
    const delta = donationDelta(donation, reverses ? -1 : 1);
    const year = yearOf(donation.occurredOn);
    const sums = {
      amountFen: delta.amountFen,
      entries: delta.entries,
      peopleHelped: delta.peopleHelped,
    };
    const headSums = [year, ALL].flatMap((y) =>
      Object.entries(sums).map(([k, v]): [string, number] => [`${y}:${k}`, v]),
    );
    await this.update(headKey(chamberId), {
      set: { seq, hash: entry.hash },
      add: Object.fromEntries(headSums),
    });
    const counters = {
      [`d:${delta.donor}`]: delta.entries,
      [`c:${delta.chamber}`]: delta.entries,
      ...(delta.village && { [`v:${delta.village}`]: delta.entries }),
    };
    for (const region of regionChain(donation.regionCode)) {
      for (const campaign of [donation.campaign, ALL]) {
        for (const y of [String(year), ALL]) {
          await this.update(
            { pk: `TOTAL#${region}`, sk: `${campaign}#${y}` },
            { add: { ...sums, ...counters } },
          );
        }
      }
    }
    return entry;
  }

  /** One UpdateItem: SET each of `set`, ADD each of `add` (the old code's expressions). */
  private async update(
    key: Record<string, string>,
    { set = {}, add }: { set?: Record<string, unknown>; add: Record<string, number> },
  ): Promise<void> {
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = {};
    const placeholders = (entries: [string, unknown][]) =>
      entries.map(([name, value]) => {
        const n = `#a${Object.keys(names).length}`;
        const v = `:v${Object.keys(values).length}`;
        names[n] = name;
        values[v] = value;
        return [n, v] as const;
      });
    const sets = placeholders(Object.entries(set)).map(([n, v]) => `${n} = ${v}`);
    const adds = placeholders(Object.entries(add)).map(([n, v]) => `${n} ${v}`);
    await dynamo.send(
      new UpdateCommand({
        TableName: this.table,
        Key: key,
        UpdateExpression: `${sets.length > 0 ? `SET ${sets.join(', ')} ` : ''}ADD ${adds.join(', ')}`,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      }),
    );
  }
}
