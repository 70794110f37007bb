import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import {
  Architecture,
  type CfnFunction,
  LoggingFormat,
  Runtime,
  Tracing,
} from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { Charset, LogLevel, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { CITY_FILES } from '../../scripts/divisions';
import { acknowledge } from '../nag';
import type { ConcernTable } from './concern-table';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SHIP_DIVISIONS = path.join(root, 'infra', 'constructs', 'ship-divisions.mjs');

export interface ConcernFunctionProps {
  /** e.g. "registration": the handler is functions/<concern>/<file>.ts */
  concern: string;
  file?: string;
  /** Another entry file (the benchmarks' baseline handler); default functions/<concern>/<file>.ts. */
  entry?: string;
  memorySize?: number;
  timeout?: Duration;
  environment?: Record<string, string>;
}

/**
 * "A concern's function", with the house defaults fixed once: Node 24 on arm64, an ESM bundle
 * built by esbuild with the AWS SDK inside (so every deploy pins its SDK), JSON logs kept a
 * month, X-Ray tracing, and tables bound explicitly, read or write, least privilege.
 */
export class ConcernFunction extends Construct {
  readonly fn: NodejsFunction;
  /** Its concern: the `service` dimension of its metrics. */
  readonly concern: string;

  constructor(scope: Construct, id: string, props: ConcernFunctionProps) {
    super(scope, id);
    this.concern = props.concern;
    const logGroup = new LogGroup(this, 'Logs', {
      retention: RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.fn = new NodejsFunction(this, 'Function', {
      entry:
        props.entry ?? path.join(root, 'functions', props.concern, `${props.file ?? 'handler'}.ts`),
      handler: 'handler',
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(10),
      tracing: Tracing.ACTIVE,
      logGroup,
      loggingFormat: LoggingFormat.JSON,
      projectRoot: root,
      depsLockFilePath: path.join(root, 'package-lock.json'),
      environment: {
        POWERTOOLS_SERVICE_NAME: props.concern,
        POWERTOOLS_METRICS_NAMESPACE: 'FicChambers',
        ...props.environment,
      },
      bundling: {
        format: OutputFormat.ESM,
        target: 'node24',
        platform: 'node',
        minify: true,
        sourceMap: false,
        // Warnings and errors only: sizes are `npm run sizes`' and the benchmark's to report.
        logLevel: LogLevel.WARNING,
        bundleAwsSDK: true,
        charset: Charset.UTF8,
        mainFields: ['module', 'main'],
        esbuildArgs: {
          // See shared/db/lambda-credentials.ts: Lambda supplies credentials in the environment.
          '--alias:@aws-sdk/credential-provider-node': './shared/db/lambda-credentials.ts',
          // fic-lambda: package.json's "imports" give a function the division data it reads on
          // demand from files beside its bundle (shared/regions/division-data.lambda.ts). A
          // custom condition turns esbuild's own "module" off, so it is named again.
          '--conditions': 'fic-lambda,module',
        },
        // Those files: the jurisdiction's, copied beside a bundle that reads them.
        commandHooks: {
          beforeBundling: () => [],
          beforeInstall: () => [],
          afterBundling: (_inputDir: string, outputDir: string) => [
            [process.execPath, SHIP_DIVISIONS, outputDir, CITY_FILES]
              .map((arg) => JSON.stringify(arg))
              .join(' '),
          ],
        },
        // Some CommonJS dependencies call require(); an ESM bundle has to provide it.
        banner:
          "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);",
      },
    });
    acknowledge(this.fn, {
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]':
        'AWSLambdaBasicExecutionRole grants only CloudWatch Logs writes; it is the AWS-maintained minimum for a Lambda function.',
      'AwsSolutions-IAM5[Resource::*]':
        'X-Ray PutTraceSegments/PutTelemetryRecords do not support resource-level permissions, so active tracing needs Resource "*".',
    });
  }

  /**
   * Sends the function's failed asynchronous invocations (scheduled functions) to a queue, both
   * as its dead-letter queue and as its on-failure destination.
   */
  useDeadLetterQueue(queue: IQueue): this {
    const cfn = this.fn.node.defaultChild as CfnFunction;
    cfn.deadLetterConfig = { targetArn: queue.queueArn };
    queue.grantSendMessages(this.fn);
    // Also as the failure destination, which records why the last attempt failed.
    this.fn.configureAsyncInvoke({ retryAttempts: 2, onFailure: new SqsDestination(queue) });
    return this;
  }

  /**
   * Lets this function read, or read and write, a table (and query its named indexes), and
   * tells it the table's name. Actions and resources are listed, never wildcarded.
   */
  bindTable(table: ConcernTable, access: 'read' | 'write'): this {
    this.fn.addToRolePolicy(
      new PolicyStatement({
        actions: access === 'write' ? [...READ, ...WRITE] : READ,
        resources: [
          table.table.tableArn,
          ...table.indexNames.map((index) => `${table.table.tableArn}/index/${index}`),
        ],
      }),
    );
    this.fn.addEnvironment(table.envName, table.table.tableName);
    return this;
  }
}

const READ = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:ConditionCheckItem',
  'dynamodb:DescribeTable',
];
const WRITE = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
];
