import type { Runtime } from '#infra/local/runtime';

/**
 * The project's own modules loaded in this process, configured as the template configures the
 * functions (every function's environment, resolved to the local tables), against the runtime's
 * DynamoDB Local: for counting requests and for the direct-SDK baselines.
 */
export async function inProcess(runtime: Runtime) {
  for (const host of runtime.hosts.values()) Object.assign(process.env, host.fn.environment);
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_DYNAMODB: runtime.dynamoEndpoint,
    AWS_REGION: 'local',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    POWERTOOLS_LOG_LEVEL: 'ERROR',
    POWERTOOLS_METRICS_DISABLED: 'true',
  });
  const [{ dynamo }, ledger, ledgerOperations, rankings, assessment, audit] = await Promise.all([
    import('#shared/db/client'),
    import('#functions/ledger/handler'),
    import('#functions/ledger/operations'),
    import('#functions/rankings/compute'),
    import('#functions/assessment/handler'),
    import('#functions/ledger/audit'),
  ]);
  return {
    dynamo,
    ledgerHandler: ledger.handler,
    assessmentHandler: assessment.handler,
    ledgerOperations: ledgerOperations.operations,
    computeRankings: rankings.computeRankings,
    auditLedger: audit.auditLedger,
    tables: {
      registration: process.env.REGISTRATION_TABLE as string,
      ledger: process.env.LEDGER_TABLE as string,
    },
  };
}
export type InProcess = Awaited<ReturnType<typeof inProcess>>;
