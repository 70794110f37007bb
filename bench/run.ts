import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT, startRuntime } from '#infra/local/runtime';
import { benchApi } from './api';
import { benchAudit } from './audit';
import { benchBundles } from './bundles';
import { benchConsole } from './console';
import { benchEvidence } from './evidence';
import { benchImport } from './import';
import { inProcess } from './in-process';
import { benchLedger } from './ledger';
import { benchLedgerConflicts, benchLedgerCost } from './ledger-cost';
import { benchRankings } from './rankings';
import { api, registeredChamber } from './support';

/*
 * npm run bench [-- --quick] [-- --only api,ledger]: every figure is a ratio against a baseline
 * measured in the same run (this machine is noisy), printed as tables and written to
 * bench/results/latest.json. Benchmarks measure; they never pass or fail.
 */
const PARTS = [
  'bundles',
  'api',
  'ledger',
  'rankings',
  'audit',
  'console',
  'evidence',
  'import',
] as const;
const { values } = parseArgs({
  options: { quick: { type: 'boolean', default: false }, only: { type: 'string' } },
});
const quick = values.quick ?? false;
const only = values.only?.split(',') ?? [...PARTS];
const unknown = only.filter((part) => !(PARTS as readonly string[]).includes(part));
if (unknown.length > 0) {
  console.error(`Unknown part ${unknown.join(', ')}: --only takes any of ${PARTS.join(', ')}.`);
  process.exit(2);
}
const runs = (part: (typeof PARTS)[number]) => only.includes(part);
const started = performance.now();

const outdir = mkdtempSync(path.join(os.tmpdir(), 'fic-bench-'));
const runtime = await startRuntime({
  port: 0,
  inMemory: true,
  outdir,
  log: () => undefined,
});
const client = api(runtime.url);
try {
  const local = await inProcess(runtime);
  const admin = await client.token({ role: 'fic-admin', regionCode: '371600' });

  const bundles = runs('bundles') ? benchBundles(runtime.assembly, quick ? 15 : 31, outdir) : [];
  print('bundles', bundles);

  const chambers: string[] = [];
  for (let i = 0; i < 16 && runs('api'); i += 1)
    chambers.push(await registeredChamber(client, admin, `基准API商会 ${i}`, 9_000_000 + i));
  const apiFigures = !runs('api')
    ? []
    : await benchApi({
        client,
        admin,
        chamberId: chambers[0] as string,
        chamberIds: chambers,
        tables: local.tables,
        dynamoEndpoint: runtime.dynamoEndpoint,
        ledgerOperations: local.ledgerOperations,
        requests: quick ? 1000 : 4000,
        concurrencies: [1, 16],
      });
  print('api', apiFigures);

  const ledger = !runs('ledger')
    ? undefined
    : await benchLedger({ client, local, donations: quick ? 1000 : 5000 });
  print('ledger', ledger ? [ledger] : []);
  const ledgerCost = !runs('ledger')
    ? []
    : await benchLedgerCost({
        client,
        admin,
        local,
        dynamoEndpoint: runtime.dynamoEndpoint,
        sample: quick ? 10 : 50,
      });
  print('ledger write units per donation, by distinct donors in the region', ledgerCost);
  const ledgerConflicts = !runs('ledger')
    ? undefined
    : await benchLedgerConflicts({ client, admin, local, perClient: quick ? 40 : 250 });
  print('ledger under transaction conflicts', ledgerConflicts ? [ledgerConflicts] : []);

  const rankings = !runs('rankings')
    ? []
    : await benchRankings({
        chambers: quick ? 1000 : 10_000,
        entries: quick ? 5000 : 50_000,
        dynamoEndpoint: runtime.dynamoEndpoint,
        tables: local.tables,
        compute: local.computeRankings,
      });
  print('rankings', rankings);

  // The nightly audit at 10,000 entries, and (full run only) 100,000: items read against the bound.
  const audit = !runs('audit')
    ? []
    : await benchAudit({
        sizes: quick ? [10_000] : [10_000, 100_000],
        chambers: 200,
        dynamoEndpoint: runtime.dynamoEndpoint,
        tables: local.tables,
        audit: local.auditLedger,
      });
  print('ledger audit', audit);

  const consoleFigures = !runs('console')
    ? undefined
    : await benchConsole({ url: runtime.url, client, admin, runs: quick ? 8 : 20 });
  if (consoleFigures) {
    print(
      'console: chunks, gzipped (first screen = what / loads before it shows anything)',
      consoleFigures.chunks,
    );
    console.log(`first screen: ${consoleFigures.firstScreenKB} KB of JavaScript, gzipped`);
    print('console: API requests of each screen’s first view', consoleFigures.requests);
    print('console: navigation to the registry rendered with data, over its API request', [
      consoleFigures.registry,
    ]);
    print(
      'console: FIC staff’s dashboard rendered with its figures, over the longest of its API requests',
      [consoleFigures.dashboard],
    );
  }
  // The same requests per evidence call for a chamber of 10 ledger entries and one of 1,000.
  const evidence = !runs('evidence')
    ? []
    : await benchEvidence({ client, local, ledgers: [10, 1000] });
  print('evidence', evidence);
  // npm run import of 10,000 donations, interrupted half-way and resumed; read back from the ledger.
  const importFigures = !runs('import')
    ? undefined
    : await benchImport({ client, url: runtime.url, rows: quick ? 1000 : 10_000 });
  print('import', importFigures ? [importFigures] : []);

  const results = {
    quick,
    parts: only,
    machine: {
      cpus: os.cpus().length,
      model: os.cpus()[0]?.model,
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
    },
    seconds: Math.round((performance.now() - started) / 1000),
    bundles,
    api: apiFigures,
    ledger,
    ledgerCost,
    ledgerConflicts,
    rankings,
    audit,
    console: consoleFigures,
    evidence,
    import: importFigures,
  };
  mkdirSync(path.join(ROOT, 'bench', 'results'), { recursive: true });
  writeFileSync(
    path.join(ROOT, 'bench', 'results', 'latest.json'),
    `${JSON.stringify(results, null, 2)}\n`,
  );
  console.log(`\nbench/results/latest.json written (${results.seconds} s).`);
} finally {
  client.close();
  await runtime.stop();
  rmSync(outdir, { recursive: true, force: true });
}

function print(title: string, rows: object[]) {
  if (rows.length === 0) return;
  console.log(`\n${title}`);
  console.table(rows);
}
