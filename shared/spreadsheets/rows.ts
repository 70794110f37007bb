import * as z from 'zod/mini';
import { text, uscc as usccSchema } from '#shared/contract/common';
import { donationBody } from '#shared/contract/ledger';
import { createChamberBody } from '#shared/contract/registration';
import { chamberShapeErrors, SOCIAL_GROUP_PREFIX } from '#shared/domain/chamber';
import { COLUMNS, type Column, type SheetKind } from './columns';
import type { Cell, Grid } from './read';

/*
 * Rows of a sheet as requests: each cell converted by its column (words of a drop-down to the
 * API's value, 元 to fen, an Excel date to YYYY-MM-DD), then the whole request checked with the
 * contract's own zod schemas. A problem names the row, the column as the file heads it, the
 * value and the message (the API's wording, which the console translates).
 */

export interface Problem {
  row: number;
  column: string;
  value: string;
  message: string;
}

/** A chamber named by a row: by its id, or by its USCC or exact name (the `chamber` column). */
export type ChamberRef = { id: string } | { nameOrUscc: string };

export interface SheetRow {
  row: number;
  /** The cells as read, for the result workbook. */
  cells: Cell[];
  /** The request, checked (its chamberId is filled in once the chamber is found). */
  body?: Record<string, unknown>;
  chamber?: ChamberRef;
  /** Chambers: the status the import brings the chamber to, and its USCC to register with. */
  target?: { status: 'applied' | 'approved' | 'registered'; uscc?: string };
  problems: Problem[];
}

export interface Sheet {
  kind: SheetKind;
  headers: string[];
  rows: SheetRow[];
  /** Problems of the file as a whole (a required column missing), at row 1. */
  problems: Problem[];
}

/** A stand-in id while a row names its chamber by name or USCC: the schema checks the rest. */
const PENDING_ID = 'pending';

interface Placed {
  column: Column;
  index: number;
  header: string;
  /** Headed by the API field path rather than the Chinese label (for `yuan`: the value is fen). */
  byPath: boolean;
}

export function interpret(kind: SheetKind, grid: Grid): Sheet {
  const placed = placeColumns(kind, grid.headers);
  const problems: Problem[] = [];
  for (const column of COLUMNS[kind]) {
    if (column.required && !placed.some((p) => p.column === column)) {
      problems.push({ row: 1, column: column.label, value: '', message: 'column is missing' });
    }
  }
  if (kind !== 'chambers' && !placed.some((p) => p.column.path.startsWith('chamber'))) {
    problems.push({ row: 1, column: '商会', value: '', message: 'column is missing' });
  }
  const rows = problems.length > 0 ? [] : grid.rows.map((r) => interpretRow(kind, placed, r));
  return { kind, headers: grid.headers, rows, problems };
}

function placeColumns(kind: SheetKind, headers: string[]): Placed[] {
  const placed: Placed[] = [];
  headers.forEach((header, index) => {
    const name = header.replace(/[*＊\s]/g, '');
    const column = COLUMNS[kind].find(
      (c) => c.label.replace(/\s/g, '') === name || c.path === header,
    );
    if (column && !placed.some((p) => p.column === column)) {
      placed.push({ column, index, header, byPath: column.path === header });
    }
  });
  return placed;
}

