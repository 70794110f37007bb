import {
  AdminCreateUserCommand,
  AdminDeleteUserAttributesCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminGetUserCommand,
  AdminUpdateUserAttributesCommand,
  CognitoIdentityProviderClient,
  UsernameExistsException,
} from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { CognitoDirectory } from '#functions/accounts/cognito';
import {
  accountsTableDirectory,
  type Directory,
  directoryFrom,
} from '#functions/accounts/directory';
import { DIRECTORY_ACTIONS } from '#infra/api-stack';

/*
 * The Cognito adapter's requests, as the SDK would send them (recorded by aws-sdk-client-mock):
 * what an invitation, a changed contact, and disabling or enabling ask of the user pool.
 */

const POOL = 'cn-north-1_Abc123';
const cognito = mockClient(CognitoIdentityProviderClient);
const directory = (): Directory =>
  new CognitoDirectory(POOL, new CognitoIdentityProviderClient({}));
const SUB = '6f0e8a52-0c7e-4c5e-9a61-1d7f4f3c2b10';

beforeEach(() => cognito.reset());

const sent = <T>(command: new (input: T) => unknown) =>
  cognito.commandCalls(command as never).map((call) => call.args[0].input);

describe('inviting a person', () => {
  it('creates the user with their contact verified and sends the temporary password by email', async () => {
    cognito.on(AdminCreateUserCommand).resolves({
      User: { Attributes: [{ Name: 'sub', Value: SUB }] },
    });
    const id = await directory().invite(
      { name: '王芳', contact: { email: 'wang.fang@fic.example', phone: '+8613812345678' } },
      'unused',
    );
    expect(id).toBe(SUB);
    expect(sent(AdminCreateUserCommand)).toEqual([
      {
        UserPoolId: POOL,
        Username: 'wang.fang@fic.example',
        UserAttributes: [
          { Name: 'name', Value: '王芳' },
          { Name: 'email', Value: 'wang.fang@fic.example' },
          { Name: 'email_verified', Value: 'true' },
          { Name: 'phone_number', Value: '+8613812345678' },
          { Name: 'phone_number_verified', Value: 'true' },
        ],
        DesiredDeliveryMediums: ['EMAIL'],
      },
    ]);
  });

  it('sends it by SMS to a person who has only a mobile number', async () => {
    cognito.on(AdminCreateUserCommand).resolves({
      User: { Attributes: [{ Name: 'sub', Value: SUB }] },
    });
    await directory().invite({ name: '刘洋', contact: { phone: '+8613912345678' } }, 'unused');
    expect(sent(AdminCreateUserCommand)).toEqual([
      expect.objectContaining({
        Username: '+8613912345678',
        DesiredDeliveryMediums: ['SMS'],
      }),
    ]);
  });

  it('adopts the user the contact already has (a retried invitation) instead of failing', async () => {
    cognito
      .on(AdminCreateUserCommand)
      .rejects(new UsernameExistsException({ message: 'exists', $metadata: {} }));
    cognito.on(AdminGetUserCommand).resolves({ UserAttributes: [{ Name: 'sub', Value: SUB }] });
    const id = await directory().invite({ name: '王芳', contact: { email: 'w@fic.example' } }, 'x');
    expect(id).toBe(SUB);
    expect(sent(AdminGetUserCommand)).toEqual([{ UserPoolId: POOL, Username: 'w@fic.example' }]);
  });

  it('lets any other failure through, creating nothing it does not report', async () => {
    cognito.on(AdminCreateUserCommand).rejects(new Error('throttled'));
    await expect(
      directory().invite({ name: '王芳', contact: { email: 'w@fic.example' } }, 'x'),
    ).rejects.toThrow('throttled');
    expect(sent(AdminGetUserCommand)).toEqual([]);
  });
});

describe('changing a person', () => {
  it('updates only the attributes that changed, by sub', async () => {
    await directory().update(
      SUB,
      { name: '王芳', contact: { email: 'old@fic.example' } },
      { name: '王芳', contact: { email: 'new@fic.example' } },
    );
    expect(sent(AdminUpdateUserAttributesCommand)).toEqual([
      {
        UserPoolId: POOL,
        Username: SUB,
        UserAttributes: [{ Name: 'email', Value: 'new@fic.example' }],
      },
    ]);
    expect(sent(AdminDeleteUserAttributesCommand)).toEqual([]);
  });

  it('removes a contact the account no longer has', async () => {
    await directory().update(
      SUB,
      { name: '王芳', contact: { email: 'w@fic.example', phone: '+8613812345678' } },
      { name: '王芳', contact: { phone: '+8613812345678' } },
    );
    expect(sent(AdminUpdateUserAttributesCommand)).toEqual([]);
    expect(sent(AdminDeleteUserAttributesCommand)).toEqual([
      { UserPoolId: POOL, Username: SUB, UserAttributeNames: ['email'] },
    ]);
  });

  it('asks nothing when nothing the directory keeps has changed', async () => {
    const profile = { name: '王芳', contact: { email: 'w@fic.example' } };
    await directory().update(SUB, profile, { ...profile });
    expect(cognito.calls()).toEqual([]);
  });

  it('disables and enables the user by sub', async () => {
    await directory().setEnabled(SUB, false);
    await directory().setEnabled(SUB, true);
    expect(sent(AdminDisableUserCommand)).toEqual([{ UserPoolId: POOL, Username: SUB }]);
    expect(sent(AdminEnableUserCommand)).toEqual([{ UserPoolId: POOL, Username: SUB }]);
  });

  it('asks the pool only for what the API stack grants the function', () => {
    const used = [
      AdminCreateUserCommand,
      AdminGetUserCommand,
      AdminUpdateUserAttributesCommand,
      AdminDeleteUserAttributesCommand,
      AdminDisableUserCommand,
      AdminEnableUserCommand,
    ].map((command) => `cognito-idp:${command.name.replace(/Command$/, '')}`);
    expect([...DIRECTORY_ACTIONS].sort()).toEqual(used.sort());
  });
});

describe('which directory', () => {
  it('is the user pool the environment names, else the accounts table alone', () => {
    expect(directoryFrom({ USER_POOL_ID: POOL })).toBeInstanceOf(CognitoDirectory);
    expect(directoryFrom({})).toBe(accountsTableDirectory);
  });

  it('as the accounts table, names the account with the id the system proposes', async () => {
    expect(await accountsTableDirectory.invite({ name: '王芳', contact: {} }, 'acc-7')).toBe(
      'acc-7',
    );
  });
});
