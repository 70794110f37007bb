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
export type Responses = Record<number, { description: string; schema?: z.$ZodType }>;

/**
 * The responses of every route of a table, by operationId. They live in a concern's
 * `*.responses.ts` module, apart from its routes: no function builds a response schema, so a
 * function imports that module only as `import type` (for the types of what it answers).
 */
export type ResponsesOf<R extends Routes> = { [K in keyof R]: Responses };

export const routeKey = (spec: Pick<RouteSpec, 'method' | 'path'>): string =>
  `${spec.method} ${spec.path}`;

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
