import { describe, expect, it } from 'vitest';
import { cognitoClaims, flattenClaims } from '#infra/local/issuer';
import {
  adminCovers,
  officerOf,
  type Principal,
  parseGroups,
  principalFromClaims,
  type Role,
} from '#shared/auth/principal';
import { UnauthorizedError } from '#shared/http/errors';

const principal = (roles: Role[], scope: Partial<Principal> = {}): Principal => ({
  sub: 'u-1',
  roles: new Set(roles),
  regionCode: undefined,
  chamberId: undefined,
  ...scope,
});

describe('parseGroups', () => {
  // API Gateway's JWT authorizer hands an array claim over as "[a b]".
  it.each([
    ['[fic-admin]', ['fic-admin']],
    ['[fic-admin assessor]', ['fic-admin', 'assessor']],
    ['[fic-admin, assessor]', ['fic-admin', 'assessor']],
    ['fic-admin', ['fic-admin']],
    ['[]', []],
    ['', []],
    [undefined, []],
  ])('reads %j as %j', (value, groups) => {
    expect(parseGroups(value)).toEqual(groups);
  });
});

describe('principalFromClaims', () => {
  it('takes sub, groups, region and chamber from flattened claims', () => {
    const p = principalFromClaims({
      sub: 'u-42',
      'cognito:groups': '[fic-admin assessor]',
      'custom:regionCode': '371600',
      token_use: 'id',
    });
    expect(p).toEqual({
      sub: 'u-42',
      roles: new Set(['fic-admin', 'assessor']),
      regionCode: '371600',
      chamberId: undefined,
    });
  });

  it('accepts a single group given plainly or in brackets', () => {
    for (const groups of ['fic-admin', '[fic-admin]']) {
      expect([...principalFromClaims({ sub: 's', 'cognito:groups': groups }).roles]).toEqual([
        'fic-admin',
      ]);
    }
  });

  it('ignores groups that are not roles, including near misses', () => {
    const p = principalFromClaims({
      sub: 's',
      'cognito:groups': '[superuser fic-admins FIC-ADMIN admin chamber-officer]',
    });
    expect([...p.roles]).toEqual(['chamber-officer']);
  });

  it('gives a person without groups no role', () => {
    expect(principalFromClaims({ sub: 's' }).roles.size).toBe(0);
  });

  it('treats empty custom claims as absent', () => {
    const p = principalFromClaims({ sub: 's', 'custom:regionCode': '', 'custom:chamberId': '' });
    expect(p.regionCode).toBeUndefined();
    expect(p.chamberId).toBeUndefined();
  });

  it.each([
    ['no claims', undefined],
    ['no sub', { 'cognito:groups': '[fic-admin]', 'custom:regionCode': '370000' }],
    ['an empty sub', { sub: '', 'cognito:groups': '[fic-admin]' }],
  ])('answers 401 for %s', (_, claims) => {
    expect(() => principalFromClaims(claims)).toThrow(UnauthorizedError);
    try {
      principalFromClaims(claims);
    } catch (error) {
      expect((error as UnauthorizedError).status).toBe(401);
    }
  });
});

describe('adminCovers', () => {
  it('lets an admin act on every code under their region and on the region itself', () => {
    const province = principal(['fic-admin'], { regionCode: '370000' });
    expect(adminCovers(province, '371621001')).toBe(true);
    expect(adminCovers(province, '371625102221')).toBe(true);
    expect(adminCovers(province, '370000')).toBe(true);
    const county = principal(['fic-admin'], { regionCode: '371621' });
    expect(adminCovers(county, '371621')).toBe(true);
    expect(adminCovers(county, '371621001')).toBe(true);
  });

  it('keeps an admin out of neighbouring and higher regions', () => {
    const county = principal(['fic-admin'], { regionCode: '371621' });
    expect(adminCovers(county, '371623')).toBe(false);
    expect(adminCovers(county, '371623001')).toBe(false);
    expect(adminCovers(county, '371600')).toBe(false);
    expect(adminCovers(county, '370000')).toBe(false);
    const city = principal(['fic-admin'], { regionCode: '371600' });
    expect(adminCovers(city, '371700')).toBe(false);
    expect(adminCovers(city, '370102')).toBe(false);
  });

  it('never lets a chamber officer, assessor or liaison cover a region', () => {
    for (const role of ['chamber-officer', 'assessor', 'liaison'] as const) {
      const p = principal([role], { regionCode: '370000', chamberId: 'c-1' });
      expect(adminCovers(p, '371621'), role).toBe(false);
      expect(adminCovers(p, '370000'), role).toBe(false);
    }
  });

  it('covers nothing for an admin without a region or with a malformed one', () => {
    expect(adminCovers(principal(['fic-admin']), '371621')).toBe(false);
    expect(adminCovers(principal(['fic-admin'], { regionCode: '37' }), '371621')).toBe(false);
    expect(adminCovers(principal(['fic-admin'], { regionCode: '3716' }), '371621')).toBe(false);
    expect(adminCovers(principal(['fic-admin'], { regionCode: '371600' }), '3716')).toBe(false);
  });
});

describe('officerOf', () => {
  it('is true for a chamber officer of that chamber only', () => {
    const officer = principal(['chamber-officer'], { chamberId: 'c-1' });
    expect(officerOf(officer, 'c-1')).toBe(true);
    expect(officerOf(officer, 'c-2')).toBe(false);
    expect(officerOf(officer, '')).toBe(false);
  });

  it('is false for other roles even when their token names the chamber', () => {
    for (const role of ['fic-admin', 'assessor', 'liaison'] as const) {
      expect(officerOf(principal([role], { chamberId: 'c-1' }), 'c-1'), role).toBe(false);
    }
  });

  it('is false for an officer whose token names no chamber', () => {
    const officer = principal(['chamber-officer']);
    expect(officerOf(officer, 'c-1')).toBe(false);
    expect(officerOf(officer, '')).toBe(false);
  });
});

describe('flattenClaims (as API Gateway hands claims to a function)', () => {
  it('turns arrays into "[a b]", numbers and booleans into strings, objects into JSON', () => {
    expect(
      flattenClaims({
        sub: 'u-1',
        'cognito:groups': ['fic-admin', 'assessor'],
        exp: 1_700_000_000,
        email_verified: true,
        address: { country: 'CN', locality: '滨州' },
      }),
    ).toEqual({
      sub: 'u-1',
      'cognito:groups': '[fic-admin assessor]',
      exp: '1700000000',
      email_verified: 'true',
      address: '{"country":"CN","locality":"滨州"}',
    });
  });

  it('round-trips a Cognito ID token into the same principal', () => {
    const claims = cognitoClaims({
      role: 'chamber-officer',
      sub: 'officer-1',
      regionCode: '371621001',
      chamberId: 'ch-9',
    });
    expect(principalFromClaims(flattenClaims(claims))).toEqual({
      sub: 'officer-1',
      roles: new Set(['chamber-officer']),
      regionCode: '371621001',
      chamberId: 'ch-9',
    });
  });

  it('round-trips several groups', () => {
    const flat = flattenClaims({ sub: 'a', 'cognito:groups': ['fic-admin', 'liaison'] });
    expect(principalFromClaims(flat).roles).toEqual(new Set(['fic-admin', 'liaison']));
  });

  it('round-trips an admin scoped to a region, who then covers it', () => {
    const p = principalFromClaims(
      flattenClaims(cognitoClaims({ role: 'fic-admin', sub: 'admin-1', regionCode: '371600' })),
    );
    expect(adminCovers(p, '371621001')).toBe(true);
    expect(adminCovers(p, '371700')).toBe(false);
  });
});
