import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ROLES, type Role } from '#shared/auth/principal';
import { AccountRefused, type AccountSummary, type LocalAccounts } from './accounts';
import { cognitoClaims, isRole, type LocalIssuer } from './issuer';
import { signInPage } from './sign-in-page';

/*
 * A local OpenID provider under /_local/oidc, standing in for Cognito's managed login: the
 * console signs in with the authorization code flow and PKCE here exactly as it does deployed,
 * and gets an ID token signed by the local issuer with the issuer and audience the template's
 * JWT authorizer names. There are no passwords: the sign-in page lets a person pick who to be,
 * an account of the system (its tokens made as Cognito makes them: by the template's
 * pre-token-generation function, at sign-in and again at every refresh) or, for tests, any role
 * and scope. Codes and refresh tokens live in memory (a restart signs everyone out; the key
 * persists).
 */

const BASE = '/_local/oidc';
const CODE_SECONDS = 300;
const DEFAULT_TOKEN_SECONDS = 3600;
const REFRESH_SECONDS = 30 * 24 * 3600;
const SCOPES = ['openid', 'email', 'profile'];

/** Who is signing in, as the sign-in page chose it. */
export interface Identity {
  role: Role;
  sub: string;
  name?: string;
  regionCode?: string;
  chamberId?: string;
}

/** What the sign-in page offers to pick from. */
export interface SignInChoices {
  regions: { code: string; name: string }[];
  chambers(): Promise<{ id: string; name: string; regionCode: string }[]>;
  /** The active accounts of the jurisdiction (none without an accounts table). */
  accounts(): Promise<AccountSummary[]>;
}

/** Who signs in: an account of the system, or (for tests) a role and scope picked on the page. */
type Who = { account: string } | { identity: Identity };

interface Grant {
  who: Who;
  clientId: string;
  /** One sign-in: its refresh tokens are revoked together at sign-out. */
  session: string;
  /** When the person signed in (seconds): every token of the sign-in, refreshed or not, says
   * the same, as Cognito's do (a client checks that a refreshed ID token keeps it). */
  authTime: number;
  nonce?: string;
  scope: string;
  tokenSeconds: number;
  refresh: boolean;
}

interface PendingCode extends Grant {
  redirectUri: string;
  challenge: string;
  expires: number;
}

interface RefreshGrant extends Grant {
  expires: number;
}

export interface OidcOptions {
  issuer: LocalIssuer;
  /** The JWT authorizer's issuer and audiences, from the template. */
  jwt: { issuer: string; audience: string[] };
  choices: SignInChoices;
  /** Signing in as an account (absent when the template has no token trigger). */
  accounts?: LocalAccounts;
}

export class LocalOidc {
  private readonly codes = new Map<string, PendingCode>();
  private readonly refreshTokens = new Map<string, RefreshGrant>();

  constructor(private readonly options: OidcOptions) {}

  /** The client id the console signs in with: the authorizer's audience. */
  get clientId(): string {
    return this.options.jwt.audience[0] ?? '';
  }

  /** The OIDC authority as a browser that reached this server through `host` sees it. */
  static authority(host: string | undefined): string {
    return `http://${host ?? '127.0.0.1'}${BASE}`;
  }

  async handle(req: IncomingMessage, res: ServerResponse, url: URL, body: Buffer): Promise<void> {
    const path = url.pathname.slice(BASE.length);
    const method = req.method ?? 'GET';
    if (method === 'OPTIONS') return preflight(res);
    if (method === 'GET' && path === '/.well-known/openid-configuration')
      return json(res, 200, this.discovery(LocalOidc.authority(req.headers.host)));
    if (method === 'GET' && path === '/jwks.json')
      return json(res, 200, { keys: [await this.options.issuer.publicJwk()] });
    if (method === 'GET' && path === '/authorize') return this.authorizePage(res, url.searchParams);
    if (method === 'POST' && path === '/authorize') return this.authorize(res, form(body));
    if (method === 'POST' && path === '/token') return this.token(res, form(body));
    if (method === 'POST' && path === '/revoke') return this.revoke(res, form(body));
    if (method === 'GET' && path === '/logout') return this.logout(res, url.searchParams);
    json(res, 404, { error: 'not_found', error_description: `No ${method} ${url.pathname}` });
  }

