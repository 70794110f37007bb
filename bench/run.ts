import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT, startRuntime } from '#infra/local/runtime';
import { benchApi } from './api';
import { benchBundles } from './bundles';
import { inProcess } from './in-process';
import { benchLedger } from './ledger';
import { benchRankings } from './rankings';
import { api, registeredChamber } from './support';

/*
 * npm run bench [-- --quick]: every figure is a ratio against a baseline measured in the same
 * run (this machine is noisy), printed as tables and written to bench/results/latest.json.
 * Benchmarks measure; they never pass or fail.
 */
const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false } } });
const quick = values.quick ?? false;
const started = performance.now();

const outdir = mkdtempSync(path.join(os.tmpdir(), 'fic-bench-'));
const runtime = await startRuntime({ port: 0, inMemory: true, outdir, log: () => undefined });
try {
  const local = await inProcess(runtime);
  const client = api(runtime.url);
  const admin = await client.token({ role: 'fic-admin', regionCode: '371600' });

  const bundles = benchBundles(runtime.assembly, quick ? 15 : 31, outdir);
  print('bundles', bundles);

  const chambers: string[] = [];
  for (let i = 0; i < 16; i += 1)
    chambers.push(await registeredChamber(client, admin, `基准API商会 ${i}`, 9_000_000 + i));
  const apiFigures = await benchApi({
    client,
    admin,
    chamberId: chambers[0] as string,
    chamberIds: chambers,
    tables: local.tables,
    dynamoEndpoint: runtime.dynamoEndpoint,
    ledgerOperations: local.ledgerOperations,
    requests: quick ? 300 : 2000,
    concurrencies: [1, 16],
  });
  print('api', apiFigures);

  const ledger = await benchLedger({ url: runtime.url, local, donations: quick ? 1000 : 5000 });
  print('ledger', [ledger]);

  const rankings = await benchRankings({
    chambers: quick ? 1000 : 10_000,
    entries: quick ? 5000 : 50_000,
    dynamoEndpoint: runtime.dynamoEndpoint,
    tables: local.tables,
    compute: local.computeRankings,
  });
  print('rankings', rankings);

  const results = {
    quick,
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
    rankings,
  };
  mkdirSync(path.join(ROOT, 'bench', 'results'), { recursive: true });
  writeFileSync(
    path.join(ROOT, 'bench', 'results', 'latest.json'),
    `${JSON.stringify(results, null, 2)}\n`,
  );
  console.log(`\nbench/results/latest.json written (${results.seconds} s).`);
} finally {
  await runtime.stop();
  rmSync(outdir, { recursive: true, force: true });
}

function print(title: string, rows: object[]) {
  console.log(`\n${title}`);
  console.table(rows);
}
