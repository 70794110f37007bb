import { Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { BackupPlan, BackupPlanRule, BackupResource, BackupVault } from 'aws-cdk-lib/aws-backup';
import {
  Alarm,
  AlarmStatusWidget,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  type IMetric,
  MathExpression,
  Metric,
  TextWidget,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Operation } from 'aws-cdk-lib/aws-dynamodb';
import { Schedule } from 'aws-cdk-lib/aws-events';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Construct } from 'constructs';
import { ConcernFunction } from './constructs/concern-function';
import type { ConcernTable } from './constructs/concern-table';
import { ScheduledJob } from './constructs/scheduled-job';
import { acknowledge } from './nag';

/** The namespace the functions' Powertools metrics go to (ConcernFunction sets it). */
export const METRICS_NAMESPACE = 'FicChambers';

/** How far the alarms look, and what they tolerate (docs/runbook.md says why). */
export const THRESHOLDS = {
  /** Per cent of a route group's (or the API's) answers that are 5xx, two 5-minute periods of three. */
  serverErrorPercent: 1,
  /** p99 of a route group's function duration, and of the API's latency, three 5-minute periods running. */
  p99LatencyMs: 3_000,
  /** A daily job must have succeeded within this many hours. */
  successWindowHours: 26,
} as const;

/** AWS Backup: a daily and a monthly recovery point of every table, kept this long. */
export const BACKUP_RETENTION = { dailyDays: 35, monthlyDays: 365 } as const;

/** The DynamoDB operations the functions use: their system errors are summed per table. */
const TABLE_OPERATIONS = [
  Operation.GET_ITEM,
  Operation.BATCH_GET_ITEM,
  Operation.QUERY,
  Operation.PUT_ITEM,
  Operation.UPDATE_ITEM,
  Operation.DELETE_ITEM,
  Operation.BATCH_WRITE_ITEM,
  Operation.TRANSACT_WRITE_ITEMS,
];

export interface OpsStackProps extends StackProps {
  stage: string;
  /** Subscribed to the alarm topic when given (`cdk deploy -c alarmEmail=ops@example.org`). */
  alarmEmail?: string | undefined;
  tables: Record<string, ConcernTable>;
  api: HttpApi;
  /** The stacks whose functions and scheduled jobs are watched. */
  watched: Stack[];
  /** Each route group (a concern's routes, and `fallback` for the $default route) and its function. */
  routeGroups: { name: string; fn: ConcernFunction }[];
}

/**
 * What tells a person something is wrong, per stage: alarms (each named and described: what it
 * means, what to do, docs/runbook.md) sent to one SNS topic, a dashboard, and AWS Backup of every
 * table beside point-in-time recovery.
 */
