import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '#infra/build';
import { concerns } from '#shared/contract/routes';
import { routeKey } from '#shared/http/route';
import { CITY_FILES } from '../../scripts/divisions';
import {
  type CfnTemplate,
  concernTables,
  NO_BUNDLING,
  resolveImports,
  resourcesOfType,
  type Synthesized,
  synthesize,
  type TableInfo,
} from './synth';

// One synthesis (with the functions bundled, as `cdk synth` does) for the whole file.
const STAGE = 'ci';
let synth: Synthesized;
let data: CfnTemplate;
let web: CfnTemplate;
let api: CfnTemplate;
let tables: Map<string, TableInfo>;

beforeAll(() => {
  synth = synthesize({ stage: STAGE });
  const get = (name: string): CfnTemplate => {
    const template = synth.templates[name];
    if (!template) throw new Error(`no stack ${name} in ${Object.keys(synth.templates)}`);
    return template;
  };
  data = get(`Fic-${STAGE}-Data`);
  web = get(`Fic-${STAGE}-Web`);
  api = get(`Fic-${STAGE}-Api`);
  tables = concernTables(synth.app);
});

afterAll(() => synth?.dispose());

const resolved = (value: unknown) => resolveImports(value, synth.templates);
const ref = (logicalId: string) => ({ Ref: logicalId });

/** The one resource of a type in a template (failing the test when there is not exactly one). */
function onlyResource(template: CfnTemplate, type: string) {
  const resources = resourcesOfType(template, type);
  expect(
    resources.map(([id]) => id),
    type,
  ).toHaveLength(1);
  return resources[0] as (typeof resources)[number];
}

const onlyResourceId = (template: CfnTemplate, type: string): string =>
  onlyResource(template, type)[0];

/** The logical id a `{ "Ref": id }` or `{ "Fn::GetAtt": [id, attr] }` points at. */
function targetOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  if ('Ref' in value && typeof value.Ref === 'string') return value.Ref;
  if ('Fn::GetAtt' in value && Array.isArray(value['Fn::GetAtt'])) {
    const [id] = value['Fn::GetAtt'] as unknown[];
    return typeof id === 'string' ? id : undefined;
  }
  return undefined;
}

interface FunctionInfo {
  logicalId: string;
  concern: string;
  props: Record<string, unknown>;
  environment: Record<string, unknown>;
}

/** Every Lambda function of the API stack, with the concern it serves (its service name). */
function functions(): FunctionInfo[] {
  return resourcesOfType(api, 'AWS::Lambda::Function').map(([logicalId, fn]) => {
    const environment =
      (fn.Properties.Environment as { Variables?: Record<string, unknown> } | undefined)
        ?.Variables ?? {};
    const concern = environment.POWERTOOLS_SERVICE_NAME;
    if (typeof concern !== 'string') throw new Error(`${logicalId} has no service name`);
    return { logicalId, concern, props: fn.Properties, environment };
  });
}

const expectedRoutes = [
  ...Object.entries(concerns).flatMap(([concern, routes]) =>
    Object.values(routes).map((spec) => ({
      concern,
      key: routeKey(spec),
      isPublic: spec.public === true,
    })),
  ),
  // Whatever no route matches: the fallback function's 404 or 405, with or without a token.
  { concern: 'fallback', key: '$default', isPublic: true },
];

