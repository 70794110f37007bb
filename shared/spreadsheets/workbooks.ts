import type ExcelJS from 'exceljs';
import { todayInShanghai } from '#shared/domain/calendar';
import { COLUMNS, KIND_TITLES, type SheetKind } from './columns';
import { loadExcel } from './excel';
import { type Cell, EXAMPLE_SHEET, NOTES_SHEET } from './read';
import type { Outcome, RowResult } from './send';

/*
 * The workbooks people are handed: a kind's template, an import's result, and any table the
 * console exports (a title row, a frozen bold header, widths that fit Chinese text, filters on,
 * 元 with thousands separators, a totals row), all through writeTables.
 */

export type Format = 'text' | 'yuan' | 'integer' | 'decimal' | 'date';

export interface TableColumn<T> {
  header: string;
  value: (item: T) => string | number | null | undefined;
  /**
   * `yuan`: the value is fen, shown in 元 as #,##0.00; `integer` #,##0; `decimal` 0.00; `date`:
   * the value is a date (YYYY-MM-DD, or the day of an instant), written as an Excel date.
   */
  format?: Format;
  /** Summed in the totals row. */
  total?: boolean;
}

export interface Table<T = never> {
  /** The sheet's name (Excel allows 31 characters). */
  name: string;
  /** The title row above the header. */
  title: string;
  /** A line under the title (what the list's filters selected), above the header. */
  note?: string;
  columns: TableColumn<T>[];
  items: T[];
  /** Adds a 合计 row with each `total` column's sum. */
  totals?: boolean;
}

const NUMBER_FORMATS: Record<Format, string | undefined> = {
  text: undefined,
  yuan: '#,##0.00',
  integer: '#,##0',
  decimal: '0.00',
  date: 'yyyy-mm-dd',
};

/** Display width of text in Latin characters: a Chinese character takes two. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += /[\u1100-\uffff]/.test(ch) ? 2 : 1;
  return width;
}

const HEADER_WIDTH = 30;

const HEADER_FILL: ExcelJS.Fill = {
  type: 'pattern',
  pattern: 'solid',
  fgColor: { argb: 'FFE6F0FF' },
};

// biome-ignore lint/suspicious/noExplicitAny: tables of different item types in one workbook
export async function writeTables(tables: Table<any>[]): Promise<Uint8Array> {
  const Excel = await loadExcel();
  const workbook = new Excel.Workbook();
  workbook.creator = 'FIC chambers';
  for (const table of tables) addTable(workbook, table);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

function addTable<T>(workbook: ExcelJS.Workbook, table: Table<T>): void {
  const head = table.note ? 3 : 2;
  const sheet = workbook.addWorksheet(sheetName(table.name), {
    views: [{ state: 'frozen', ySplit: head }],
  });
  const width = table.columns.length;
  sheet.getRow(1).values = [table.title];
  sheet.mergeCells(1, 1, 1, Math.max(width, 1));
  sheet.getRow(1).font = { bold: true, size: 14 };
  sheet.getRow(1).alignment = { horizontal: 'center' };
  sheet.getRow(1).height = 24;
  if (table.note) {
    sheet.getRow(2).values = [table.note];
    sheet.mergeCells(2, 1, 2, Math.max(width, 1));
    sheet.getRow(2).font = { color: { argb: 'FF595959' } };
  }
  const header = sheet.getRow(head);
  header.values = table.columns.map((c) => c.header);
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'middle' };
  header.eachCell((cell) => {
    cell.fill = HEADER_FILL;
  });
  // A long header (an indicator's wording) wraps rather than widening its column past 15 汉字.
  const widths = table.columns.map((c) => Math.min(displayWidth(c.header), HEADER_WIDTH));
  const sums = table.columns.map(() => 0);
  table.items.forEach((item, i) => {
    const row = sheet.getRow(head + 1 + i);
    table.columns.forEach((column, j) => {
      const raw = column.value(item);
      if (raw === undefined || raw === null || raw === '') return;
      const cell = row.getCell(j + 1);
      const day = column.format === 'date' ? excelDate(raw) : undefined;
      if (day) {
        cell.value = day;
        cell.numFmt = NUMBER_FORMATS.date as string;
        widths[j] = Math.max(widths[j] ?? 0, 10);
      } else if (typeof raw === 'number' && column.format && column.format !== 'text') {
        cell.value = column.format === 'yuan' ? raw / 100 : raw;
        cell.numFmt = NUMBER_FORMATS[column.format] as string;
        sums[j] = (sums[j] ?? 0) + raw;
        widths[j] = Math.max(widths[j] ?? 0, shownWidth(raw, column.format));
      } else {
        cell.value = String(raw);
        widths[j] = Math.max(widths[j] ?? 0, displayWidth(String(raw)));
      }
    });
  });
  const last = head + table.items.length;
  if (table.totals) {
    const row = sheet.getRow(last + 1);
    row.getCell(1).value = '合计';
    table.columns.forEach((column, j) => {
      if (!column.total || j === 0) return;
      const letter = sheet.getColumn(j + 1).letter;
      const sum = sums[j] ?? 0;
      const cell = row.getCell(j + 1);
      cell.value = {
        formula: `SUM(${letter}${head + 1}:${letter}${last})`,
        result: column.format === 'yuan' ? sum / 100 : sum,
      };
      cell.numFmt = NUMBER_FORMATS[column.format ?? 'integer'] ?? '#,##0';
      widths[j] = Math.max(widths[j] ?? 0, shownWidth(sum, column.format ?? 'integer'));
    });
    row.font = { bold: true };
  }
  widths.forEach((w, j) => {
    sheet.getColumn(j + 1).width = Math.min(Math.max(w + 2, 8), 60);
  });
  if (width > 0) {
    sheet.autoFilter = { from: { row: head, column: 1 }, to: { row: last, column: width } };
  }
}

/** A date (2026-11-29) or an instant (its day in China, UTC+8) as an Excel date, else undefined. */
function excelDate(value: string | number): Date | undefined {
  if (typeof value !== 'string') return undefined;
  const instant = value.length > 10 ? Date.parse(value) : Number.NaN;
  const day = Number.isNaN(instant) ? value : todayInShanghai(new Date(instant));
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : undefined;
}

