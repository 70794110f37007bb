import { expect } from 'vitest';
import { todayInShanghai } from '#shared/domain/calendar';
import { addDays } from '#shared/domain/supervision';
import { type Answer, token } from './api';
import { type Chamber, call, socialGroupUscc } from './registration';

/*
 * Helpers for supervision's tests over HTTP. The database is shared by every test file of a run,
 * so each test makes its own chambers (in 阳信县 371622 unless it says otherwise) and leaders
 * (random ids), and looks only at those in any list.
 */

export const CITY = '371600';
export const YANGXIN = '371622';

let cityAdmin: Promise<string> | undefined;
export const cityAdminToken = () => {
  cityAdmin ??= token({ role: 'fic-admin', regionCode: CITY });
  return cityAdmin;
};

export const daysAgo = (days: number) => addDays(todayInShanghai(), -days);
export const today = () => todayInShanghai();

let serial = 0;
export const uniqueId = (label: string) =>
  `${label}-${Date.now().toString(36)}-${(++serial).toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

/** A fresh chamber (status applied), created by a fic-admin of the city. */
export async function createChamber(
  regionCode = YANGXIN,
  fields: Record<string, unknown> = {},
): Promise<Chamber> {
  const kind =
    regionCode.length === 9 ? 'township' : regionCode.length === 12 ? 'village' : 'industry';
  const answer = await call<Chamber>('POST', '/v1/chambers', {
    token: await cityAdminToken(),
    body: {
      name: `督导测试商会${uniqueId('c')}`,
      kind,
      regionCode,
      relationship: 'supervised',
      ...fields,
    },
  });
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body;
}

/** A chamber approved and registered with a fresh social-group USCC. */
export async function registeredChamber(regionCode = YANGXIN): Promise<Chamber> {
  const chamber = await createChamber(regionCode);
  const as = await cityAdminToken();
  for (const body of [
    { action: 'approve' },
    { action: 'register', uscc: socialGroupUscc(regionCode.slice(0, 6)) },
  ]) {
    const answer = await call<Chamber>('POST', `/v1/chambers/${chamber.id}/status`, {
      token: as,
      body,
    });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  }
  return { ...chamber, status: 'registered' };
}

export interface Liaison {
  chamberId: string;
  leaderId: string;
  name: string;
  title: string | null;
  visitEveryDays: number;
  assignedOn: string;
  lastVisitedOn: string | null;
  dueOn: string;
  version: number;
}

export async function assign(
  chamberId: string,
  leaderId: string,
  body: Record<string, unknown> = {},
): Promise<Liaison> {
  const answer = await call<Liaison>('PUT', `/v1/chambers/${chamberId}/liaisons/${leaderId}`, {
    token: await cityAdminToken(),
    body: { name: '王副主席', ...body },
  });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body;
}

export interface Issue {
  id: string;
  summary: string;
  status: 'open' | 'answered';
  replyDueOn: string;
  reply: string | null;
}
export interface Visit {
  id: string;
  chamberId: string;
  leaderId: string;
  visitedOn: string;
  mode: string;
  topics: string[];
  issues: Issue[];
}

export const visitBody = (leaderId: string, fields: Record<string, unknown> = {}) => ({
  leaderId,
  visitedOn: today(),
  mode: 'on-site',
  topics: ['会员企业融资难'],
  issues: [],
  ...fields,
});

export async function recordVisit(
  chamberId: string,
  body: Record<string, unknown>,
  as?: string,
): Promise<Visit> {
  const answer = await call<Visit>('POST', `/v1/chambers/${chamberId}/visits`, {
    token: as ?? (await cityAdminToken()),
    body,
  });
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body;
}

/** Fires the schedule now, as EventBridge Scheduler would, and waits for it to finish. */
export async function runOverdueSchedule(): Promise<void> {
  const answer = await call('POST', '/_local/schedules/supervision-overdue');
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  expect(answer.body).toEqual({ name: 'supervision-overdue', ok: true });
}

export interface Snapshot<T> {
  asOf: string | null;
  computedAt: string | null;
  regionCode: string;
  items: T[];
  nextCursor: string | null;
}

/** Every item of a snapshot list within `regionCode`, following nextCursor. */
export async function readSnapshot<T>(
  path: '/v1/visits/overdue' | '/v1/visits/late-issues',
  regionCode: string,
  as?: string,
): Promise<{ asOf: string | null; items: T[] }> {
  const items: T[] = [];
  let cursor: string | null = null;
  let asOf: string | null = null;
  do {
    const query: URLSearchParams = new URLSearchParams({
      regionCode,
      limit: '100',
      ...(cursor && { cursor }),
    });
    const answer: Answer<Snapshot<T>> = await call<Snapshot<T>>('GET', `${path}?${query}`, {
      token: as ?? (await cityAdminToken()),
    });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    asOf = answer.body.asOf;
    items.push(...answer.body.items);
    cursor = answer.body.nextCursor;
  } while (cursor);
  return { asOf, items };
}
