import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { LedgerEntry, Stats } from '#shared/contract/ledger';
import { completeUscc, USCC_CHARSET } from '#shared/domain/uscc';
import { type Answer, call, token } from './api';

/*
 * Helpers for the ledger's tests over HTTP: chambers to donate to, donation bodies, and the
 * ledger's reads. The database is shared by every test file of a run, so each file keeps to
 * its own regions and years (see the files) and makes its own chambers.
 */

export const CITY = '371600';

let cityAdmin: Promise<string> | undefined;
/** A fic-admin of 滨州市 (the default sub of the role: idempotency keys must be unique). */
export const cityAdminToken = () => {
  cityAdmin ??= token({ role: 'fic-admin', regionCode: CITY });
  return cityAdmin;
};

let serial = 0;

/** A fresh chamber (status applied: the ledger only needs it to exist) in `regionCode`. */
export async function createChamber(
  regionCode: string,
  kind = regionCode.length === 9 ? 'township' : regionCode.length === 12 ? 'village' : 'industry',
): Promise<{ id: string; regionCode: string }> {
  const answer = await call<{ id: string; regionCode: string }>('POST', '/v1/chambers', {
    token: await cityAdminToken(),
    // Keyed, so that an SDK retry of a write that landed (a slow DynamoDB Local on a busy
    // machine) is answered 201 with the chamber rather than 409.
    headers: { 'idempotency-key': randomUUID() },
    body: {
      name: `账本测试商会${Date.now().toString(36)}-${++serial}`,
      kind,
      regionCode,
      relationship: 'supervised',
    },
  });
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return { id: answer.body.id, regionCode: answer.body.regionCode };
}

function randomChars(length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) {
    out += USCC_CHARSET.charAt(Math.floor(Math.random() * USCC_CHARSET.length));
  }
  return out;
}

/** A fresh, valid enterprise USCC ("91"). */
export const donorUscc = (region = CITY) => completeUscc(`91${region}${randomChars(8)}`);

export type DonationBody = Record<string, unknown> & { chamberId: string; amountFen: number };

/** A valid epidemic-relief donation, with `fields` on top. */
export function donation(chamberId: string, fields: Record<string, unknown> = {}): DonationBody {
  return {
    chamberId,
    donor: { name: '滨州测试企业有限公司', uscc: donorUscc() },
    campaign: 'epidemic-relief',
    form: 'money',
    amountFen: 10_000,
    peopleHelped: 1,
    occurredOn: '2024-05-01',
    ...fields,
  };
}

export const newKey = () => `ledger-test-${randomUUID()}`;

export async function donate(
  as: string,
  body: unknown,
  key: string | null = newKey(),
): Promise<Answer<LedgerEntry & Record<string, unknown>>> {
  return call('POST', '/v1/donations', {
    token: as,
    body,
    headers: key === null ? {} : { 'idempotency-key': key },
  });
}

export async function reverse(
  as: string,
  id: string,
  reason = '录入错误，冲正',
  key: string | null = newKey(),
): Promise<Answer<LedgerEntry & Record<string, unknown>>> {
  return call('POST', `/v1/donations/${id}/reversal`, {
    token: as,
    body: { reason },
    headers: key === null ? {} : { 'idempotency-key': key },
  });
}

/** A donation that must land: asserts the 201. */
/**
 * A client that honours the ledger's 503 ("busy with other writes to this chamber; retry with the
 * same Idempotency-Key", Retry-After), and the gateway's 500 for a function that timed out: the
 * same request again after the seconds it names (or one), spread
 * a little so the writers do not all come back at once. Many writers on one chamber all land
 * this way, each exactly once, however slow the machine.
 */
export async function retryingBusy<T extends { status: number; headers?: unknown }>(
  send: () => Promise<T>,
  attempts = 8,
): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    const answer = await send();
    // 503: busy. A bare 500 is the gateway's answer when the function ran out of time on a
    // busy machine: whether or not it wrote, the same key makes sending again safe.
    if ((answer.status !== 503 && answer.status !== 500) || attempt >= attempts) return answer;
    const { headers } = answer;
    const named =
      headers instanceof Headers
        ? headers.get('retry-after')
        : (headers as Record<string, string> | undefined)?.['retry-after'];
    const seconds = Number(named ?? 1);
    const wait = (Number.isFinite(seconds) ? seconds : 1) * 1000 * (0.5 + Math.random());
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
}

export async function donated(as: string, body: unknown, key = newKey()): Promise<LedgerEntry> {
  const answer = await donate(as, body, key);
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body;
}

export type StatsQuery = { regionCode?: string; campaign?: string; year?: number };

export async function stats(query: StatsQuery = {}): Promise<Stats> {
  const params = new URLSearchParams(
    Object.entries(query)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]): [string, string] => [k, String(v)]),
  );
  const answer = await call<Stats>('GET', `/v1/stats/donations?${params}`);
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body;
}

/** The numbers of a stats answer, without the echo of the query. */
export const numbers = ({ regionCode: _r, campaign: _c, year: _y, ...rest }: Stats) => rest;

export interface Verification {
  chamberId: string;
  entries: number;
  headSeq: number;
  headHash: string;
  ok: boolean;
  firstBadSeq?: number;
}

export async function verify(chamberId: string, as?: string): Promise<Verification> {
  const answer = await call<Verification>('GET', `/v1/chambers/${chamberId}/ledger/verify`, {
    token: as ?? (await cityAdminToken()),
  });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body;
}

/** Every entry of a chamber's ledger, following nextCursor. */
export async function allEntries(chamberId: string, as?: string): Promise<LedgerEntry[]> {
  const items: LedgerEntry[] = [];
  let cursor: string | null = null;
  do {
    const suffix: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
    const answer = await call<{ items: LedgerEntry[]; nextCursor: string | null }>(
      'GET',
      `/v1/donations?chamberId=${chamberId}&limit=100${suffix}`,
      { token: as ?? (await cityAdminToken()) },
    );
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    items.push(...answer.body.items);
    cursor = answer.body.nextCursor;
  } while (cursor);
  return items;
}

/** Runs `tasks` with at most `limit` in flight. */
export async function pool<T>(limit: number, tasks: (() => Promise<T>)[]): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, tasks.length) }, async () => {
      while (next < tasks.length) {
        const index = next++;
        results[index] = await (tasks[index] as () => Promise<T>)();
      }
    }),
  );
  return results;
}