  private discovery(authority: string) {
    return {
      issuer: this.options.jwt.issuer,
      authorization_endpoint: `${authority}/authorize`,
      token_endpoint: `${authority}/token`,
      jwks_uri: `${authority}/jwks.json`,
      end_session_endpoint: `${authority}/logout`,
      revocation_endpoint: `${authority}/revoke`,
      response_types_supported: ['code'],
      grant_types_supported: ['authorization_code', 'refresh_token'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
      scopes_supported: SCOPES,
      token_endpoint_auth_methods_supported: ['none'],
      code_challenge_methods_supported: ['S256'],
    };
  }

  /** The authorization request's parameters, checked; or the reason it cannot be served. */
  private request(params: URLSearchParams): AuthorizeRequest | string {
    const get = (name: string) => params.get(name) ?? '';
    if (get('client_id') !== this.clientId)
      return `client_id 不是本系统的客户端（${this.clientId}）`;
    if (!isLoopback(get('redirect_uri')))
      return 'redirect_uri 必须是本机地址（127.0.0.1 或 localhost）';
    if (get('response_type') !== 'code') return 'response_type 只能是 code';
    if (get('code_challenge_method') !== 'S256' || !/^[\w-]{43}$/.test(get('code_challenge')))
      return '需要 PKCE：code_challenge（S256）';
    const scope = get('scope') || 'openid';
    if (!scope.split(' ').includes('openid')) return 'scope 必须包含 openid';
    return {
      clientId: get('client_id'),
      redirectUri: get('redirect_uri'),
      state: params.get('state') ?? undefined,
      challenge: get('code_challenge'),
      nonce: params.get('nonce') ?? undefined,
      scope,
      prompt: params.get('prompt') ?? undefined,
    };
  }

  private async authorizePage(res: ServerResponse, params: URLSearchParams): Promise<void> {
    const request = this.request(params);
    if (typeof request === 'string') return html(res, 400, errorPage(request));
    // No session is kept here, so a silent sign-in can never succeed: say so, as OIDC asks.
    if (request.prompt === 'none')
      return redirect(res, request.redirectUri, { error: 'login_required', state: request.state });
    html(res, 200, signInPage({ params, ...(await this.pageChoices()) }));
  }

  private async authorize(res: ServerResponse, params: URLSearchParams): Promise<void> {
    const request = this.request(params);
    if (typeof request === 'string') return html(res, 400, errorPage(request));
    const who = await this.who(params);
    if (typeof who === 'string') {
      return html(res, 400, signInPage({ params, error: who, ...(await this.pageChoices()) }));
    }
    const tokenSeconds = Number(params.get('expires_in') || DEFAULT_TOKEN_SECONDS);
    const code = secret();
    this.codes.set(code, {
      who,
      clientId: request.clientId,
      session: secret(),
      authTime: Math.floor(Date.now() / 1000),
      nonce: request.nonce,
      scope: request.scope,
      tokenSeconds,
      refresh: params.get('no_refresh') !== 'on',
      redirectUri: request.redirectUri,
      challenge: request.challenge,
      expires: Date.now() + CODE_SECONDS * 1000,
    });
    redirect(res, request.redirectUri, { code, state: request.state });
  }

  private async pageChoices() {
    return {
      regions: this.options.choices.regions,
      chambers: await this.options.choices.chambers(),
      accounts: await this.options.choices.accounts(),
    };
  }

  /**
   * Who the sign-in form names, or why they cannot sign in. An account is asked of the token
   * trigger now, as Cognito asks it at sign-in, so a disabled one is refused on this page.
   */
  private async who(params: URLSearchParams): Promise<Who | string> {
    const seconds = Number(params.get('expires_in') || DEFAULT_TOKEN_SECONDS);
    if (!Number.isInteger(seconds) || seconds < 1 || seconds > 86_400)
      return '令牌有效期须为 1–86400 秒';
    const account = params.get('account');
    if (account === null) {
      const identity = this.identity(params);
      return typeof identity === 'string' ? identity : { identity };
    }
    const { accounts } = this.options;
    if (!accounts) return '本地运行环境没有账号表，请选择角色和范围';
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(account)) return '请选择一个账号';
    try {
      await accounts.tokens(account, 60);
    } catch (error) {
      if (error instanceof AccountRefused) return error.message;
      throw error;
    }
    return { account };
  }

