import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { AccountRefused, LocalAccounts } from '#infra/local/accounts';
import { Assembly } from '#infra/local/assembly';
import { LocalIssuer } from '#infra/local/issuer';
import { FunctionHost } from '#infra/local/lambda-host';
import type { Account } from '#shared/contract/accounts';
import { call, token } from '../support/api';

/*
 * What the local sign-in (GET /_local/token?account= today, the OIDC sign-in page later) stands
 * on: LocalAccounts, built from the same cloud assembly the runtime serves, listing the accounts
 * one can sign in as and signing both tokens through the template's own trigger function.
 */
let accounts: LocalAccounts;
let issuer: LocalIssuer;
let jwt: { issuer: string; audience: string[] };
let host: FunctionHost | undefined;
const dynamo = new DynamoDBClient({
  endpoint: inject('dynamoEndpoint'),
  region: 'local',
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
});

beforeAll(async () => {
  const assembly = new Assembly(inject('assemblyDir'));
  jwt = assembly.routes().find((route) => route.jwt)?.jwt as typeof jwt;
  const [trigger] = assembly.tokenTriggers();
  const fn = assembly.functions().find((f) => f.arn === trigger?.functionArn);
  if (!fn) throw new Error('no token trigger in the assembly');
  host = new FunctionHost(fn, {
    runtimeEnvironment: {
      AWS_REGION: 'local',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      AWS_ENDPOINT_URL_DYNAMODB: inject('dynamoEndpoint'),
    },
    log: () => undefined,
  });
  issuer = await LocalIssuer.create();
  const made = LocalAccounts.fromTemplate(assembly, new Map([[fn.arn, host]]), jwt, issuer, dynamo);
  if (!made) throw new Error('the template declares no accounts');
  accounts = made;
});

afterAll(async () => {
  await host?.stop();
  dynamo.destroy();
});

async function invite(name: string, regionCode: string): Promise<Account> {
  const admin = await token({ role: 'fic-admin', regionCode: '371600' });
  const answer = await call<Account>('POST', '/v1/accounts', {
    token: admin,
    body: { name, role: 'liaison', regionCode, contact: { email: `${randomUUID()}@fic.example` } },
  });
  expect(answer.status).toBe(201);
  return answer.body;
}

describe('local sign-in as an account', () => {
  it('lists the active accounts under a region, and not the disabled ones', async () => {
    // 沾化区 (371603): the only test that invites anyone there.
    const [active, disabled] = [await invite('甘霖', '371603'), await invite('古月', '371603')];
    const admin = await token({ role: 'fic-admin', regionCode: '371600' });
    await call('POST', `/v1/accounts/${disabled.id}/status`, {
      token: admin,
      body: { action: 'disable' },
    });
    const listed = await accounts.activeAccounts('371603');
    expect(listed).toContainEqual({
      id: active.id,
      name: '甘霖',
      role: 'liaison',
      regionCode: '371603',
      chamberId: null,
    });
    expect(listed.map((a) => a.id)).not.toContain(disabled.id);
    expect(await accounts.activeAccounts('371602')).not.toContainEqual(
      expect.objectContaining({ id: active.id }),
    );
  });

  it('signs an ID and an access token that both carry the account’s role and scope', async () => {
    const person = await invite('石磊', '371603');
    const { idToken, accessToken, expiresIn } = await accounts.tokens(person.id, 600);
    expect(expiresIn).toBe(600);
    const id = decodeJwt(idToken);
    const access = decodeJwt(accessToken);
    expect(id).toMatchObject({
      sub: person.id,
      token_use: 'id',
      aud: jwt.audience[0],
      'cognito:groups': ['liaison'],
      'custom:regionCode': '371603',
    });
    expect(access).toMatchObject({
      sub: person.id,
      token_use: 'access',
      client_id: jwt.audience[0],
      'cognito:groups': ['liaison'],
      'custom:regionCode': '371603',
    });
    expect(access.aud).toBeUndefined();
    // As a Cognito user's attributes: the person's name in the ID token, not in the access token.
    expect(id.name).toBe('石磊');
    expect(access.name).toBeUndefined();
    // The authorizer takes either: the ID token by `aud`, the access token by `client_id`.
    expect(await issuer.verify(idToken, jwt.issuer, jwt.audience)).toBeDefined();
    expect(await issuer.verify(accessToken, jwt.issuer, jwt.audience)).toBeDefined();
    expect(await issuer.verify(accessToken, jwt.issuer, ['another-client'])).toBeUndefined();
  });

  it('refuses an unknown account with the reason the trigger gives', async () => {
    await expect(accounts.tokens(randomUUID())).rejects.toBeInstanceOf(AccountRefused);
  });
});
