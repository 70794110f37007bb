import { todayInShanghai } from '#shared/domain/calendar';
import type { Table } from '#shared/spreadsheets/workbooks';
import type { ApiClient, Query } from './api';
import type { MessageKey, Vars } from './i18n';

/*
 * Excel out of the console: every list's "导出 Excel" and the statistics report go through here.
 * The workbook code (exceljs) is imported when a person first exports, never with the console.
 * What each list exports is built by pure functions beside its screen (features/…/exports.ts)
 * from the API's pages; this module holds what they share.
 */

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** At most this many rows go into one export (100 pages of the API's largest page). */
export const EXPORT_CAP = 10_000;

export type Translate = (key: MessageKey, vars?: Vars) => string;

/** One of a list's filters as the person set it: 县区 · 滨城区. */
export interface Filter {
  label: string;
  value: string;
}

/** Every row a list's filters select, or the first EXPORT_CAP of them (`capped`). */
export interface Rows<T> {
  items: T[];
  capped: boolean;
}

/** A workbook to download: its file name's stem (the list's name) and its sheets. */
export interface Export {
  title: string;
  // biome-ignore lint/suspicious/noExplicitAny: tables of different item types in one workbook
  tables: Table<any>[];
  /** Rows of the list, for the message once it is saved (a report that is no list has none). */
  rows?: number;
  capped: boolean;
}

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

/** The file a list exports to: its name and the day (in China) it was exported. */
export function exportFileName(title: string, now = new Date()): string {
  return `${title.replace(/[\\/:*?"<>|]/g, ' ')}-${todayInShanghai(now)}.xlsx`;
}

/** An instant as people in China read it in any language: "2026-11-30 10:01" (UTC+8). */
export function instantText(iso: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  return new Date(t + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/**
 * Every page of a list under `query` (its filters), following the cursor: what an export holds,
 * not one screen's page. Stops at `cap` rows and says so.
 */
export async function allPages<T>(
  api: ApiClient,
  path: string,
  query: Query = {},
  cap = EXPORT_CAP,
): Promise<Rows<T>> {
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
  } while (cursor && items.length < cap);
  return { items: items.slice(0, cap), capped: cursor !== null || items.length > cap };
}

/**
 * The line under an export's title: the filters that selected its rows (or that none did), and,
 * when the cap cut the list short, that only the first rows are in the file.
 */
export function filtersLine(t: Translate, filters: Filter[], capped = false): string {
  const shown = filters.filter((f) => f.value !== '');
  const line = t('export.filters', {
    filters:
      shown.length === 0
        ? t('export.noFilters')
        : shown
            .map((f) => t('common.labelled', { label: f.label, value: f.value }))
            .join(t('export.filterSeparator')),
  });
  return capped ? `${line}${t('export.capped', { cap: EXPORT_CAP })}` : line;
}

/** A list that exports as one sheet: its title, the filters line and its rows. */
export function listExport<T>(
  t: Translate,
  title: string,
  filters: Filter[],
  rows: Rows<T>,
  columns: Table<T>['columns'],
  totals?: boolean,
): Export {
  return {
    title,
    rows: rows.items.length,
    capped: rows.capped,
    tables: [
      {
        name: title,
        title,
        note: filtersLine(t, filters, rows.capped),
        columns,
        items: rows.items,
        totals,
      },
    ],
  };
}
