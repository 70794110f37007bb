import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '#infra/build';
import { BACKUP_RETENTION, THRESHOLDS } from '#infra/ops-stack';
import { concerns } from '#shared/contract/routes';
import {
  type CfnTemplate,
  cdkContext,
  NO_BUNDLING,
  resolveImports,
  resourcesOfType,
  type Synthesized,
  synthesize,
} from './synth';

/*
 * The operations stack of a stage: every alarm (its metric, threshold, period and the topic it
 * tells), the missing-success alarm of each schedule, the dashboard's widgets, the backup plan,
 * and the email subscription that only an alarmEmail makes.
 */
const STAGE = 'opsci';
let synth: Synthesized;
let ops: CfnTemplate;
let api: CfnTemplate;

beforeAll(() => {
  synth = synthesize({ stage: STAGE, ...NO_BUNDLING });
  ops = synth.templates[`Fic-${STAGE}-Ops`] as CfnTemplate;
  api = synth.templates[`Fic-${STAGE}-Api`] as CfnTemplate;
});
afterAll(() => synth?.dispose());

interface AlarmProps {
  AlarmName: string;
  AlarmDescription: string;
  AlarmActions: unknown[];
  OKActions: unknown[];
  Threshold: number;
  ComparisonOperator: string;
  EvaluationPeriods: number;
  DatapointsToAlarm: number;
  TreatMissingData: string;
  Namespace?: string;
  MetricName?: string;
  Statistic?: string;
  ExtendedStatistic?: string;
  Period?: number;
  Dimensions?: { Name: string; Value: unknown }[];
  Metrics?: {
    Id: string;
    Expression?: string;
    MetricStat?: {
      Metric: {
        Namespace: string;
        MetricName: string;
        Dimensions?: { Name: string; Value: unknown }[];
      };
      Period: number;
      Stat: string;
    };
  }[];
}

const alarms = () =>
  new Map(
    resourcesOfType(ops, 'AWS::CloudWatch::Alarm').map(([, r]) => {
      const props = resolveImports(r.Properties, synth.templates) as AlarmProps;
      return [props.AlarmName.replace(`fic-${STAGE}-`, ''), props];
    }),
  );

function alarm(name: string): AlarmProps {
  const found = alarms().get(name);
  if (!found) throw new Error(`no alarm ${name}; have ${[...alarms().keys()].join(', ')}`);
  return found;
}

/** The properties of the one resource of a type in the Ops template. */
function only<T>(type: string): T {
  const found = resourcesOfType(ops, type);
  expect(found, type).toHaveLength(1);
  return (found[0] as (typeof found)[number])[1].Properties as unknown as T;
}

const topicId = () => resourcesOfType(ops, 'AWS::SNS::Topic')[0]?.[0] as string;
const dims = (d: { Name: string; Value: unknown }[] | undefined) =>
  Object.fromEntries((d ?? []).map(({ Name, Value }) => [Name, Value]));
/** The metrics an alarm reads (itself, or each of its math expression's). */
const metricsOf = (a: AlarmProps) =>
  a.Metrics
    ? a.Metrics.flatMap((m) =>
        m.MetricStat
          ? [
              {
                namespace: m.MetricStat.Metric.Namespace,
                name: m.MetricStat.Metric.MetricName,
                dimensions: dims(m.MetricStat.Metric.Dimensions),
                period: m.MetricStat.Period,
                stat: m.MetricStat.Stat,
              },
            ]
          : [],
      )
    : [
        {
          namespace: a.Namespace,
          name: a.MetricName,
          dimensions: dims(a.Dimensions),
          period: a.Period,
          stat: a.Statistic ?? a.ExtendedStatistic,
        },
      ];

/** The logical id of the Api stack's function whose construct id is `id` (e.g. LedgerAudit). */
const functionId = (id: string) => {
  const found = resourcesOfType(api, 'AWS::Lambda::Function').find(([logicalId]) =>
    logicalId.startsWith(`${id}Function`),
  );
  if (!found) throw new Error(`no function ${id}`);
  return found[0];
};

const JOBS = [
  { name: 'rankings', fn: 'RankingsCompute', service: 'rankings' },
  { name: 'supervision-overdue', fn: 'SupervisionOverdue', service: 'supervision' },
  { name: 'ledger-audit', fn: 'LedgerAudit', service: 'ledger' },
];
const ROUTE_GROUPS = [...Object.keys(concerns), 'fallback'];

