import type { Table } from '#shared/spreadsheets/workbooks';
import type { ApiClient, Query } from './api';

/*
 * Excel out of the console: every list's "导出 Excel" and the statistics report go through here.
 * The workbook code (exceljs) is imported when a person first exports, never with the console.
 */

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Offers bytes to the person as a download named `fileName`. */
export function saveFile(fileName: string, bytes: Uint8Array, type = XLSX): void {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

// biome-ignore lint/suspicious/noExplicitAny: tables of different item types in one workbook
export async function downloadTables(fileName: string, tables: Table<any>[]): Promise<void> {
  const { writeTables } = await import('#shared/spreadsheets/workbooks');
  saveFile(fileName.endsWith('.xlsx') ? fileName : `${fileName}.xlsx`, await writeTables(tables));
}

/** Every page of a list under `query` (its filters): what an export holds, not one screen's page. */
export async function allPages<T>(api: ApiClient, path: string, query: Query = {}): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const page: { items: T[]; nextCursor: string | null } = await api.get(path, {
      ...query,
      cursor: cursor ?? undefined,
      limit: 100,
    });
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}
