import { createContext, useContext } from 'react';

/*
 * Who is signed in, as the screens need to know it: the role and scope the ID token's claims
 * give (the same claims the API authorizes by). The app's auth provider fills it in.
 */
export const ROLES = ['fic-admin', 'chamber-officer', 'assessor', 'liaison'] as const;
export type Role = (typeof ROLES)[number];

export interface Principal {
  sub: string;
  name: string;
  role: Role | undefined;
  regionCode: string | undefined;
  chamberId: string | undefined;
}

/** The principal the ID token's claims describe (`cognito:groups` is a list, or a string when
 * the local runtime's authorizer flattens it). */
export function principalFromClaims(claims: Record<string, unknown>): Principal {
  const groups = claims['cognito:groups'];
  const list = Array.isArray(groups)
    ? groups.map(String)
    : typeof groups === 'string'
      ? groups.replace(/^\[|\]$/g, '').split(/[\s,]+/)
      : [];
  const role = ROLES.find((r) => list.includes(r));
  const str = (key: string) =>
    typeof claims[key] === 'string' && claims[key] ? String(claims[key]) : undefined;
  return {
    sub: String(claims.sub ?? ''),
    name: str('name') ?? str('email') ?? str('cognito:username') ?? String(claims.sub ?? ''),
    role,
    regionCode: str('custom:regionCode'),
    chamberId: str('custom:chamberId'),
  };
}

/** Where a role lands after signing in. */
export function homeOf(principal: Principal | null): string {
  switch (principal?.role) {
    case 'fic-admin':
      return '/dashboard';
    case 'chamber-officer':
      return principal.chamberId ? `/chambers/${principal.chamberId}` : '/';
    case 'assessor':
      return '/assessor';
    case 'liaison':
      return '/liaison';
    default:
      return '/';
  }
}

export interface Session {
  principal: Principal | null;
  /** Leaves for the sign-in page; comes back to `returnTo` (default: here). */
  signIn(returnTo?: string): void;
  signOut(): void;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionContext');
  return session;
}
