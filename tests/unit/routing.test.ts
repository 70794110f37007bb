import { describe, expect, it } from 'vitest';
import { decodePath, RouteTable } from '#infra/local/gateway';
import { concerns } from '#shared/contract/routes';
import { allowedMethods, methodsByPath, pathMatches } from '#shared/http/route';

describe('the contract’s paths and methods (what a 405 lists in Allow)', () => {
  const served = methodsByPath(Object.values(concerns));

  it('matches a path to a template segment by segment', () => {
    expect(pathMatches('/v1/chambers', '/v1/chambers')).toBe(true);
    expect(pathMatches('/v1/chambers/{id}', '/v1/chambers/abc')).toBe(true);
    expect(pathMatches('/v1/chambers/{id}', '/v1/chambers/')).toBe(false);
    expect(pathMatches('/v1/chambers/{id}', '/v1/chambers/a/b')).toBe(false);
    expect(pathMatches('/v1/chambers', '/v1/chambers/')).toBe(false);
    expect(pathMatches('/files/{path+}', '/files/a/b')).toBe(true);
    expect(pathMatches('/files/{path+}', '/files/')).toBe(false);
  });

  it('lists every method of every template a path matches, in a fixed order', () => {
    expect(allowedMethods(served, '/v1/chambers')).toEqual(['GET', 'POST']);
    expect(allowedMethods(served, '/v1/chambers/x')).toEqual(['GET', 'PATCH']);
    expect(allowedMethods(served, '/v1/chambers/x/liaisons/y')).toEqual(['PUT', 'DELETE']);
    expect(allowedMethods(served, '/openapi.json')).toEqual(['GET']);
    expect(allowedMethods(served, '/v1/nothing')).toEqual([]);
    expect(allowedMethods(served, '/')).toEqual([]);
  });

  it('unions the methods of a literal and a parameter template both matching', () => {
    const byPath = methodsByPath([
      {
        me: { method: 'GET', path: '/v1/accounts/me', summary: '' },
        one: { method: 'PATCH', path: '/v1/accounts/{id}', summary: '' },
      },
    ]);
    expect(allowedMethods(byPath, '/v1/accounts/me')).toEqual(['GET', 'PATCH']);
    expect(allowedMethods(byPath, '/v1/accounts/42')).toEqual(['PATCH']);
  });
});

describe('the local gateway’s routing, as API Gateway routes', () => {
  const fn = 'arn:fn';
  const table = new RouteTable([
    { routeKey: 'GET /v1/chambers/{id}', functionArn: fn },
    { routeKey: 'GET /v1/chambers/{id}/members', functionArn: fn },
    { routeKey: 'GET /v1/chambers/count', functionArn: fn },
    { routeKey: '$default', functionArn: 'arn:fallback' },
  ]);

  it('decodes the path before matching, and hands the decoded path over', () => {
    expect(table.match('GET', '/v1/chambers/%E5%95%86')).toMatchObject({
      route: { routeKey: 'GET /v1/chambers/{id}' },
      pathParameters: { id: '商' },
      path: '/v1/chambers/商',
    });
    // An encoded slash is a slash once decoded.
    expect(table.match('GET', '/v1/chambers/a%2Fmembers')?.route.routeKey).toBe(
      'GET /v1/chambers/{id}/members',
    );
  });

  it('prefers the most specific route', () => {
    expect(table.match('GET', '/v1/chambers/count')?.route.routeKey).toBe('GET /v1/chambers/count');
  });

  it('sends what no route matches, whatever the method, to $default', () => {
    expect(table.match('PUT', '/v1/chambers/x')).toMatchObject({
      route: { routeKey: '$default' },
      pathParameters: {},
      path: '/v1/chambers/x',
    });
    expect(table.match('GET', '/elsewhere')?.route.routeKey).toBe('$default');
    expect(new RouteTable([{ routeKey: 'GET /a', functionArn: fn }]).match('GET', '/b')).toBe(
      undefined,
    );
  });

  it('keeps a segment it cannot decode as it came, for the function to refuse', () => {
    expect(decodePath('/v1/chambers/%zz/members/%41')).toBe('/v1/chambers/%zz/members/A');
    expect(decodePath('/a/%/b')).toBe('/a/%/b');
    expect(decodePath('/a/%E4%B8/b')).toBe('/a/%E4%B8/b');
    expect(table.match('GET', '/v1/chambers/%zz')?.pathParameters).toEqual({ id: '%zz' });
  });
});
