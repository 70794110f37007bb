import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import {
  AccountRecovery,
  CfnUserPoolGroup,
  ClientAttributes,
  FeaturePlan,
  Mfa,
  StringAttribute,
  UserPool,
  type UserPoolClient,
} from 'aws-cdk-lib/aws-cognito';
import type { Construct } from 'constructs';
import { ROLES } from '#shared/auth/principal';
import { ConcernTable } from './constructs/concern-table';

export interface DataStackProps extends StackProps {
  stage: string;
}

/**
 * The stateful half: each concern's table and the user pool. It changes rarely and is kept when
 * the stateless stack is replaced.
 */
export class DataStack extends Stack {
  readonly tables: {
    registration: ConcernTable;
    ledger: ConcernTable;
    assessment: ConcernTable;
    supervision: ConcernTable;
    rankings: ConcernTable;
  };
  readonly userPool: UserPool;
  readonly userPoolClient: UserPoolClient;

  constructor(scope: Construct, id: string, props: DataStackProps) {
    super(scope, id, props);
    this.tables = {
      registration: new ConcernTable(this, 'Registration', {
        concern: 'registration',
        indexes: [{ name: 'byRegion', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' }],
      }),
      // The ledger must never be lost: deletion protection on, retained with the stack gone.
      ledger: new ConcernTable(this, 'Ledger', { concern: 'ledger', deletionProtection: true }),
      assessment: new ConcernTable(this, 'Assessment', {
        concern: 'assessment',
        indexes: [
          { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
          { name: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
        ],
      }),
      supervision: new ConcernTable(this, 'Supervision', {
        concern: 'supervision',
        indexes: [
          { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
          { name: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
        ],
      }),
      rankings: new ConcernTable(this, 'Rankings', { concern: 'rankings' }),
    };

    this.userPool = new UserPool(this, 'Users', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
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
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      customAttributes: {
        regionCode: new StringAttribute({ minLen: 6, maxLen: 12, mutable: true }),
        chamberId: new StringAttribute({ minLen: 1, maxLen: 64, mutable: true }),
      },
      deletionProtection: props.stage === 'prod',
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const role of ROLES) {
      new CfnUserPoolGroup(this, `Group-${role}`, {
        userPoolId: this.userPool.userPoolId,
        groupName: role,
        description: `Role ${role}`,
      });
    }
    this.userPoolClient = this.userPool.addClient('WebClient', {
      authFlows: { userSrp: true },
      // Sign-in is SRP only: no hosted-UI OAuth flows (CDK would default to implicit + code).
      disableOAuth: true,
      // Region and chamber decide what a person may do: only administrators set them
      // (AdminUpdateUserAttributes), never the user through this client.
      writeAttributes: new ClientAttributes(),
      generateSecret: false,
      preventUserExistenceErrors: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
    });

    new CfnOutput(this, 'UserPoolId', { value: this.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: this.userPoolClient.userPoolClientId });
  }
}
