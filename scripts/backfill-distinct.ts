// The one-off move of the ledger's distinct counts from the old shape (a counter per value on
// each total) to members: functions/ledger/backfill.ts. Safe to run while donations are recorded,
// to interrupt, and to run again.
//
//   npm run backfill:distinct -- --table <ledger table> [--dry-run] [--start-after C] [--max-totals N]
//       against AWS with the usual credentials (AWS_PROFILE, AWS_REGION), or against any DynamoDB
//       with --endpoint URL
//   npm run backfill:distinct -- --local [--dry-run]
//       the database `npm start` keeps under .data/ (stop `npm start` first): starts DynamoDB
//       Local on it and finds the ledger table in cdk.out
//
// Prints its progress on stderr (with the cursor to resume from) and its report, as JSON, last on
// stdout.
import { parseArgs } from 'node:util';
import { type DynamoLocal, SetupError } from '#infra/local/dynamodb';
import { localTable, openLocalDatabase } from './local-database';

const { values } = parseArgs({
  options: {
    table: { type: 'string' },
    endpoint: { type: 'string' },
    local: { type: 'boolean', default: false },
    'dry-run': { type: 'boolean', default: false },
    'start-after': { type: 'string' },
    'max-totals': { type: 'string' },
  },
});

let local: DynamoLocal | undefined;
try {
  let table = values.table;
  if (values.local) {
    local = await openLocalDatabase();
    table ??= localTable('LEDGER_TABLE');
  } else if (values.endpoint) {
    process.env.AWS_ENDPOINT_URL_DYNAMODB = values.endpoint;
  }
  if (!table) throw new SetupError('Name the ledger table with --table NAME, or use --local.');
  const maxTotals = values['max-totals'] === undefined ? undefined : Number(values['max-totals']);
  if (maxTotals !== undefined && !(Number.isInteger(maxTotals) && maxTotals > 0)) {
    throw new SetupError('--max-totals takes a whole number above 0.');
  }
  // The shared client reads its endpoint from the environment when it loads.
  const { backfillDistinctCounts } = await import('#functions/ledger/backfill');
  const report = await backfillDistinctCounts({
    table,
    dryRun: values['dry-run'],
    startAfter: values['start-after'],
    maxTotals,
    log: (line) => console.error(line),
  });
  console.log(JSON.stringify(report));
} catch (error) {
  if (!(error instanceof SetupError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
} finally {
  await local?.stop();
}
