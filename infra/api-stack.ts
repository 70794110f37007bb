import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  CorsHttpMethod,
  HttpApi,
  HttpMethod,
  HttpNoneAuthorizer,
  HttpRoute,
  HttpRouteKey,
  HttpStage,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { UserPool, UserPoolClient } from 'aws-cdk-lib/aws-cognito';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { concerns } from '#shared/contract/routes';
import type { Routes } from '#shared/http/route';
import { ConcernFunction } from './constructs/concern-function';
import { ScheduledJob } from './constructs/scheduled-job';
import type { DataStack } from './data-stack';
import { acknowledge } from './nag';

export interface ApiStackProps extends StackProps {
  stage: string;
  /** The region this FIC serves (6 digits): the default scope of public statistics. */
  jurisdiction: string;
  tables: DataStack['tables'];
  userPool: UserPool;
  userPoolClient: UserPoolClient;
}

/**
 * The stateless half: the HTTP API, one function per concern, and their routes. Every route
 * comes from the contract's route table; all but the public ones sit behind the JWT authorizer.
 */
export class ApiStack extends Stack {
  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    const { tables } = props;

    const api = new HttpApi(this, 'Api', {
      createDefaultStage: false,
      defaultAuthorizer: new HttpUserPoolAuthorizer('Cognito', props.userPool, {
        userPoolClients: [props.userPoolClient],
      }),
      corsPreflight: {
        allowOrigins: ['*'],
        allowMethods: [CorsHttpMethod.ANY],
        allowHeaders: ['authorization', 'content-type', 'if-match', 'idempotency-key'],
        exposeHeaders: ['etag', 'location'],
        maxAge: Duration.hours(1),
      },
    });
    const accessLogs = new LogGroup(this, 'AccessLogs', { retention: RetentionDays.THREE_MONTHS });
    const stage = new HttpStage(this, 'DefaultStage', {
      httpApi: api,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: 200, burstLimit: 400 },
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        // HTTP API context variables, one JSON object per request.
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            ip: '$context.identity.sourceIp',
            requestTime: '$context.requestTime',
            routeKey: '$context.routeKey',
            status: '$context.status',
            protocol: '$context.protocol',
            responseLength: '$context.responseLength',
            latencyMs: '$context.responseLatency',
            integrationError: '$context.integrationErrorMessage',
            authorizerError: '$context.authorizer.error',
            sub: '$context.authorizer.claims.sub',
          }),
        ),
      },
    });

    const registration = new ConcernFunction(this, 'Registration', {
      concern: 'registration',
    }).bindTable(tables.registration, 'write');
    const ledger = new ConcernFunction(this, 'Ledger', {
      concern: 'ledger',
      environment: { JURISDICTION: props.jurisdiction },
    })
      .bindTable(tables.ledger, 'write')
      .bindTable(tables.registration, 'read');
    const assessment = new ConcernFunction(this, 'Assessment', { concern: 'assessment' })
      .bindTable(tables.assessment, 'write')
      .bindTable(tables.registration, 'read');
    const supervision = new ConcernFunction(this, 'Supervision', { concern: 'supervision' })
      .bindTable(tables.supervision, 'write')
      .bindTable(tables.registration, 'read');
    const overdue = new ConcernFunction(this, 'SupervisionOverdue', {
      concern: 'supervision',
      file: 'overdue',
      timeout: Duration.minutes(5),
    })
      .bindTable(tables.supervision, 'write')
      .bindTable(tables.registration, 'read');
    new ScheduledJob(this, 'SupervisionOverdueDaily', {
      name: 'supervision-overdue',
      fn: overdue,
      cron: { minute: '30', hour: '1' },
    });
    const rankings = new ConcernFunction(this, 'Rankings', {
      concern: 'rankings',
      environment: { JURISDICTION: props.jurisdiction },
    }).bindTable(tables.rankings, 'read');
    const computeRankings = new ConcernFunction(this, 'RankingsCompute', {
      concern: 'rankings',
      file: 'compute',
      timeout: Duration.minutes(5),
      memorySize: 1024,
      environment: { JURISDICTION: props.jurisdiction },
    })
      .bindTable(tables.rankings, 'write')
      .bindTable(tables.ledger, 'read')
      .bindTable(tables.registration, 'read')
      .bindTable(tables.assessment, 'read');
    new ScheduledJob(this, 'RankingsDaily', {
      name: 'rankings',
      fn: computeRankings,
      cron: { minute: '0', hour: '2' },
    });
    const openapi = new ConcernFunction(this, 'OpenApi', { concern: 'openapi', memorySize: 256 });
    const accounts = new ConcernFunction(this, 'Accounts', {
      concern: 'accounts',
      // The sign-in directory (functions/accounts/directory.ts).
      environment: { USER_POOL_ID: props.userPool.userPoolId },
    })
      .bindTable(tables.accounts, 'write')
      .bindTable(tables.registration, 'read');
    // Invite, change, disable and enable people in this pool, and nothing else in it.
    props.userPool.grant(accounts.fn, ...DIRECTORY_ACTIONS);

    addRoutes(api, registration, concerns.registration);
    addRoutes(api, ledger, concerns.ledger);
    addRoutes(api, assessment, concerns.assessment);
    addRoutes(api, supervision, concerns.supervision);
    addRoutes(api, rankings, concerns.rankings);
    addRoutes(api, accounts, concerns.accounts);
    addRoutes(api, openapi, concerns.openapi);
    addDefaultRoute(api, new ConcernFunction(this, 'Fallback', { concern: 'fallback' }));

    new CfnOutput(this, 'ApiUrl', { value: stage.url });
  }
}

