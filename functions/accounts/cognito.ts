import {
  AdminCreateUserCommand,
  AdminDeleteUserAttributesCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminGetUserCommand,
  AdminUpdateUserAttributesCommand,
  type AttributeType,
  CognitoIdentityProviderClient,
  UsernameExistsException,
} from '@aws-sdk/client-cognito-identity-provider';
import type { Directory, Profile } from './directory';

/**
 * The Cognito user pool as the sign-in directory. A person signs in with their email or mobile
 * number (the pool's username attributes) and is addressed afterwards by their `sub`, which is
 * their account's id. Only role-free attributes are kept here: role and scope reach a token
 * from the account, through the pre-token-generation trigger, never from the user's attributes.
 */
export class CognitoDirectory implements Directory {
  constructor(
    private readonly userPoolId: string,
    private readonly client = new CognitoIdentityProviderClient({ maxAttempts: 3 }),
  ) {}

  async invite(profile: Profile): Promise<string> {
    const { email, phone } = profile.contact;
    const username = email ?? phone ?? '';
    try {
      const { User } = await this.client.send(
        new AdminCreateUserCommand({
          UserPoolId: this.userPoolId,
          Username: username,
          UserAttributes: attributes(profile),
          // The temporary password goes where the person can read it: email first, else SMS.
          DesiredDeliveryMediums: [email ? 'EMAIL' : 'SMS'],
        }),
      );
      return subOf(User?.Attributes, username);
    } catch (error) {
      if (!(error instanceof UsernameExistsException)) throw error;
      // The contact already has a user: an earlier try of this invitation whose answer was lost,
      // or one whose account was never written. No account holds the contact (the use case made
      // sure), so this user is the person's: the invitation adopts it.
      const user = await this.client.send(
        new AdminGetUserCommand({ UserPoolId: this.userPoolId, Username: username }),
      );
      return subOf(user.UserAttributes, username);
    }
  }

  async update(id: string, before: Profile, after: Profile): Promise<void> {
    const wanted = attributes(after);
    const held = new Map(attributes(before).map((a) => [a.Name, a.Value]));
    const changed = wanted.filter((a) => held.get(a.Name) !== a.Value);
    const removed = [...held.keys()].filter(
      (name): name is string => name !== undefined && !wanted.some((a) => a.Name === name),
    );
    // Verification flags go with their attribute.
    const dropped = removed.filter((name) => !name.endsWith('_verified'));
    if (changed.length > 0) {
      await this.client.send(
        new AdminUpdateUserAttributesCommand({
          UserPoolId: this.userPoolId,
          Username: id,
          UserAttributes: changed,
        }),
      );
    }
    if (dropped.length > 0) {
      await this.client.send(
        new AdminDeleteUserAttributesCommand({
          UserPoolId: this.userPoolId,
          Username: id,
          UserAttributeNames: dropped,
        }),
      );
    }
  }

  async setEnabled(id: string, enabled: boolean): Promise<void> {
    const input = { UserPoolId: this.userPoolId, Username: id };
    await this.client.send(
      enabled ? new AdminEnableUserCommand(input) : new AdminDisableUserCommand(input),
    );
  }
}

/**
 * A person's attributes in the pool. The contact is marked verified: the FIC that invites a
 * person vouches for it, and the invitation's temporary password proves it at first sign-in.
 */
function attributes(profile: Profile): AttributeType[] {
  const { email, phone } = profile.contact;
  return [
    { Name: 'name', Value: profile.name },
    ...(email
      ? [
          { Name: 'email', Value: email },
          { Name: 'email_verified', Value: 'true' },
        ]
      : []),
    ...(phone
      ? [
          { Name: 'phone_number', Value: phone },
          { Name: 'phone_number_verified', Value: 'true' },
        ]
      : []),
  ];
}

function subOf(attributes: AttributeType[] | undefined, username: string): string {
  const sub = attributes?.find((attribute) => attribute.Name === 'sub')?.Value;
  if (!sub) throw new Error(`The user pool answered no sub for ${username}.`);
  return sub;
}
