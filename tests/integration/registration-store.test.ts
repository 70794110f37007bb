import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { Chamber } from '#shared/contract/registration';
import { completeUscc } from '#shared/domain/uscc';
import { BadRequestError, ConflictError, PreconditionFailedError } from '#shared/http/errors';
import { townshipsOf } from '#shared/regions/townships';
import { villagesUnder } from '#shared/regions/villages';
import { chamberRecord } from '../support/chamber-record';

/*
 * The registration store against DynamoDB Local, without HTTP: the conditional writes and the
 * paging that the API's 409s, 412s and lists rest on. The table is the one the local runtime
 * created from the template, shared with the end-to-end tests, so every test makes its own
 * chambers (random ids) in a township that no other test uses.
 */
let store: typeof import('#functions/registration/store');

beforeAll(async () => {
  Object.assign(process.env, inject('functionEnvironments').registration, {
    AWS_ENDPOINT_URL_DYNAMODB: inject('dynamoEndpoint'),
    AWS_REGION: 'local',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
  });
  // The store reads REGISTRATION_TABLE when it loads, so only now.
  store = await import('#functions/registration/store');
});

// The last township of 无棣县: the end-to-end tests create nothing there.
const township = (townshipsOf('371623').at(-1) as { code: string }).code;
const villages = villagesUnder(township);

/** An approved township chamber of that township (no Party organisation). */
const chamber = (fields: Partial<Chamber> = {}): Chamber =>
  chamberRecord('无棣县测试商会', {
    kind: 'township',
    regionCode: township,
    status: 'approved',
    partyOrganisation: 'none',
    ...fields,
  });

const next = (current: Chamber, fields: Partial<Chamber> = {}): Chamber => ({
  ...current,
  ...fields,
  version: current.version + 1,
  updatedAt: new Date().toISOString(),
});

function socialGroupUscc(): string {
  const body = randomUUID()
    .replace(/-/g, '')
    .toUpperCase()
    .replace(/[IOSVZ]/g, '1');
  return completeUscc(`51371623${body.slice(0, 8)}`);
}

describe('insertChamber', () => {
  it('refuses a second chamber with the same id and keeps the first', async () => {
    const first = chamber({ name: '先到的商会' });
    await store.insertChamber(first);
    await expect(store.insertChamber({ ...first, name: '后到的商会' })).rejects.toThrow();
    expect(await store.getChamber(first.id)).toEqual(first);
  });

  // A put that landed but whose answer came too late is sent again by the SDK: the same item
  // under the same new id. That is the request's own chamber, not a conflict.
  it('takes the same chamber written again (a retried put that had landed) as created', async () => {
    const first = chamber({ name: '重试的商会' });
    await store.insertChamber(first);
    await expect(store.insertChamber({ ...first })).resolves.toBe('created');
    expect(await store.getChamber(first.id)).toEqual(first);
  });
});

describe('replaceChamber', () => {
  it('replaces the chamber at the expected version and refuses a stale one with 412', async () => {
    const v1 = chamber();
    await store.insertChamber(v1);
    const v2 = next(v1, { industry: '渔业' });
    await store.replaceChamber(v2, 1);
    expect(await store.getChamber(v1.id)).toEqual(v2);

    const stale = next(v1, { industry: '盐化工' });
    const error = await store.replaceChamber(stale, 1).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PreconditionFailedError);
    expect((error as PreconditionFailedError).status).toBe(412);
    expect(await store.getChamber(v1.id)).toEqual(v2);
  });

  it('lets exactly one of 20 concurrent writers on one version win', async () => {
    const v1 = chamber();
    await store.insertChamber(v1);
    const writers = Array.from({ length: 20 }, (_, i) => next(v1, { name: `并发写入${i}` }));
    const outcomes = await Promise.allSettled(writers.map((w) => store.replaceChamber(w, 1)));

    const won = outcomes.flatMap((o, i) => (o.status === 'fulfilled' ? [writers[i]] : []));
    expect(won).toHaveLength(1);
    for (const outcome of outcomes) {
      if (outcome.status === 'rejected') {
        expect(outcome.reason).toBeInstanceOf(PreconditionFailedError);
      }
    }
    expect(await store.getChamber(v1.id)).toEqual(won[0]);
  });

  it('claims a USCC with the chamber, and refuses one another chamber holds, all or nothing', async () => {
    const uscc = socialGroupUscc();
    const holder = chamber();
    await store.insertChamber(holder);
    const registered = next(holder, { status: 'registered', uscc });
    await store.replaceChamber(registered, 1, uscc);
    expect(await store.getChamber(holder.id)).toEqual(registered);
    // The holder may claim its own code again (e.g. a retried request).
    const renamed = next(registered, { name: '改名后的商会' });
    await store.replaceChamber(renamed, 2, uscc);

    const other = chamber();
    await store.insertChamber(other);
    const error = await store
      .replaceChamber(next(other, { status: 'registered', uscc }), 1, uscc)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).status).toBe(409);
    // The chamber's half of the transaction did not happen either.
    expect(await store.getChamber(other.id)).toEqual(other);
    expect(await store.getChamber(holder.id)).toEqual(renamed);
  });

  it('gives a USCC to exactly one of 10 chambers claiming it at once; the others get 409', async () => {
    const uscc = socialGroupUscc();
    const claimants = Array.from({ length: 10 }, () => chamber());
    await Promise.all(claimants.map((c) => store.insertChamber(c)));
    const outcomes = await Promise.allSettled(
      claimants.map((c) => store.replaceChamber(next(c, { status: 'registered', uscc }), 1, uscc)),
    );
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    for (const outcome of outcomes) {
      if (outcome.status === 'rejected') expect(outcome.reason).toBeInstanceOf(ConflictError);
    }
    const stored = await Promise.all(claimants.map((c) => store.getChamber(c.id)));
    expect(stored.filter((c) => c?.uscc === uscc)).toHaveLength(1);
    expect(stored.filter((c) => c?.version === 1 && c.uscc === null)).toHaveLength(9);
  });

  it('refuses a stale version with 412 even when the USCC is free', async () => {
    const v1 = chamber();
    await store.insertChamber(v1);
    await store.replaceChamber(next(v1), 1);
    const uscc = socialGroupUscc();
    const error = await store
      .replaceChamber(next(v1, { status: 'registered', uscc }), 1, uscc)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PreconditionFailedError);
    // Nothing was claimed: another chamber can still take the code.
    const other = chamber();
    await store.insertChamber(other);
    await store.replaceChamber(next(other, { status: 'registered', uscc }), 1, uscc);
  });
});

