import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { COLUMNS, SHEET_KINDS } from '#shared/spreadsheets/columns';
import { parseCsv, readGrid } from '#shared/spreadsheets/read';
import { statisticsReport } from '#shared/spreadsheets/report';
import { fenOfYuan, interpret } from '#shared/spreadsheets/rows';
import { rowKeys } from '#shared/spreadsheets/send';
import { writeTables, writeTemplate } from '#shared/spreadsheets/workbooks';

/* The spreadsheet core without the API: templates, reading, checking, keys, the report format. */

async function workbookOf(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook;
}

describe('templates', () => {
  it.each(SHEET_KINDS)(
    '%s: Chinese headers, drop-downs, an example that passes, notes',
    async (kind) => {
      const bytes = await writeTemplate(kind);
      const workbook = await workbookOf(bytes);
      expect(workbook.worksheets.map((s) => s.name).slice(1)).toEqual(['示例', '说明']);
      const data = workbook.worksheets[0] as ExcelJS.Worksheet;
      const labels = COLUMNS[kind].map((c) => c.label);
      expect((data.getRow(1).values as unknown[]).slice(1)).toEqual(labels);
      const choice = COLUMNS[kind].findIndex((c) => c.type === 'choice');
      if (choice >= 0) {
        const validation = data.getRow(2).getCell(choice + 1).dataValidation;
        expect(validation.type).toBe('list');
        expect(validation.formulae?.[0]).toContain(COLUMNS[kind][choice]?.choices?.[0]?.label);
      }
      const notes = workbook.getWorksheet('说明') as ExcelJS.Worksheet;
      expect(notes.getRow(2).getCell(1).value).toBe(labels[0]);
      // The example row, read back as an import reads it, has no problem.
      const example = workbook.getWorksheet('示例') as ExcelJS.Worksheet;
      const grid = {
        headers: labels,
        rows: [
          { row: 2, cells: (example.getRow(2).values as (string | number | null)[]).slice(1) },
        ],
      };
      const sheet = interpret(kind, grid);
      expect(sheet.problems).toEqual([]);
      expect(sheet.rows[0]?.problems).toEqual([]);
    },
  );
});

describe('reading and checking', () => {
  it('reads CSV quoting, CRLF, BOM and GB 18030', async () => {
    expect(parseCsv('a,"b,""c"""\r\n1,2\n')).toEqual([
      ['a', 'b,"c"'],
      ['1', '2'],
    ]);
    const bom = new TextEncoder().encode('\uFEFF商会,企业名称\r\n甲,乙\r\n');
    expect(await readGrid(bom, 'x.csv')).toEqual({
      headers: ['商会', '企业名称'],
      rows: [{ row: 2, cells: ['甲', '乙'] }],
    });
    // 商会 in GB 18030, as Excel in China saves CSV.
    const gbk = new Uint8Array([0xc9, 0xcc, 0xbb, 0xe1, 0x0a, 0x31, 0x0a]);
    expect((await readGrid(gbk, 'x.csv')).headers).toEqual(['商会']);
  });

  it('reads 元 exactly into fen', () => {
    expect(fenOfYuan('1,234.5')).toEqual({ value: 123_450 });
    expect(fenOfYuan('￥0.07')).toEqual({ value: 7 });
    expect(fenOfYuan('1.005')).toHaveProperty('error');
  });

  it('names a missing column, and derives one key per identical row by its order', async () => {
    expect(interpret('members', { headers: ['企业名称'], rows: [] }).problems).toEqual([
      expect.objectContaining({ row: 1, column: '统一社会信用代码', message: 'column is missing' }),
      expect.objectContaining({ row: 1, column: '商会' }),
    ]);
    const cells = ['c1', '某公司', '91371600MA3C4LQD46'];
    const sheet = interpret('members', {
      headers: ['chamberId', 'name', 'uscc'],
      rows: [2, 3, 4].map((row) => ({ row, cells: row === 3 ? ['c2', ...cells.slice(1)] : cells })),
    });
    const keys = await rowKeys(sheet);
    expect(keys.get(2)).toMatch(/-0$/);
    expect(keys.get(4)).toBe(keys.get(2)?.replace(/-0$/, '-1'));
    expect(keys.get(3)).not.toBe(keys.get(2));
  });
});

