import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import {
  AccountRecovery,
  CfnUserPoolGroup,
  FeaturePlan,
  LambdaVersion,
  Mfa,
  StringAttribute,
  UserPool,
  UserPoolOperation,
} from 'aws-cdk-lib/aws-cognito';
import type { Construct } from 'constructs';
import { ROLES } from '#shared/auth/principal';
import { ConcernFunction } from './constructs/concern-function';
import { ConcernTable } from './constructs/concern-table';
import { acknowledge } from './nag';

export interface DataStackProps extends StackProps {
  stage: string;
  /** Existing (restored) tables to use instead of new ones, by concern (docs/runbook.md). */
  restoredTables?: Record<string, string>;
}

/**
 * The state: each concern's table and the user pool (its sign-in client is the Web stack's). It
 * changes rarely and is kept when the other stacks are replaced.
 */
export class DataStack extends Stack {
  readonly tables: {
    registration: ConcernTable;
    ledger: ConcernTable;
    assessment: ConcernTable;
    supervision: ConcernTable;
    rankings: ConcernTable;
    accounts: ConcernTable;
  };
  readonly userPool: UserPool;

  constructor(scope: Construct, id: string, props: DataStackProps) {
    super(scope, id, props);
    this.tables = {
      registration: new ConcernTable(this, 'Registration', {
        concern: 'registration',
        restoredName: props.restoredTables?.registration,
        indexes: [{ name: 'byRegion', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' }],
      }),
      // The ledger must never be lost: deletion protection on, retained with the stack gone.
      ledger: new ConcernTable(this, 'Ledger', {
        concern: 'ledger',
        restoredName: props.restoredTables?.ledger,
        deletionProtection: true,
      }),
      assessment: new ConcernTable(this, 'Assessment', {
        concern: 'assessment',
        restoredName: props.restoredTables?.assessment,
        indexes: [
          { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
          { name: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
        ],
      }),
      supervision: new ConcernTable(this, 'Supervision', {
        concern: 'supervision',
        restoredName: props.restoredTables?.supervision,
        indexes: [
          { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
          { name: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
        ],
      }),
      rankings: new ConcernTable(this, 'Rankings', {
        concern: 'rankings',
        restoredName: props.restoredTables?.rankings,
      }),
      accounts: new ConcernTable(this, 'Accounts', {
        concern: 'accounts',
        restoredName: props.restoredTables?.accounts,
        indexes: [{ name: 'byRegion', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' }],
      }),
    };

    this.userPool = new UserPool(this, 'Users', {
      selfSignUpEnabled: false,
      // People sign in with the contact their FIC invited them with: an email or a mobile number.
      signInAliases: { email: true, phone: true },
      featurePlan: FeaturePlan.PLUS,
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: {
        minLength: 12,
        requireDigits: true,
        requireLowercase: true,
        requireUppercase: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      accountRecovery: AccountRecovery.EMAIL_AND_PHONE_WITHOUT_MFA,
      customAttributes: {
        regionCode: new StringAttribute({ minLen: 6, maxLen: 12, mutable: true }),
        chamberId: new StringAttribute({ minLen: 1, maxLen: 64, mutable: true }),
      },
      deletionProtection: props.stage === 'prod',
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // Phone sign-in makes CDK add the role Cognito sends SMS through (invitations, codes).
    acknowledge(this.userPool.node.findChild('smsRole'), {
      'AwsSolutions-IAM5[Resource::*]':
        'Cognito sends SMS through SNS straight to phone numbers, which are not ARNs: sns:Publish cannot name a resource. The role is assumable by Cognito only, with an external id.',
    });
    this.addTokenTrigger();
    for (const role of ROLES) {
      new CfnUserPoolGroup(this, `Group-${role}`, {
        userPoolId: this.userPool.userPoolId,
        groupName: role,
        description: `Role ${role}`,
      });
    }

    new CfnOutput(this, 'UserPoolId', { value: this.userPool.userPoolId });
    // For the one-off command that creates the first administrator (README, Deploy).
    new CfnOutput(this, 'AccountsTableName', { value: this.tables.accounts.table.tableName });
  }

  /**
   * The pre-token-generation trigger (V2: claims in the ID and the access token), which writes
   * each person's role and scope from their account into every token. It lives in this stack,
   * beside the pool that invokes it and the tables it reads: in the API stack the pool would
   * refer to a function of a stack that already refers to this one, a cycle CloudFormation
   * cannot deploy.
   */
  private addTokenTrigger(): void {
    const trigger = new ConcernFunction(this, 'AccountsToken', {
      concern: 'accounts',
      file: 'token',
      memorySize: 256,
      // Cognito waits 5 seconds for a trigger.
      timeout: Duration.seconds(5),
    })
      .bindTable(this.tables.accounts, 'read')
      .bindTable(this.tables.registration, 'read');
    this.userPool.addTrigger(
      UserPoolOperation.PRE_TOKEN_GENERATION_CONFIG,
      trigger.fn,
      LambdaVersion.V2_0,
    );
    acknowledge(trigger.fn, {
      'Serverless-LambdaDLQ':
        'Cognito invokes this trigger synchronously while it issues a token and refuses the token when it fails; a dead-letter queue only applies to asynchronous invocations.',
    });
  }
}
