import { describe, expect, it } from 'vitest';
import { call, token } from '../support/api';
import { expectProblem } from '../support/registration';

/*
 * What no route of the contract serves, as a client sees it: the template's `$default` route
 * answers an unknown path with 404 and a known path with another method with 405 (and `Allow`),
 * as problem+json, with a token or without; a path that cannot be percent-decoded is a 400 naming
 * the parameter, never a 500.
 */
const admin = () => token({ role: 'fic-admin', regionCode: '371600' });

describe('a request no route serves', () => {
  it('is a 404 problem+json for an unknown path, with a token or without', async () => {
    expectProblem(await call('GET', '/v1/nothing-here'), 404);
    expectProblem(await call('POST', '/v1/nothing-here', { token: await admin(), body: {} }), 404);
    const root = expectProblem(await call('GET', '/'), 404);
    expect(root.detail).toContain('/openapi.json');
  });

  it('is a 405 problem+json with Allow for a known path and another method', async () => {
    for (const [method, path, allow] of [
      ['PUT', '/v1/chambers', 'GET, POST'],
      ['DELETE', '/v1/chambers/some-id', 'GET, PATCH'],
      ['POST', '/v1/stats/donations', 'GET'],
      ['DELETE', '/openapi.json', 'GET'],
      ['PATCH', '/v1/chambers/some-id/liaisons/leader-1', 'PUT, DELETE'],
      ['POST', '/v1/rankings/donations/history', 'GET'],
    ] as const) {
      const answer = await call(method, path);
      const problem = expectProblem(answer, 405);
      expect(answer.headers.get('allow'), `${method} ${path}`).toBe(allow);
      expect(problem.detail).toContain(method);
    }
    // The method is wrong whoever asks: a token changes nothing.
    const answer = await call('PUT', '/v1/chambers', { token: await admin(), body: {} });
    expectProblem(answer, 405);
    expect(answer.headers.get('allow')).toBe('GET, POST');
  });

  it('still goes through the authorizer when the path and method are served', async () => {
    const answer = await call('GET', '/v1/chambers');
    expect(answer.status).toBe(401);
    expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
    expect(answer.body).toEqual({ message: 'Unauthorized' });
  });
});

describe('a path that cannot be percent-decoded', () => {
  it('is a 400 problem+json naming the parameter, on a public route', async () => {
    for (const path of [
      '/v1/rankings/%zz',
      '/v1/rankings/%',
      '/v1/rankings/%E4%B8',
      '/v1/rankings/%zz/history',
    ]) {
      expectProblem(await call('GET', path), 400, ['metric']);
    }
  });

  it('is a 400 problem+json naming the parameter behind the authorizer, 401 without a token', async () => {
    const as = await admin();
    expectProblem(await call('GET', '/v1/chambers/%zz', { token: as }), 400, ['id']);
    expectProblem(await call('GET', '/v1/chambers/ok/visits/%G1', { token: as }), 400, ['visitId']);
    expect((await call('GET', '/v1/chambers/%zz')).status).toBe(401);
  });

  it('is decoded before routing, as API Gateway does: an encoded slash separates segments', async () => {
    const as = await admin();
    // /v1/chambers/a%2Fb is /v1/chambers/a/b: no such resource.
    expectProblem(await call('GET', '/v1/chambers/a%2Fb', { token: as }), 404);
    // An encoded letter is the letter: the same chamber path, the same 404 for an unknown id.
    expectProblem(await call('GET', '/v1/chambers/%6Eo-such-chamber', { token: as }), 404);
  });

  it('is no 500 on the local endpoints either', async () => {
    expect((await call('POST', '/_local/schedules/%zz')).status).toBe(404);
  });
});