function interpretRow(
  kind: SheetKind,
  placed: Placed[],
  line: { row: number; cells: Cell[] },
): SheetRow {
  const out: SheetRow = { row: line.row, cells: line.cells, problems: [] };
  const fields: Record<string, unknown> = {};
  const problem = (p: Placed | undefined, value: string, message: string) => {
    // One problem per cell: a value that could not be read is not also "required".
    const column = p?.header ?? '';
    if (column && out.problems.some((q) => q.column === column)) return;
    out.problems.push({ row: line.row, column, value, message });
  };
  for (const p of placed) {
    const cell = line.cells[p.index] ?? null;
    const shown = shownValue(cell);
    if (shown === '') {
      if (p.column.required) problem(p, '', 'is required');
      continue;
    }
    const converted = convert(p, cell, shown);
    if ('error' in converted) problem(p, shown, converted.error);
    else fields[p.column.path] = converted.value;
  }
  const at = (path: string) => placed.find((p) => p.column.path === path);
  const checked = (schema: z.ZodMiniType, value: unknown, prefix = '') => {
    const result = z.safeParse(schema, value);
    if (result.success) return result.data as unknown;
    for (const issue of result.error.issues) {
      const path = [prefix, ...issue.path].filter((part) => part !== '').join('.');
      const p = columnFor(placed, path);
      problem(p, p ? shownValue(line.cells[p.index] ?? null) : '', issue.message);
    }
    return undefined;
  };

  if (kind === 'chambers') {
    const { uscc, status, ...rest } = fields;
    const body = checked(createChamberBody, nest(rest)) as Record<string, unknown> | undefined;
    if (body) {
      for (const e of chamberShapeErrors(body as Parameters<typeof chamberShapeErrors>[0])) {
        const p = columnFor(placed, e.path.join('.'));
        problem(p, p ? shownValue(line.cells[p.index] ?? null) : '', e.message);
      }
    }
    const code = uscc === undefined ? undefined : checked(usccSchema, uscc, 'uscc');
    const target = (status ?? (uscc === undefined ? 'applied' : 'registered')) as NonNullable<
      SheetRow['target']
    >['status'];
    if (typeof code === 'string' && !code.startsWith(SOCIAL_GROUP_PREFIX)) {
      problem(
        at('uscc'),
        String(uscc),
        'must start with 51: a chamber is a social group registered with civil affairs',
      );
    }
    if (target === 'registered' && uscc === undefined) {
      problem(
        at('status'),
        shownValue(line.cells[at('status')?.index ?? -1] ?? null),
        'a registered chamber needs its USCC',
      );
    }
    out.target = { status: target, ...(typeof code === 'string' && { uscc: code }) };
    if (body && out.problems.length === 0) out.body = body;
    return out;
  }

  const { chamber, chamberId, ...rest } = fields;
  if (chamberId !== undefined) out.chamber = { id: String(chamberId) };
  else if (chamber !== undefined) out.chamber = { nameOrUscc: String(chamber).trim() };
  else problem(at('chamber') ?? at('chamberId'), '', 'names no chamber (商会 or chamberId)');
  const request = { ...nest(rest), chamberId: chamberId ?? PENDING_ID };
  const body = (
    kind === 'members'
      ? checked(z.strictObject({ name: text(100), uscc: usccSchema }), nest(rest))
      : checked(donationBody, request)
  ) as Record<string, unknown> | undefined;
  if (body && out.problems.length === 0) out.body = body;
  return out;
}

/** The column a schema path belongs to (the deepest column whose path starts it). */
function columnFor(placed: Placed[], path: string): Placed | undefined {
  return (
    placed.find((p) => p.column.path === path) ??
    placed.find((p) => path.startsWith(`${p.column.path}.`) || p.column.path.startsWith(`${path}.`))
  );
}

/** The cell as a person reads it. */
export function shownValue(cell: Cell): string {
  if (cell === null) return '';
  if (cell instanceof Date) return isoDay(cell);
  return String(cell).trim();
}

/** Excel keeps a date as midnight UTC of that day. */
const isoDay = (date: Date) => date.toISOString().slice(0, 10);

function convert(p: Placed, cell: Cell, shown: string): { value: unknown } | { error: string } {
  const { column } = p;
  switch (column.type) {
    case 'text':
      return { value: shown };
    case 'integer':
      return /^\d+$/.test(shown.replace(/,/g, ''))
        ? { value: Number(shown.replace(/,/g, '')) }
        : { error: 'must be a whole number' };
    case 'date': {
      if (cell instanceof Date) return { value: isoDay(cell) };
      const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(shown);
      if (!m) return { error: 'must be a date like 2024-03-05' };
      return { value: `${m[1]}-${m[2]?.padStart(2, '0')}-${m[3]?.padStart(2, '0')}` };
    }
    case 'yuan':
      return p.byPath ? wholeFen(shown) : fenOfYuan(shown);
    case 'choice': {
      const found = column.choices?.find((c) => c.label === shown || c.value === shown);
      return found ? { value: found.value } : { error: `must be one of ${labels(column)}` };
    }
    case 'choices': {
      const values: string[] = [];
      for (const part of shown.split(/[、,，;；\s]+/).filter(Boolean)) {
        const found = column.choices?.find((c) => c.label === part || c.value === part);
        if (!found) return { error: `“${part}” is not one of ${labels(column)}` };
        values.push(found.value);
      }
      return { value: values };
    }
  }
}

const labels = (column: Column) => (column.choices ?? []).map((c) => c.label).join('、');

/** 元 as written (1,234.5 · ¥1234.50) to whole fen, exactly: no floating point on money. */
export function fenOfYuan(text: string): { value: number } | { error: string } {
  const m = /^[¥￥]?(\d+)(?:\.(\d{1,2}))?$/.exec(text.replace(/[,，\s]/g, ''));
  if (!m) return { error: 'must be an amount in yuan with at most 2 decimals' };
  return { value: Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0')) };
}

function wholeFen(text: string): { value: number } | { error: string } {
  return /^\d+$/.test(text)
    ? { value: Number(text) }
    : { error: 'must be whole fen (1 yuan = 100 fen)' };
}

/** `{ 'donor.name': x }` → `{ donor: { name: x } }`. */
function nest(flat: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [path, value] of Object.entries(flat)) {
    const parts = path.split('.');
    let node = out;
    for (const part of parts.slice(0, -1)) {
      node[part] ??= {};
      node = node[part] as Record<string, unknown>;
    }
    node[parts[parts.length - 1] as string] = value;
  }
  return out;
}
