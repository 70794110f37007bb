import { describe, expect, it } from 'vitest';
import { claimsOverride } from '#functions/accounts/token';
import type { Role } from '#shared/auth/principal';
import {
  type AccountGrant,
  changesBetween,
  normalizePhone,
  type TokenVerdict,
  tokenVerdict,
} from '#shared/domain/accounts';

/*
 * What a token carries is decided here, from the account alone (and, for an officer, the
 * chamber as it is now): the pre-token-generation trigger's rules, without storage.
 */

const account = (fields: Partial<AccountGrant> = {}): AccountGrant => ({
  id: 'acc-1',
  role: 'fic-admin',
  regionCode: '371621',
  chamberId: null,
  status: 'active',
  ...fields,
});

const granted = (verdict: TokenVerdict) => {
  if (!verdict.ok) throw new Error(`refused: ${verdict.reason}`);
  return verdict;
};

describe('the token of an account', () => {
  it.each<Role>(['fic-admin', 'assessor', 'liaison'])(
    'of a %s carries its role as the one group and its region, and never a chamber',
    (role) => {
      const verdict = granted(tokenVerdict(account({ role, regionCode: '371600' })));
      expect(verdict.groups).toEqual([role]);
      expect(verdict.claims).toEqual({ 'custom:regionCode': '371600' });
      // A chamber set on the user by hand in the directory must not reach the token.
      expect(verdict.suppress).toEqual(['custom:chamberId']);
    },
  );

  it('of a chamber officer carries the chamber and the chamber’s region as it is now', () => {
    const officer = account({ role: 'chamber-officer', regionCode: '371621', chamberId: 'ch-1' });
    // The chamber has moved to another county since the account was written: scope follows it.
    const verdict = granted(tokenVerdict(officer, { status: 'registered', regionCode: '371623' }));
    expect(verdict.groups).toEqual(['chamber-officer']);
    expect(verdict.claims).toEqual({
      'custom:regionCode': '371623',
      'custom:chamberId': 'ch-1',
    });
    expect(verdict.suppress).toEqual([]);
  });

  it.each(['applied', 'approved', 'registered', 'suspended'])(
    'is issued to the officer of a chamber that is %s',
    (status) => {
      const officer = account({ role: 'chamber-officer', chamberId: 'ch-1' });
      expect(tokenVerdict(officer, { status, regionCode: '371621' }).ok).toBe(true);
    },
  );

  it.each(['deregistered', 'rejected'])(
    'is refused to the officer of a chamber that is %s: nobody acts for it any more',
    (status) => {
      const officer = account({ role: 'chamber-officer', chamberId: 'ch-1' });
      const verdict = tokenVerdict(officer, { status, regionCode: '371621' });
      expect(verdict).toEqual({ ok: false, reason: expect.stringContaining(status) });
    },
  );

  it('is refused to an officer whose chamber does not exist', () => {
    const officer = account({ role: 'chamber-officer', chamberId: 'gone' });
    expect(tokenVerdict(officer, undefined)).toMatchObject({ ok: false });
  });

  it('is refused to a missing account, saying whom to ask', () => {
    expect(tokenVerdict(undefined)).toEqual({
      ok: false,
      reason: expect.stringMatching(/工商联.*ask your FIC/),
    });
  });

  it.each<Role>(['fic-admin', 'chamber-officer'])('is refused to a disabled %s', (role) => {
    const disabled = account({ role, status: 'disabled', chamberId: 'ch-1' });
    const verdict = tokenVerdict(disabled, { status: 'registered', regionCode: '371621' });
    expect(verdict).toEqual({ ok: false, reason: expect.stringContaining('disabled') });
  });
});

describe('the trigger’s answer (V2 event)', () => {
  it('puts the same role and scope in the ID token and the access token', () => {
    const verdict = granted(
      tokenVerdict(account({ role: 'chamber-officer', chamberId: 'ch-9' }), {
        status: 'registered',
        regionCode: '371621001',
      }),
    );
    const claims = { 'custom:regionCode': '371621001', 'custom:chamberId': 'ch-9' };
    expect(claimsOverride(verdict)).toEqual({
      idTokenGeneration: { claimsToAddOrOverride: claims, claimsToSuppress: [] },
      accessTokenGeneration: { claimsToAddOrOverride: claims, claimsToSuppress: [] },
      groupOverrideDetails: { groupsToOverride: ['chamber-officer'], iamRolesToOverride: [] },
    });
  });

  it('suppresses the chamber claim in both tokens for a role without a chamber', () => {
    const details = claimsOverride(granted(tokenVerdict(account({ role: 'liaison' }))));
    expect(details.idTokenGeneration?.claimsToSuppress).toEqual(['custom:chamberId']);
    expect(details.accessTokenGeneration?.claimsToSuppress).toEqual(['custom:chamberId']);
    expect(details.groupOverrideDetails?.groupsToOverride).toEqual(['liaison']);
  });
});

describe('contacts and history', () => {
  it.each([
    ['13812345678', '+8613812345678'],
    ['138 1234 5678', '+8613812345678'],
    ['138-1234-5678', '+8613812345678'],
    ['+86 138 1234 5678', '+8613812345678'],
    ['008613812345678', '+8613812345678'],
  ])('reads the mobile number %j as %s', (input, e164) => {
    expect(normalizePhone(input)).toBe(e164);
  });

  it.each(['12812345678', '1381234567', '+1 415 555 0100', '0543-1234567', 'phone'])(
    'refuses %j as a mobile number',
    (input) => {
      expect(normalizePhone(input)).toBeUndefined();
    },
  );

  it('records each changed field with its value before and after, and nothing unchanged', () => {
    const before = { name: '张伟', role: 'assessor', contact: { email: 'a@x.cn' } };
    const after = { name: '张伟', role: 'liaison', contact: { phone: '+8613812345678' } };
    expect(changesBetween(before, after, ['name', 'role', 'contact'])).toEqual({
      role: { from: 'assessor', to: 'liaison' },
      contact: { from: { email: 'a@x.cn' }, to: { phone: '+8613812345678' } },
    });
    expect(changesBetween(undefined, { name: '李娜' }, ['name', 'chamberId'])).toEqual({
      name: { from: null, to: '李娜' },
    });
  });
});
