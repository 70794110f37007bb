import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LocalRoute } from './assembly';
import { httpApiEvent } from './events';
import { flattenClaims, type LocalIssuer } from './issuer';
import type { FunctionHost, InvokeResult } from './lambda-host';

/*
 * What API Gateway's HTTP API does between a client and a function, for the routes in the
 * template: decode the path, match the route (the `$default` route, when the template has one,
 * catches what no other route matches), check the JWT (when the route has the authorizer), build
 * the payload-2.0 event, invoke, and map the function's result back to HTTP.
 */

export interface CompiledRoute extends LocalRoute {
  method: string;
  pattern: RegExp;
  paramNames: string[];
  /** More static segments win, as API Gateway prefers the most specific route. */
  specificity: number;
}

export interface RouteMatch {
  route: CompiledRoute;
  pathParameters: Record<string, string>;
  /** The path as API Gateway hands it over (`rawPath`): decoded. */
  path: string;
}

const DEFAULT_ROUTE_KEY = '$default';

export class Gateway {
  private readonly routes: RouteTable;
  /** The CORS headers every answer carries (from the template's CORS configuration). */
  private readonly corsHeaders: Record<string, string>;
  /** Claims as the authorizer hands them over, by verified payload. */
  private readonly flatClaims = new WeakMap<object, Record<string, string>>();

  constructor(
    routes: LocalRoute[],
    private readonly hosts: Map<string, FunctionHost>,
    private readonly issuer: LocalIssuer,
    private readonly cors: Record<string, unknown> | undefined,
  ) {
    this.routes = new RouteTable(routes);
    this.corsHeaders = corsHeaders(cors);
  }

  async handle(req: IncomingMessage, res: ServerResponse, url: URL, body: Buffer): Promise<void> {
    const method = req.method ?? 'GET';
    if (method === 'OPTIONS' && this.cors && req.headers['access-control-request-method']) {
      return this.preflight(res);
    }
    const match = this.routes.match(method, url.pathname);
    // API Gateway's own answer when nothing matches and the template has no $default route.
    if (!match) return send(res, 404, { message: 'Not Found' }, this.corsHeaders);
    const { route, pathParameters, path } = match;

    let claims: Record<string, string> | undefined;
    if (route.jwt) {
      const token = bearer(req.headers.authorization);
      const payload = token
        ? await this.issuer.verify(token, route.jwt.issuer, route.jwt.audience)
        : undefined;
      if (!payload) {
        return send(
          res,
          401,
          { message: 'Unauthorized' },
          {
            ...this.corsHeaders,
            'www-authenticate': 'Bearer',
          },
        );
      }
      claims = this.flatClaims.get(payload);
      if (!claims) {
        claims = flattenClaims(payload);
        this.flatClaims.set(payload, claims);
      }
    }

    const host = this.hosts.get(route.functionArn);
    if (!host) return send(res, 500, { message: 'Internal Server Error' }, this.corsHeaders);
    const event = buildEvent(
      req,
      url,
      body,
      { routeKey: route.routeKey, path, pathParameters },
      claims,
    );
    const outcome = await host.invoke(event);
    writeResult(res, outcome, this.corsHeaders);
  }

  private preflight(res: ServerResponse): void {
    const cors = this.cors ?? {};
    const list = (key: string) => ((cors[key] as string[] | undefined) ?? []).join(',');
    res.writeHead(204, {
      ...this.corsHeaders,
      'access-control-allow-methods': list('AllowMethods').replace(
        '*',
        'GET,POST,PUT,PATCH,DELETE,OPTIONS',
      ),
      'access-control-allow-headers': list('AllowHeaders'),
      ...(cors.MaxAge !== undefined && { 'access-control-max-age': String(cors.MaxAge) }),
    });
    res.end();
  }
}

function corsHeaders(cors: Record<string, unknown> | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  const origins = cors?.AllowOrigins as string[] | undefined;
  if (origins?.length) headers['access-control-allow-origin'] = origins.join(',');
  const expose = cors?.ExposeHeaders as string[] | undefined;
  if (expose?.length) headers['access-control-expose-headers'] = expose.join(',');
  return headers;
}

/**
 * The template's routes in the order API Gateway tries them: the most specific first, the
 * `$default` route (if any) for whatever none of them matches, whatever the method.
 *
 * API Gateway decodes the path before it matches a route, so an encoded slash (`%2F`) separates
 * segments like a plain one, and hands the function the decoded path and parameters. A path it
 * cannot decode it refuses itself (README, "API"); here the segment that cannot be decoded is
 * matched and handed over as it came, so the function's own check answers the 400 and names the
 * parameter: the one place where the local runtime is stricter about the body than AWS can be.
 */