describe('exported workbooks', () => {
  it('has a title, a frozen bold header, widths for Chinese, filters, 元 formats and a totals row', async () => {
    const items = [
      { county: '滨城区', amountFen: 123_456_789, entries: 1200 },
      { county: '惠民县', amountFen: 50, entries: 3 },
    ];
    const bytes = await writeTables([
      {
        name: '按县区',
        title: '2024 年捐赠统计（按县区）',
        totals: true,
        items,
        columns: [
          { header: '县区', value: (i) => i.county },
          { header: '金额（元）', value: (i) => i.amountFen, format: 'yuan', total: true },
          { header: '笔数', value: (i) => i.entries, format: 'integer', total: true },
        ],
      },
    ]);
    const sheet = (await workbookOf(bytes)).getWorksheet('按县区') as ExcelJS.Worksheet;
    expect(sheet.getCell('A1').value).toBe('2024 年捐赠统计（按县区）');
    expect(sheet.getCell('A1').isMerged).toBe(true);
    expect((sheet.getRow(2).values as unknown[]).slice(1)).toEqual(['县区', '金额（元）', '笔数']);
    expect(sheet.getRow(2).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(sheet.autoFilter).toBeTruthy();
    expect(sheet.getCell('B3').value).toBe(1_234_567.89);
    expect(sheet.getCell('B3').numFmt).toBe('#,##0.00');
    expect(sheet.getCell('C3').numFmt).toBe('#,##0');
    expect(sheet.getCell('A5').value).toBe('合计');
    expect(sheet.getCell('B5').value).toEqual({ formula: 'SUM(B3:B4)', result: 1_234_568.39 });
    expect(sheet.getCell('C5').value).toMatchObject({ result: 1203 });
    expect(sheet.getColumn(2).width).toBeGreaterThanOrEqual('1,234,567.89'.length);
    expect(sheet.getColumn(1).width).toBeGreaterThanOrEqual(6);
  });

  it('the statistics report: a sheet by campaign and one by county, totals of the summable columns', async () => {
    const stats = (campaign: string | null, amountFen: number) =>
      ({
        regionCode: '371600',
        campaign,
        year: 2024,
        amountFen,
        entries: 2,
        donors: 2,
        villages: 1,
        peopleHelped: 10,
        chambers: 1,
      }) as Parameters<typeof statisticsReport>[0]['byCampaign'][number];
    const tables = statisticsReport({
      region: '滨州市',
      year: 2024,
      byCampaign: [
        stats('village-pairing', 4_922_000_000),
        stats('east-west', 112_000_000),
        stats(null, 5_034_000_000),
      ],
      byCounty: [{ name: '惠民县', stats: stats(null, 100) }],
    });
    const workbook = await workbookOf(await writeTables(tables));
    const campaigns = workbook.getWorksheet('按项目') as ExcelJS.Worksheet;
    expect(campaigns.getCell('A1').value).toBe('滨州市2024年捐赠统计（按项目）');
    expect(campaigns.getCell('A3').value).toBe('百企帮百村');
    expect(campaigns.getCell('B3').value).toBe(49_220_000);
    expect(campaigns.getCell('A5').value).toBe('合计');
    expect(campaigns.getCell('B5').value).toMatchObject({ result: 50_340_000 });
    expect(campaigns.getCell('D5').value).toBeNull();
    const counties = workbook.getWorksheet('按县区') as ExcelJS.Worksheet;
    expect(counties.getCell('A3').value).toBe('惠民县');
    expect(counties.getCell('B3').numFmt).toBe('#,##0.00');
  });
});
