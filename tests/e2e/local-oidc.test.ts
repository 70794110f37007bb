import { createHash, randomBytes } from 'node:crypto';
import { decodeJwt } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiUrl, call, token } from '../support/api';

/*
 * The local OpenID provider, driven as the console's OIDC client drives it: discovery, the
 * sign-in page, the authorization code with PKCE, refresh, revocation and sign-out. The ID token
 * it answers is the bearer the API accepts.
 */

const OIDC = `${apiUrl}/_local/oidc`;
const REDIRECT = `${apiUrl}/auth/callback`;

interface Discovery {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  jwks_uri: string;
  end_session_endpoint: string;
  code_challenge_methods_supported: string[];
}

let discovery: Discovery;
let clientId: string;

beforeAll(async () => {
  discovery = (await (await fetch(`${OIDC}/.well-known/openid-configuration`)).json()) as Discovery;
  // The client id is the authorizer's audience: the `aud` of every local ID token.
  clientId = String(decodeJwt(await token({ role: 'fic-admin' })).aud);
});

const verifier = () => randomBytes(32).toString('base64url');
const challenge = (v: string) => createHash('sha256').update(v).digest('base64url');

function authorizeParams(codeVerifier: string, extra: Record<string, string> = {}) {
  return new URLSearchParams({
    client_id: clientId,
    redirect_uri: REDIRECT,
    response_type: 'code',
    scope: 'openid email profile',
    state: 'state-1',
    nonce: 'nonce-1',
    code_challenge: challenge(codeVerifier),
    code_challenge_method: 'S256',
    ...extra,
  });
}

/** Submits the sign-in form as a browser would; answers the redirect's location. */
async function signIn(codeVerifier: string, choice: Record<string, string>): Promise<URL> {
  const response = await fetch(discovery.authorization_endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: authorizeParams(codeVerifier, choice),
    redirect: 'manual',
  });
  expect(response.status).toBe(302);
  return new URL(response.headers.get('location') ?? '');
}

async function exchange(params: Record<string, string>) {
  const response = await fetch(discovery.token_endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ client_id: clientId, ...params }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, string> };
}

async function codeFor(choice: Record<string, string>) {
  const codeVerifier = verifier();
  const location = await signIn(codeVerifier, choice);
  return { code: location.searchParams.get('code') ?? '', codeVerifier };
}