describe('routes', () => {
  it('serves every route of the contract, once, the $default route, and no other', () => {
    const keys = resourcesOfType(api, 'AWS::ApiGatewayV2::Route').map(
      ([, route]) => route.Properties.RouteKey,
    );
    expect(keys.sort()).toEqual(expectedRoutes.map((route) => route.key).sort());
  });

  it('puts the JWT authorizer on every route that is not public, and none on public ones', () => {
    // CDK creates a route's authorizer beside the API it belongs to (the Web stack's).
    const authorizer = onlyResourceId(web, 'AWS::ApiGatewayV2::Authorizer');
    const actual = resourcesOfType(api, 'AWS::ApiGatewayV2::Route')
      .map(([, route]) => ({
        key: route.Properties.RouteKey,
        AuthorizationType: route.Properties.AuthorizationType,
        AuthorizerId: resolved(route.Properties.AuthorizerId),
      }))
      .sort((a, b) => String(a.key).localeCompare(String(b.key)));
    const expected = expectedRoutes
      .map((route) =>
        route.isPublic
          ? { key: route.key, AuthorizationType: 'NONE', AuthorizerId: undefined }
          : { key: route.key, AuthorizationType: 'JWT', AuthorizerId: ref(authorizer) },
      )
      .sort((a, b) => a.key.localeCompare(b.key));
    expect(actual).toEqual(expected);
    // The contract has both kinds, so both branches above were exercised.
    expect(expectedRoutes.some((route) => route.isPublic)).toBe(true);
    expect(expectedRoutes.some((route) => !route.isPublic)).toBe(true);
  });

  it('sends each route to its own concern’s function with the 2.0 payload', () => {
    const concernOf = new Map(functions().map((fn) => [fn.logicalId, fn.concern]));
    const integrations = new Map(resourcesOfType(api, 'AWS::ApiGatewayV2::Integration'));
    const actual = resourcesOfType(api, 'AWS::ApiGatewayV2::Route').map(([, route]) => {
      const target = route.Properties.Target as { 'Fn::Join': [string, [string, unknown]] };
      const [prefix, integrationRef] = target['Fn::Join'][1];
      const integration = integrations.get(targetOf(integrationRef) ?? '');
      return {
        key: route.Properties.RouteKey,
        prefix,
        type: integration?.Properties.IntegrationType,
        payload: integration?.Properties.PayloadFormatVersion,
        concern: concernOf.get(targetOf(integration?.Properties.IntegrationUri) ?? ''),
      };
    });
    expect(actual.sort((a, b) => String(a.key).localeCompare(String(b.key)))).toEqual(
      expectedRoutes
        .map((route) => ({
          key: route.key,
          prefix: 'integrations/',
          type: 'AWS_PROXY',
          payload: '2.0',
          concern: route.concern,
        }))
        .sort((a, b) => a.key.localeCompare(b.key)),
    );
  });

  it('accepts tokens of the console’s client only, issued by the user pool', () => {
    const pool = onlyResourceId(data, 'AWS::Cognito::UserPool');
    const client = onlyResourceId(web, 'AWS::Cognito::UserPoolClient');
    const [, authorizer] = onlyResource(web, 'AWS::ApiGatewayV2::Authorizer');
    expect(authorizer.Properties.AuthorizerType).toBe('JWT');
    expect(authorizer.Properties.IdentitySource).toEqual(['$request.header.Authorization']);
    expect(resolved(authorizer.Properties.JwtConfiguration)).toEqual({
      Audience: [ref(client)],
      Issuer: {
        'Fn::Join': [
          '',
          ['https://cognito-idp.', ref('AWS::Region'), '.amazonaws.com/', ref(pool)],
        ],
      },
    });
  });
});

/** Each function with the folder its bundled code was staged in. */
function functionAssets() {
  const files: Record<string, { source: { path: string }; destinations: object }> = {};
  for (const name of readdirSync(synth.outdir).filter((f) => f.endsWith('.assets.json'))) {
    const manifest = JSON.parse(readFileSync(path.join(synth.outdir, name), 'utf8')) as {
      files?: typeof files;
    };
    Object.assign(files, manifest.files);
  }
  return functions().map(({ logicalId, props }) => {
    const key = (props.Code as { S3Key?: unknown }).S3Key;
    const asset = Object.values(files).find((file) =>
      Object.values(file.destinations).some(
        (destination: { objectKey?: string }) => destination.objectKey === key,
      ),
    );
    expect(asset, `${logicalId}: asset of ${String(key)}`).toBeDefined();
    return { logicalId, props, dir: path.join(synth.outdir, asset?.source.path ?? '') };
  });
}

