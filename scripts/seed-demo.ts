// `npm run seed:demo`: loads the Binzhou demo (scripts/seed-demo-data.ts) into a running API
// through its public HTTP endpoints only, then checks the statistics against the article.
// Safe to rerun: chambers are found by name, donations and people's invitations carry fixed
// Idempotency-Keys, a firm that is already a member (409) is left as it is, and a leader already
// assigned to a chamber is not assigned again. Then the programmes (seed-demo-programmes.ts),
// supervision and the assessment (seed-demo-supervision.ts), both schedules, and the checks.
//
//   API_URL   base URL of the API (default http://127.0.0.1:3000)
//   TOKEN     a fic-admin token for 371600 (default: asked of the local runtime's /_local/token)
import type { Account } from '#shared/contract/accounts';
import type { Chamber } from '#shared/contract/registration';
import {
  ARTICLE,
  buildDemo,
  CHAMBERS,
  CITY,
  type Donation,
  FULL_COVERAGE,
  PEOPLE,
  type PersonSpec,
} from './seed-demo-data';
import { reportProgrammes, seedProgrammes } from './seed-demo-programmes';
import { reportSupervision, runSchedules, seedSupervision } from './seed-demo-supervision';

const API = (process.env.API_URL ?? 'http://127.0.0.1:3000').replace(/\/+$/, '');
const IN_FLIGHT = 8;
const MAX_ATTEMPTS = 8;
const started = Date.now();
const counters = { requests: 0, retries: 0 };

class SeedError extends Error {}

type Call = {
  body?: unknown;
  key?: string;
  token?: string;
  accept?: number[];
  headers?: Record<string, string>;
};
const pause = (attempt: number) =>
  new Promise((resolve) => setTimeout(resolve, Math.min(8_000, 250 * 2 ** attempt)));

/**
 * An answer worth asking again: the API's 503, or the gateway's own when the function did not
 * answer (a Lambda timeout is API Gateway's bare 500 `{"message":"Internal Server Error"}`, never
 * the API's problem+json; a problem+json 500 is a fault in the API, and the demo stops on it).
 * A 500 is asked again only where asking again is the same request: a read, a PUT, or under an
 * Idempotency-Key.
 */
function transient(
  status: number,
  body: { type?: unknown; message?: unknown } | undefined,
  repeatable: boolean,
) {
  if (status === 503 || status === 502 || status === 504) return true;
  const timedOut = body?.type === undefined && body?.message === 'Internal Server Error';
  return status === 500 && timedOut && repeatable;
}

/** One API call. What `transient` allows, or a network error, is tried again (same key, growing
 * pause); any other non-2xx status, unless accepted, aborts the seed with a message naming the
 * request. */
async function call<T>(method: string, path: string, opts: Call = {}): Promise<[number, T]> {
  const headers: Record<string, string> = { accept: 'application/json', ...opts.headers };
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.key) headers['idempotency-key'] = opts.key;
  const what = `${method} ${path}${opts.key ? ` (Idempotency-Key ${opts.key})` : ''}`;
  for (let attempt = 1; ; attempt += 1) {
    let failure: string;
    try {
      counters.requests += 1;
      const res = await fetch(API + path, {
        method,
        headers,
        body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
        signal: AbortSignal.timeout(30_000),
      });
      const text = await res.text();
      const json = text ? JSON.parse(text) : undefined;
      if (res.ok || opts.accept?.includes(res.status)) return [res.status, json as T];
      const detail = json?.detail ?? json?.message ?? text.slice(0, 300);
      const fields = (json?.errors ?? []).map(
        (e: { path: unknown[]; message: string }) => `\n    ${e.path.join('.')}: ${e.message}`,
      );
      failure = `${res.status} ${json?.title ?? res.statusText}: ${detail}${fields.join('')}`;
      const repeatable = method === 'GET' || method === 'PUT' || opts.key !== undefined;
      if (!transient(res.status, json, repeatable)) {
        throw new SeedError(`${what} failed with ${failure}`);
      }
    } catch (error) {
      if (error instanceof SeedError) throw error;
      failure = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    }
    if (attempt >= MAX_ATTEMPTS) {
      throw new SeedError(`${what} still failing after ${attempt} attempts: ${failure}`);
    }
    counters.retries += 1;
    await pause(attempt);
  }
}

