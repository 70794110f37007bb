import { canonicalJson } from '#shared/domain/canonical-text';
import type { Sheet, SheetRow } from './rows';

/*
 * Sending a checked sheet, exactly once. Every row goes with an Idempotency-Key derived from its
 * own request (and, for identical rows, how many identical ones came before it in the file), so a
 * second run, a resumed one, or a corrected, re-sorted or extended copy of the file sends each
 * row already imported with the key it went with before: the API answers it from what it
 * recorded (header Idempotent-Replayed) and writes nothing. A chamber's later steps (approve,
 * register) are judged on the chamber as it now is, so they too are taken at most once; a member
 * already in its chamber is a 409 that means "already there".
 */

export interface Answer {
  status: number;
  /** The API answered a retry from what it recorded (Idempotent-Replayed: true). */
  replayed: boolean;
  body: unknown;
}

export interface Transport {
  request(
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<Answer>;
}

/** The API over fetch, with a bearer from `token` (Node and browser alike). */
export function httpTransport(options: {
  baseUrl: string;
  token: () => Promise<string | undefined>;
  fetchFn?: typeof fetch;
}): Transport {
  const fetchFn = options.fetchFn ?? ((...args) => fetch(...args));
  return {
    async request(method, path, body, headers = {}) {
      const token = await options.token();
      const response = await fetchFn(options.baseUrl + path, {
        method,
        headers: {
          accept: 'application/json',
          ...(token && { authorization: `Bearer ${token}` }),
          ...(body !== undefined && { 'content-type': 'application/json' }),
          ...headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        // not JSON: keep the text for the message
      }
      const replayed = response.headers.get('idempotent-replayed') === 'true';
      return { status: response.status, replayed, body: parsed };
    },
  };
}

export type Outcome = 'created' | 'already' | 'refused' | 'unsent';

export interface RowResult {
  row: number;
  outcome: Outcome;
  /** What was created or found (a chamber's or a donation's id). */
  id?: string;
  message?: string;
}

export interface Progress {
  done: number;
  total: number;
  created: number;
  already: number;
  refused: number;
  rowsPerSecond: number;
  /** Seconds until the last row, at the pace so far (null before the first row). */
  secondsLeft: number | null;
}

interface ChamberRecord {
  id: string;
  name: string;
  uscc: string | null;
  status: string;
}

/**
 * Fills in the chamber of each row that names it by USCC or exact name, from the chambers the
 * caller sees; a name nobody has, or that two chambers share, is a problem of that row.
 */
export async function resolveChambers(sheet: Sheet, api: Transport): Promise<void> {
  const wanted = sheet.rows.filter((r) => r.body && r.chamber && 'nameOrUscc' in r.chamber);
  if (wanted.length === 0) return;
  const byKey = new Map<string, string[]>();
  let cursor: string | null = null;
  do {
    const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
    const page = await api.request('GET', `/v1/chambers?limit=100${query}`);
    if (page.status !== 200) throw new Error(`Listing chambers: ${messageOf(page)}`);
    const body = page.body as { items: ChamberRecord[]; nextCursor: string | null };
    for (const chamber of body.items) {
      for (const key of [chamber.name, chamber.uscc]) {
        if (key) byKey.set(key, [...(byKey.get(key) ?? []), chamber.id]);
      }
    }
    cursor = body.nextCursor;
  } while (cursor);
  const column = sheet.headers.find((h) => h.replace(/[*＊\s]/g, '') === '商会') ?? 'chamber';
  for (const row of wanted) {
    const named = (row.chamber as { nameOrUscc: string }).nameOrUscc;
    const ids = byKey.get(named) ?? byKey.get(named.toUpperCase()) ?? [];
    if (ids.length === 1) row.chamber = { id: ids[0] as string };
    else {
      const message =
        ids.length === 0
          ? 'no chamber in your region has this name or USCC'
          : `${ids.length} chambers have this name: name it by its USCC`;
      row.problems.push({ row: row.row, column, value: named, message });
      row.body = undefined;
    }
  }
}

/** The Idempotency-Key of each row ready to send, by row number. */
export async function rowKeys(sheet: Sheet): Promise<Map<number, string>> {
  const seen = new Map<string, number>();
  const keys = new Map<number, string>();
  for (const row of sheet.rows) {
    if (!row.body) continue;
    const content = canonicalJson({ kind: sheet.kind, request: requestOf(sheet, row) });
    const n = seen.get(content) ?? 0;
    seen.set(content, n + 1);
    keys.set(row.row, `sheet-${sheet.kind}-${(await sha256(content)).slice(0, 48)}-${n}`);
  }
  return keys;
}

/** What a row sends: a chamber's application, a member of a chamber, a donation. */
function requestOf(sheet: Sheet, row: SheetRow): Record<string, unknown> {
  const chamberId = row.chamber && 'id' in row.chamber ? row.chamber.id : undefined;
  if (sheet.kind === 'donations') return { ...row.body, chamberId };
  if (sheet.kind === 'members') return { chamberId, ...row.body };
  return row.body ?? {};
}

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

export interface SendOptions {
  /** Rows sent at once (default 8). */
  concurrency?: number;
  onProgress?: (progress: Progress) => void;
  /** Stops taking new rows (those already under way finish); the rest are 'unsent'. */
  signal?: AbortSignal;
  now?: () => number;
}

/**
 * Sends every row that passed its checks, and answers each row's outcome in file order (rows
 * with problems are 'refused' with their first problem, and nothing of them is sent).
 */
export async function sendSheet(
  sheet: Sheet,
  api: Transport,
  options: SendOptions = {},
): Promise<RowResult[]> {
  const keys = await rowKeys(sheet);
  const results = new Map<number, RowResult>();
  for (const row of sheet.rows) {
    const first = row.problems[0];
    if (first) results.set(row.row, { row: row.row, outcome: 'refused', message: describe(first) });
  }
  const queue = sheet.rows.filter((r) => keys.has(r.row));
  const now = options.now ?? (() => Date.now());
  const started = now();
  const counts = { created: 0, already: 0, refused: 0 };
  let done = 0;
  const report = () => {
    const seconds = Math.max((now() - started) / 1000, 0.001);
    const rowsPerSecond = done / seconds;
    options.onProgress?.({
      done,
      total: queue.length,
      ...counts,
      rowsPerSecond,
      secondsLeft: done === 0 ? null : (queue.length - done) / rowsPerSecond,
    });
  };
  report();
  let next = 0;
  const worker = async () => {
    while (next < queue.length && !options.signal?.aborted) {
      const row = queue[next++] as SheetRow;
      const result = await withRetries(row, (retry) =>
        sendRow(sheet, row, keys.get(row.row) as string, api, retry),
      );
      results.set(row.row, result);
      if (result.outcome !== 'unsent') counts[result.outcome] += 1;
      done += 1;
      report();
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 8 }, worker));
  return sheet.rows.map(
    (row) => results.get(row.row) ?? { row: row.row, outcome: 'unsent', message: 'not sent' },
  );
}

/** A row whose sending met a fault (network, 5xx) is sent again with the same key. */
async function withRetries(
  row: SheetRow,
  send: (retry: boolean) => Promise<RowResult>,
): Promise<RowResult> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      const result = await send(attempt > 0);
      if (result.outcome !== 'unsent' || attempt >= 4) return result;
    } catch (error) {
      if (attempt >= 4) {
        return { row: row.row, outcome: 'unsent', message: (error as Error).message };
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 250 * 2 ** attempt));
  }
}