describe('functions', () => {
  it('exist for every concern that has routes', () => {
    const served = new Set(functions().map((fn) => fn.concern));
    for (const concern of Object.keys(concerns)) expect(served).toContain(concern);
  });

  it('run Node 24 on arm64, traced, with JSON logs kept for a set time, timeout and memory set', () => {
    const logGroups = new Map(resourcesOfType(api, 'AWS::Logs::LogGroup'));
    const actual = functions().map(({ logicalId, props }) => {
      const logging = props.LoggingConfig as { LogFormat?: string; LogGroup?: unknown } | undefined;
      const logGroup = logGroups.get(targetOf(logging?.LogGroup) ?? '');
      return {
        logicalId,
        Runtime: props.Runtime,
        Architectures: props.Architectures,
        TracingConfig: props.TracingConfig,
        LogFormat: logging?.LogFormat,
        RetentionInDays: logGroup?.Properties.RetentionInDays,
        Timeout: props.Timeout,
        MemorySize: props.MemorySize,
      };
    });
    expect(actual.length).toBeGreaterThan(0);
    expect(actual).toEqual(
      actual.map(({ logicalId }) => ({
        logicalId,
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        TracingConfig: { Mode: 'Active' },
        LogFormat: 'JSON',
        RetentionInDays: expect.any(Number),
        Timeout: expect.any(Number),
        MemorySize: expect.any(Number),
      })),
    );
  });

  it('behind the API time out before API Gateway gives up (30 s)', () => {
    const integrated = new Set(
      resourcesOfType(api, 'AWS::ApiGatewayV2::Integration').map(
        ([, integration]) =>
          (integration.Properties.IntegrationUri as { 'Fn::GetAtt': [string, string] })[
            'Fn::GetAtt'
          ][0],
      ),
    );
    expect(integrated.size).toBeGreaterThan(0);
    for (const fn of functions().filter((f) => integrated.has(f.logicalId))) {
      expect(fn.props.Timeout, fn.logicalId).toBeGreaterThanOrEqual(1);
      expect(fn.props.Timeout, fn.logicalId).toBeLessThanOrEqual(29);
    }
  });

  it('ship an ESM bundle (index.mjs) with the AWS SDK and every dependency inside', async () => {
    for (const { logicalId, props, dir } of functionAssets()) {
      expect(props.Handler, logicalId).toBe('index.handler');
      const entries = readdirSync(dir);
      expect(entries, logicalId).toContain('index.mjs');
      // Lambda would pick index.js over nothing else named index; there must be only one.
      expect(
        entries.filter((entry) => /^index\.(c?js|mjs)$/.test(entry)),
        logicalId,
      ).toEqual(['index.mjs']);

      // esbuild reads the bundle and says what it is: its module format, exports and imports.
      const { metafile } = await build({
        entryPoints: [path.join(dir, 'index.mjs')],
        bundle: true,
        write: false,
        metafile: true,
        platform: 'node',
        format: 'esm',
        external: ['*'],
        logLevel: 'silent',
      });
      const [input] = Object.values(metafile.inputs);
      const [output] = Object.values(metafile.outputs);
      expect(input?.format, logicalId).toBe('esm');
      expect(output?.exports, logicalId).toContain('handler');
      const external = (input?.imports ?? []).map((i) => i.path).filter((p) => !isBuiltin(p));
      expect(external, `${logicalId} imports packages Lambda does not have`).toEqual([]);
    }
  });

  it('ship the jurisdiction’s townships and villages beside the bundles that read them, a file per city', () => {
    const cities = readdirSync(CITY_FILES).sort();
    expect(cities).toEqual(['3716.json']); // the default jurisdiction, 滨州市
    const shipping: string[] = [];
    for (const { logicalId, dir } of functionAssets()) {
      const bundle = readFileSync(path.join(dir, 'index.mjs'), 'utf8');
      const folder = path.join(dir, 'division-data');
      // None of the data is in the bundle itself (孙武街道's code, which was).
      expect(bundle, logicalId).not.toContain('371621001');
      if (!bundle.includes('./division-data/')) {
        expect(existsSync(folder), logicalId).toBe(false);
        continue;
      }
      shipping.push(logicalId);
      expect(readdirSync(folder).sort(), logicalId).toEqual(cities);
      for (const city of cities) {
        expect(readFileSync(path.join(folder, city), 'utf8')).toBe(
          readFileSync(path.join(CITY_FILES, city), 'utf8'),
        );
      }
    }
    // Registration (coverage, township checks), the ledger (village codes) and the others that
    // check region codes; not the OpenAPI document's function.
    for (const concern of ['Registration', 'Ledger', 'Assessment', 'Supervision']) {
      expect(shipping.some((id) => id.startsWith(concern))).toBe(true);
    }
    expect(shipping.some((id) => id.startsWith('OpenApi'))).toBe(false);
  });
});