/** A progress line on stderr: redrawn in place on a terminal, plain lines every 10% otherwise. */
function progress(label: string, total: number) {
  const tty = process.stderr.isTTY === true;
  const since = Date.now();
  let done = 0;
  let drawn = 0;
  let shown = -1;
  const line = () => {
    const pct = total === 0 ? 100 : (100 * done) / total;
    const seconds = (Date.now() - since) / 1000;
    const rate = done === 0 ? '–' : (done / Math.max(seconds, 0.1)).toFixed(0);
    const bar = '#'.repeat(Math.round(pct / 5)).padEnd(20, '.');
    return `${label.padEnd(12)} [${bar}] ${done}/${total} ${pct.toFixed(1).padStart(5)}%  ${rate}/s`;
  };
  const draw = (last = false) => {
    if (tty && (last || Date.now() - drawn > 80)) {
      process.stderr.write(`\r${line()}\x1b[K${last ? '\n' : ''}`);
      drawn = Date.now();
    } else if (!tty && (last || Math.floor((10 * done) / total) > shown)) {
      shown = Math.floor((10 * done) / total);
      if (last || done < total) process.stderr.write(`${line()}\n`);
    }
  };
  draw();
  return {
    tick() {
      done += 1;
      draw();
    },
    finish: () => draw(true),
  };
}

/** Runs `task` over `items`, IN_FLIGHT at a time, behind a progress line; the first error wins. */
async function pool<T>(label: string, items: T[], task: (item: T) => Promise<void>) {
  const bar = progress(label, items.length);
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < items.length) {
      await task(items[next++] as T).catch((error) => {
        failed = true;
        throw error;
      });
      bar.tick();
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(IN_FLIGHT, items.length) }, worker));
  } finally {
    bar.finish();
  }
}

async function adminToken(): Promise<string> {
  if (process.env.TOKEN) return process.env.TOKEN;
  const query = `role=fic-admin&regionCode=${CITY}&sub=seed-demo`;
  const [, body] = await call<{ token: string }>('GET', `/_local/token?${query}`);
  return body.token;
}

/** Chambers under CITY (or a narrower `query`), by name; the first of a name wins. */
async function chambersByName(token: string, query = `regionCode=${CITY}`) {
  const byName = new Map<string, Chamber>();
  type Page = { items: Chamber[]; nextCursor: string | null };
  let cursor = null as string | null;
  do {
    const after: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
    const [, page]: [number, Page] = await call('GET', `/v1/chambers?${query}&limit=100${after}`, {
      token,
    });
    for (const chamber of page.items)
      if (!byName.has(chamber.name)) byName.set(chamber.name, chamber);
    cursor = page.nextCursor;
  } while (cursor);
  return byName;
}

type ChamberSpec = (typeof CHAMBERS)[number];

/** Under a fixed Idempotency-Key (its USCC's), so a retry after a 503, a 500 or a lost answer
 * answers the chamber the first try made and never makes a second one. */
async function createChamber({ body, uscc }: ChamberSpec, token: string): Promise<Chamber> {
  const key = `seed-demo-chamber-${uscc}`;
  return (await call<Chamber>('POST', '/v1/chambers', { body, token, key }))[1];
}

/** Creates the chamber unless one of that name exists, then approves and registers it. */
async function seedChamber(spec: ChamberSpec, found: Map<string, Chamber>, token: string) {
  let chamber = found.get(spec.body.name) ?? (await createChamber(spec, token));
  const next = {
    applied: { action: 'approve' },
    approved: { action: 'register', uscc: spec.uscc },
  };
  while (chamber.status !== 'registered') {
    const body = next[chamber.status as keyof typeof next];
    if (!body) {
      throw new SeedError(
        `Chamber ${chamber.name} (${chamber.id}) is ${chamber.status}; the demo needs it registered.`,
      );
    }
    const path = `/v1/chambers/${chamber.id}/status`;
    const [code, answer] = await call<Chamber>('POST', path, { body, token, accept: [409] });
    if (code !== 409) {
      chamber = answer;
      continue;
    }
    // 409: perhaps our own earlier try whose answer was lost. Go on from where the chamber is.
    const [, now] = await call<Chamber>('GET', `/v1/chambers/${chamber.id}`, { token });
    if (now.status === chamber.status) {
      throw new SeedError(
        `POST ${path} failed with 409: ${(answer as { detail?: string }).detail}`,
      );
    }
    chamber = now;
  }
  found.set(chamber.name, chamber);
}

type Stats = Record<'amountFen' | 'entries' | 'donors' | 'villages' | 'peopleHelped', number>;
type Coverage = { name: string; townships: number; covered: number; uncovered: { name: string }[] };
type Verification = { ok: boolean; entries: number; firstBadSeq?: number };