describe('the alarm topic', () => {
  it('is one encrypted topic that every alarm tells, going into alarm and coming out of it', () => {
    expect(resourcesOfType(ops, 'AWS::SNS::Topic')).toHaveLength(1);
    const [, topic] = resourcesOfType(ops, 'AWS::SNS::Topic')[0] as [
      string,
      { Properties: Record<string, unknown> },
    ];
    expect(topic.Properties.KmsMasterKeyId).toBeDefined();
    for (const [name, a] of alarms()) {
      expect(a.AlarmActions, name).toEqual([{ Ref: topicId() }]);
      expect(a.OKActions, name).toEqual([{ Ref: topicId() }]);
    }
  });

  it('lets CloudWatch use the topic’s key', () => {
    const [, key] = resourcesOfType(ops, 'AWS::KMS::Key')[0] as [
      string,
      { Properties: Record<string, unknown> },
    ];
    expect(JSON.stringify(key.Properties.KeyPolicy)).toContain('cloudwatch.amazonaws.com');
    expect(key.Properties.EnableKeyRotation).toBe(true);
  });

  it('has no subscription without alarmEmail', () => {
    expect(resourcesOfType(ops, 'AWS::SNS::Subscription')).toEqual([]);
  });

  it('emails the address given as -c alarmEmail=', () => {
    const other = synthesize({ stage: 'opsmail', alarmEmail: 'ops@example.org', ...NO_BUNDLING });
    try {
      const template = other.templates['Fic-opsmail-Ops'] as CfnTemplate;
      const subscriptions = resourcesOfType(template, 'AWS::SNS::Subscription');
      expect(subscriptions.map(([, s]) => [s.Properties.Protocol, s.Properties.Endpoint])).toEqual([
        ['email', 'ops@example.org'],
      ]);
    } finally {
      other.dispose();
    }
  });

  it('refuses an alarmEmail that is not an address', () => {
    const outdir = mkdtempSync(path.join(os.tmpdir(), 'fic-ops-test-'));
    try {
      expect(() =>
        buildApp({ outdir, context: { ...cdkContext(), stage: 'x', alarmEmail: 'ops at fic' } }),
      ).toThrow(/alarmEmail/);
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });
});

describe('alarms', () => {
  it('each have a name after the stage and a description saying what to do, with the runbook', () => {
    expect(alarms().size).toBeGreaterThan(40);
    for (const [name, a] of alarms()) {
      expect(a.AlarmName).toBe(`fic-${STAGE}-${name}`);
      expect(a.AlarmDescription.length, name).toBeGreaterThan(80);
      expect(a.AlarmDescription, name).toMatch(/Runbook: docs\/runbook\.md#[a-z0-9-]+\.$/);
    }
  });

  it.each(JOBS)('watch the $name schedule’s dead-letter queue and its failures', (job) => {
    const dead = alarm(`${job.name}-dead-letters`);
    const [metric] = metricsOf(dead);
    expect(metric).toMatchObject({
      namespace: 'AWS/SQS',
      name: 'ApproximateNumberOfMessagesVisible',
      period: 300,
      stat: 'Maximum',
    });
    expect(dead).toMatchObject({
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
    // The queue is the one its schedule and function dead-letter to.
    const queueName = JSON.stringify(metric?.dimensions.QueueName);
    const schedule = resourcesOfType(api, 'AWS::Scheduler::Schedule').find(([, s]) =>
      JSON.stringify(s.Properties).includes(`\\"schedule\\":\\"${job.name}\\"`),
    );
    if (!schedule) throw new Error(`no schedule ${job.name}`);
    const target = schedule[1].Properties.Target as { DeadLetterConfig: { Arn: unknown } };
    const dlq = JSON.stringify(target.DeadLetterConfig);
    const queueId = /"Fn::GetAtt":\["([^"]+)","Arn"\]/.exec(dlq)?.[1];
    expect(queueName).toContain(queueId);

    const failed = alarm(`${job.name}-failed`);
    expect(metricsOf(failed)[0]).toMatchObject({
      namespace: 'AWS/Lambda',
      name: 'Errors',
      dimensions: { FunctionName: { Ref: functionId(job.fn) } },
      period: 300,
      stat: 'Sum',
    });
    expect(failed.Threshold).toBe(1);
  });

  it.each(JOBS)(
    'raise the $name schedule’s missing success, a run that never came included',
    (job) => {
      const missing = alarm(`${job.name}-no-success`);
      expect(metricsOf(missing)[0]).toEqual({
        namespace: 'FicChambers',
        name: 'JobDuration',
        dimensions: { service: job.service, job: job.name },
        period: 3600,
        stat: 'SampleCount',
      });
      expect(missing).toMatchObject({
        Threshold: 1,
        ComparisonOperator: 'LessThanThreshold',
        EvaluationPeriods: THRESHOLDS.successWindowHours,
        DatapointsToAlarm: THRESHOLDS.successWindowHours,
        TreatMissingData: 'breaching',
      });
    },
  );

  it('watch the API’s 5xx rate and p99 latency', () => {
    const rate = alarm('api-5xx-rate');
    expect(metricsOf(rate).map((m) => [m.namespace, m.name, m.period])).toEqual([
      ['AWS/ApiGateway', '5xx', 300],
      ['AWS/ApiGateway', 'Count', 300],
    ]);
    expect(rate).toMatchObject({
      Threshold: THRESHOLDS.serverErrorPercent,
      ComparisonOperator: 'GreaterThanThreshold',
      EvaluationPeriods: 3,
      DatapointsToAlarm: 2,
    });
    const latency = alarm('api-p99-latency');
    expect(metricsOf(latency)[0]).toMatchObject({
      namespace: 'AWS/ApiGateway',
      name: 'Latency',
      period: 300,
      stat: 'p99',
    });
    expect(latency.Threshold).toBe(THRESHOLDS.p99LatencyMs);
  });

  it.each(ROUTE_GROUPS)('watch the %s route group’s 5xx rate and p99 latency', (group) => {
    const rate = alarm(`${group}-5xx-rate`);
    expect(
      metricsOf(rate)
        .map((m) => [m.namespace, m.name, m.dimensions.service, m.period, m.stat])
        .sort(),
    ).toEqual(
      ['ClientErrors', 'Faults', 'Requests'].map((name) => [
        'FicChambers',
        name,
        group,
        300,
        'Sum',
      ]),
    );
    expect(rate.Threshold).toBe(THRESHOLDS.serverErrorPercent);
    const latency = alarm(`${group}-p99-latency`);
    const [duration] = metricsOf(latency);
    expect(duration).toMatchObject({ namespace: 'AWS/Lambda', name: 'Duration', stat: 'p99' });
    // The function of that group: its service name is the group.
    const fnRef = duration?.dimensions.FunctionName as { Ref: string } | undefined;
    const environment = api.Resources[fnRef?.Ref ?? '']?.Properties?.Environment as
      | { Variables: Record<string, string> }
      | undefined;
    expect(environment?.Variables.POWERTOOLS_SERVICE_NAME).toBe(group);
    expect(latency.Threshold).toBe(THRESHOLDS.p99LatencyMs);
  });

  it('watch every function’s throttles, and the errors of every function that is not a job', () => {
    const names = [...alarms().keys()];
    const functions = resourcesOfType(api, 'AWS::Lambda::Function')
      .map(([id]) => /^(.+?)Function[0-9A-F]{8}$/.exec(id)?.[1])
      .filter((id): id is string => id !== undefined);
    expect(functions).toContain('LedgerAudit');
    for (const fn of functions) {
      expect(names).toContain(`${fn}-throttles`);
      const job = JOBS.some((j) => j.fn === fn);
      expect(names.includes(`${fn}-errors`), fn).toBe(!job);
    }
    // The token trigger lives in the Data stack, and is watched too.
    expect(names).toContain('AccountsToken-errors');
    const errors = alarm('Ledger-errors');
    expect(metricsOf(errors)[0]).toMatchObject({
      namespace: 'AWS/Lambda',
      name: 'Errors',
      period: 300,
    });
  });

  it('watch every table’s throttled requests and system errors', () => {
    for (const table of [
      'registration',
      'ledger',
      'assessment',
      'supervision',
      'rankings',
      'accounts',
    ]) {
      const throttles = metricsOf(alarm(`${table}-table-throttles`));
      expect(throttles.map((m) => m.name).sort()).toEqual([
        'ReadThrottleEvents',
        'WriteThrottleEvents',
      ]);
      const errors = metricsOf(alarm(`${table}-table-system-errors`));
      expect(errors.every((m) => m.namespace === 'AWS/DynamoDB' && m.name === 'SystemErrors')).toBe(
        true,
      );
      expect(errors.map((m) => m.dimensions.Operation)).toContain('TransactWriteItems');
      // An alarm's math may read 10 metrics at most.
      expect(errors.length).toBeLessThanOrEqual(10);
    }
  });

  it('tell of a ledger audit finding, and hold until the next run', () => {
    const findings = alarm('ledger-audit-findings');
    expect(metricsOf(findings)[0]).toEqual({
      namespace: 'FicChambers',
      name: 'AuditFindings',
      dimensions: { service: 'ledger', job: 'ledger-audit' },
      period: 3600,
      stat: 'Maximum',
    });
    expect(findings).toMatchObject({
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'ignore',
    });
  });
});

describe('the dashboard', () => {
  it('shows requests, errors and latency per route group, schedules, ledger writes, DLQs and the audit', () => {
    const dashboard = only<{ DashboardName: string; DashboardBody: unknown }>(
      'AWS::CloudWatch::Dashboard',
    );
    expect(dashboard.DashboardName).toBe(`fic-${STAGE}`);
    // The body is a JSON text joined around references: read its literal parts.
    const text = JSON.stringify(dashboard.DashboardBody).replace(/\\"/g, '"');
    const titles = [...text.matchAll(/"title":"([^"]+)"/g)].map((m) => m[1]);
    expect(titles).toEqual(
      expect.arrayContaining([
        'Alarms',
        'Requests by route group (answered)',
        '5xx by route group',
        'p99 duration by route group (ms)',
        'Schedule runs (successful, per hour)',
        'Schedule durations (ms)',
        'Ledger writes and lost races',
        'Ledger table transaction conflicts',
        'Dead-letter queues (messages)',
        'Ledger audit findings',
      ]),
    );
    for (const group of ROUTE_GROUPS) expect(text).toContain(`"service","${group}"`);
    for (const job of JOBS) expect(text).toContain(`"job","${job.name}"`);
    for (const metric of ['LedgerAppends', 'LedgerRetries', 'TransactionConflict', 'AuditFindings'])
      expect(text).toContain(`"${metric}"`);
  });
});

describe('backups', () => {
  it('back up every table daily and monthly, kept for the stated days, in a retained vault', () => {
    const plan = only<{
      BackupPlan: {
        BackupPlanRule: { RuleName: string; Lifecycle: { DeleteAfterDays: number } }[];
      };
    }>('AWS::Backup::BackupPlan');
    expect(
      plan.BackupPlan.BackupPlanRule.map((r) => [r.RuleName, r.Lifecycle.DeleteAfterDays]),
    ).toEqual([
      ['Daily', BACKUP_RETENTION.dailyDays],
      ['Monthly', BACKUP_RETENTION.monthlyDays],
    ]);
    const [, vault] = resourcesOfType(ops, 'AWS::Backup::BackupVault')[0] as [
      string,
      { DeletionPolicy?: string },
    ];
    expect(vault.DeletionPolicy).toBe('Retain');

    const selection = only<{ BackupSelection: { Resources: unknown[] } }>(
      'AWS::Backup::BackupSelection',
    );
    const resources = JSON.stringify(
      resolveImports(selection.BackupSelection.Resources, synth.templates),
    );
    const data = synth.templates[`Fic-${STAGE}-Data`] as CfnTemplate;
    const tables = resourcesOfType(data, 'AWS::DynamoDB::GlobalTable').map(([id]) => id);
    expect(tables).toHaveLength(6);
    for (const table of tables) expect(resources).toContain(`"${table}"`);
  });

  it('leaves point-in-time recovery on every table', () => {
    const data = synth.templates[`Fic-${STAGE}-Data`] as CfnTemplate;
    for (const [, table] of resourcesOfType(data, 'AWS::DynamoDB::GlobalTable')) {
      expect(JSON.stringify(table.Properties)).toContain('"PointInTimeRecoveryEnabled":true');
    }
  });
});

describe('the restore drill', () => {
  it('points a stage at restored tables: its functions use them, its Data stack creates none of them', () => {
    const drill = synthesize({
      stage: 'drill',
      restoredTables: 'ledger=fic-prod-ledger-drill,registration=fic-prod-registration-drill',
      ...NO_BUNDLING,
    });
    try {
      const data = drill.templates['Fic-drill-Data'] as CfnTemplate;
      expect(resourcesOfType(data, 'AWS::DynamoDB::GlobalTable')).toHaveLength(4);
      const drillApi = drill.templates['Fic-drill-Api'] as CfnTemplate;
      const audit = resourcesOfType(drillApi, 'AWS::Lambda::Function').find(([id]) =>
        id.startsWith('LedgerAuditFunction'),
      );
      if (!audit) throw new Error('no LedgerAudit function');
      const { Variables: variables } = audit[1].Properties.Environment as {
        Variables: Record<string, unknown>;
      };
      expect(variables.LEDGER_TABLE).toBe('fic-prod-ledger-drill');
      expect(variables.REGISTRATION_TABLE).toBe('fic-prod-registration-drill');
      const policies = JSON.stringify(resourcesOfType(drillApi, 'AWS::IAM::Policy'));
      expect(policies).toContain(':table/fic-prod-ledger-drill');
      const backups = JSON.stringify(
        resourcesOfType(
          drill.templates['Fic-drill-Ops'] as CfnTemplate,
          'AWS::Backup::BackupSelection',
        ),
      );
      expect(backups).toContain(':table/fic-prod-ledger-drill');
    } finally {
      drill.dispose();
    }
  });

  it.each(['ledger', 'wallet=fic-x', 'ledger=a b'])('refuses restoredTables=%s', (value) => {
    const outdir = mkdtempSync(path.join(os.tmpdir(), 'fic-ops-test-'));
    try {
      expect(() =>
        buildApp({ outdir, context: { ...cdkContext(), stage: 'x', restoredTables: value } }),
      ).toThrow(/restoredTables/);
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });
});
