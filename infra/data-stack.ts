import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import {
  AccountRecovery,
  CfnUserPoolGroup,
  FeaturePlan,
  Mfa,
  StringAttribute,
  UserPool,
} from 'aws-cdk-lib/aws-cognito';
import type { Construct } from 'constructs';
import { ROLES } from '#shared/auth/principal';
import { ConcernTable } from './constructs/concern-table';

export interface DataStackProps extends StackProps {
  stage: string;
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
  };
  readonly userPool: UserPool;

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

    new CfnOutput(this, 'UserPoolId', { value: this.userPool.userPoolId });
  }
}
