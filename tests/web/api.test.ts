import { describe, expect, it } from 'vitest';
import { createApiClient } from '../../web/src/lib/api';
import { ApiError } from '../../web/src/lib/problem';

/*
 * The console's API client when the API refuses its bearer (401): one more try with a bearer
 * renewed from the refresh token, else the person is asked to sign in again.
 */
function server(accepts: string) {
  const seen: (string | null)[] = [];
  const fetchFn = (async (_url: string, init: RequestInit) => {
    const auth = new Headers(init.headers).get('authorization');
    seen.push(auth);
    return auth === `Bearer ${accepts}`
      ? new Response('{"ok":true}', { status: 200 })
      : new Response('{"message":"Unauthorized"}', { status: 401 });
  }) as typeof fetch;
  return { fetchFn, seen };
}

describe('a refused bearer', () => {
  it('is renewed once and the same request sent again', async () => {
    const { fetchFn, seen } = server('fresh');
    let asked = 0;
    const api = createApiClient({
      baseUrl: '',
      token: async () => 'stale',
      renew: async () => 'fresh',
      onUnauthorized: () => {
        asked += 1;
      },
      fetchFn,
    });
    await expect(
      api.send('POST', '/v1/donations', { a: 1 }, { 'idempotency-key': 'k' }),
    ).resolves.toEqual({ ok: true });
    expect(seen).toEqual(['Bearer stale', 'Bearer fresh']);
    expect(asked).toBe(0);
  });

  it('asks the person to sign in again when nothing renews it', async () => {
    for (const renew of [async () => undefined, async () => 'stale', undefined]) {
      const { fetchFn, seen } = server('fresh');
      let asked = 0;
      const api = createApiClient({
        baseUrl: '',
        token: async () => 'stale',
        renew,
        onUnauthorized: () => {
          asked += 1;
        },
        fetchFn,
      });
      const refused = await api.get('/v1/chambers').catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(ApiError);
      expect((refused as ApiError).status).toBe(401);
      expect(seen).toEqual(['Bearer stale']);
      expect(asked).toBe(1);
    }
  });
});
