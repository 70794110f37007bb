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
import { runBackfill } from './local-database';

await runBackfill({
  tables: { LEDGER_TABLE: 'table' },
  limit: 'max-totals',
  run: async ({ tables, limit, ...options }) => {
    const { backfillDistinctCounts } = await import('#functions/ledger/backfill');
    return backfillDistinctCounts({ table: tables.LEDGER_TABLE, maxTotals: limit, ...options });
  },
});
