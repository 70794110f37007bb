import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { JWTPayload } from 'jose';
import {
  ACCOUNTS_TABLE_ENV,
  accountFromItem,
  accountKey,
  accountsUnderCondition,
} from '#shared/accounts/published';
import type { Account } from '#shared/contract/accounts';
import type { Assembly } from './assembly';
import type { LocalIssuer } from './issuer';
import type { FunctionHost } from './lambda-host';

/*
 * Signing in as an account, locally, the way Cognito does it deployed: the local issuer runs the
 * user pool's own pre-token-generation function (from cdk.out) for the account and signs what it
 * answers; when the function refuses (an unknown or disabled account, an officer of a closed
 * chamber), no token is issued. `GET /_local/token?account=` and the local OIDC sign-in page both
 * come here. Locally there is no Cognito user directory: the accounts table the template
 * declares is the list of people who can sign in.
 */

/** The function refused the token: `reason` is its message, meant for the person signing in. */
export class AccountRefused extends Error {}

/** What a sign-in page shows of an account to pick. */
export type AccountSummary = Pick<Account, 'id' | 'name' | 'role' | 'regionCode' | 'chamberId'>;

export interface AccountTokens {
  idToken: string;
  accessToken: string;
  expiresIn: number;
}

/** Claims the sign-in itself adds (an OIDC nonce, the session's id), beneath the trigger's. */
export interface SignInClaims {
  id?: JWTPayload;
  access?: JWTPayload;
}

/** The JWT authorizer's settings the tokens must satisfy (from the template's routes). */
export interface TokenAudience {
  issuer: string;
  audience: string[];
}

export class LocalAccounts {
  private readonly documents: DynamoDBDocumentClient;

  private constructor(
    private readonly trigger: FunctionHost,
    private readonly userPoolId: string,
    private readonly jwt: TokenAudience,
    private readonly issuer: LocalIssuer,
    private readonly table: string,
    dynamo: DynamoDBClient,
  ) {
    this.documents = DynamoDBDocumentClient.from(dynamo);
  }

  /**
   * The accounts of the template: the pre-token-generation trigger of the user pool whose
   * tokens the API's authorizer accepts, and the accounts table that function reads. Undefined
   * when the template has none (no sign-in as an account then).
   */
  static fromTemplate(
    assembly: Assembly,
    hosts: Map<string, FunctionHost>,
    jwt: TokenAudience | undefined,
    issuer: LocalIssuer,
    dynamo: DynamoDBClient,
  ): LocalAccounts | undefined {
    if (!jwt) return undefined;
    const trigger = assembly
      .tokenTriggers()
      .find((candidate) => jwt.issuer.endsWith(`/${candidate.userPoolId}`));
    const host = trigger && hosts.get(trigger.functionArn);
    const table = host?.fn.environment[ACCOUNTS_TABLE_ENV];
    if (!trigger || !host || !table) return undefined;
    if (trigger.version === 'V1_0') {
      throw new Error('The pre-token-generation trigger must take the V2_0 event (both tokens).');
    }
    return new LocalAccounts(host, trigger.userPoolId, jwt, issuer, table, dynamo);
  }

