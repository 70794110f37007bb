import { type CfnElement, Duration, Stack, TimeZone } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import {
  type CronOptionsWithTimezone,
  Schedule,
  ScheduleExpression,
  ScheduleTargetInput,
} from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { acknowledge } from '../nag';
import type { ConcernFunction } from './concern-function';

export interface ScheduledJobProps {
  /** The job's name, sent as `{ "schedule": name }`: how the function and the local runtime know it. */
  name: string;
  fn: ConcernFunction;
  /** When it runs, in Asia/Shanghai time (the time the FIC's people live by). */
  cron: Omit<CronOptionsWithTimezone, 'timeZone'>;
}

/**
 * A function run on a schedule by EventBridge Scheduler: Asia/Shanghai time, retried, and with a
 * dead-letter queue both for deliveries the scheduler gives up on and for failed asynchronous
 * invocations of the function itself. Nothing fails silently.
 */
export class ScheduledJob extends Construct {
  readonly deadLetters: Queue;
  readonly name: string;
  readonly fn: ConcernFunction;

  constructor(scope: Construct, id: string, props: ScheduledJobProps) {
    super(scope, id);
    this.name = props.name;
    this.fn = props.fn;
    this.deadLetters = new Queue(this, 'DeadLetters', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    acknowledge(this.deadLetters, {
      'Serverless-SQSRedrivePolicy':
        'A redrive policy sends a queue’s failed messages to a dead-letter queue; this queue is that last stop, read by people.',
    });
    props.fn.useDeadLetterQueue(this.deadLetters);
    // The scheduler's own role, so the acknowledgement below sits on the construct it is about.
    const role = new Role(this, 'InvokeRole', {
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
    });
    const fnId = Stack.of(this).getLogicalId(props.fn.fn.node.defaultChild as CfnElement);
    acknowledge(role, {
      [`AwsSolutions-IAM5[Resource::<${fnId}.Arn>:*]`]:
        'lambda:InvokeFunction on this one function and its versions (arn:*), as Function.grantInvoke grants it; no other function.',
    });
    new Schedule(this, 'Schedule', {
      description: `Runs ${props.name}`,
      schedule: ScheduleExpression.cron({ ...props.cron, timeZone: TimeZone.ASIA_SHANGHAI }),
      target: new LambdaInvoke(props.fn.fn, {
        role,
        input: ScheduleTargetInput.fromObject({ schedule: props.name }),
        retryAttempts: 3,
        maxEventAge: Duration.hours(6),
        deadLetterQueue: this.deadLetters,
      }),
    });
  }
}
