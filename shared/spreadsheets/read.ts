import type ExcelJS from 'exceljs';
import { loadExcel } from './excel';

/*
 * A spreadsheet file as a grid: the header row and the rows under it, each cell a string, a
 * number or a date (what Excel holds), in Node and in the browser alike. .xlsx through exceljs;
 * .csv through the small RFC 4180 reader below (UTF-8 with or without BOM; a file that is not
 * UTF-8 is read as GB 18030, which is what Excel in China saves "CSV" as).
 */

export type Cell = string | number | Date | null;

export interface Grid {
  headers: string[];
  /** Rows below the header, with their row number in the file (the header is row 1). */
  rows: { row: number; cells: Cell[] }[];
}

/** Sheets of a template that hold no data (an .xlsx's first other sheet is read). */
export const NOTES_SHEET = '说明';
export const EXAMPLE_SHEET = '示例';
const NOTE_SHEETS = [NOTES_SHEET, EXAMPLE_SHEET];

export async function readGrid(bytes: Uint8Array, fileName: string): Promise<Grid> {
  return /\.csv$/i.test(fileName) ? gridOf(parseCsv(decodeText(bytes))) : readXlsx(bytes);
}

async function readXlsx(bytes: Uint8Array): Promise<Grid> {
  const Excel = await loadExcel();
  const workbook = new Excel.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet =
    workbook.worksheets.find((s) => !NOTE_SHEETS.includes(s.name)) ?? workbook.worksheets[0];
  if (!sheet) return { headers: [], rows: [] };
  const lines: { row: number; cells: Cell[] }[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, number) => {
    const cells: Cell[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cells[col - 1] = cellValue(cell.value);
    });
    lines.push({ row: number, cells: Array.from(cells, (c) => c ?? null) });
  });
  const [header, ...rows] = lines;
  return {
    headers: (header?.cells ?? []).map((c) => (c === null ? '' : String(c).trim())),
    rows: rows.filter((r) => r.cells.some((c) => c !== null && c !== '')),
  };
}

function cellValue(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || value instanceof Date) return value;
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('result' in value) return cellValue(value.result as ExcelJS.CellValue);
    if ('text' in value) return String(value.text);
    if ('error' in value) return null;
  }
  return String(value);
}

/** The file's text: UTF-8 (BOM dropped) when it is valid UTF-8, else GB 18030. */
export function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

/** RFC 4180: fields separated by commas, quoted with ", "" for a quote; CRLF or LF. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i += 1;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

function gridOf(lines: string[][]): Grid {
  const [header = [], ...rest] = lines;
  return {
    headers: header.map((h) => h.trim()),
    rows: rest
      .map((cells, i) => ({ row: i + 2, cells: cells.map((c) => (c === '' ? null : c)) }))
      .filter((r) => r.cells.some((c) => c !== null && String(c).trim() !== '')),
  };
}