describe('the local OpenID provider', () => {
  it('publishes a discovery document whose issuer is the iss of the tokens the API accepts', async () => {
    const iss = decodeJwt(await token({ role: 'fic-admin' })).iss;
    expect(discovery.issuer).toBe(iss);
    expect(discovery.authorization_endpoint).toBe(`${OIDC}/authorize`);
    expect(discovery.code_challenge_methods_supported).toEqual(['S256']);
    const jwks = (await (await fetch(discovery.jwks_uri)).json()) as { keys: { kid: string }[] };
    const { kid } = JSON.parse(
      Buffer.from((await token({ role: 'fic-admin' })).split('.')[0] ?? '', 'base64url').toString(),
    ) as { kid: string };
    expect(jwks.keys.map((k) => k.kid)).toContain(kid);
    expect(JSON.stringify(jwks)).not.toContain('"d"');
  });

  it('shows a sign-in page in Chinese that says local sign-in has no passwords', async () => {
    const response = await fetch(
      `${discovery.authorization_endpoint}?${authorizeParams(verifier())}`,
    );
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).toContain('本地登录没有密码');
    for (const label of [
      '工商联工作人员',
      '商会工作人员',
      '评估专家',
      '驻会领导',
      '滨州市',
      '惠民县',
    ])
      expect(page).toContain(label);
  });

  it('signs FIC staff in with a code and PKCE; the ID token is a bearer the API accepts', async () => {
    const codeVerifier = verifier();
    const location = await signIn(codeVerifier, {
      role: 'fic-admin',
      regionCode: '371621',
      name: '张敏',
    });
    expect(`${location.origin}${location.pathname}`).toBe(REDIRECT);
    expect(location.searchParams.get('state')).toBe('state-1');
    const code = location.searchParams.get('code') ?? '';

    const wrong = await exchange({
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT,
      code_verifier: verifier(),
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error).toBe('invalid_grant');

    // The failed try used the code up: a code is good once, whatever happens.
    const again = await codeFor({ role: 'fic-admin', regionCode: '371621', name: '张敏' });
    const tokens = await exchange({
      grant_type: 'authorization_code',
      code: again.code,
      redirect_uri: REDIRECT,
      code_verifier: again.codeVerifier,
    });
    expect(tokens.status).toBe(200);
    expect(tokens.body.token_type).toBe('Bearer');
    expect(tokens.body.refresh_token).toBeTruthy();
    const claims = decodeJwt(tokens.body.id_token ?? '');
    expect(claims).toMatchObject({
      aud: clientId,
      nonce: 'nonce-1',
      name: '张敏',
      'cognito:groups': ['fic-admin'],
      'custom:regionCode': '371621',
    });
    const coverage = await call('GET', '/v1/coverage/townships?regionCode=371621', {
      token: tokens.body.id_token,
    });
    expect(coverage.status).toBe(200);
    // Scoped to 惠民县: another county is out of reach.
    const other = await call('GET', '/v1/coverage/townships?regionCode=371623', {
      token: tokens.body.id_token,
    });
    expect(other.status).toBe(403);

    const reused = await exchange({
      grant_type: 'authorization_code',
      code: again.code,
      redirect_uri: REDIRECT,
      code_verifier: again.codeVerifier,
    });
    expect(reused.body.error).toBe('invalid_grant');
  });

  it('renews with the refresh token until sign-out revokes it', async () => {
    const { code, codeVerifier } = await codeFor({
      role: 'assessor',
      regionCode: '371600',
      sub: 'assessor-li',
    });
    const first = await exchange({
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT,
      code_verifier: codeVerifier,
    });
    // A second later, so a fresh clock reading could not pass for the sign-in's.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const renewed = await exchange({
      grant_type: 'refresh_token',
      refresh_token: first.body.refresh_token ?? '',
    });
    expect(renewed.status).toBe(200);
    const [was, now] = [first, renewed].map((answer) => decodeJwt(answer.body.id_token ?? ''));
    expect(now?.sub).toBe('assessor-li');
    // The console's OIDC client refuses a refreshed ID token whose auth_time moved.
    expect(now?.auth_time).toBe(was?.auth_time);

    const logout = await fetch(
      `${discovery.end_session_endpoint}?${new URLSearchParams({
        id_token_hint: first.body.id_token ?? '',
        post_logout_redirect_uri: `${apiUrl}/`,
        state: 's',
      })}`,
      { redirect: 'manual' },
    );
    expect(logout.status).toBe(302);
    expect(logout.headers.get('location')).toBe(`${apiUrl}/?state=s`);
    const after = await exchange({
      grant_type: 'refresh_token',
      refresh_token: first.body.refresh_token ?? '',
    });
    expect(after.body.error).toBe('invalid_grant');
  });

  it('takes Cognito’s logout_uri and client_id as well', async () => {
    const logout = await fetch(
      `${discovery.end_session_endpoint}?${new URLSearchParams({ client_id: clientId, logout_uri: `${apiUrl}/` })}`,
      { redirect: 'manual' },
    );
    expect(logout.headers.get('location')).toBe(`${apiUrl}/`);
  });

  it('gives no refresh token and a short lifetime when the test options ask', async () => {
    const { code, codeVerifier } = await codeFor({
      role: 'liaison',
      regionCode: '371600',
      expires_in: '5',
      no_refresh: 'on',
    });
    const tokens = await exchange({
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT,
      code_verifier: codeVerifier,
    });
    expect(tokens.body.refresh_token).toBeUndefined();
    expect(tokens.body.expires_in).toBe(5);
    const claims = decodeJwt(tokens.body.id_token ?? '');
    expect(Number(claims.exp) - Number(claims.iat)).toBe(5);
  });

  it('signs a chamber officer in for the chamber picked', async () => {
    const { code, codeVerifier } = await codeFor({
      role: 'chamber-officer',
      chamberId: 'chamber-x',
    });
    const tokens = await exchange({
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT,
      code_verifier: codeVerifier,
    });
    expect(decodeJwt(tokens.body.id_token ?? '')).toMatchObject({
      'cognito:groups': ['chamber-officer'],
      'custom:chamberId': 'chamber-x',
    });
  });

  it('refuses what it must not serve, saying why', async () => {
    const page = async (params: URLSearchParams) => {
      const response = await fetch(`${discovery.authorization_endpoint}?${params}`);
      return { status: response.status, text: await response.text() };
    };
    const elsewhere = await page(
      authorizeParams(verifier(), { redirect_uri: 'https://evil.example/cb' }),
    );
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.text).toContain('redirect_uri');
    const noPkce = authorizeParams(verifier());
    noPkce.delete('code_challenge');
    expect((await page(noPkce)).status).toBe(400);
    expect((await page(authorizeParams(verifier(), { client_id: 'another' }))).status).toBe(400);

    // A chamber officer without a chamber: the form comes back with the reason beside it.
    const response = await fetch(discovery.authorization_endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: authorizeParams(verifier(), { role: 'chamber-officer' }),
      redirect: 'manual',
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('商会工作人员需要选择所在商会');

    expect((await exchange({ grant_type: 'password' })).body.error).toBe('unsupported_grant_type');
  });

  it('answers a silent sign-in with login_required: it keeps no session to renew from', async () => {
    const response = await fetch(
      `${discovery.authorization_endpoint}?${authorizeParams(verifier(), { prompt: 'none' })}`,
      { redirect: 'manual' },
    );
    const location = new URL(response.headers.get('location') ?? '');
    expect(location.searchParams.get('error')).toBe('login_required');
    expect(location.searchParams.get('state')).toBe('state-1');
  });
});

