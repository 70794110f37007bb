// `npm run import -- --kind chambers|members|donations [--api URL] [--token T] FILE` imports a
// spreadsheet (.xlsx or .csv) through the API, exactly once per row (CONTRACT.md
// "Spreadsheets"): every row is checked first, then sent with an Idempotency-Key derived from its
// content, with a progress bar on stderr. Last on stdout: `N rows: A created, B already there,
// C refused`; FILE.result.xlsx holds each row's outcome; exit 1 when any row was refused.
// `npm run import -- --template KIND` writes KIND-template.xlsx.
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { SHEET_KINDS, type SheetKind } from '#shared/spreadsheets/columns';
import { readGrid } from '#shared/spreadsheets/read';
import { interpret, type Problem } from '#shared/spreadsheets/rows';
import {
  httpTransport,
  type Progress,
  type RowResult,
  resolveChambers,
  sendSheet,
  summarize,
} from '#shared/spreadsheets/send';
import { writeResult, writeTemplate } from '#shared/spreadsheets/workbooks';
import { configuredJurisdiction } from './divisions';

export interface ImportOptions {
  kind: SheetKind;
  file: string;
  api: string;
  token?: string | undefined;
  /** Where the progress bar goes (stderr). */
  progress?: (line: string, progress: Progress) => void;
  signal?: AbortSignal;
  concurrency?: number;
}

export interface Imported {
  results: RowResult[];
  problems: Problem[];
  summary: string;
  resultFile: string;
}

export async function importFile(options: ImportOptions): Promise<Imported> {
  const bytes = new Uint8Array(readFileSync(options.file));
  const sheet = interpret(options.kind, await readGrid(bytes, options.file));
  const resultFile = `${options.file}.result.xlsx`;
  if (sheet.problems.length > 0) {
    return {
      results: [],
      problems: sheet.problems,
      summary: '0 rows: the file was not read',
      resultFile,
    };
  }
  const token = options.token ?? (await localToken(options.api));
  const api = httpTransport({ baseUrl: options.api, token: async () => token });
  await resolveChambers(sheet, api);
  const results = await sendSheet(sheet, api, {
    concurrency: options.concurrency,
    signal: options.signal,
    onProgress: (p) => options.progress?.(progressBar(p), p),
  });
  writeFileSync(resultFile, await writeResult(sheet.headers, sheet.rows, results));
  return {
    results,
    problems: sheet.rows.flatMap((r) => r.problems),
    summary: summarize(results),
    resultFile,
  };
}

/** A fic-admin token of the local runtime's issuer, over the jurisdiction. */
async function localToken(api: string): Promise<string> {
  const url = `${api}/_local/token?role=fic-admin&regionCode=${configuredJurisdiction()}`;
  const response = await fetch(url).catch((error: Error) => {
    throw new Error(`No API at ${api} (${error.message}): start it with npm start, or give --api.`);
  });
  if (!response.ok) {
    throw new Error(`${url} answered ${response.status}: give a token with --token.`);
  }
  return ((await response.json()) as { token: string }).token;
}

export function progressBar(p: Progress): string {
  const width = 30;
  const filled = p.total === 0 ? width : Math.round((p.done / p.total) * width);
  const left = p.secondsLeft === null ? '--' : `${Math.ceil(p.secondsLeft)} s`;
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${p.done}/${p.total} rows · ${p.rowsPerSecond.toFixed(1)} rows/s · ${left} left`;
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      kind: { type: 'string' },
      api: { type: 'string', default: 'http://127.0.0.1:3000' },
      token: { type: 'string' },
      template: { type: 'string' },
    },
  });
  const isKind = (k: unknown): k is SheetKind => SHEET_KINDS.includes(k as SheetKind);
  if (values.template !== undefined) {
    if (!isKind(values.template)) throw new Error(`--template takes ${SHEET_KINDS.join(', ')}.`);
    const file = `${values.template}-template.xlsx`;
    writeFileSync(file, await writeTemplate(values.template));
    process.stdout.write(`${file}\n`);
    return;
  }
  const file = positionals[0];
  if (!isKind(values.kind) || !file) {
    throw new Error(
      `Usage: npm run import -- --kind ${SHEET_KINDS.join('|')} [--api URL] [--token T] FILE`,
    );
  }
  // A terminal sees one bar redrawn in place; a log gets a line at every tenth of the rows.
  const tty = process.stderr.isTTY;
  let tenth = -1;
  const imported = await importFile({
    kind: values.kind,
    file,
    api: values.api.replace(/\/$/, ''),
    token: values.token,
    progress: (line, p) => {
      if (tty) process.stderr.write(`\r${line}`);
      else if (Math.floor((p.done / Math.max(p.total, 1)) * 10) > tenth) {
        tenth = Math.floor((p.done / Math.max(p.total, 1)) * 10);
        process.stderr.write(`${line}\n`);
      }
    },
  });
  if (tty) process.stderr.write('\n');
  for (const p of imported.problems) {
    process.stderr.write(`row ${p.row}, ${p.column || '-'} “${p.value}”: ${p.message}\n`);
  }
  if (imported.results.length > 0) process.stderr.write(`Outcomes: ${imported.resultFile}\n`);
  process.stdout.write(`${imported.summary}\n`);
  const refused =
    imported.problems.length > 0 ||
    imported.results.some((r) => r.outcome !== 'created' && r.outcome !== 'already');
  process.exitCode = refused ? 1 : 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error: Error) => {
    process.stderr.write(`${error.message}\n`);
    process.exitCode = 1;
  });
}