/** Invites the demo's people (a retry of a fixed key answers the account it made) and assigns
 * the liaison leaders to their chambers; answers the accounts, by key, as they now are. */
async function seedPeople(token: string, chamberId: (name: string) => string) {
  const accounts = new Map<string, Account>();
  let invited = 0;
  let assigned = 0;
  await pool('people', PEOPLE, async (person: PersonSpec) => {
    const body = {
      name: person.name,
      role: person.role,
      ...(person.regionCode && { regionCode: person.regionCode }),
      ...(person.chamber && { chamberId: chamberId(person.chamber) }),
      contact: person.contact,
    };
    const [, account] = await call<Account>('POST', '/v1/accounts', {
      body,
      key: person.key,
      token,
    });
    if (Date.parse(account.createdAt) >= started) invited += 1;
    accounts.set(person.key, account);
    for (const name of person.liaison?.chambers ?? []) {
      const path = `/v1/chambers/${chamberId(name)}/liaisons`;
      const [, liaisons] = await call<{ items: { leaderId: string }[] }>('GET', path, { token });
      if (liaisons.items.some((liaison) => liaison.leaderId === account.id)) continue;
      const assignment = { name: person.name, title: person.liaison?.title, visitEveryDays: 30 };
      await call('PUT', `${path}/${account.id}`, { body: assignment, token });
      assigned += 1;
    }
  });
  return { accounts, invited, assigned };
}

/** The people whose account (as the API now answers it) is not what the demo describes. */
function peopleDiffering(accounts: Map<string, Account>, chamberId: (name: string) => string) {
  return PEOPLE.filter((person) => {
    const account = accounts.get(person.key);
    const chamber = person.chamber ? chamberId(person.chamber) : null;
    return !(
      account &&
      account.status === 'active' &&
      account.name === person.name &&
      account.role === person.role &&
      account.chamberId === chamber &&
      (person.regionCode === undefined || account.regionCode === person.regionCode)
    );
  }).map((person) => person.name);
}

/** Loads everything; answers what it did, for the report. */
async function seed(token: string) {
  const found = await chambersByName(token);
  const reused = CHAMBERS.filter((c) => found.get(c.body.name)?.status === 'registered').length;
  await pool('chambers', CHAMBERS, (spec) => seedChamber(spec, found, token));
  const id = (name: string) => found.get(name)?.id as string;

  const { donations, members } = buildDemo();
  let newMembers = 0;
  await pool('members', members, async (m) => {
    const body = { name: m.name, uscc: m.uscc };
    const path = `/v1/chambers/${id(m.chamber)}/members`;
    const [status] = await call('POST', path, { body, token, accept: [409] });
    if (status === 201) newMembers += 1;
  });
  let newDonations = 0;
  await pool('donations', donations, async (d: Donation) => {
    const body = { chamberId: id(d.chamber), ...d.body };
    const [, entry] = await call<{ recordedAt: string }>('POST', '/v1/donations', {
      body,
      key: d.key,
      token,
    });
    // A replayed answer is the first one, recorded in an earlier run.
    if (Date.parse(entry.recordedAt) >= started) newDonations += 1;
  });
  const broken: string[] = [];
  let entries = 0;
  await pool('ledgers', CHAMBERS, async ({ body: { name } }) => {
    const path = `/v1/chambers/${id(name)}/ledger/verify`;
    const [, report] = await call<Verification>('GET', path, { token });
    entries += report.entries;
    if (!report.ok) broken.push(`${name} (first bad seq ${report.firstBadSeq})`);
  });
  const people = await seedPeople(token, id);
  const differing = peopleDiffering(people.accounts, id);
  console.log(`Chambers:  ${CHAMBERS.length} registered (${CHAMBERS.length - reused} new, ${reused} already there)
Members:   ${members.length} firm memberships (${newMembers} new)
Donations: ${donations.length} posted (${newDonations} new, ${donations.length - newDonations} already recorded under their Idempotency-Key)
Ledgers:   ${broken.length === 0 ? `the hash chains of all ${CHAMBERS.length} chambers verify (${n(entries)} entries)` : `NOT OK: ${broken.join(', ')}`}
People:    ${PEOPLE.length} accounts (${people.invited} invited now, ${PEOPLE.length - people.invited} already there); ${people.assigned} liaison assignments made`);
  if (differing.length > 0)
    console.log(`People NOT as the demo describes them: ${differing.join('、')}`);
  return {
    verified: CHAMBERS.length - broken.length,
    people: PEOPLE.length - differing.length,
    accounts: [...people.accounts.values()],
  };
}