function shownWidth(value: number, format: Format): number {
  const shown = format === 'yuan' ? value / 100 : value;
  return shown.toLocaleString('en-US', { minimumFractionDigits: format === 'yuan' ? 2 : 0 }).length;
}

/** Excel refuses : \ / ? * [ ] in a sheet's name and more than 31 characters. */
const sheetName = (name: string) => name.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31) || 'Sheet';

/**
 * A kind's template: the data sheet (its headers, drop-down lists for the choices), an example
 * sheet with one filled row, and the notes sheet saying what each column means.
 */
export async function writeTemplate(kind: SheetKind): Promise<Uint8Array> {
  const Excel = await loadExcel();
  const workbook = new Excel.Workbook();
  const columns = COLUMNS[kind];
  const data = workbook.addWorksheet(`${KIND_TITLES[kind]}`, {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  const example = workbook.addWorksheet(EXAMPLE_SHEET);
  for (const sheet of [data, example]) {
    sheet.getRow(1).values = columns.map((c) => c.label);
    sheet.getRow(1).font = { bold: true };
    columns.forEach((column, j) => {
      const cell = sheet.getRow(1).getCell(j + 1);
      cell.fill = HEADER_FILL;
      if (column.required) cell.font = { bold: true, color: { argb: 'FFC00000' } };
      cell.note = column.note;
      sheet.getColumn(j + 1).width = column.width ?? 14;
      // Codes stay text: Excel must not turn 371621001201 into 3.71621E+11.
      if (column.type === 'text') sheet.getColumn(j + 1).numFmt = '@';
    });
  }
  example.getRow(2).values = columns.map((c) => c.example ?? null);
  columns.forEach((column, j) => {
    if (column.type !== 'choice' || !column.choices) return;
    const list = `"${column.choices.map((c) => c.label).join(',')}"`;
    const letter = data.getColumn(j + 1).letter;
    for (let row = 2; row <= 1001; row += 1) {
      data.getCell(`${letter}${row}`).dataValidation = {
        type: 'list',
        allowBlank: !column.required,
        formulae: [list],
        showErrorMessage: true,
        errorTitle: column.label,
        error: `请从下拉列表中选择：${column.choices.map((c) => c.label).join('、')}`,
      };
    }
  });
  const sheet = workbook.addWorksheet(NOTES_SHEET);
  sheet.getRow(1).values = ['列名', '必填', '字段（表头也可写它）', '说明', '可选值'];
  sheet.getRow(1).font = { bold: true };
  columns.forEach((c, i) => {
    sheet.getRow(i + 2).values = [
      c.label,
      c.required ? '必填' : '',
      c.path,
      c.note,
      (c.choices ?? []).map((choice) => choice.label).join('、'),
    ];
  });
  const tail = columns.length + 3;
  sheet.getRow(tail).values = [
    '填写说明：在第一个工作表中每行填写一条记录，表头不要修改；“示例”工作表中是一行填好的样例。同一文件可反复导入，已导入的行不会重复创建。',
  ];
  [12, 6, 26, 60, 40].forEach((w, j) => {
    sheet.getColumn(j + 1).width = w;
  });
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

export const OUTCOME_LABELS: Record<Outcome, string> = {
  created: '已导入',
  already: '已存在',
  refused: '未导入',
  unsent: '未发送',
};

/** The file as read, with each row's outcome, message and the id of what it created or found. */
export async function writeResult(
  headers: string[],
  rows: { row: number; cells: Cell[] }[],
  results: RowResult[],
): Promise<Uint8Array> {
  const byRow = new Map(results.map((r) => [r.row, r]));
  const items = rows.map((r) => ({ ...r, result: byRow.get(r.row) }));
  type Item = (typeof items)[number];
  const columns: TableColumn<Item>[] = [
    { header: '行号', value: (item) => item.row, format: 'integer' },
    { header: '结果', value: (item) => OUTCOME_LABELS[item.result?.outcome ?? 'unsent'] },
    { header: '说明', value: (item) => item.result?.message },
    { header: '编号', value: (item) => item.result?.id },
    ...headers.map(
      (header, j): TableColumn<Item> => ({
        header,
        value: (item) => {
          const cell = item.cells[j];
          return cell instanceof Date ? cell.toISOString().slice(0, 10) : cell;
        },
      }),
    ),
  ];
  return writeTables([{ name: '导入结果', title: '导入结果', columns, items }]);
}
