import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIRECTORY_ACTIONS } from '#infra/api-stack';
import {
  type CfnTemplate,
  NO_BUNDLING,
  resolveImports,
  resourcesOfType,
  type Synthesized,
  synthesize,
} from './synth';

/*
 * Accounts in the template: the pre-token-generation trigger wired to the user pool with the V2
 * event, where it lives (beside the pool, so no stack refers to the other both ways), and what
 * the trigger and the accounts function may do: read the accounts and the chambers, and manage
 * the pool's users with the few actions the sign-in directory uses, on that pool alone.
 */
let synth: Synthesized;
let data: CfnTemplate;
let api: CfnTemplate;

beforeAll(() => {
  synth = synthesize({ stage: 'acct', ...NO_BUNDLING });
  data = synth.templates['Fic-acct-Data'] as CfnTemplate;
  api = synth.templates['Fic-acct-Api'] as CfnTemplate;
});
afterAll(() => synth?.dispose());

const only = (template: CfnTemplate, type: string) => {
  const found = resourcesOfType(template, type);
  expect(
    found.map(([id]) => id),
    type,
  ).toHaveLength(1);
  return found[0] as (typeof found)[number];
};

type Statement = { Effect: string; Action: string | string[]; Resource: unknown };
const list = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

/** Every statement granted to the role of the function `logicalId` in `template`. */
function statementsOf(template: CfnTemplate, logicalId: string): Statement[] {
  const fn = template.Resources[logicalId]?.Properties ?? {};
  const role = (fn.Role as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0];
  return resourcesOfType(template, 'AWS::IAM::Policy')
    .filter(([, policy]) =>
      list(policy.Properties.Roles as { Ref: string }[]).some((r) => r.Ref === role),
    )
    .flatMap(([, policy]) =>
      list((policy.Properties.PolicyDocument as { Statement: Statement[] }).Statement),
    );
}

/** The functions of a template whose service (POWERTOOLS_SERVICE_NAME) is accounts. */
function accountsFunctions(template: CfnTemplate) {
  return resourcesOfType(template, 'AWS::Lambda::Function').filter(
    ([, fn]) =>
      (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables
        .POWERTOOLS_SERVICE_NAME === 'accounts',
  );
}

/** The one accounts function of a template: the trigger (data), the API's function (api). */
function accountsFunction(template: CfnTemplate) {
  const found = accountsFunctions(template);
  expect(found).toHaveLength(1);
  return found[0] as (typeof found)[number];
}

const tableArn = (template: CfnTemplate, concern: string) => {
  const [id] = resourcesOfType(template, 'AWS::DynamoDB::GlobalTable').find(([logicalId]) =>
    logicalId.startsWith(concern),
  ) ?? [''];
  return { 'Fn::GetAtt': [id, 'Arn'] };
};

describe('the pre-token-generation trigger', () => {
  it('is a function of the data stack, wired to the user pool with the V2 event', () => {
    const [poolId, pool] = only(data, 'AWS::Cognito::UserPool');
    const [triggerId] = accountsFunction(data);
    expect(pool.Properties.LambdaConfig).toEqual({
      PreTokenGenerationConfig: {
        LambdaArn: { 'Fn::GetAtt': [triggerId, 'Arn'] },
        LambdaVersion: 'V2_0',
      },
    });
    // Cognito, for this pool only, may invoke it.
    const permissions = resourcesOfType(data, 'AWS::Lambda::Permission').map(([, p]) => p);
    expect(permissions).toContainEqual(
      expect.objectContaining({
        Properties: expect.objectContaining({
          Action: 'lambda:InvokeFunction',
          FunctionName: { 'Fn::GetAtt': [triggerId, 'Arn'] },
          Principal: 'cognito-idp.amazonaws.com',
          SourceArn: { 'Fn::GetAtt': [poolId, 'Arn'] },
        }),
      }),
    );
  });

  it('answers within the five seconds Cognito waits', () => {
    const [, trigger] = accountsFunction(data);
    expect(trigger.Properties.Timeout).toBeLessThanOrEqual(5);
  });

  it('only reads: the accounts table and the chambers, nothing else, and no user pool', () => {
    const [triggerId] = accountsFunction(data);
    const statements = statementsOf(data, triggerId).filter((s) =>
      list(s.Action).some((a) => !a.startsWith('xray:')),
    );
    const resources = statements.flatMap((s) => list(s.Resource));
    expect(resources).toEqual(
      expect.arrayContaining([tableArn(data, 'Accounts'), tableArn(data, 'Registration')]),
    );
    for (const statement of statements) {
      for (const action of list(statement.Action)) {
        expect([
          'dynamodb:GetItem',
          'dynamodb:BatchGetItem',
          'dynamodb:Query',
          'dynamodb:ConditionCheckItem',
          'dynamodb:DescribeTable',
        ]).toContain(action);
      }
    }
  });
});

describe('the accounts function', () => {
  it('manages the users of this pool with the directory’s actions alone', () => {
    const [poolId] = only(data, 'AWS::Cognito::UserPool');
    const [fnId, fn] = accountsFunction(api);
    const cognito = statementsOf(api, fnId).filter((s) =>
      list(s.Action).some((a) => a.startsWith('cognito-idp:')),
    );
    expect(cognito).toHaveLength(1);
    expect(list(cognito[0]?.Action).sort()).toEqual([...DIRECTORY_ACTIONS].sort());
    expect(resolveImports(cognito[0]?.Resource, synth.templates)).toEqual({
      'Fn::GetAtt': [poolId, 'Arn'],
    });
    const variables = (fn.Properties.Environment as { Variables: Record<string, unknown> })
      .Variables;
    expect(resolveImports(variables.USER_POOL_ID, synth.templates)).toEqual({ Ref: poolId });
  });

  it('is the only function that may touch the user pool', () => {
    const [accountsId] = accountsFunction(api);
    for (const [template, name] of [
      [api, 'Api'],
      [data, 'Data'],
    ] as const) {
      for (const [id] of resourcesOfType(template, 'AWS::Lambda::Function')) {
        if (template === api && id === accountsId) continue;
        const actions = statementsOf(template, id).flatMap((s) => list(s.Action));
        expect(
          actions.filter((a) => a.startsWith('cognito-idp:')),
          `${name}/${id}`,
        ).toEqual([]);
      }
    }
  });
});

describe('the user pool and the accounts table', () => {
  it('signs people in with the email or the mobile number they were invited with', () => {
    const [, pool] = only(data, 'AWS::Cognito::UserPool');
    expect(pool.Properties.UsernameAttributes).toEqual(['email', 'phone_number']);
    expect(pool.Properties.AdminCreateUserConfig).toMatchObject({ AllowAdminCreateUserOnly: true });
  });

  it('keeps accounts in their own table, listed by region, and names it for the bootstrap', () => {
    const [id, table] = resourcesOfType(data, 'AWS::DynamoDB::GlobalTable').find(([logicalId]) =>
      logicalId.startsWith('Accounts'),
    ) ?? [undefined, undefined];
    expect(id).toBeDefined();
    expect(table?.Properties.GlobalSecondaryIndexes).toEqual([
      expect.objectContaining({
        IndexName: 'byRegion',
        KeySchema: [
          { AttributeName: 'gsi1pk', KeyType: 'HASH' },
          { AttributeName: 'gsi1sk', KeyType: 'RANGE' },
        ],
      }),
    ]);
    expect(table?.DeletionPolicy).toBe('Retain');
    expect(data.Outputs?.AccountsTableName?.Value).toEqual({ Ref: id });
  });
});
