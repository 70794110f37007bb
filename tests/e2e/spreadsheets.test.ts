import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { completeUscc } from '#shared/domain/uscc';
import { townshipsOf } from '#shared/regions/townships';
import { villagesUnder } from '#shared/regions/villages';
import { COLUMNS, type SheetKind } from '#shared/spreadsheets/columns';
import { importFile } from '../../scripts/import';
import { apiUrl, call, token } from '../support/api';

/*
 * `npm run import` end to end against the local runtime: each kind from .xlsx and .csv (with and
 * without BOM, Chinese and field-path headers), bad rows named by row and column, the same file
 * twice creating nothing new, and an interrupted import resumed with exact totals read back
 * from the ledger. This file keeps to 阳信县 (371622) townships and donations dated 2009.
 */

const dir = mkdtempSync(path.join(os.tmpdir(), 'fic-sheets-'));
const COUNTY = '371622';
const townships = townshipsOf(COUNTY);
// The last but one: the last is the ledger audit's (tests/integration/ledger-audit.test.ts).
const township = (townships[townships.length - 2] as { code: string }).code;
const village = villagesUnder(COUNTY)[0] as string;
const tag = Date.now().toString(36);
const randomUscc = (prefix: string) =>
  completeUscc(`${prefix}371622${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`);

let admin: string;
beforeAll(async () => {
  // A subject of its own: Idempotency-Keys are per caller.
  admin = await token({ role: 'fic-admin', regionCode: '371600', sub: `sheet-${randomUUID()}` });
});

const labels = (kind: SheetKind) => COLUMNS[kind].map((c) => c.label);

async function xlsx(name: string, rows: (string | number | Date | null)[][]): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('数据');
  for (const row of rows) sheet.addRow(row);
  const file = path.join(dir, name);
  await workbook.xlsx.writeFile(file);
  return file;
}

