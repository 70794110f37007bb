import { Duration, Stack, type StackProps } from 'aws-cdk-lib';
import {
  type HttpApi,
  HttpMethod,
  HttpNoneAuthorizer,
  HttpRoute,
  HttpRouteKey,
  type IHttpRouteAuthorizer,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { UserPool, UserPoolClient } from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
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
  /** The HTTP API (the Web stack's front door) the routes are added to. */
  api: HttpApi;
  /** The client whose ID tokens the API accepts: the console's. */
  userPoolClient: UserPoolClient;
}

/**
 * The functions, one per concern, and the routes that reach them on the Web stack's HTTP API.
 * Every route comes from the contract's route table; all but the public ones sit behind the JWT
 * authorizer.
 */
export class ApiStack extends Stack {
  /** Each route group (a concern's routes; `fallback`: the $default route) and its function. */
  readonly routeGroups: { name: string; fn: ConcernFunction }[] = [];

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    const { tables } = props;

    const authorizer = new HttpUserPoolAuthorizer('Cognito', props.userPool, {
      userPoolClients: [props.userPoolClient],
    });
    const addRoutes = (fn: ConcernFunction, routes: Routes) => {
      this.routeGroups.push({ name: fn.concern, fn });
      return new ConcernRoutes(this, `${fn.node.id}Routes`, props.api, fn, routes, authorizer);
    };

    const registration = new ConcernFunction(this, 'Registration', {
      concern: 'registration',
    }).bindTable(tables.registration, 'write');
    const ledger = new ConcernFunction(this, 'Ledger', {
      concern: 'ledger',
      environment: { JURISDICTION: props.jurisdiction },
    })
      .bindTable(tables.ledger, 'write')
      .bindTable(tables.registration, 'read');
    const audit = new ConcernFunction(this, 'LedgerAudit', {
      concern: 'ledger',
      file: 'audit',
      // Every chamber's entries, read once (npm run bench -- --only audit measures how long).
      timeout: Duration.minutes(15),
      memorySize: 1024,
      environment: { JURISDICTION: props.jurisdiction },
    })
      .bindTable(tables.ledger, 'write')
      .bindTable(tables.registration, 'read');
    new ScheduledJob(this, 'LedgerAuditDaily', {
      name: 'ledger-audit',
      fn: audit,
      cron: { minute: '0', hour: '3' },
    });
    // The other tables read-only, through their concerns' published modules: the evidence.
    const assessment = new ConcernFunction(this, 'Assessment', { concern: 'assessment' })
      .bindTable(tables.assessment, 'write')
      .bindTable(tables.registration, 'read')
      .bindTable(tables.supervision, 'read')
      .bindTable(tables.ledger, 'read');
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
      .bindTable(tables.assessment, 'read')
      .bindTable(tables.supervision, 'read');
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

    addRoutes(registration, concerns.registration);
    addRoutes(ledger, concerns.ledger);
    addRoutes(assessment, concerns.assessment);
    addRoutes(supervision, concerns.supervision);
    addRoutes(rankings, concerns.rankings);
    addRoutes(accounts, concerns.accounts);
    addRoutes(openapi, concerns.openapi);
    const fallback = new ConcernFunction(this, 'Fallback', { concern: 'fallback' });
    this.routeGroups.push({ name: fallback.concern, fn: fallback });
    addDefaultRoute(this, props.api, fallback);
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

/** A concern's routes on the API, each to the concern's function, created in this stack. */
class ConcernRoutes extends Construct {
  constructor(
    scope: Construct,
    id: string,
    api: HttpApi,
    fn: ConcernFunction,
    routes: Routes,
    authorizer: IHttpRouteAuthorizer,
  ) {
    super(scope, id);
    const integration = integrationOf(fn);
    for (const spec of Object.values(routes)) {
      const route = new HttpRoute(this, `${spec.method}${spec.path}`, {
        httpApi: api,
        routeKey: HttpRouteKey.with(spec.path, HttpMethod[spec.method]),
        integration,
        authorizer: spec.public ? new HttpNoneAuthorizer() : authorizer,
      });
      if (spec.public) {
        acknowledge(route, {
          'AwsSolutions-APIG4': `${spec.method} ${spec.path} publishes data the contract makes readable without a token.`,
        });
      }
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
function addDefaultRoute(scope: Construct, api: HttpApi, fn: ConcernFunction): void {
  const route = new HttpRoute(scope, 'DefaultRoute', {
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
