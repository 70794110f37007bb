import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT, startRuntime } from '#infra/local/runtime';
import { benchLedger } from './ledger';

// npm run bench [-- --quick]: prints each figure and writes bench/results/latest.json.
const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false } } });
const quick = values.quick ?? false;

const outdir = mkdtempSync(path.join(os.tmpdir(), 'fic-bench-'));
const runtime = await startRuntime({ port: 0, inMemory: true, outdir, log: () => undefined });
try {
  const ledgerHost = [...runtime.hosts.values()].find(
    (h) => h.fn.environment.POWERTOOLS_SERVICE_NAME === 'ledger',
  );
  if (!ledgerHost) throw new Error('no ledger function in the template');
  const ledger = await benchLedger({
    url: runtime.url,
    ledgerEnvironment: ledgerHost.fn.environment,
    dynamoEndpoint: runtime.dynamoEndpoint,
    donations: quick ? 1000 : 5000,
  });
  console.log('\nledger');
  console.table([ledger]);
  const results = {
    machine: {
      cpus: os.cpus().length,
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
    },
    quick,
    ledger,
  };
  mkdirSync(path.join(ROOT, 'bench', 'results'), { recursive: true });
  writeFileSync(
    path.join(ROOT, 'bench', 'results', 'latest.json'),
    `${JSON.stringify(results, null, 2)}\n`,
  );
} finally {
  await runtime.stop();
  rmSync(outdir, { recursive: true, force: true });
}
