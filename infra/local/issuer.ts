import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  type CryptoKey,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JWK,
  type JWTPayload,
  jwtVerify,
  SignJWT,
} from 'jose';
import { ROLES, type Role } from '#shared/auth/principal';

const ALG = 'RS256';

/**
 * Stands in for Cognito: signs tokens with its own key pair, using the issuer and audience the
 * template's JWT authorizer names, and verifies them as API Gateway's authorizer does
 * (signature, issuer, audience, expiry). The key persists under .data unless in memory, so
 * tokens outlive a restart.
 */
export class LocalIssuer {
  private constructor(
    private readonly privateKey: CryptoKey,
    private readonly publicKey: CryptoKey,
    readonly kid: string,
  ) {}

  static async create(keyFile?: string): Promise<LocalIssuer> {
    if (keyFile && existsSync(keyFile)) {
      const jwk = JSON.parse(readFileSync(keyFile, 'utf8')) as JWK & { kid: string };
      const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicJwk } = jwk;
      return new LocalIssuer(
        (await importJWK(jwk, ALG)) as CryptoKey,
        (await importJWK(publicJwk, ALG)) as CryptoKey,
        jwk.kid,
      );
    }
    const { privateKey, publicKey } = await generateKeyPair(ALG, { extractable: true });
    const kid = `local-${Date.now().toString(36)}`;
    if (keyFile) {
      mkdirSync(path.dirname(keyFile), { recursive: true });
      writeFileSync(keyFile, JSON.stringify({ ...(await exportJWK(privateKey)), kid }), {
        mode: 0o600,
      });
    }
    return new LocalIssuer(privateKey, publicKey, kid);
  }

  /** Signs `claims`; without an audience (an access token, which names its client instead). */
  async sign(
    claims: JWTPayload,
    issuer: string,
    audience: string | undefined,
    expiresIn: number,
  ): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const jwt = new SignJWT(claims)
      .setProtectedHeader({ alg: ALG, kid: this.kid, typ: 'JWT' })
      .setIssuer(issuer)
      .setIssuedAt(now)
      .setExpirationTime(now + expiresIn);
    if (audience !== undefined) jwt.setAudience(audience);
    return jwt.sign(this.privateKey);
  }

  /** The token's claims if it is valid for this issuer and one of the audiences, else undefined. */
  async verify(token: string, issuer: string, audience: string[]): Promise<JWTPayload | undefined> {
    // A signature once checked stays good: remember the claims, and check the time on every use.
    const key = `${issuer}\u0000${audience.join(' ')}\u0000${token}`;
    const known = this.verified.get(key);
    if (known) return stillValid(known) ? known : undefined;
    try {
      const { payload } = await jwtVerify(token, this.publicKey, {
        issuer,
        algorithms: [ALG],
        clockTolerance: 0,
      });
      // As API Gateway checks it: `aud` when the token has one (an ID token), else `client_id`
      // (a Cognito access token).
      const named = payload.aud ?? payload.client_id;
      const audiences = Array.isArray(named) ? named : [named];
      if (!audiences.some((value) => typeof value === 'string' && audience.includes(value))) {
        return undefined;
      }
      if (this.verified.size >= 10_000) this.verified.clear();
      this.verified.set(key, payload);
      return payload;
    } catch {
      return undefined;
    }
  }

  private readonly verified = new Map<string, JWTPayload>();
}

function stillValid(payload: JWTPayload): boolean {
  const now = Math.floor(Date.now() / 1000);
  return (
    (payload.exp === undefined || now < payload.exp) &&
    (payload.nbf === undefined || now >= payload.nbf)
  );
}

export interface TokenRequest {
  role: Role;
  sub: string;
  regionCode?: string;
  chamberId?: string;
}

/** The claims of a Cognito ID token for a person in one role group. */
export function cognitoClaims(request: TokenRequest): JWTPayload {
  return {
    sub: request.sub,
    token_use: 'id',
    'cognito:groups': [request.role],
    'cognito:username': request.sub,
    ...(request.regionCode && { 'custom:regionCode': request.regionCode }),
    ...(request.chamberId && { 'custom:chamberId': request.chamberId }),
  };
}

export const isRole = (value: string): value is Role =>
  (ROLES as readonly string[]).includes(value);

/**
 * Claims as API Gateway's JWT authorizer hands them to a function: every value a string,
 * an array flattened to "[a b]", an object as its JSON.
 */
export function flattenClaims(payload: JWTPayload): Record<string, string> {
  return Object.fromEntries(
    Object.entries(payload).map(([key, value]) => [
      key,
      Array.isArray(value)
        ? `[${value.join(' ')}]`
        : typeof value === 'object' && value !== null
          ? JSON.stringify(value)
          : String(value),
    ]),
  );
}