describe('listChambersUnder', () => {
  it('pages through 7 chambers 3 at a time without repeating or losing one', async () => {
    const made: Chamber[] = [];
    for (let i = 0; i < 3; i++) made.push(chamber({ name: `镇商会${i}` }));
    for (let i = 0; i < 4; i++) {
      made.push(chamber({ name: `村商会${i}`, kind: 'village', regionCode: villages[i] }));
    }
    await Promise.all(made.map((c) => store.insertChamber(c)));

    const all = await collect(township, {}, 3);
    expect(all.pages.slice(0, -1).every((size) => size === 3)).toBe(true);
    const ids = all.items.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining(made.map((c) => c.id)));
    for (const item of all.items) expect(item.regionCode.startsWith(township)).toBe(true);
    // Stored keys stay inside the store.
    expect(all.items[0]).not.toHaveProperty('pk');
    expect(all.items[0]).not.toHaveProperty('gsi1sk');

    const villageOnly = await collect(township, { kind: 'village' }, 3);
    const villageIds = villageOnly.items.map((c) => c.id);
    expect(new Set(villageIds).size).toBe(villageIds.length);
    expect(villageIds).toEqual(
      expect.arrayContaining(made.filter((c) => c.kind === 'village').map((c) => c.id)),
    );
    for (const item of villageOnly.items) expect(item.kind).toBe('village');
    // A filtered page is still filled up to the limit while more items remain.
    expect(villageOnly.pages.slice(0, -1).every((size) => size === 3)).toBe(true);

    const none = await collect(township, { kind: 'non-local' }, 3);
    expect(none.items).toEqual([]);
  });

  it('lists a chamber under its village, township, county, city and province', async () => {
    const village = villages[5] as string;
    const made = chamber({ kind: 'village', regionCode: village });
    await store.insertChamber(made);
    for (const region of [village, township, '371623', '371600', '370000']) {
      const { items } = await collect(region, { kind: 'village' }, 100);
      expect(items.map((c) => c.id)).toContain(made.id);
    }
    const { items } = await collect('371621', {}, 100);
    expect(items.map((c) => c.id)).not.toContain(made.id);
  });
});

describe('cursors', () => {
  it('refuses a listChambersUnder cursor from another region with a 400', async () => {
    const village = villages[6] as string;
    await Promise.all(
      [0, 1].map(() => store.insertChamber(chamber({ kind: 'village', regionCode: village }))),
    );
    const page = await store.listChambersUnder(village, {}, 1);
    if (!page.nextCursor) throw new Error('expected a next page');
    const error = await store
      .listChambersUnder('371621', {}, 10, page.nextCursor)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestError);
    expect((error as BadRequestError).errors?.map((e) => e.path)).toEqual([['cursor']]);
  });

  it('refuses a listMembers cursor that names the chamber but no member with a 400', async () => {
    const owner = chamber();
    await store.insertChamber(owner);
    const forged = Buffer.from(JSON.stringify({ pk: `CHAMBER#${owner.id}`, sk: 'PROFILE' }));
    const error = await store
      .listMembers(owner.id, 10, forged.toString('base64url'))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestError);
  });
});

async function collect(
  region: string,
  filter: { kind?: string; status?: string },
  limit: number,
): Promise<{ items: Chamber[]; pages: number[] }> {
  const items: Chamber[] = [];
  const pages: number[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.listChambersUnder(region, filter, limit, cursor);
    expect(page.items.length).toBeLessThanOrEqual(limit);
    items.push(...page.items);
    pages.push(page.items.length);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && pages.length < 100);
  expect(cursor).toBeUndefined();
  return { items, pages };
}