/** What the accounts function asks of the user pool (functions/accounts/cognito.ts). */
export const DIRECTORY_ACTIONS = [
  'cognito-idp:AdminCreateUser',
  'cognito-idp:AdminGetUser',
  'cognito-idp:AdminUpdateUserAttributes',
  'cognito-idp:AdminDeleteUserAttributes',
  'cognito-idp:AdminDisableUser',
  'cognito-idp:AdminEnableUser',
];

function addRoutes(api: HttpApi, fn: ConcernFunction, routes: Routes): void {
  const integration = integrationOf(fn);
  for (const spec of Object.values(routes)) {
    const [route] = api.addRoutes({
      path: spec.path,
      methods: [HttpMethod[spec.method]],
      integration,
      ...(spec.public && { authorizer: new HttpNoneAuthorizer() }),
    });
    if (spec.public && route) {
      acknowledge(route, {
        'AwsSolutions-APIG4': `${spec.method} ${spec.path} publishes data the contract makes readable without a token.`,
      });
    }
  }
}

/**
 * The `$default` route: whatever no route of the contract matches (an unknown path, a known path
 * with a method it does not serve) goes to a function that answers 404 or 405 as problem+json,
 * instead of API Gateway's bare `{"message":"Not Found"}`. No authorizer: a client without a token
 * learns that the path or method does not exist (as GET /openapi.json would tell it), not that it
 * should sign in for a request that could never succeed; the function reads no data.
 */
function addDefaultRoute(api: HttpApi, fn: ConcernFunction): void {
  const route = new HttpRoute(api, 'DefaultRoute', {
    httpApi: api,
    routeKey: HttpRouteKey.DEFAULT,
    integration: integrationOf(fn),
    authorizer: new HttpNoneAuthorizer(),
  });
  acknowledge(route, {
    'AwsSolutions-APIG4':
      'The $default route answers only 404 or 405 for requests no route serves, from the public route tables; it reads no data, and an unknown path is the same answer with a token or without.',
  });
}

function integrationOf(fn: ConcernFunction): HttpLambdaIntegration {
  acknowledge(fn.fn, {
    'Serverless-LambdaDLQ':
      'API Gateway invokes this function synchronously and receives its errors; a dead-letter queue only applies to asynchronous invocations (scheduled functions have one).',
  });
  return new HttpLambdaIntegration('Integration', fn.fn);
}