  /** Active accounts under a region (all levels), ordered by region, for a sign-in page. */
  async activeAccounts(regionCode: string): Promise<AccountSummary[]> {
    const query = accountsUnderCondition(regionCode);
    const out: AccountSummary[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.documents.send(
        new QueryCommand({
          TableName: this.table,
          ...query,
          FilterExpression: '#status = :active',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ...query.ExpressionAttributeValues, ':active': 'active' },
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? []) {
        const { id, name, role, regionCode: region, chamberId } = accountFromItem(item);
        out.push({ id, name, role, regionCode: region, chamberId });
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return out;
  }

  /**
   * An ID and an access token for the account, as Cognito would issue them at sign-in: the
   * person's attributes (name, contact) in the ID token, the sign-in's own claims, then the
   * pre-token-generation function's answer over them. Throws AccountRefused when it refuses.
   */
  async tokens(
    accountId: string,
    expiresIn = 3600,
    signIn: SignInClaims = {},
  ): Promise<AccountTokens> {
    const clientId = this.jwt.audience[0] ?? '';
    const outcome = await this.trigger.invoke(this.event(accountId, clientId));
    if (!outcome.ok) {
      if (outcome.error?.errorType === 'TokenRefused') {
        throw new AccountRefused(outcome.error.errorMessage);
      }
      throw new Error(
        `The pre-token-generation function failed: ${outcome.error?.errorType}: ${outcome.error?.errorMessage}`,
      );
    }
    const details = (outcome.result as { response?: { claimsAndScopeOverrideDetails?: Override } })
      ?.response?.claimsAndScopeOverrideDetails;
    const authTime = Math.floor(Date.now() / 1000);
    const id = applyOverride(
      {
        ...(await this.attributes(accountId)),
        ...signIn.id,
        sub: accountId,
        token_use: 'id',
        'cognito:username': accountId,
        auth_time: authTime,
      },
      details?.idTokenGeneration,
      details?.groupOverrideDetails,
    );
    const access = applyOverride(
      {
        ...signIn.access,
        sub: accountId,
        token_use: 'access',
        client_id: clientId,
        username: accountId,
        scope: 'openid profile email',
        auth_time: authTime,
      },
      details?.accessTokenGeneration,
      details?.groupOverrideDetails,
    );
    return {
      idToken: await this.issuer.sign(id, this.jwt.issuer, clientId, expiresIn),
      accessToken: await this.issuer.sign(access, this.jwt.issuer, undefined, expiresIn),
      expiresIn,
    };
  }

  /**
   * What a Cognito ID token carries of the user's attributes: locally the accounts table is the
   * user directory, so they are the account's name and contact.
   */
  private async attributes(accountId: string): Promise<JWTPayload> {
    const { Item } = await this.documents.send(
      new GetCommand({ TableName: this.table, Key: accountKey(accountId), ConsistentRead: true }),
    );
    if (!Item) return {};
    const { name, contact } = accountFromItem(Item);
    return {
      name,
      ...(contact.email && { email: contact.email, email_verified: true }),
      ...(contact.phone && { phone_number: contact.phone, phone_number_verified: true }),
    };
  }

  /** The V2 event Cognito sends at sign-in, for a person whose sub is the account's id. */
  private event(accountId: string, clientId: string) {
    return {
      version: '2',
      triggerSource: 'TokenGeneration_Authentication',
      region: 'local',
      userPoolId: this.userPoolId,
      userName: accountId,
      callerContext: { awsSdkVersion: 'local', clientId },
      request: {
        userAttributes: { sub: accountId, 'cognito:user_status': 'CONFIRMED' },
        groupConfiguration: { groupsToOverride: [], iamRolesToOverride: [] },
        scopes: ['openid', 'profile', 'email'],
      },
      response: { claimsAndScopeOverrideDetails: null },
    };
  }
}

interface TokenGeneration {
  claimsToAddOrOverride?: Record<string, string>;
  claimsToSuppress?: string[];
}
interface Override {
  idTokenGeneration?: TokenGeneration;
  accessTokenGeneration?: TokenGeneration;
  groupOverrideDetails?: { groupsToOverride?: string[] };
}

/** A token's claims after the trigger's answer: added or overridden, suppressed, groups set. */
function applyOverride(
  base: JWTPayload,
  generation: TokenGeneration | undefined,
  groups: Override['groupOverrideDetails'],
): JWTPayload {
  const claims: JWTPayload = { ...base, ...generation?.claimsToAddOrOverride };
  for (const name of generation?.claimsToSuppress ?? []) delete claims[name];
  if (groups?.groupsToOverride?.length) claims['cognito:groups'] = groups.groupsToOverride;
  return claims;
}