  /** The person the sign-in form names, or what is wrong with the form. */
  private identity(params: URLSearchParams): Identity | string {
    const role = params.get('role') ?? '';
    if (!isRole(role)) return `请选择角色（${ROLES.join('、')}）`;
    const regionCode = params.get('regionCode') || undefined;
    if (
      role !== 'chamber-officer' &&
      !this.options.choices.regions.some((r) => r.code === regionCode)
    )
      return '请选择地区';
    const chamberId = params.get('chamberId') || undefined;
    if (role === 'chamber-officer' && !chamberId) return '商会工作人员需要选择所在商会';
    const sub = (params.get('sub') ?? '').trim() || `local-${role}`;
    if (!/^[\w.@-]{1,128}$/.test(sub)) return '用户标识只能包含字母、数字和 . _ @ -';
    const name = (params.get('name') ?? '').trim().slice(0, 50) || undefined;
    return {
      role,
      sub,
      name,
      regionCode: role === 'chamber-officer' ? undefined : regionCode,
      chamberId: role === 'chamber-officer' ? chamberId : undefined,
    };
  }

  private async token(res: ServerResponse, params: URLSearchParams): Promise<void> {
    const grantType = params.get('grant_type');
    if (grantType === 'authorization_code') {
      const code = params.get('code') ?? '';
      const pending = this.codes.get(code);
      // A code is good once, whatever happens next.
      this.codes.delete(code);
      if (!pending || pending.expires < Date.now())
        return oauthError(res, 'invalid_grant', 'the code is unknown, used or expired');
      if (params.get('client_id') !== pending.clientId)
        return oauthError(res, 'invalid_client', 'client_id does not match the code');
      if (params.get('redirect_uri') !== pending.redirectUri)
        return oauthError(res, 'invalid_grant', 'redirect_uri does not match the code');
      const verifier = params.get('code_verifier') ?? '';
      if (s256(verifier) !== pending.challenge)
        return oauthError(res, 'invalid_grant', 'code_verifier does not match code_challenge');
      return this.answerTokens(res, pending, true);
    }
    if (grantType === 'refresh_token') {
      const grant = this.refreshTokens.get(params.get('refresh_token') ?? '');
      if (!grant || grant.expires < Date.now())
        return oauthError(res, 'invalid_grant', 'the refresh token is unknown, revoked or expired');
      if (params.get('client_id') !== grant.clientId)
        return oauthError(res, 'invalid_client', 'client_id does not match the refresh token');
      // As Cognito does, a refresh answers new ID and access tokens and no new refresh token;
      // an account's come from its record as it is now (disabled: none).
      return this.answerTokens(res, grant, false);
    }
    oauthError(
      res,
      'unsupported_grant_type',
      'grant_type must be authorization_code or refresh_token',
    );
  }

  private async answerTokens(res: ServerResponse, grant: Grant, withRefresh: boolean) {
    try {
      return json(res, 200, await this.tokens(grant, withRefresh), NO_STORE);
    } catch (error) {
      if (!(error instanceof AccountRefused)) throw error;
      // Refused at a refresh (the account was disabled): the sign-in is over for good.
      if (!withRefresh) this.revokeSession(grant.session);
      return oauthError(res, 'invalid_grant', error.message);
    }
  }

  private async tokens(grant: Grant, withRefresh: boolean) {
    const { idToken, accessToken } =
      'account' in grant.who
        ? await this.accountTokens(grant.who.account, grant)
        : await this.identityTokens(grant.who.identity, grant);
    let refreshToken: string | undefined;
    if (withRefresh && grant.refresh) {
      refreshToken = secret();
      this.refreshTokens.set(refreshToken, {
        ...grant,
        expires: Date.now() + REFRESH_SECONDS * 1000,
      });
    }
    return {
      id_token: idToken,
      access_token: accessToken,
      ...(refreshToken && { refresh_token: refreshToken }),
      token_type: 'Bearer',
      expires_in: grant.tokenSeconds,
      scope: grant.scope,
    };
  }

  /** An account's tokens, exactly as the template's token trigger makes them. */
  private accountTokens(account: string, grant: Grant) {
    const accounts = this.options.accounts;
    if (!accounts) throw new AccountRefused('本地运行环境没有账号表');
    return accounts.tokens(account, grant.tokenSeconds, {
      id: { ...(grant.nonce && { nonce: grant.nonce }), origin_jti: grant.session },
      access: { origin_jti: grant.session },
    });
  }