const n = (value: number) => value.toLocaleString('en-US');
const wan = (fen: number) =>
  (fen / 1_000_000).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const row = (label: string, s: Stats) =>
  `  ${label.padEnd(16)} ${n(s.entries).padStart(5)} entries ${n(s.donors).padStart(4)} donors ${n(s.villages).padStart(4)} villages ${n(s.peopleHelped).padStart(6)} people ${n(s.amountFen).padStart(14)} fen = ${wan(s.amountFen).padStart(9)} 万元`;

/** Prints the public statistics and the coverage; answers the figures that differ from the article. */
async function report(
  token: string,
  { verified, people }: { verified: number; people: number },
): Promise<number> {
  const stats = async (query: string) =>
    (await call<Stats>('GET', `/v1/stats/donations?regionCode=${CITY}${query}`))[1];
  const vp = await stats('&campaign=village-pairing');
  const ew = await stats('&campaign=east-west');
  const ep = await stats('&campaign=epidemic-relief');
  const ep2020 = await stats('&campaign=epidemic-relief&year=2020');
  const all = await stats('');
  const coverage: Coverage[] = [];
  for (const county of FULL_COVERAGE) {
    const path = `/v1/coverage/townships?regionCode=${county}`;
    coverage.push((await call<Coverage>('GET', path, { token }))[1]);
  }
  console.log(`\nGET /v1/stats/donations?regionCode=${CITY}&campaign=…
${row('village-pairing', vp)}   百企帮百村
${row('east-west', ew)}   东西部协作 (奉节县, 祁连县)
${row('epidemic-relief', ep)}   疫情防控
${row('(all)', all)}

GET /v1/coverage/townships?regionCode=…`);
  for (const c of coverage) {
    const missing = c.uncovered.map((u) => u.name).join('、');
    console.log(
      `  ${c.name}: ${c.covered} of ${c.townships} townships have a registered township chamber${missing ? ` (missing: ${missing})` : ''}`,
    );
  }

  const { villagePairing, eastWest, epidemicRelief } = ARTICLE;
  const total = villagePairing.amountFen + eastWest.amountFen + epidemicRelief.amountFen;
  const checks: [string, number, number][] = [
    ['village-pairing firms', vp.donors, villagePairing.donors],
    ['village-pairing villages', vp.villages, villagePairing.villages],
    ['village-pairing people', vp.peopleHelped, villagePairing.peopleHelped],
    ['village-pairing fen', vp.amountFen, villagePairing.amountFen],
    ['east-west fen', ew.amountFen, eastWest.amountFen],
    ['epidemic-relief fen', ep.amountFen, epidemicRelief.amountFen],
    ['epidemic-relief fen, 2020', ep2020.amountFen, epidemicRelief.amountFen],
    ['all campaigns fen', all.amountFen, total],
    ...coverage.map((c): [string, number, number] => [
      `${c.name} townships covered`,
      c.covered,
      c.townships,
    ]),
    ['chambers whose ledger verifies', verified, CHAMBERS.length],
    ['people whose account is as the demo describes', people, PEOPLE.length],
  ];
  console.log('\nThe article’s figures:');
  for (const [label, got, want] of checks) {
    const verdict = got === want ? '✓' : `✗ (the article: ${n(want)})`;
    console.log(`  ${n(got).padStart(14)}  ${label} ${verdict}`);
  }
  return checks.filter(([, got, want]) => got !== want).length;
}

async function main() {
  console.log(`Seeding the Binzhou demo into ${API}`);
  const token = await adminToken();
  const seeded = await seed(token);
  const tools = { call, pool, chambersByName, seedChamber };
  const programmes = await seedProgrammes(tools, token);
  const supervision = await seedSupervision(tools, token, programmes.id, seeded.accounts);
  await runSchedules(tools);
  const wrong =
    (await report(token, seeded)) +
    (await reportProgrammes(tools, token, programmes)) +
    (await reportSupervision(tools, token, programmes.id, supervision));
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`\n${n(counters.requests)} requests (${counters.retries} retried) in ${seconds} s`);
  if (wrong > 0) {
    console.error(`${wrong} figure(s) differ from the article.`);
    process.exitCode = 1;
  } else console.log('Every figure equals the article’s.');
}

main().catch((error: unknown) => {
  console.error(`\nseed:demo aborted: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
