import { App, Validations } from 'aws-cdk-lib';
import { writeDivisionSlice } from '../scripts/divisions';
import { writeOpenApiDocument } from '../scripts/openapi-document';
import { ApiStack } from './api-stack';
import { DataStack } from './data-stack';
import { AwsSolutionsChecks, ServerlessChecks } from './nag';
import { OpsStack } from './ops-stack';
import { WebStack } from './web-stack';

export interface BuildOptions {
  outdir?: string;
  context?: Record<string, unknown>;
}

/** The whole app: four stacks per stage (data, web, api, ops), checked by cdk-nag's AwsSolutions and Serverless packs. */
export function buildApp(options: BuildOptions = {}): App {
  const app = new App({ outdir: options.outdir, context: options.context });
  const stage = String(app.node.tryGetContext('stage') ?? 'dev');
  if (!/^[a-z][a-z0-9-]{0,15}$/.test(stage)) {
    throw new Error(
      `Context "stage" must be lower-case letters, digits and dashes: got "${stage}".`,
    );
  }
  const alarmEmail = alarmEmailOf(app);
  const restoredTables = restoredTablesOf(app);
  // Functions bundle the division data of this FIC's jurisdiction only.
  const jurisdiction = String(app.node.tryGetContext('jurisdiction') ?? '371600');
  writeDivisionSlice(jurisdiction);
  // The openapi function serves the document generated here, from the contract it was built with.
  writeOpenApiDocument();

  const prefix = `Fic-${stage}`;
  const data = new DataStack(app, `${prefix}-Data`, { stage, restoredTables });
  const web = new WebStack(app, `${prefix}-Web`, { stage, userPool: data.userPool });
  const api = new ApiStack(app, `${prefix}-Api`, {
    stage,
    jurisdiction,
    tables: data.tables,
    userPool: data.userPool,
    api: web.api,
    userPoolClient: web.consoleClient,
  });
  new OpsStack(app, `${prefix}-Ops`, {
    stage,
    alarmEmail,
    tables: data.tables,
    api: web.api,
    watched: [data, api],
    routeGroups: api.routeGroups,
  });
  Validations.of(app).addPlugins(
    new AwsSolutionsChecks(app, { verbose: true }),
    new ServerlessChecks(app, { verbose: true }),
  );
  return app;
}

/** `-c alarmEmail=ops@example.org`: the address the alarm topic emails (none: no subscription). */
function alarmEmailOf(app: App): string | undefined {
  const value = app.node.tryGetContext('alarmEmail');
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string' || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) {
    throw new Error(`Context "alarmEmail" must be an email address: got "${String(value)}".`);
  }
  return value;
}

const CONCERNS_WITH_TABLES = [
  'registration',
  'ledger',
  'assessment',
  'supervision',
  'rankings',
  'accounts',
];

/**
 * `-c restoredTables=ledger=<table>,registration=<table>`: existing tables (restored from a backup
 * or a point in time) the stage uses instead of its own (docs/runbook.md, the restore drill).
 */
function restoredTablesOf(app: App): Record<string, string> | undefined {
  const value = app.node.tryGetContext('restoredTables');
  if (value === undefined || value === '') return undefined;
  const tables: Record<string, string> = {};
  for (const pair of String(value).split(',')) {
    const [concern = '', name = ''] = pair.split('=').map((part) => part.trim());
    if (!CONCERNS_WITH_TABLES.includes(concern) || !/^[A-Za-z0-9_.-]{3,255}$/.test(name)) {
      throw new Error(
        `Context "restoredTables" takes concern=table pairs (concerns: ${CONCERNS_WITH_TABLES.join(', ')}): got "${pair}".`,
      );
    }
    tables[concern] = name;
  }
  return tables;
}