  /** Tokens for a role and scope picked on the page (tests). */
  private async identityTokens(identity: Identity, grant: Grant) {
    const { issuer, jwt } = this.options;
    const claims = {
      ...cognitoClaims(identity),
      ...(identity.name && { name: identity.name }),
      ...(grant.nonce && { nonce: grant.nonce }),
      auth_time: grant.authTime,
      origin_jti: grant.session,
    };
    const idToken = await issuer.sign(claims, jwt.issuer, grant.clientId, grant.tokenSeconds);
    const accessToken = await issuer.sign(
      {
        sub: identity.sub,
        token_use: 'access',
        client_id: grant.clientId,
        scope: grant.scope,
        'cognito:groups': [identity.role],
        origin_jti: grant.session,
      },
      jwt.issuer,
      undefined,
      grant.tokenSeconds,
    );
    return { idToken, accessToken };
  }

  private revokeSession(session: string): void {
    for (const [token, grant] of this.refreshTokens)
      if (grant.session === session) this.refreshTokens.delete(token);
  }

  private revoke(res: ServerResponse, params: URLSearchParams): void {
    this.refreshTokens.delete(params.get('token') ?? '');
    // RFC 7009: an unknown token is not an error.
    res.writeHead(200, { ...CORS, 'cache-control': 'no-store' });
    res.end();
  }

  /** Ends the sign-in: its refresh tokens stop working. Takes OIDC's post_logout_redirect_uri
   * or Cognito's logout_uri. */
  private async logout(res: ServerResponse, params: URLSearchParams): Promise<void> {
    const hint = params.get('id_token_hint');
    const claims = hint
      ? await this.options.issuer.verify(hint, this.options.jwt.issuer, this.options.jwt.audience, {
          ignoreExpiry: true,
        })
      : undefined;
    const session = claims?.origin_jti;
    if (typeof session === 'string') this.revokeSession(session);
    const target = params.get('post_logout_redirect_uri') ?? params.get('logout_uri');
    if (target && isLoopback(target))
      return redirect(res, target, { state: params.get('state') ?? undefined });
    html(res, 200, errorPage('已退出登录。', '退出'));
  }
}

interface AuthorizeRequest {
  clientId: string;
  redirectUri: string;
  state?: string;
  challenge: string;
  nonce?: string;
  scope: string;
  prompt?: string;
}

const CORS = { 'access-control-allow-origin': '*' };
const NO_STORE = { 'cache-control': 'no-store', pragma: 'no-cache' };

function preflight(res: ServerResponse): void {
  res.writeHead(204, {
    ...CORS,
    'access-control-allow-methods': 'GET,POST',
    'access-control-allow-headers': 'content-type,authorization',
    'access-control-max-age': '3600',
  });
  res.end();
}

function json(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json', ...CORS, ...headers });
  res.end(JSON.stringify(body));
}

function oauthError(res: ServerResponse, error: string, description: string): void {
  json(res, 400, { error, error_description: description }, NO_STORE);
}

function html(res: ServerResponse, status: number, page: string): void {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'content-security-policy':
      "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
  });
  res.end(page);
}

function redirect(res: ServerResponse, target: string, params: Record<string, string | undefined>) {
  const location = new URL(target);
  for (const [name, value] of Object.entries(params))
    if (value !== undefined) location.searchParams.set(name, value);
  res.writeHead(302, { location: location.toString(), 'cache-control': 'no-store' });
  res.end();
}

function errorPage(message: string, title = '无法登录'): string {
  return signInPage.message(title, message);
}

/** Only this machine may receive codes: the local provider signs anyone in without a password. */
function isLoopback(value: string): boolean {
  try {
    const url = new URL(value);
    return (
      (url.protocol === 'http:' || url.protocol === 'https:') &&
      ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)
    );
  } catch {
    return false;
  }
}

function form(body: Buffer): URLSearchParams {
  return new URLSearchParams(body.toString('utf8'));
}

const secret = () => randomBytes(32).toString('base64url');
const s256 = (verifier: string) => createHash('sha256').update(verifier).digest('base64url');
