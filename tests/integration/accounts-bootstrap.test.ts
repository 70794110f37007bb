import { randomUUID } from 'node:crypto';
import { decodeJwt } from 'jose';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { AccountHistoryEntry } from '#shared/contract/accounts';
import type { BootstrapOptions } from '../../scripts/bootstrap-admin';
import { call } from '../support/api';

/*
 * The one-off command that creates a deployment's first administrator, run against the local
 * runtime's DynamoDB (no user pool there: the accounts table is the whole directory, as locally).
 * It uses a province no other test grants anything in (重庆市, 500000), since it refuses to run
 * where an administrator exists.
 */
let bootstrap: typeof import('../../scripts/bootstrap-admin');
let table: string;

beforeAll(async () => {
  const environment = inject('functionEnvironments').accounts ?? {};
  table = environment.ACCOUNTS_TABLE as string;
  Object.assign(process.env, environment, {
    AWS_ENDPOINT_URL_DYNAMODB: inject('dynamoEndpoint'),
    AWS_REGION: 'local',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
  });
  bootstrap = await import('../../scripts/bootstrap-admin');
});

describe('bootstrapping the first administrator', () => {
  it('creates them once, and they can sign in as FIC staff of their region', async () => {
    const first: BootstrapOptions = {
      table,
      name: '马骏',
      email: `ma.jun.${randomUUID().slice(0, 6)}@fic.example`,
      regionCode: '500000',
    };
    const made = await bootstrap.bootstrapAdmin(first);
    expect(made.created).toBe(true);
    expect(made.account).toMatchObject({
      name: '马骏',
      role: 'fic-admin',
      regionCode: '500000',
      status: 'active',
      createdBy: 'bootstrap',
    });

    const answer = await call<{ token: string }>('GET', `/_local/token?account=${made.account.id}`);
    expect(answer.status).toBe(200);
    const claims = decodeJwt(answer.body.token);
    expect(claims).toMatchObject({
      sub: made.account.id,
      'cognito:groups': ['fic-admin'],
      'custom:regionCode': '500000',
    });
    // The history says who made them.
    const history = await call<{ items: AccountHistoryEntry[] }>(
      'GET',
      `/v1/accounts/${made.account.id}/history`,
      { headers: { authorization: `Bearer ${answer.body.token}` } },
    );
    expect(history.body.items).toEqual([
      expect.objectContaining({ action: 'invite', by: 'bootstrap', version: 1 }),
    ]);

    // Run again for the same person: done already, nothing new.
    const again = await bootstrap.bootstrapAdmin(first);
    expect(again).toEqual({ account: made.account, created: false });

    // Anyone else: refused, the province has its administrator.
    await expect(
      bootstrap.bootstrapAdmin({ ...first, name: '牛犇', email: 'niu.ben@fic.example' }),
    ).rejects.toBeInstanceOf(bootstrap.BootstrapRefused);
  });

  it('refuses what would not be a valid administrator, naming the field', async () => {
    await expect(
      bootstrap.bootstrapAdmin({
        table,
        name: '杨帆',
        email: 'not-an-address',
        regionCode: '500000',
      }),
    ).rejects.toThrow(/contact\.email/);
  });
});
