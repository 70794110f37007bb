import type * as z from 'zod/v4/core';
import type { Principal } from '#shared/auth/principal';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * One endpoint of the contract, declared once: the CDK stack adds an API Gateway route for it,
 * the function's router dispatches on it and parses its input, and the OpenAPI document is
 * generated from it (with its responses, declared apart: see Responses).
 */
export interface RouteSpec {
  method: Method;
  path: `/${string}`;
  summary: string;
  /** Served without a token (published data); every other route is behind the JWT authorizer. */
  public?: boolean;
  params?: z.$ZodType;
  query?: z.$ZodType;
  headers?: z.$ZodType;
  body?: z.$ZodType;
}

export type Routes = Record<string, RouteSpec>;

export const defineRoutes = <const R extends Routes>(routes: R): R => routes;

/** What an endpoint may answer, by status: for the OpenAPI document and for types. */
export type Responses = Record<
  number,
  {
    description: string;
    schema?: z.$ZodType;
    /** Response headers a client may rely on, by name. */
    headers?: Record<string, { description: string; schema: z.$ZodType }>;
  }
>;

/**
 * The responses of every route of a table, by operationId. They live in a concern's
 * `*.responses.ts` module, apart from its routes: no function builds a response schema, so a
 * function imports that module only as `import type` (for the types of what it answers).
 */
export type ResponsesOf<R extends Routes> = { [K in keyof R]: Responses };

export const routeKey = (spec: Pick<RouteSpec, 'method' | 'path'>): string =>
  `${spec.method} ${spec.path}`;

const METHODS: readonly Method[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/** The methods each path of the route tables serves, in a fixed order (for `Allow`). */
export function methodsByPath(tables: Routes[]): Map<string, Method[]> {
  const byPath = new Map<string, Set<Method>>();
  for (const spec of tables.flatMap((table) => Object.values(table))) {
    byPath.set(spec.path, (byPath.get(spec.path) ?? new Set()).add(spec.method));
  }
  return new Map(
    [...byPath].map(([path, methods]) => [path, METHODS.filter((m) => methods.has(m))]),
  );
}

/** Whether a (decoded) request path is one of a template's: `{name}` is one segment, `{name+}` the rest. */
export function pathMatches(template: string, path: string): boolean {
  const want = template.split('/');
  const have = path.split('/');
  for (const [i, segment] of want.entries()) {
    if (/^\{[^}]+\+\}$/.test(segment)) return have.slice(i).join('/') !== '';
    const part = have[i];
    if (/^\{[^}]+\}$/.test(segment) ? !part : segment !== part) return false;
  }
  return want.length === have.length;
}

/**
 * The methods a request path is served with: those of every route whose template it matches (for
 * each method, API Gateway takes the most specific of the routes serving it). Empty: an unknown path.
 */
export function allowedMethods(byPath: Map<string, Method[]>, path: string): Method[] {
  const allowed = new Set<Method>();
  for (const [template, methods] of byPath) {
    if (pathMatches(template, path)) for (const method of methods) allowed.add(method);
  }
  return METHODS.filter((m) => allowed.has(m));
}

type Parsed<T> = T extends z.$ZodType ? z.output<T> : undefined;

export interface Request<R extends RouteSpec> {
  params: Parsed<R['params']>;
  query: Parsed<R['query']>;
  headers: Parsed<R['headers']>;
  body: Parsed<R['body']>;
  principal: R['public'] extends true ? Principal | undefined : Principal;
  requestId: string;
}

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type Operations<R extends Routes> = {
  [K in keyof R]: (request: Request<R[K]>) => Promise<Reply>;
};
