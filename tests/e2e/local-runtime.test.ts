import { describe, expect, it } from 'vitest';
import { apiUrl, call, token } from '../support/api';

const chamber = (name: string) => ({
  name,
  kind: 'industry',
  regionCode: '371625',
  relationship: 'group-member',
});

describe('the local runtime behaves as API Gateway does', () => {
  it('hands a non-text body over base64-encoded, and the function decodes it', async () => {
    const admin = await token({ role: 'fic-admin', regionCode: '371600' });
    const answer = await call('POST', '/v1/chambers', {
      token: admin,
      body: JSON.stringify(chamber('博兴县金属板业商会')),
      headers: { 'content-type': 'application/octet-stream' },
    });
    expect(answer.status).toBe(201);
    expect(answer.body.name).toBe('博兴县金属板业商会');
  });

  it('accepts the token without the "Bearer" scheme, as the JWT authorizer does', async () => {
    const admin = await token({ role: 'fic-admin', regionCode: '371600' });
    const answer = await call('GET', '/v1/chambers?limit=1', { headers: { authorization: admin } });
    expect(answer.status).toBe(200);
  });

  it('refuses a token the moment it expires, though it was accepted before', async () => {
    const shortLived = await token({ role: 'fic-admin', regionCode: '371600', expiresIn: 2 });
    expect((await call('GET', '/v1/chambers?limit=1', { token: shortLived })).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    expect((await call('GET', '/v1/chambers?limit=1', { token: shortLived })).status).toBe(401);
  });

  it('allows no other origin: the template declares no CORS, as the console shares the API’s', async () => {
    const response = await fetch(`${apiUrl}/v1/chambers`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://fic.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type',
      },
    });
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    const answer = await call('GET', '/v1/rankings/donations', {
      headers: { origin: 'https://fic.example' },
    });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers 404 for a path no route declares, before any authorizer', async () => {
    const answer = await call('GET', '/v1/nothing-here');
    expect(answer.status).toBe(404);
  });

  it('rejects a local token request it cannot honour', async () => {
    expect((await call('GET', '/_local/token?role=mayor')).status).toBe(400);
    expect((await call('GET', '/_local/token?role=chamber-officer')).status).toBe(400);
    expect((await call('GET', '/_local/token?role=fic-admin&regionCode=37')).status).toBe(400);
  });

  it('names the schedules it knows when asked for another', async () => {
    const answer = await call<{ message: string }>('POST', '/_local/schedules/no-such-schedule');
    expect(answer.status).toBe(404);
    expect(answer.body.message).toContain('no-such-schedule');
  });
});
