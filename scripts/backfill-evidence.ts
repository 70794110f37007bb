// The one-off that brings what the assessment's evidence reads up to date for data written before
// it was kept (functions/assessment/backfill.ts): member counts, yearly tallies of visits, issues
// and activities, the days of alliance memberships, award copies under their chambers. Safe to
// run while the system is in use, to interrupt, and to run again.
//
//   npm run backfill:evidence -- --registration-table R --supervision-table S --assessment-table A
//       [--dry-run] [--start-after C] [--max-records N]
//       against AWS with the usual credentials (AWS_PROFILE, AWS_REGION), or against any DynamoDB
//       with --endpoint URL
//   npm run backfill:evidence -- --local [--dry-run]
//       the database `npm start` keeps under .data/ (stop `npm start` first): starts DynamoDB
//       Local on it and finds the tables in cdk.out
//
// Prints its progress on stderr (with the cursor to resume from) and its report, as JSON, last on
// stdout.
import { runBackfill } from './local-database';

await runBackfill({
  tables: {
    REGISTRATION_TABLE: 'registration-table',
    SUPERVISION_TABLE: 'supervision-table',
    ASSESSMENT_TABLE: 'assessment-table',
  },
  limit: 'max-records',
  run: async ({ tables, limit, ...options }) => {
    const { backfillEvidence } = await import('#functions/assessment/backfill');
    return backfillEvidence({
      registrationTable: tables.REGISTRATION_TABLE,
      maxRecords: limit,
      ...options,
    });
  },
});
