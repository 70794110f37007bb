import { randomUUID } from 'node:crypto';
import type { PreTokenGenerationV2TriggerEvent } from 'aws-lambda';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { Account, AccountHistoryEntry } from '#shared/contract/accounts';
import { ConflictError, PreconditionFailedError } from '#shared/http/errors';
import { chamberRecord } from '../support/chamber-record';

/*
 * The accounts store and the pre-token-generation function against DynamoDB Local, without
 * HTTP: the conditional writes that keep one contact to one account however invitations race,
 * the append-only history, and what the trigger answers Cognito for each kind of account.
 */
let store: typeof import('#functions/accounts/store');
let trigger: typeof import('#functions/accounts/token');
let registration: typeof import('#functions/registration/store');

beforeAll(async () => {
  const environments = inject('functionEnvironments');
  Object.assign(process.env, environments.registration, environments.accounts, {
    AWS_ENDPOINT_URL_DYNAMODB: inject('dynamoEndpoint'),
    AWS_REGION: 'local',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
  });
  // The modules read their tables' names from the environment when they load, so only now.
  store = await import('#functions/accounts/store');
  trigger = await import('#functions/accounts/token');
  registration = await import('#functions/registration/store');
});

function account(fields: Partial<Account> = {}): Account {
  const now = new Date().toISOString();
  return {
    id: randomUUID(),
    name: '测试人员',
    role: 'assessor',
    regionCode: '371622',
    chamberId: null,
    contact: { email: `${randomUUID()}@fic.example` },
    status: 'active',
    version: 1,
    createdAt: now,
    updatedAt: now,
    createdBy: 'test',
    ...fields,
  };
}

const entry = (a: Account, action: AccountHistoryEntry['action'] = 'invite') => ({
  at: a.updatedAt,
  by: 'test',
  action,
  changes: {},
  version: a.version,
});

describe('the accounts store', () => {
  it('lets one of many invitations racing for one email hold it', async () => {
    const address = `${randomUUID()}@fic.example`;
    const racers = Array.from({ length: 8 }, () => account({ contact: { email: address } }));
    const outcomes = await Promise.allSettled(racers.map((a) => store.insertAccount(a, entry(a))));
    expect(
      outcomes.filter((o) => o.status === 'fulfilled'),
      outcomes
        .map((o) => (o.status === 'rejected' ? `${o.reason?.name}: ${o.reason?.message}` : 'ok'))
        .join('\n'),
    ).toHaveLength(1);
    for (const outcome of outcomes.filter((o) => o.status === 'rejected')) {
      expect((outcome as PromiseRejectedResult).reason).toBeInstanceOf(ConflictError);
    }
    const holders = await store.claimHolders([`email#${address}`]);
    const winner = racers[outcomes.findIndex((o) => o.status === 'fulfilled')];
    expect(holders.get(`email#${address}`)).toBe(winner?.id);
    // The losers left nothing behind.
    for (const loser of racers.filter((a) => a !== winner)) {
      expect(await store.getAccount(loser.id)).toBeUndefined();
    }
  });

  it('frees an old contact when the account moves to a new one, and takes the new one', async () => {
    const first = account();
    await store.insertAccount(first, entry(first));
    const moved = {
      ...first,
      contact: { phone: '+8613700001111' },
      version: 2,
      updatedAt: new Date().toISOString(),
    };
    await store.replaceAccount(first, moved, entry(moved, 'update'));
    // The old email is free for someone else now.
    const second = account({ contact: first.contact });
    await expect(store.insertAccount(second, entry(second))).resolves.toBe('created');
    const third = account({ contact: { phone: '+8613700001111' } });
    await expect(store.insertAccount(third, entry(third))).rejects.toBeInstanceOf(ConflictError);
  });

  it('refuses a change made on a version that is no longer current (412), writing nothing', async () => {
    const a = account();
    await store.insertAccount(a, entry(a));
    const v2 = { ...a, name: '改名', version: 2 };
    await store.replaceAccount(a, v2, entry(v2, 'update'));
    const stale = { ...a, name: '另一个名字', version: 2 };
    await expect(store.replaceAccount(a, stale, entry(stale, 'update'))).rejects.toBeInstanceOf(
      PreconditionFailedError,
    );
    expect((await store.getAccount(a.id))?.name).toBe('改名');
    const history = await store.listHistory(a.id, 10);
    expect(history.items.map((e) => e.version)).toEqual([1, 2]);
  });
});

function event(sub: string): PreTokenGenerationV2TriggerEvent {
  return {
    version: '2',
    triggerSource: 'TokenGeneration_Authentication',
    region: 'local',
    userPoolId: 'local_pool',
    userName: sub,
    callerContext: { awsSdkVersion: 'test', clientId: 'client' },
    request: {
      userAttributes: { sub, 'custom:chamberId': 'forged-by-hand' },
      groupConfiguration: { groupsToOverride: ['fic-admin'], iamRolesToOverride: [] },
    },
    response: { claimsAndScopeOverrideDetails: {} },
  } as PreTokenGenerationV2TriggerEvent;
}

describe('the pre-token-generation function', () => {
  it('writes the account’s role and region into both tokens, whatever groups the user is in', async () => {
    const liaison = account({ role: 'liaison', regionCode: '371625' });
    await store.insertAccount(liaison, entry(liaison));
    const answer = await trigger.handler(event(liaison.id));
    expect(answer.response.claimsAndScopeOverrideDetails).toEqual({
      idTokenGeneration: {
        claimsToAddOrOverride: { 'custom:regionCode': '371625' },
        claimsToSuppress: ['custom:chamberId'],
      },
      accessTokenGeneration: {
        claimsToAddOrOverride: { 'custom:regionCode': '371625' },
        claimsToSuppress: ['custom:chamberId'],
      },
      groupOverrideDetails: { groupsToOverride: ['liaison'], iamRolesToOverride: [] },
    });
  });

  it('gives an officer their chamber and its region, until the chamber is deregistered', async () => {
    const chamber = chamberRecord('阳信县测试商会', {
      regionCode: '371622',
      relationship: 'group-member',
      partyOrganisation: 'none',
    });
    await registration.insertChamber(chamber);
    const officer = account({
      role: 'chamber-officer',
      chamberId: chamber.id,
      regionCode: chamber.regionCode,
    });
    await store.insertAccount(officer, entry(officer));
    const answer = await trigger.handler(event(officer.id));
    expect(answer.response.claimsAndScopeOverrideDetails.idTokenGeneration).toEqual({
      claimsToAddOrOverride: { 'custom:regionCode': '371622', 'custom:chamberId': chamber.id },
      claimsToSuppress: [],
    });
    expect(answer.response.claimsAndScopeOverrideDetails.groupOverrideDetails).toMatchObject({
      groupsToOverride: ['chamber-officer'],
    });

    await registration.replaceChamber({ ...chamber, status: 'deregistered', version: 2 }, 1);
    await expect(trigger.handler(event(officer.id))).rejects.toMatchObject({
      name: 'TokenRefused',
      message: expect.stringContaining('deregistered'),
    });
  });

  it('refuses a token to a person without an account', async () => {
    await expect(trigger.handler(event(randomUUID()))).rejects.toMatchObject({
      name: 'TokenRefused',
      message: expect.stringContaining('No account'),
    });
  });

  it('refuses a token to a disabled account', async () => {
    const disabled = account({ role: 'fic-admin', status: 'disabled' });
    await store.insertAccount(disabled, entry(disabled));
    await expect(trigger.handler(event(disabled.id))).rejects.toMatchObject({
      name: 'TokenRefused',
      message: expect.stringContaining('disabled'),
    });
  });
});
