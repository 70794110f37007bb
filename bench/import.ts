import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { completeUscc } from '#shared/domain/uscc';
import { readGrid } from '#shared/spreadsheets/read';
import { interpret } from '#shared/spreadsheets/rows';
import { importFile } from '../scripts/import';
import { type Api, pool, registeredChamber } from './support';

/*
 * `npm run import` at scale: a file of `rows` donations (dated 2008, which nothing else in the
 * bench writes) is imported through the local runtime, interrupted half-way and started again.
 * Then the ledger is read back: every row's entry (told apart by its note) must be there once,
 * and the region's 2008 statistics must equal the file's sums. The baseline: the same number of
 * donations posted straight to the API at the same concurrency, with random keys.
 */
export interface ImportFigures {
  rows: number;
  concurrency: number;
  parseMs: number;
  rowsPerSecond: number;
  baselinePostsPerSecond: number;
  vsBaseline: number;
  firstRunCreated: number;
  resumedAlreadyThere: number;
  duplicates: number;
  lost: number;
  statsEqualFile: boolean;
}

export async function benchImport(options: {
  client: Api;
  url: string;
  rows: number;
}): Promise<ImportFigures> {
  const { client, rows } = options;
  const concurrency = 8;
  const admin = await client.token({ role: 'fic-admin', regionCode: '371600' });
  const run = Date.now().toString(36);
  const chambers: string[] = [];
  for (let i = 0; i < 8; i += 1) {
    chambers.push(
      await registeredChamber(client, admin, `导入基准商会 ${run}-${i}`, 9_800_000 + i, '371623'),
    );
  }
  const header = [
    'chamberId',
    'donor.name',
    'donor.uscc',
    'campaign',
    'form',
    'amountFen',
    'peopleHelped',
    'occurredOn',
    'note',
  ];
  const lines = [header.join(',')];
  let sumFen = 0;
  let sumPeople = 0;
  for (let i = 0; i < rows; i += 1) {
    const amount = 1000 + ((i * 7919) % 100_000);
    const people = i % 4;
    sumFen += amount;
    sumPeople += people;
    const day = String((i % 28) + 1).padStart(2, '0');
    const month = String((i % 12) + 1).padStart(2, '0');
    const donor = completeUscc(`91371623${String(i % 500).padStart(8, '0')}`);
    lines.push(
      [
        chambers[i % chambers.length],
        `基准企业${i % 500}`,
        donor,
        'disaster-relief',
        'money',
        amount,
        people,
        `2008-${month}-${day}`,
        `row-${i}`,
      ].join(','),
    );
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'fic-bench-import-'));
  const file = path.join(dir, 'donations.csv');
  writeFileSync(file, `\uFEFF${lines.join('\r\n')}\r\n`);
  try {
    const parseStart = performance.now();
    const sheet = interpret(
      'donations',
      await readGrid(new Uint8Array(Buffer.from(lines.join('\n'))), 'x.csv'),
    );
    const parseMs = Math.round(performance.now() - parseStart);
    if (sheet.rows.some((r) => r.problems.length > 0))
      throw new Error('the bench file has bad rows');

    const token = await client.token({
      role: 'fic-admin',
      regionCode: '371600',
      sub: `bench-import-${run}`,
    });
    const stop = new AbortController();
    const started = performance.now();
    const first = await importFile({
      kind: 'donations',
      file,
      api: options.url,
      token,
      concurrency,
      signal: stop.signal,
      progress: (_line, p) => {
        if (p.done >= rows / 2) stop.abort();
      },
    });
    const resumed = await importFile({
      kind: 'donations',
      file,
      api: options.url,
      token,
      concurrency,
    });
    const seconds = (performance.now() - started) / 1000;

    const notes = new Map<string, number>();
    for (const chamberId of chambers) {
      let cursor: string | null = null;
      do {
        const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
        const page = await client.call<{ items: { note?: string }[]; nextCursor: string | null }>(
          'GET',
          `/v1/donations?chamberId=${chamberId}&limit=100${query}`,
          { token: admin },
        );
        for (const entry of page.body.items) {
          if (entry.note) notes.set(entry.note, (notes.get(entry.note) ?? 0) + 1);
        }
        cursor = page.body.nextCursor;
      } while (cursor);
    }
    const duplicates = [...notes.values()].reduce((sum, n) => sum + n - 1, 0);
    const lost = rows - notes.size;
    const stats = await client.call<{ amountFen: number; entries: number; peopleHelped: number }>(
      'GET',
      '/v1/stats/donations?regionCode=371623&year=2008',
    );
    const statsEqualFile =
      stats.body.amountFen === sumFen &&
      stats.body.entries === rows &&
      stats.body.peopleHelped === sumPeople;

    // Baseline: the same rows posted straight to the API, random keys (a 2007 date, another year).
    const baselineRows = Math.min(rows, 2000);
    const baselineStart = performance.now();
    await pool(baselineRows, concurrency, async (i) => {
      await client.call('POST', '/v1/donations', {
        token: admin,
        headers: { 'idempotency-key': randomUUID() },
        body: {
          chamberId: chambers[i % chambers.length],
          donor: { name: '基准企业', uscc: completeUscc('9137162300000001') },
          campaign: 'disaster-relief',
          form: 'money',
          amountFen: 100,
          occurredOn: '2007-01-01',
        },
      });
    });
    const baselinePostsPerSecond = baselineRows / ((performance.now() - baselineStart) / 1000);
    const rowsPerSecond = rows / seconds;
    return {
      rows,
      concurrency,
      parseMs,
      rowsPerSecond: Math.round(rowsPerSecond),
      baselinePostsPerSecond: Math.round(baselinePostsPerSecond),
      vsBaseline: Math.round((rowsPerSecond / baselinePostsPerSecond) * 100) / 100,
      firstRunCreated: first.results.filter((r) => r.outcome === 'created').length,
      resumedAlreadyThere: resumed.results.filter((r) => r.outcome === 'already').length,
      duplicates,
      lost,
      statsEqualFile,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
