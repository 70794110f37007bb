import type ExcelJS from 'exceljs';

/*
 * exceljs, loaded when a spreadsheet is first read or written: the console's import and export
 * screens pull it in on demand (about 900 KB), never with the rest of the console.
 */
let loading: Promise<typeof ExcelJS> | undefined;

export function loadExcel(): Promise<typeof ExcelJS> {
  loading ??= import('exceljs').then(
    (mod) => ((mod as { default?: typeof ExcelJS }).default ?? mod) as typeof ExcelJS,
  );
  return loading;
}
