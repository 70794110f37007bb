import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseConfig } from '../../web/src/lib/config';

const good = {
  apiBase: '',
  oidc: {
    authority: 'http://127.0.0.1:3000/_local/oidc',
    clientId: 'UsersWebClient8EE36D42',
    scope: 'openid profile email',
  },
};

const answering = (status: number, body: string) =>
  (async () =>
    new Response(body, {
      status,
      headers: { 'content-type': 'application/json' },
    })) as typeof fetch;

describe('config.json', () => {
  it('reads what the runtime serves', async () => {
    expect(await loadConfig(answering(200, JSON.stringify(good)))).toEqual(good);
  });

  it('drops a trailing slash from apiBase and defaults the scope', () => {
    const config = parseConfig({
      apiBase: 'https://api.example/',
      oidc: { ...good.oidc, scope: undefined },
    });
    expect(config.apiBase).toBe('https://api.example');
    expect(config.oidc.scope).toBe('openid profile email');
  });

  it('names the field that is wrong', () => {
    expect(() =>
      parseConfig({ apiBase: '', oidc: { ...good.oidc, authority: 'not a url' } }),
    ).toThrow(/oidc\.authority/);
    expect(() => parseConfig({ apiBase: '', oidc: { ...good.oidc, clientId: '' } })).toThrow(
      /oidc\.clientId/,
    );
    expect(() => parseConfig([])).toThrow(ConfigError);
  });

  it('says when the file is missing, not JSON, or unreachable', async () => {
    await expect(loadConfig(answering(404, '{"message":"Not Found"}'))).rejects.toThrow(
      'config.json answered 404',
    );
    await expect(loadConfig(answering(200, '<html>'))).rejects.toThrow('config.json is not JSON');
    const offline = (async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof fetch;
    await expect(loadConfig(offline)).rejects.toThrow('could not be fetched: Failed to fetch');
  });
});
