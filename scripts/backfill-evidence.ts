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
import { parseArgs } from 'node:util';
import { type DynamoLocal, SetupError } from '#infra/local/dynamodb';
import { localTable, openLocalDatabase } from './local-database';

/** The tables, by the environment variable each concern's modules read. */
const TABLES = {
  REGISTRATION_TABLE: 'registration-table',
  SUPERVISION_TABLE: 'supervision-table',
  ASSESSMENT_TABLE: 'assessment-table',
} as const;

const { values } = parseArgs({
  options: {
    'registration-table': { type: 'string' },
    'supervision-table': { type: 'string' },
    'assessment-table': { type: 'string' },
    endpoint: { type: 'string' },
    local: { type: 'boolean', default: false },
    'dry-run': { type: 'boolean', default: false },
    'start-after': { type: 'string' },
    'max-records': { type: 'string' },
  },
});

let local: DynamoLocal | undefined;
try {
  const tables: Record<string, string | undefined> = {};
  for (const [env, flag] of Object.entries(TABLES)) tables[env] = values[flag];
  if (values.local) {
    local = await openLocalDatabase();
    for (const env of Object.keys(TABLES)) tables[env] ??= localTable(env);
  } else if (values.endpoint) {
    process.env.AWS_ENDPOINT_URL_DYNAMODB = values.endpoint;
  }
  for (const [env, flag] of Object.entries(TABLES)) {
    const table = tables[env];
    if (!table) throw new SetupError(`Name the table with --${flag} NAME, or use --local.`);
    process.env[env] = table;
  }
  const maxRecords =
    values['max-records'] === undefined ? undefined : Number(values['max-records']);
  if (maxRecords !== undefined && !(Number.isInteger(maxRecords) && maxRecords > 0)) {
    throw new SetupError('--max-records takes a whole number above 0.');
  }
  // The shared client reads its endpoint, and each concern's module its table, when they load.
  const { backfillEvidence } = await import('#functions/assessment/backfill');
  const report = await backfillEvidence({
    registrationTable: process.env.REGISTRATION_TABLE as string,
    dryRun: values['dry-run'],
    startAfter: values['start-after'],
    maxRecords,
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