describe('signing in as an account on the local sign-in page', () => {
  const cityAdmin = () =>
    token({ role: 'fic-admin', regionCode: '371600', sub: 'local-city-admin' });
  const unique = () => randomBytes(4).toString('hex');

  async function inviteAssessor(name: string) {
    const answer = await call('POST', '/v1/accounts', {
      token: await cityAdmin(),
      body: {
        name,
        role: 'assessor',
        regionCode: '371621',
        contact: { email: `oidc.${unique()}@fic.example` },
      },
    });
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    return answer.body as { id: string; version: number };
  }

  async function signInAs(account: string) {
    const { code, codeVerifier } = await codeFor({ account });
    return exchange({
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT,
      code_verifier: codeVerifier,
    });
  }

  it('lists the people who can sign in, and their tokens carry exactly what the trigger says', async () => {
    const name = `欧阳${unique()}`;
    const account = await inviteAssessor(name);
    const page = await (
      await fetch(`${discovery.authorization_endpoint}?${authorizeParams(verifier())}`)
    ).text();
    expect(page).toContain(name);
    expect(page).toContain(`value="${account.id}"`);
    // The role and scope form stays for tests, under its own heading.
    expect(page).toContain('其他身份');

    const tokens = await signInAs(account.id);
    expect(tokens.status, JSON.stringify(tokens.body)).toBe(200);
    expect(tokens.body.refresh_token).toBeTruthy();
    const claims = decodeJwt(tokens.body.id_token ?? '');
    expect(claims).toMatchObject({
      sub: account.id,
      aud: clientId,
      nonce: 'nonce-1',
      name,
      'cognito:groups': ['assessor'],
      'custom:regionCode': '371621',
    });
    expect(claims['custom:chamberId']).toBeUndefined();
    // The same role and scope claims as the token GET /_local/token?account= issues.
    const direct = decodeJwt(
      ((await call('GET', `/_local/token?account=${account.id}`)).body as { token: string }).token,
    );
    for (const claim of ['cognito:groups', 'custom:regionCode', 'custom:chamberId', 'name'])
      expect(claims[claim]).toEqual(direct[claim]);
    const me = await call('GET', '/v1/accounts/me', { token: tokens.body.id_token });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ id: account.id, name });
  });

  it('renews with the account as it is now, and refuses a disabled account on the page and at refresh', async () => {
    const account = await inviteAssessor(`上官${unique()}`);
    const first = await signInAs(account.id);
    expect(first.status).toBe(200);

    // FIC staff move the person to the whole city: the next token (a refresh) carries it.
    const admin = await cityAdmin();
    const moved = await call('PATCH', `/v1/accounts/${account.id}`, {
      token: admin,
      headers: { 'if-match': String(account.version) },
      body: { regionCode: '371600' },
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    const renewed = await exchange({
      grant_type: 'refresh_token',
      refresh_token: first.body.refresh_token ?? '',
    });
    expect(renewed.status).toBe(200);
    expect(decodeJwt(renewed.body.id_token ?? '')['custom:regionCode']).toBe('371600');

    const disabled = await call('POST', `/v1/accounts/${account.id}/status`, {
      token: admin,
      body: { action: 'disable' },
    });
    expect(disabled.status).toBe(200);
    const refused = await exchange({
      grant_type: 'refresh_token',
      refresh_token: first.body.refresh_token ?? '',
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toBe('invalid_grant');
    expect(refused.body.error_description).toContain('账号已停用');

    const page = await fetch(discovery.authorization_endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: authorizeParams(verifier(), { account: account.id }),
      redirect: 'manual',
    });
    expect(page.status).toBe(400);
    const text = await page.text();
    expect(text).toContain('账号已停用');
    // No longer offered to pick.
    expect(text).not.toContain(`value="${account.id}"`);

    const unknown = await fetch(discovery.authorization_endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: authorizeParams(verifier(), { account: 'no-such-account' }),
      redirect: 'manual',
    });
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toContain('没有此人的账号');
  });
});