/**
 * One row's requests. `retry`: this run sent the row before and met a fault, so a replayed
 * answer may be of its own first try (which landed) and counts as created, not as already there.
 */
async function sendRow(
  sheet: Sheet,
  row: SheetRow,
  key: string,
  api: Transport,
  retry: boolean,
): Promise<RowResult> {
  const headers = { 'idempotency-key': key };
  const judge = (answer: Answer, expected: number, id?: string) =>
    judgeAnswer(row, { ...answer, replayed: answer.replayed && !retry }, expected, id);
  const chamberId = row.chamber && 'id' in row.chamber ? row.chamber.id : '';
  if (sheet.kind === 'donations') {
    const answer = await api.request('POST', '/v1/donations', requestOf(sheet, row), headers);
    return judge(answer, 201);
  }
  if (sheet.kind === 'members') {
    const path = `/v1/chambers/${encodeURIComponent(chamberId)}/members`;
    const answer = await api.request('POST', path, row.body);
    if (answer.status === 409) {
      return { row: row.row, outcome: retry ? 'created' : 'already', id: chamberId };
    }
    return judge(answer, 201, chamberId);
  }
  const created = await api.request('POST', '/v1/chambers', row.body, headers);
  if (created.status !== 201) return judge(created, 201);
  return takeChamberOn(row, { ...created, replayed: created.replayed && !retry }, api);
}