export class OpsStack extends Stack {
  readonly topic: Topic;
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: OpsStackProps) {
    super(scope, id, props);
    const { stage } = props;
    const functions = props.watched.flatMap((s) =>
      s.node.findAll().filter((c): c is ConcernFunction => c instanceof ConcernFunction),
    );
    const jobs = props.watched.flatMap((s) =>
      s.node.findAll().filter((c): c is ScheduledJob => c instanceof ScheduledJob),
    );

    // Alarms publish to an encrypted topic: CloudWatch must be able to use its key.
    const key = new Key(this, 'AlarmsKey', {
      description: `Encrypts the FIC chambers ${stage} alarm topic`,
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    key.grant(
      new ServicePrincipal('cloudwatch.amazonaws.com'),
      'kms:Decrypt',
      'kms:GenerateDataKey*',
    );
    this.topic = new Topic(this, 'Alarms', {
      displayName: `FIC chambers ${stage} alarms`,
      masterKey: key,
      enforceSSL: true,
    });
    if (props.alarmEmail) {
      this.topic.addSubscription(new EmailSubscription(props.alarmEmail));
      acknowledge(this.topic.node.findChild(props.alarmEmail), {
        'Serverless-SNSRedrivePolicy':
          'An email that cannot be delivered loses nothing: every alarm keeps its state and history in CloudWatch and on the dashboard, and SNS retries the delivery itself.',
      });
    }
    const action = new SnsAction(this.topic);

    const alarm = (
      name: string,
      metric: IMetric,
      options: {
        threshold: number;
        comparison?: ComparisonOperator;
        evaluationPeriods?: number;
        datapointsToAlarm?: number;
        missing?: TreatMissingData;
        description: string;
      },
    ): Alarm => {
      const created = new Alarm(this, `Alarm-${name}`, {
        alarmName: `fic-${stage}-${name}`,
        alarmDescription: options.description,
        metric,
        threshold: options.threshold,
        comparisonOperator:
          options.comparison ?? ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: options.evaluationPeriods ?? 1,
        datapointsToAlarm: options.datapointsToAlarm ?? options.evaluationPeriods ?? 1,
        treatMissingData: options.missing ?? TreatMissingData.NOT_BREACHING,
      });
      // The same address hears when it is over.
      created.addAlarmAction(action);
      created.addOkAction(action);
      this.alarms.push(created);
      return created;
    };
    const fiveMinutes = Duration.minutes(5);
    const runbook = (anchor: string) => `Runbook: docs/runbook.md#${anchor}.`;

    // Scheduled jobs: a failure, a dead letter, and a success that did not come.
    for (const job of jobs) {
      alarm(
        `${job.name}-dead-letters`,
        job.deadLetters.metricApproximateNumberOfMessagesVisible({
          period: fiveMinutes,
          statistic: 'Maximum',
        }),
        {
          threshold: 1,
          description: `A run of the ${job.name} schedule was given up on (delivery or every retry failed) and waits in its dead-letter queue. Read the message and the function's log, fix the cause, re-run the schedule, then purge the queue. ${runbook('dead-letters')}`,
        },
      );
      alarm(
        `${job.name}-failed`,
        job.fn.fn.metricErrors({ period: fiveMinutes, statistic: 'Sum' }),
        {
          threshold: 1,
          description: `A run of the ${job.name} schedule failed (it is retried, then dead-lettered). Find the error in its log group; the data it publishes is yesterday's until a run succeeds. ${runbook('a-schedule-failed')}`,
        },
      );
      alarm(`${job.name}-no-success`, jobSuccesses(job), {
        threshold: 1,
        comparison: ComparisonOperator.LESS_THAN_THRESHOLD,
        evaluationPeriods: THRESHOLDS.successWindowHours,
        // No run at all is the failure this alarm is for.
        missing: TreatMissingData.BREACHING,
        description: `The ${job.name} schedule has not finished successfully for ${THRESHOLDS.successWindowHours} hours: it failed, or it never ran (schedule disabled or deleted, permissions). Check the schedule in EventBridge Scheduler and the function's log, then re-run it. ${runbook('a-schedule-did-not-succeed')}`,
      });
    }

    // The API as a whole (API Gateway's own 5xx include timeouts and integration failures).
    const api = props.api;
    alarm(
      'api-5xx-rate',
      new MathExpression({
        expression: 'IF(requests > 0, 100 * FILL(errors, 0) / requests, 0)',
        usingMetrics: {
          errors: api.metricServerError({ period: fiveMinutes, statistic: 'Sum' }),
          requests: api.metricCount({ period: fiveMinutes, statistic: 'Sum' }),
        },
        label: 'API 5xx %',
        period: fiveMinutes,
      }),
      {
        threshold: THRESHOLDS.serverErrorPercent,
        comparison: ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 3,
        datapointsToAlarm: 2,
        description: `More than ${THRESHOLDS.serverErrorPercent}% of the API's answers were 5xx in two of the last three 5-minute periods (API Gateway's count: function errors, timeouts, throttling). See which route group alarms too, then its function's log. ${runbook('api-5xx')}`,
      },
    );
    alarm('api-p99-latency', api.metricLatency({ period: fiveMinutes, statistic: 'p99' }), {
      threshold: THRESHOLDS.p99LatencyMs,
      comparison: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 3,
      description: `The API's p99 latency has been above ${THRESHOLDS.p99LatencyMs} ms for 15 minutes. See which route group's latency alarms too; look for DynamoDB throttling and cold starts. ${runbook('slow-answers')}`,
    });

    // Each route group: its share of 5xx (its function's own count) and its p99.
    for (const { name, fn } of props.routeGroups) {
      alarm(`${name}-5xx-rate`, routeGroupErrorRate(name), {
        threshold: THRESHOLDS.serverErrorPercent,
        comparison: ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 3,
        datapointsToAlarm: 2,
        description: `More than ${THRESHOLDS.serverErrorPercent}% of the ${name} routes' answers were 5xx in two of the last three 5-minute periods. Search the function's log for "request failed" (each has its request id). ${runbook('api-5xx')}`,
      });
      alarm(
        `${name}-p99-latency`,
        fn.fn.metricDuration({ period: fiveMinutes, statistic: 'p99' }),
        {
          threshold: THRESHOLDS.p99LatencyMs,
          comparison: ComparisonOperator.GREATER_THAN_THRESHOLD,
          evaluationPeriods: 3,
          description: `The ${name} function's p99 duration has been above ${THRESHOLDS.p99LatencyMs} ms for 15 minutes. Look at its traces (X-Ray) and its tables' throttling. ${runbook('slow-answers')}`,
        },
      );
    }

    // Every function: errors (a crash or a timeout; a job's are its "failed" alarm) and throttles.
    const jobFunctions = new Set(jobs.map((job) => job.fn));
    for (const fn of functions) {
      const label = functionLabel(fn);
      if (!jobFunctions.has(fn)) {
        alarm(`${label}-errors`, fn.fn.metricErrors({ period: fiveMinutes, statistic: 'Sum' }), {
          threshold: 1,
          description: `The ${label} function failed (an uncaught error or a timeout, not an answered 4xx/5xx). Its log group has the error. ${runbook('function-errors')}`,
        });
      }
      alarm(
        `${label}-throttles`,
        fn.fn.metricThrottles({ period: fiveMinutes, statistic: 'Sum' }),
        {
          threshold: 1,
          description: `Lambda refused to run the ${label} function (account or function concurrency exhausted). Check the account's concurrency and what is using it. ${runbook('throttles')}`,
        },
      );
    }

    // Every table: throttled requests and DynamoDB's own errors.
    for (const [name, { table }] of Object.entries(props.tables)) {
      alarm(
        `${name}-table-throttles`,
        new MathExpression({
          expression: 'reads + writes',
          usingMetrics: {
            reads: table.metric('ReadThrottleEvents', { period: fiveMinutes, statistic: 'Sum' }),
            writes: table.metric('WriteThrottleEvents', { period: fiveMinutes, statistic: 'Sum' }),
          },
          label: `${name} throttled`,
          period: fiveMinutes,
        }),
        {
          threshold: 1,
          description: `DynamoDB throttled requests to the ${name} table (a hot partition, or the account's on-demand limits). Writes were retried; clients may have had 503s. ${runbook('dynamodb')}`,
        },
      );
      alarm(
        `${name}-table-system-errors`,
        table.metricSystemErrorsForOperations({
          operations: TABLE_OPERATIONS,
          period: fiveMinutes,
          statistic: 'Sum',
        }),
        {
          threshold: 1,
          description: `DynamoDB answered requests to the ${name} table with internal errors (500). Usually AWS's side: check the AWS Health Dashboard. ${runbook('dynamodb')}`,
        },
      );
    }

    // The nightly audit: a chain that does not verify, totals that do not add up.
    alarm('ledger-audit-findings', auditFindings(), {
      threshold: 1,
      // The state holds until the next night's run says otherwise.
      missing: TreatMissingData.IGNORE,
      description: `The nightly ledger audit found a hash chain that does not verify or totals that do not match the entries. GET /v1/ledger/audits/latest (or the console's audit card) names the chamber and the first bad seq; the log line "ledger audit finding" too. Treat it as an incident: do not edit the ledger. ${runbook('ledger-audit-findings')}`,
    });

    this.addDashboard(stage, props, functions, jobs);
    this.addBackups(stage, props.tables);
  }

  private addDashboard(
    stage: string,
    props: OpsStackProps,
    functions: ConcernFunction[],
    jobs: ScheduledJob[],
  ): void {
    const period = Duration.minutes(5);
    const perGroup = (metric: string, statistic: string) =>
      props.routeGroups.map(
        ({ name }) =>
          new Metric({
            namespace: METRICS_NAMESPACE,
            metricName: metric,
            dimensionsMap: { service: name },
            statistic,
            period,
            label: name,
          }),
      );
    const perJob = (metric: string, statistic: string) =>
      jobs.map((job) => jobMetric(job, metric, statistic, Duration.hours(1)));
    const ledger = (metric: string) =>
      new Metric({
        namespace: METRICS_NAMESPACE,
        metricName: metric,
        dimensionsMap: { service: 'ledger' },
        statistic: 'Sum',
        period,
        label: metric,
      });
    const graph = (title: string, left: IMetric[], width = 8) =>
      new GraphWidget({ title, left, width, height: 6 });

    new Dashboard(this, 'Dashboard', {
      dashboardName: `fic-${stage}`,
      widgets: [
        [
          new TextWidget({
            markdown: `# FIC chambers (${stage})\nAlarms go to the SNS topic of this stage. What each means and what to do: docs/runbook.md.`,
            width: 24,
            height: 2,
          }),
        ],
        [new AlarmStatusWidget({ title: 'Alarms', alarms: this.alarms, width: 24, height: 6 })],
        [
          graph('Requests by route group (answered)', perGroup('Requests', 'Sum')),
          graph('5xx by route group', perGroup('Faults', 'Sum')),
          graph(
            'p99 duration by route group (ms)',
            props.routeGroups.map(({ name, fn }) =>
              fn.fn.metricDuration({ period, statistic: 'p99', label: name }),
            ),
          ),
        ],
        [
          graph('4xx by route group', perGroup('ClientErrors', 'Sum')),
          graph('API requests, 4xx, 5xx', [
            props.api.metricCount({ period, statistic: 'Sum' }),
            props.api.metricClientError({ period, statistic: 'Sum' }),
            props.api.metricServerError({ period, statistic: 'Sum' }),
          ]),
          graph('API latency p99 (ms)', [props.api.metricLatency({ period, statistic: 'p99' })]),
        ],
        [
          graph('Schedule runs (successful, per hour)', perJob('JobDuration', 'SampleCount')),
          graph('Schedule durations (ms)', perJob('JobDuration', 'Maximum')),
          graph('Schedule items read', perJob('ItemsRead', 'Sum')),
        ],
        [
          graph('Ledger writes and lost races', [ledger('LedgerAppends'), ledger('LedgerRetries')]),
          graph('Ledger table transaction conflicts', [
            props.tables.ledger?.table.metric('TransactionConflict', {
              period,
              statistic: 'Sum',
            }) as IMetric,
          ]),
          graph(
            'Dead-letter queues (messages)',
            jobs.map((job) =>
              job.deadLetters.metricApproximateNumberOfMessagesVisible({
                period,
                statistic: 'Maximum',
                label: job.name,
              }),
            ),
          ),
        ],
        [
          graph('Ledger audit findings', [auditFindings()], 12),
          graph(
            'Ledger audit entries read',
            [jobMetric(audit(jobs), 'AuditEntriesRead', 'Maximum', Duration.hours(1))],
            12,
          ),
        ],
        [
          graph(
            'Function errors',
            functions.map((fn) =>
              fn.fn.metricErrors({ period, statistic: 'Sum', label: functionLabel(fn) }),
            ),
            12,
          ),
          graph(
            'Function throttles',
            functions.map((fn) =>
              fn.fn.metricThrottles({ period, statistic: 'Sum', label: functionLabel(fn) }),
            ),
            12,
          ),
        ],
      ],
    });
  }

  /**
   * A daily and a monthly recovery point of every table, in a vault that outlives the stack,
   * beside each table's point-in-time recovery (any second of the last 35 days).
   */
  private addBackups(stage: string, tables: Record<string, ConcernTable>): void {
    const vault = new BackupVault(this, 'Vault', {
      backupVaultName: `fic-${stage}`,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const plan = new BackupPlan(this, 'Backups', {
      backupPlanName: `fic-${stage}-tables`,
      backupVault: vault,
      backupPlanRules: [
        new BackupPlanRule({
          ruleName: 'Daily',
          // 04:00 Asia/Shanghai, after the nightly jobs.
          scheduleExpression: Schedule.cron({ minute: '0', hour: '20' }),
          deleteAfter: Duration.days(BACKUP_RETENTION.dailyDays),
        }),
        new BackupPlanRule({
          ruleName: 'Monthly',
          scheduleExpression: Schedule.cron({ day: '1', minute: '0', hour: '20' }),
          deleteAfter: Duration.days(BACKUP_RETENTION.monthlyDays),
        }),
      ],
    });
    const selection = plan.addSelection('Tables', {
      resources: Object.values(tables).map((t) => BackupResource.fromArn(t.table.tableArn)),
    });
    acknowledge(selection, {
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup]':
        'AWS Backup assumes this role to back up the selected tables; the AWS-maintained backup policy is what the service documents for it.',
    });
  }
}

/** A job's own metric (Powertools: dimensions service and job). */
function jobMetric(job: ScheduledJob, metric: string, statistic: string, period: Duration) {
  return new Metric({
    namespace: METRICS_NAMESPACE,
    metricName: metric,
    dimensionsMap: { service: job.fn.concern, job: job.name },
    statistic,
    period,
    label: job.name,
  });
}

/** One datapoint per successful run: jobHandler records JobDuration only when a run finished. */
function jobSuccesses(job: ScheduledJob): Metric {
  return jobMetric(job, 'JobDuration', 'SampleCount', Duration.hours(1));
}

function audit(jobs: ScheduledJob[]): ScheduledJob {
  const found = jobs.find((job) => job.name === 'ledger-audit');
  if (!found) throw new Error('No ledger-audit schedule to watch.');
  return found;
}

function auditFindings(): Metric {
  return new Metric({
    namespace: METRICS_NAMESPACE,
    metricName: 'AuditFindings',
    dimensionsMap: { service: 'ledger', job: 'ledger-audit' },
    statistic: 'Maximum',
    period: Duration.hours(1),
    label: 'findings',
  });
}

/** 5xx as a per cent of every answer of a route group (its function's own counts). */
function routeGroupErrorRate(name: string): MathExpression {
  const count = (metricName: string) =>
    new Metric({
      namespace: METRICS_NAMESPACE,
      metricName,
      dimensionsMap: { service: name },
      statistic: 'Sum',
      period: Duration.minutes(5),
    });
  return new MathExpression({
    // A group with no traffic in a period is at 0%, not missing.
    expression:
      'IF((FILL(ok, 0) + FILL(rejected, 0) + FILL(faults, 0)) > 0, 100 * FILL(faults, 0) / (FILL(ok, 0) + FILL(rejected, 0) + FILL(faults, 0)), 0)',
    usingMetrics: {
      faults: count('Faults'),
      ok: count('Requests'),
      rejected: count('ClientErrors'),
    },
    label: `${name} 5xx %`,
    period: Duration.minutes(5),
  });
}

/** "Ledger", "LedgerAudit", "RankingsCompute": the construct id, unique per stack. */
const functionLabel = (fn: ConcernFunction) => fn.node.id;
