import { describe, expect, it } from 'vitest';
import { call, token } from '../support/api';

describe('the local runtime', () => {
  it('serves the OpenAPI document without a token', async () => {
    const answer = await call<{ openapi: string; paths: Record<string, unknown> }>(
      'GET',
      '/openapi.json',
    );
    expect(answer.status).toBe(200);
    expect(answer.body.openapi).toBe('3.1.0');
    expect(Object.keys(answer.body.paths)).toContain('/v1/chambers/{id}');
  });

  it('answers a route behind the authorizer once a token is given', async () => {
    const admin = await token({ role: 'fic-admin', regionCode: '371600' });
    const answer = await call('GET', '/v1/chambers', { token: admin });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ items: expect.any(Array) });
  });
});