export class RouteTable {
  private readonly routes: CompiledRoute[];
  private readonly fallback: CompiledRoute | undefined;

  constructor(routes: LocalRoute[]) {
    this.routes = routes
      .filter((route) => route.routeKey !== DEFAULT_ROUTE_KEY)
      .map(compile)
      .sort((a, b) => b.specificity - a.specificity);
    const fallback = routes.find((route) => route.routeKey === DEFAULT_ROUTE_KEY);
    this.fallback = fallback && {
      ...fallback,
      method: 'ANY',
      pattern: /^/,
      paramNames: [],
      specificity: -1,
    };
  }

  match(method: string, rawPathname: string): RouteMatch | undefined {
    const path = decodePath(rawPathname);
    for (const route of this.routes) {
      if (route.method !== 'ANY' && route.method !== method) continue;
      const found = route.pattern.exec(path);
      if (!found) continue;
      const pathParameters: Record<string, string> = {};
      route.paramNames.forEach((name, i) => {
        pathParameters[name] = found[i + 1] ?? '';
      });
      return { route, pathParameters, path };
    }
    return this.fallback && { route: this.fallback, pathParameters: {}, path };
  }
}

/**
 * Decodes a path as API Gateway does before routing; a segment that is not valid percent-encoding
 * (`%zz`, a lone `%`, bytes that are not UTF-8) stays as it came, its neighbours decoded.
 */
export function decodePath(path: string): string {
  const whole = tryDecode(path);
  if (whole !== undefined) return whole;
  return path
    .split('/')
    .map((segment) => tryDecode(segment) ?? segment)
    .join('/');
}

function tryDecode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

function compile(route: LocalRoute): CompiledRoute {
  const [method = 'ANY', path = '/'] = route.routeKey.split(' ');
  const paramNames: string[] = [];
  let specificity = 0;
  const source = path
    .split('/')
    .map((segment) => {
      const param = /^\{(.+?)(\+)?\}$/.exec(segment);
      if (!param) {
        specificity += 1;
        return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      }
      paramNames.push(param[1] as string);
      return param[2] ? '(.+)' : '([^/]+)';
    })
    .join('/');
  return { ...route, method, pattern: new RegExp(`^${source}$`), paramNames, specificity };
}

function bearer(header: string | undefined): string | undefined {
  if (!header) return undefined;
  // API Gateway accepts the token with or without the "Bearer " scheme.
  const token = header.replace(/^Bearer\s+/i, '').trim();
  return token || undefined;
}

const TEXTUAL =
  /^(text\/|application\/(json|.*\+json|xml|.*\+xml|x-www-form-urlencoded|javascript))/i;

function buildEvent(
  req: IncomingMessage,
  url: URL,
  body: Buffer,
  target: { routeKey: string; path: string; pathParameters: Record<string, string> },
  claims: Record<string, string> | undefined,
) {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  // API Gateway passes text as it is and anything else base64-encoded.
  const textual = TEXTUAL.test(headers['content-type'] ?? 'application/json');
  return httpApiEvent({
    method: req.method ?? 'GET',
    routeKey: target.routeKey,
    path: target.path,
    rawQueryString: url.search.replace(/^\?/, ''),
    headers,
    pathParameters: target.pathParameters,
    claims,
    body: body.length > 0 ? (textual ? body.toString('utf8') : body.toString('base64')) : undefined,
    isBase64Encoded: body.length > 0 && !textual,
    sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
    protocol: `HTTP/${req.httpVersion}`,
  });
}

/** Maps a function's answer as payload 2.0 does: a structured result, or any value as JSON. */
function writeResult(
  res: ServerResponse,
  outcome: InvokeResult,
  extra: Record<string, string>,
): void {
  if (!outcome.ok) {
    send(res, 500, { message: 'Internal Server Error' }, extra);
    return;
  }
  const result = outcome.result as
    | {
        statusCode?: number;
        headers?: Record<string, string>;
        body?: string;
        isBase64Encoded?: boolean;
        cookies?: string[];
      }
    | undefined;
  if (!result || typeof result !== 'object' || result.statusCode === undefined) {
    send(res, 200, result ?? null, extra);
    return;
  }
  const headers: Record<string, string | string[]> = { ...extra, ...result.headers };
  if (result.cookies?.length) headers['set-cookie'] = result.cookies;
  res.writeHead(result.statusCode, headers);
  res.end(
    result.body === undefined
      ? undefined
      : Buffer.from(result.body, result.isBase64Encoded ? 'base64' : 'utf8'),
  );
}

export function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}
