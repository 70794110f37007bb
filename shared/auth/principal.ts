import { ForbiddenError, UnauthorizedError } from '#shared/http/errors';
import { covers } from '#shared/regions/codes';

export const ROLES = ['fic-admin', 'chamber-officer', 'assessor', 'liaison'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling, and over what: derived once per request from the authorizer's claims. */
export interface Principal {
  sub: string;
  roles: ReadonlySet<Role>;
  /** The region a person's authority covers (custom:regionCode). */
  regionCode: string | undefined;
  /** The chamber a chamber-officer acts for (custom:chamberId). */
  chamberId: string | undefined;
}

/**
 * API Gateway's JWT authorizer hands claims over as strings, flattening an array claim such as
 * `cognito:groups` into "[a b]". Accept that form and a plain single value.
 */
export function parseGroups(value: string | undefined): string[] {
  if (!value) return [];
  const inner = value.startsWith('[') && value.endsWith(']') ? value.slice(1, -1) : value;
  return inner.split(/[\s,]+/).filter(Boolean);
}

export function principalFromClaims(
  claims: Record<string, string | undefined> | undefined,
): Principal {
  const sub = claims?.sub;
  if (!claims || !sub) throw new UnauthorizedError();
  const roles = new Set(parseGroups(claims['cognito:groups']).filter(isRole));
  return {
    sub,
    roles,
    regionCode: claims['custom:regionCode'] || undefined,
    chamberId: claims['custom:chamberId'] || undefined,
  };
}

function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** 403 unless the caller holds one of the roles. */
export function requireRole(principal: Principal, ...roles: Role[]): void {
  if (!roles.some((role) => principal.roles.has(role))) {
    throw new ForbiddenError(`This needs the role ${roles.join(' or ')}.`);
  }
}

/** A fic-admin acting inside their region (a region covers every code under it). */
export function adminCovers(principal: Principal, regionCode: string): boolean {
  return (
    principal.roles.has('fic-admin') &&
    principal.regionCode !== undefined &&
    covers(principal.regionCode, regionCode)
  );
}

/** A chamber-officer acting for this chamber. */
export function officerOf(principal: Principal, chamberId: string): boolean {
  return principal.roles.has('chamber-officer') && principal.chamberId === chamberId;
}
