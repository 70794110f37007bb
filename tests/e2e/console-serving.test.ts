import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import { CONSOLE_SIGN_IN } from '#shared/auth/sign-in';
import { apiUrl, call, token } from '../support/api';

/*
 * The local runtime serves what the template's CloudFront distribution serves: the console's
 * files from what the deployments put in the bucket, client routes as the console's page, the
 * API behind /v1/*, and the response headers policy on every answer.
 */

const get = (path: string, init?: RequestInit) => fetch(`${apiUrl}${path}`, init);

describe('the console, served as CloudFront serves it', () => {
  it('answers the page at / with the template’s security headers, checked on every load', async () => {
    const response = await get('/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self';");
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toMatch(/<html lang="zh-CN"/);
  });

  it('answers a client route with the same page, and its hashed files cached for a year', async () => {
    const page = await (await get('/')).text();
    const deep = await get('/registry/chambers/some-chamber?tab=members');
    expect(deep.status).toBe(200);
    expect(await deep.text()).toBe(page);
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(page)?.[1];
    expect(script, 'the page loads a hashed script').toBeDefined();
    const file = await get(script ?? '');
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(file.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it('serves the production build of React and antd, whatever NODE_ENV built it', async () => {
    // vitest runs the build under NODE_ENV=test; a development build is slower, warns in the
    // console, and once rendered a screen differently from what is deployed.
    const page = await (await get('/')).text();
    const scripts = [...page.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts) {
      const code = await (await get(script ?? '')).text();
      expect(code, script).not.toContain('react-devtools');
      expect(code, script).not.toContain('is deprecated. Please use');
    }
  });

  it('refuses what S3 and CloudFront refuse: a file that is not there, a write', async () => {
    expect((await get('/assets/not-there-123.js')).status).toBe(403);
    expect((await get('/', { method: 'POST', body: '{}' })).status).toBe(403);
    expect((await get('/%E0%A4%A.js')).status).toBe(403);
  });

  it('serves config.json naming the local OpenID provider and the authorizer’s client', async () => {
    const response = await get('/config.json');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    const config = (await response.json()) as { apiBase: string; oidc: Record<string, string> };
    const aud = decodeJwt(await token({ role: 'fic-admin' })).aud;
    expect(config).toEqual({
      apiBase: '',
      oidc: { authority: `${apiUrl}/_local/oidc`, clientId: aud, scope: CONSOLE_SIGN_IN.scope },
    });
    const discovery = await fetch(`${config.oidc.authority}/.well-known/openid-configuration`);
    expect(discovery.status).toBe(200);
  });

  it('passes /v1/* and /openapi.json to the API, with the same headers policy', async () => {
    const ranking = await call('GET', '/v1/rankings/donations');
    expect(ranking.status).toBe(200);
    expect(ranking.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect((await get('/openapi.json')).headers.get('content-type')).toContain('application/json');
    // An API error stays the API's: never the console's page.
    const missing = await call('GET', '/v1/no-such-route');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).not.toContain('text/html');
  });
});