const RANK: Record<string, number> = { applied: 0, approved: 1, registered: 2 };

/** Approves and registers a chamber as far as its row asks, judging each step on what is now. */
async function takeChamberOn(row: SheetRow, created: Answer, api: Transport): Promise<RowResult> {
  const target = row.target ?? { status: 'applied' };
  let chamber = created.body as ChamberRecord;
  let wrote = !created.replayed;
  const reread = async () => {
    const answer = await api.request('GET', `/v1/chambers/${chamber.id}`);
    if (answer.status !== 200)
      throw new Error(`Reading chamber ${chamber.id}: ${messageOf(answer)}`);
    chamber = answer.body as ChamberRecord;
  };
  // A replayed create answers the chamber as it was created; what matters is how it is now.
  if (created.replayed) await reread();
  for (let step = 0; step < 4; step += 1) {
    const rank = RANK[chamber.status];
    if (rank === undefined || rank >= (RANK[target.status] ?? 0)) break;
    const action = chamber.status === 'applied' ? 'approve' : 'register';
    const body = action === 'register' ? { action, uscc: target.uscc } : { action };
    const answer = await api.request('POST', `/v1/chambers/${chamber.id}/status`, body);
    if (answer.status === 409) await reread();
    else if (answer.status === 200) {
      chamber = answer.body as ChamberRecord;
      wrote = true;
    } else return judgeAnswer(row, answer, 200, chamber.id);
  }
  if (
    target.status === 'registered' &&
    chamber.status === 'registered' &&
    chamber.uscc !== target.uscc
  ) {
    return {
      row: row.row,
      outcome: 'refused',
      id: chamber.id,
      message: `the chamber is registered with USCC ${chamber.uscc}`,
    };
  }
  return { row: row.row, outcome: wrote ? 'created' : 'already', id: chamber.id };
}

function judgeAnswer(row: SheetRow, answer: Answer, expected: number, id?: string): RowResult {
  if (answer.status === expected) {
    const body = answer.body as { id?: string };
    return { row: row.row, outcome: answer.replayed ? 'already' : 'created', id: body.id ?? id };
  }
  // A fault (no answer, 5xx, 429) leaves the row to be sent again.
  const outcome = answer.status >= 500 || answer.status === 429 ? 'unsent' : 'refused';
  return { row: row.row, outcome, message: messageOf(answer) };
}

/** A problem+json's first field error, or its detail. */
export function messageOf(answer: Answer): string {
  const body = answer.body as {
    detail?: string;
    title?: string;
    errors?: { path: (string | number)[]; message: string }[];
  };
  const first = body?.errors?.[0];
  if (first) return `${first.path.join('.')}: ${first.message}`;
  return body?.detail ?? body?.title ?? `HTTP ${answer.status}`;
}

const describe = (p: { column: string; message: string }) =>
  p.column ? `${p.column}: ${p.message}` : p.message;

export function summarize(results: RowResult[]): string {
  const count = (outcome: Outcome) => results.filter((r) => r.outcome === outcome).length;
  const unsent = count('unsent');
  return `${results.length} rows: ${count('created')} created, ${count('already')} already there, ${count('refused')} refused${unsent ? `, ${unsent} not sent` : ''}`;
}