describe('least privilege', () => {
  const READ_ACTIONS = new Set([
    'dynamodb:GetItem',
    'dynamodb:BatchGetItem',
    'dynamodb:Query',
    'dynamodb:Scan',
    'dynamodb:ConditionCheckItem',
    'dynamodb:DescribeTable',
  ]);

  interface Statement {
    Effect?: string;
    Action?: string | string[];
    NotAction?: unknown;
    Resource?: unknown;
    NotResource?: unknown;
  }
  const list = <T>(value: T | T[] | undefined): T[] =>
    value === undefined ? [] : Array.isArray(value) ? value : [value];

  /** Every statement the function's role is granted: attached policies and inline ones. */
  function statementsOf(fn: FunctionInfo): Statement[] {
    const role = targetOf(fn.props.Role) ?? '';
    const attached = resourcesOfType(api, 'AWS::IAM::Policy')
      .filter(([, policy]) =>
        list(policy.Properties.Roles as unknown[]).some((r) => targetOf(r) === role),
      )
      .map(([, policy]) => policy.Properties.PolicyDocument);
    const roleResource = api.Resources[role];
    const inline = list(
      roleResource?.Properties?.Policies as { PolicyDocument: unknown }[] | undefined,
    ).map((policy) => policy.PolicyDocument);
    return [...attached, ...inline].flatMap((document) =>
      list((document as { Statement?: Statement | Statement[] }).Statement),
    );
  }

  const isDynamo = (statement: Statement) =>
    list(statement.Action).some((action) => action.toLowerCase().startsWith('dynamodb:')) ||
    statement.NotAction !== undefined;

  /** The table (and index) a statement's resource names, read through the stack exports. */
  function tableOf(resource: unknown): { table: TableInfo; index: string | null } | undefined {
    const value = resolved(resource);
    let arn: unknown = value;
    let suffix = '';
    if (typeof value === 'object' && value !== null && 'Fn::Join' in value) {
      const [separator, parts] = value['Fn::Join'] as [string, unknown[]];
      if (separator !== '' || parts.length !== 2 || typeof parts[1] !== 'string') return undefined;
      [arn, suffix] = parts as [unknown, string];
    }
    const isArn =
      typeof arn === 'object' &&
      arn !== null &&
      'Fn::GetAtt' in arn &&
      (arn['Fn::GetAtt'] as unknown[])[1] === 'Arn';
    const table = isArn ? tables.get(targetOf(arn) ?? '') : undefined;
    if (!table) return undefined;
    if (suffix === '') return { table, index: null };
    const index = /^\/index\/(.+)$/.exec(suffix)?.[1];
    return index && table.indexNames.includes(index) ? { table, index } : undefined;
  }

  it('finds a concern table for every DynamoDB table in the templates', () => {
    const dynamoTables = Object.values(synth.templates).flatMap((template) => [
      ...resourcesOfType(template, 'AWS::DynamoDB::GlobalTable'),
      ...resourcesOfType(template, 'AWS::DynamoDB::Table'),
    ]);
    expect(dynamoTables.length).toBeGreaterThan(0);
    expect(dynamoTables.map(([id]) => id).sort()).toEqual([...tables.keys()].sort());
  });

  it('lets a function write only its own concern’s table, naming each table and action', () => {
    const problems: string[] = [];
    for (const fn of functions()) {
      for (const statement of statementsOf(fn).filter(isDynamo)) {
        const where = `${fn.concern}: ${JSON.stringify(statement)}`;
        if (statement.Effect !== 'Allow') continue;
        if (statement.NotAction !== undefined) problems.push(`${where} uses NotAction`);
        if (statement.NotResource !== undefined) problems.push(`${where} uses NotResource`);
        const actions = list(statement.Action);
        for (const action of actions) {
          if (action.includes('*')) problems.push(`${fn.concern}: wildcard action ${action}`);
        }
        const writes = actions.filter((action) => !READ_ACTIONS.has(action));
        for (const resource of list(statement.Resource)) {
          if (resource === '*' || (typeof resource === 'string' && resource.includes('*'))) {
            problems.push(`${fn.concern}: DynamoDB on resource ${resource}`);
            continue;
          }
          const found = tableOf(resource);
          if (!found) {
            problems.push(`${fn.concern}: ${JSON.stringify(resource)} is not a concern table`);
          } else if (found.table.concern !== fn.concern && writes.length > 0) {
            problems.push(
              `${fn.concern} may ${writes.join(', ')} the ${found.table.concern} table`,
            );
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('lets each function read its own concern’s table and its indexes (writes where it needs them)', () => {
    for (const fn of functions()) {
      const own = [...tables.values()].filter((table) => table.concern === fn.concern);
      for (const table of own) {
        const granted = statementsOf(fn)
          .filter((statement) => statement.Effect === 'Allow' && isDynamo(statement))
          .flatMap((statement) =>
            list(statement.Resource).flatMap((resource) => {
              const found = tableOf(resource);
              return found?.table === table
                ? [{ index: found.index, actions: list(statement.Action) }]
                : [];
            }),
          );
        expect(granted.map((g) => g.index).sort(), fn.concern).toEqual(
          [null, ...table.indexNames].sort(),
        );
        for (const grant of granted) {
          expect(grant.actions, fn.concern).toEqual(
            expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:Query']),
          );
        }
      }
    }
  });

  it('gives the registration function the registration table and nothing else', () => {
    const registration = functions().find((fn) => fn.concern === 'registration');
    const table = [...tables.values()].find((t) => t.concern === 'registration');
    expect(registration).toBeDefined();
    expect(table).toBeDefined();
    if (!registration || !table) return;
    const resources = statementsOf(registration)
      .filter(isDynamo)
      .flatMap((statement) => list(statement.Resource))
      .map((resource) => {
        const found = tableOf(resource);
        return found ? `${found.table.concern}${found.index ? `/index/${found.index}` : ''}` : '?';
      });
    expect(resources.sort()).toEqual(
      ['registration', ...table.indexNames.map((i) => `registration/index/${i}`)].sort(),
    );
  });

  it('lets the assessment function read, never write, the tables its evidence reads', () => {
    const assessment = functions().find((fn) => fn.concern === 'assessment');
    expect(assessment).toBeDefined();
    if (!assessment) return;
    const grants = statementsOf(assessment)
      .filter((statement) => statement.Effect === 'Allow' && isDynamo(statement))
      .flatMap((statement) =>
        list(statement.Resource).map((resource) => ({
          table: tableOf(resource)?.table.concern ?? '?',
          actions: list(statement.Action),
        })),
      );
    expect([...new Set(grants.map((grant) => grant.table))].sort()).toEqual([
      'assessment',
      'ledger',
      'registration',
      'supervision',
    ]);
    for (const grant of grants.filter((g) => g.table !== 'assessment')) {
      expect(
        grant.actions.every((action) => READ_ACTIONS.has(action)),
        grant.table,
      ).toBe(true);
      expect(grant.actions).toContain('dynamodb:BatchGetItem');
    }
    // And it is told their names, as its published readers look them up.
    for (const name of ['REGISTRATION_TABLE', 'SUPERVISION_TABLE', 'LEDGER_TABLE']) {
      expect(Object.keys(assessment.environment)).toContain(name);
    }
  });

  it('gives the OpenAPI function no DynamoDB permission and no table', () => {
    const openapi = functions().find((fn) => fn.concern === 'openapi');
    expect(openapi).toBeDefined();
    if (!openapi) return;
    expect(statementsOf(openapi).filter(isDynamo)).toEqual([]);
    expect(Object.keys(openapi.environment).filter((name) => name.endsWith('_TABLE'))).toEqual([]);
  });

  it('attaches no managed policy that reaches DynamoDB', () => {
    for (const fn of functions()) {
      const role = api.Resources[targetOf(fn.props.Role) ?? ''];
      const managed = JSON.stringify(role?.Properties?.ManagedPolicyArns ?? []);
      expect(managed, fn.concern).not.toMatch(/dynamodb/i);
      expect(managed, fn.concern).not.toMatch(/AdministratorAccess|PowerUserAccess/);
    }
  });

  it('tells each function the name of its own table', () => {
    for (const fn of functions()) {
      for (const table of [...tables.values()].filter((t) => t.concern === fn.concern)) {
        expect(resolved(fn.environment[table.envName]), `${fn.concern} ${table.envName}`).toEqual(
          ref(table.logicalId),
        );
      }
    }
    const registration = functions().find((fn) => fn.concern === 'registration');
    expect(Object.keys(registration?.environment ?? {})).toContain('REGISTRATION_TABLE');
  });
});

describe('tables', () => {
  it('have point-in-time recovery, on-demand billing, and are retained', () => {
    const actual = Object.values(synth.templates).flatMap((template) =>
      [
        ...resourcesOfType(template, 'AWS::DynamoDB::GlobalTable'),
        ...resourcesOfType(template, 'AWS::DynamoDB::Table'),
      ].map(([id, table]) => {
        const pitr = (spec: unknown) =>
          (spec as { PointInTimeRecoveryEnabled?: boolean } | undefined)
            ?.PointInTimeRecoveryEnabled === true;
        const replicas = (table.Properties.Replicas ?? []) as {
          PointInTimeRecoverySpecification?: unknown;
        }[];
        return {
          id,
          BillingMode: table.Properties.BillingMode,
          pointInTimeRecovery:
            table.Type === 'AWS::DynamoDB::GlobalTable'
              ? replicas.length > 0 &&
                replicas.every((replica) => pitr(replica.PointInTimeRecoverySpecification))
              : pitr(table.Properties.PointInTimeRecoverySpecification),
          DeletionPolicy: table.DeletionPolicy,
          UpdateReplacePolicy: table.UpdateReplacePolicy,
        };
      }),
    );
    expect(actual.length).toBeGreaterThan(0);
    expect(actual).toEqual(
      actual.map(({ id }) => ({
        id,
        BillingMode: 'PAY_PER_REQUEST',
        pointInTimeRecovery: true,
        DeletionPolicy: 'Retain',
        UpdateReplacePolicy: 'Retain',
      })),
    );
  });
});

describe('user pool', () => {
  it('has the four role groups', () => {
    const pool = onlyResourceId(data, 'AWS::Cognito::UserPool');
    const groups = resourcesOfType(data, 'AWS::Cognito::UserPoolGroup').map(([, group]) => ({
      name: group.Properties.GroupName,
      pool: group.Properties.UserPoolId,
    }));
    expect(groups.sort((a, b) => String(a.name).localeCompare(String(b.name)))).toEqual(
      ['assessor', 'chamber-officer', 'fic-admin', 'liaison'].map((name) => ({
        name,
        pool: ref(pool),
      })),
    );
  });

  it('carries the regionCode and chamberId custom attributes', () => {
    const [, pool] = onlyResource(data, 'AWS::Cognito::UserPool');
    const schema = (pool.Properties.Schema ?? []) as { Name: string; AttributeDataType: string }[];
    expect(schema).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ Name: 'regionCode', AttributeDataType: 'String' }),
        expect.objectContaining({ Name: 'chamberId', AttributeDataType: 'String' }),
      ]),
    );
  });

  it('does not let a user rewrite their own region or chamber through the app client', () => {
    // A client without WriteAttributes may write every mutable attribute: a chamber officer
    // could then call UpdateUserAttributes and become the officer of any chamber.
    expect(resourcesOfType(data, 'AWS::Cognito::UserPoolClient')).toEqual([]);
    const [, client] = onlyResource(web, 'AWS::Cognito::UserPoolClient');
    const writable = client.Properties.WriteAttributes;
    expect(writable, 'WriteAttributes must be listed (absent means all)').toBeDefined();
    expect(writable).not.toContain('custom:regionCode');
    expect(writable).not.toContain('custom:chamberId');
  });

  it('does not offer the OAuth implicit grant or a placeholder callback URL', () => {
    const [, client] = onlyResource(web, 'AWS::Cognito::UserPoolClient');
    expect(client.Properties.AllowedOAuthFlows ?? []).not.toContain('implicit');
    expect(JSON.stringify(client.Properties.CallbackURLs ?? [])).not.toContain('example.com');
  });
});

describe('API stage and outputs', () => {
  it('logs every request to a log group with a retention, and throttles by default', () => {
    const [, stage] = onlyResource(web, 'AWS::ApiGatewayV2::Stage');
    const logging = stage.Properties.AccessLogSettings as
      | { DestinationArn?: unknown; Format?: string }
      | undefined;
    const logGroup = web.Resources[targetOf(logging?.DestinationArn) ?? ''];
    expect(logGroup?.Type).toBe('AWS::Logs::LogGroup');
    expect(logGroup?.Properties?.RetentionInDays).toEqual(expect.any(Number));
    expect(logging?.Format).toContain('$context.requestId');
    const throttle = stage.Properties.DefaultRouteSettings as
      | { ThrottlingBurstLimit?: number; ThrottlingRateLimit?: number }
      | undefined;
    expect(throttle?.ThrottlingBurstLimit).toBeGreaterThan(0);
    expect(throttle?.ThrottlingRateLimit).toBeGreaterThan(0);
  });

  it('outputs the console and API URLs, the user pool id and the client id', () => {
    const pool = onlyResourceId(data, 'AWS::Cognito::UserPool');
    const client = onlyResourceId(web, 'AWS::Cognito::UserPoolClient');
    const apiId = onlyResourceId(web, 'AWS::ApiGatewayV2::Api');
    const distribution = onlyResourceId(web, 'AWS::CloudFront::Distribution');
    expect(JSON.stringify(web.Outputs?.ApiUrl?.Value)).toContain(JSON.stringify(ref(apiId)));
    expect(JSON.stringify(web.Outputs?.ConsoleUrl?.Value)).toContain(distribution);
    expect(data.Outputs?.UserPoolId?.Value).toEqual(ref(pool));
    expect(web.Outputs?.UserPoolClientId?.Value).toEqual(ref(client));
  });
});

describe('stages', () => {
  // The property that names what a resource creates: given as a literal, a second stage in the
  // same account would collide with the first (other uses, e.g. Lambda::Permission's
  // FunctionName, only refer to something).
  const PHYSICAL_NAME: Record<string, string> = {
    'AWS::DynamoDB::Table': 'TableName',
    'AWS::DynamoDB::GlobalTable': 'TableName',
    'AWS::Lambda::Function': 'FunctionName',
    'AWS::Cognito::UserPool': 'UserPoolName',
    'AWS::IAM::Role': 'RoleName',
    'AWS::IAM::ManagedPolicy': 'ManagedPolicyName',
    'AWS::Logs::LogGroup': 'LogGroupName',
    'AWS::SQS::Queue': 'QueueName',
    'AWS::SNS::Topic': 'TopicName',
    'AWS::S3::Bucket': 'BucketName',
    'AWS::StepFunctions::StateMachine': 'StateMachineName',
    'AWS::Events::Rule': 'Name',
    'AWS::Events::EventBus': 'Name',
    'AWS::Scheduler::Schedule': 'Name',
    'AWS::Scheduler::ScheduleGroup': 'Name',
  };

  function hardCodedNames(templates: Record<string, CfnTemplate>): string[] {
    return Object.entries(templates).flatMap(([stack, template]) =>
      Object.entries(template.Resources).flatMap(([id, resource]) => {
        const key = PHYSICAL_NAME[resource.Type];
        return key && resource.Properties?.[key] !== undefined ? [`${stack}/${id}.${key}`] : [];
      }),
    );
  }

  const exportNames = (templates: Record<string, CfnTemplate>) =>
    Object.values(templates).flatMap((template) =>
      Object.values(template.Outputs ?? {}).flatMap((output) =>
        output.Export ? [String(output.Export.Name)] : [],
      ),
    );

  it('names every stack after the stage', () => {
    expect(synth.assembly.stacks.map((stack) => stack.stackName).sort()).toEqual([
      `Fic-${STAGE}-Api`,
      `Fic-${STAGE}-Data`,
      `Fic-${STAGE}-Ops`,
      `Fic-${STAGE}-Web`,
    ]);
  });

  it('synthesizes two stages side by side with nothing named twice', () => {
    const other = synthesize({ stage: 'qa', ...NO_BUNDLING });
    try {
      const ours = Object.keys(synth.templates);
      const theirs = Object.keys(other.templates);
      expect(theirs.sort()).toEqual(['Fic-qa-Api', 'Fic-qa-Data', 'Fic-qa-Ops', 'Fic-qa-Web']);
      expect(ours.filter((name) => theirs.includes(name))).toEqual([]);
      const exported = exportNames(other.templates);
      expect(exported.length).toBeGreaterThan(0);
      expect(exportNames(synth.templates).filter((name) => exported.includes(name))).toEqual([]);
      expect(hardCodedNames(synth.templates)).toEqual([]);
      expect(hardCodedNames(other.templates)).toEqual([]);
    } finally {
      other.dispose();
    }
  });

  it.each(['Prod!', 'Prod', '', '1dev', 'dev_1', 'a'.repeat(17)])(
    'rejects the stage %j',
    (stage) => {
      const outdir = mkdtempSync(path.join(os.tmpdir(), 'fic-infra-test-'));
      try {
        expect(() => buildApp({ outdir, context: { stage } })).toThrow(/stage/);
        expect(existsSync(path.join(outdir, 'manifest.json'))).toBe(false);
      } finally {
        rmSync(outdir, { recursive: true, force: true });
      }
    },
  );
});