function csv(name: string, rows: (string | number)[][], bom: boolean): string {
  const text = rows
    .map((row) =>
      row
        .map((c) => (/[",\n]/.test(String(c)) ? `"${String(c).replace(/"/g, '""')}"` : c))
        .join(','),
    )
    .join('\r\n');
  const file = path.join(dir, name);
  writeFileSync(file, `${bom ? '\uFEFF' : ''}${text}\r\n`);
  return file;
}

const run = (kind: SheetKind, file: string, signal?: AbortSignal) =>
  importFile({ kind, file, api: apiUrl, token: admin, signal, concurrency: 4 });

const outcomes = (results: { outcome: string }[]) =>
  results.reduce<Record<string, number>>((acc, r) => {
    acc[r.outcome] = (acc[r.outcome] ?? 0) + 1;
    return acc;
  }, {});

// A cold DynamoDB Local on a busy machine answers its first writes slowly (the import retries).
describe('importing chambers, members and donations', { timeout: 180_000 }, () => {
  const chamberName = `阳信县表格导入商会${tag}`;
  const chamberUscc = randomUscc('51');

  it('imports chambers from .xlsx with Chinese headers, names a bad USCC by row and column, and a second run creates nothing', async () => {
    const bad = `${chamberUscc.slice(0, 17)}${chamberUscc[17] === '0' ? '1' : '0'}`;
    const file = await xlsx('chambers.xlsx', [
      labels('chambers'),
      row('chambers', {
        name: chamberName,
        kind: '乡镇街道商会',
        regionCode: township,
        relationship: '业务主管单位',
        foundedOn: new Date(Date.UTC(2019, 4, 18)),
        partyOrganisation: '单独党支部',
        governmentFunctions: '行业运行分析、承办展会',
        uscc: chamberUscc,
        status: '已登记',
      }),
      row('chambers', {
        name: `${chamberName}二`,
        kind: '乡镇街道商会',
        regionCode: township,
        relationship: '团体会员',
      }),
      row('chambers', {
        name: `${chamberName}三`,
        kind: '乡镇街道商会',
        regionCode: township,
        relationship: '团体会员',
        uscc: bad,
      }),
    ]);
    const first = await run('chambers', file);
    expect(first.problems).toEqual([
      expect.objectContaining({ row: 4, column: '统一社会信用代码', value: bad }),
    ]);
    expect(first.summary).toBe('3 rows: 2 created, 0 already there, 1 refused');
    const registered = first.results[0]?.id as string;
    const read = await call<Record<string, unknown>>('GET', `/v1/chambers/${registered}`, {
      token: admin,
    });
    expect(read.body).toMatchObject({
      name: chamberName,
      status: 'registered',
      uscc: chamberUscc,
      foundedOn: '2019-05-18',
      governmentFunctions: ['industry-analysis', 'trade-fairs'],
    });
    const again = await run('chambers', file);
    expect(again.summary).toBe('3 rows: 0 created, 2 already there, 1 refused');
    expect(again.results.map((r) => r.id)).toEqual(first.results.map((r) => r.id));
    const result = new ExcelJS.Workbook();
    await result.xlsx.readFile(first.resultFile);
    const sheet = result.worksheets[0] as ExcelJS.Worksheet;
    expect(sheet.getRow(2).values).toEqual(expect.arrayContaining(['行号', '结果', '说明']));
    expect(sheet.getRow(5).getCell(2).value).toBe('未导入');
  });

  it('imports members from a CSV with BOM and field-path headers, naming the chamber by name', async () => {
    const firm = randomUscc('91');
    const file = csv(
      'members.csv',
      [
        ['chamber', 'name', 'uscc'],
        [chamberName, '阳信县鸭梨食品有限公司', firm],
        [chamberName, '阳信县肉牛加工有限公司', randomUscc('91')],
        ['没有这个商会', '某公司', randomUscc('91')],
      ],
      true,
    );
    const first = await run('members', file);
    expect(first.problems).toEqual([
      expect.objectContaining({ row: 4, column: 'chamber', value: '没有这个商会' }),
    ]);
    expect(first.summary).toBe('3 rows: 2 created, 0 already there, 1 refused');
    const again = await run('members', file);
    expect(again.summary).toBe('3 rows: 0 created, 2 already there, 1 refused');
  });

  it('imports donations from a CSV without BOM (Chinese headers, chamber by USCC): identical rows count twice, bad rows are named, a second run adds nothing', async () => {
    const donor = randomUscc('91');
    const donationRow = (amount: string, uscc = donor) =>
      row('donations', {
        chamber: chamberUscc,
        'donor.name': '阳信县鸭梨食品有限公司',
        'donor.uscc': uscc,
        campaign: '百企帮百村',
        assistance: '产业帮扶',
        villageCode: village,
        form: '资金',
        amountFen: amount,
        peopleHelped: 3,
        occurredOn: '2009/3/5',
      });
    const badUscc = `${donor.slice(0, 17)}${donor[17] === '0' ? '1' : '0'}`;
    const rows = [
      donationRow('1,000.50'),
      donationRow('1,000.50'),
      donationRow('200'),
      donationRow('300', badUscc),
      donationRow('12.345'),
    ];
    const file = csv(
      'donations.csv',
      [labels('donations'), ...rows.map((r) => r.map((c) => (c instanceof Date ? '' : (c ?? ''))))],
      false,
    );
    const first = await run('donations', file);
    expect(first.problems.map((p) => [p.row, p.column])).toEqual([
      [5, '捐赠企业统一社会信用代码'],
      [6, '金额（元）'],
    ]);
    expect(first.summary).toBe('5 rows: 3 created, 0 already there, 2 refused');
    const again = await run('donations', file);
    expect(again.summary).toBe('5 rows: 0 created, 3 already there, 2 refused');
    const entries = await ledgerOf(first.results[0]?.id?.split('.')[0] as string);
    expect(entries.map((e) => e.amountFen).sort((a, b) => a - b)).toEqual([
      20_000, 100_050, 100_050,
    ]);
  });

  it('resumes an interrupted import of 60 donations: every row once, totals exact', async () => {
    const chamber = await call<{ id: string }>('POST', '/v1/chambers', {
      token: admin,
      headers: { 'idempotency-key': randomUUID() },
      body: {
        name: `阳信县续传商会${tag}`,
        kind: 'township',
        regionCode: township,
        relationship: 'supervised',
      },
    });
    const rows = Array.from({ length: 60 }, (_, i) => [
      chamber.body.id,
      `企业${i % 7}`,
      completeUscc(`9137162200000${String(i % 7).padStart(3, '0')}`),
      'epidemic-relief',
      'money',
      (i % 5) * 100 + 100,
      i % 3,
      `2009-0${(i % 9) + 1}-1${i % 10}`,
    ]);
    const file = csv(
      'interrupted.csv',
      [
        [
          'chamberId',
          'donor.name',
          'donor.uscc',
          'campaign',
          'form',
          'amountFen',
          'peopleHelped',
          'occurredOn',
        ],
        ...rows,
      ],
      true,
    );
    const stop = new AbortController();
    const half = importFile({
      kind: 'donations',
      file,
      api: apiUrl,
      token: admin,
      concurrency: 2,
      signal: stop.signal,
      progress: (_line, p) => {
        if (p.done >= 25) stop.abort();
      },
    });
    const interrupted = await half;
    const sent = interrupted.results.filter((r) => r.outcome === 'created').length;
    expect(sent).toBeGreaterThanOrEqual(25);
    expect(sent).toBeLessThan(60);
    const resumed = await run('donations', file);
    expect(outcomes(resumed.results)).toEqual({ created: 60 - sent, already: sent });
    const entries = await ledgerOf(chamber.body.id);
    expect(entries).toHaveLength(60);
    const fileSum = rows.reduce((sum, r) => sum + Number(r[5]), 0);
    expect(entries.reduce((sum, e) => sum + e.amountFen, 0)).toBe(fileSum);
    const verify = await call<{ ok: boolean; entries: number }>(
      'GET',
      `/v1/chambers/${chamber.body.id}/ledger/verify`,
      { token: admin },
    );
    expect(verify.body).toMatchObject({ ok: true, entries: 60 });
  });
});

/** A row of `kind`'s template columns, from values by field path. */
function row(
  kind: SheetKind,
  values: Record<string, string | number | Date>,
): (string | number | Date | null)[] {
  return COLUMNS[kind].map((c) => values[c.path] ?? null);
}

async function ledgerOf(chamberId: string): Promise<{ amountFen: number }[]> {
  const items: { amountFen: number }[] = [];
  let cursor: string | null = null;
  do {
    const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
    const page = await call<{ items: { amountFen: number }[]; nextCursor: string | null }>(
      'GET',
      `/v1/donations?chamberId=${chamberId}&limit=100${query}`,
      { token: admin },
    );
    items.push(...page.body.items);
    cursor = page.body.nextCursor;
  } while (cursor);
  return items;
}
