import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy, { type MiddlewareObj } from '@middy/core';
import type {
  APIGatewayProxyEventV2WithJWTAuthorizer,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import * as z from 'zod/mini';
import { type Principal, principalFromClaims } from '#shared/auth/principal';
import { asUnavailable } from '#shared/db/faults';
import {
  BadRequestError,
  type FieldError,
  HttpError,
  MAX_FIELD_DEPTH,
  MAX_FIELD_ERRORS,
  NotFoundError,
} from './errors';
import { problemResponse } from './problem';
import { type Operations, type Reply, type RouteSpec, type Routes, routeKey } from './route';

type Event = APIGatewayProxyEventV2WithJWTAuthorizer;
type Result = APIGatewayProxyStructuredResultV2;

export const logger = new Logger();
export const metrics = new Metrics();

/**
 * The one middy stack every concern's HTTP function uses: structured logs and metrics, then the
 * router (claims → principal, zod parsing, the operation), with every error answered as
 * problem+json. The handler is thin; the operations hold the use cases.
 */
export function httpHandler<R extends Routes>(routes: R, operations: Operations<R>) {
  const table = new Map<string, { spec: RouteSpec; run: (req: never) => Promise<Reply> }>();
  for (const [name, spec] of Object.entries(routes)) {
    table.set(routeKey(spec), { spec, run: operations[name] as (req: never) => Promise<Reply> });
  }

  return withMiddlewares(async (event, context) => {
    const entry = table.get(event.routeKey);
    if (!entry) throw new NotFoundError(`No route ${event.routeKey}.`);
    byRoute(event.routeKey);
    const claims = event.requestContext.authorizer?.jwt?.claims as
      | Record<string, string>
      | undefined;
    const principal: Principal | undefined =
      entry.spec.public && !claims ? undefined : principalFromClaims(claims);
    const request = {
      params: parse(entry.spec.params, decodable(event.pathParameters ?? {})),
      query: parse(entry.spec.query, event.queryStringParameters ?? {}),
      headers: parse(entry.spec.headers, event.headers ?? {}),
      body: parse(entry.spec.body, readBody(event, entry.spec)),
      principal,
      requestId: context.awsRequestId,
    };
    const reply = await entry.run(request as never);
    metrics.addMetric('Requests', MetricUnit.Count, 1);
    return toResult(reply);
  });
}

/**
 * The function behind the `$default` route: whatever no route of the contract matched. It only
 * ever answers an error (404, 405), as problem+json like every other answer.
 */
export function defaultRouteHandler(answer: (request: { method: string; path: string }) => never) {
  return withMiddlewares(async (event) => {
    byRoute('$default');
    return answer({ method: event.requestContext.http.method, path: event.rawPath });
  });
}

/**
 * A request's metrics go out twice: by route (service and route: the dashboard's detail) and by
 * route group (the service alone, one concern's routes): what an alarm watches, one metric each.
 */
function byRoute(routeKey: string): void {
  metrics.addDimension('route', routeKey);
  metrics.addDimensions({});
}

/** Logs and metrics (Powertools), then every error answered as problem+json. */
function withMiddlewares(handler: (event: Event, context: Context) => Promise<Result>) {
  return middy<Event, Result, Error, Context>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(metrics))
    .use(problemErrors())
    .handler(handler);
}

/**
 * API Gateway decodes path parameters before it hands them over, and refuses a path it cannot
 * decode. Should a value still carry broken percent-encoding (a lone `%`, `%zz`, bytes that are
 * not UTF-8), it is named as the client's error here rather than left to fail further on.
 */
function decodable(parameters: Record<string, string | undefined>) {
  const errors: FieldError[] = Object.entries(parameters)
    .filter(([, value]) => value?.includes('%') && !canDecode(value))
    .map(([name]) => ({ path: [name], message: 'is not valid percent-encoding' }));
  const first = errors[0];
  if (first) throw new BadRequestError(`${first.path[0]}: ${first.message}`, errors);
  return parameters;
}

function canDecode(value: string): boolean {
  try {
    decodeURIComponent(value);
    return true;
  } catch {
    return false;
  }
}

function toResult(reply: Reply): Result {
  const headers: Record<string, string> = { ...reply.headers };
  if (reply.body === undefined) return { statusCode: reply.status, headers };
  headers['content-type'] = 'application/json; charset=utf-8';
  return { statusCode: reply.status, headers, body: JSON.stringify(reply.body) };
}

function readBody(event: Event, spec: RouteSpec): unknown {
  if (!spec.body) return undefined;
  if (event.body === undefined || event.body === '') return undefined;
  const text = event.isBase64Encoded
    ? Buffer.from(event.body, 'base64').toString('utf8')
    : event.body;
  try {
    return JSON.parse(text);
  } catch {
    throw BadRequestError.field([], 'the body is not valid JSON');
  }
}

function parse(schema: z.core.$ZodType | undefined, input: unknown): unknown {
  if (!schema) return undefined;
  const result = z.safeParse(schema, input);
  if (result.success) return result.data;
  const errors: FieldError[] = result.error.issues.flatMap((issue) => {
    const path = issue.path.map((key) => (typeof key === 'symbol' ? String(key) : key));
    // An unknown field is named by its own path, not its parent's.
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: [...path, key], message: 'is not a known field' }));
    }
    return [{ path, message: issue.message }];
  });
  const first = errors[0];
  const where = first && first.path.length > 0 ? first.path.join('.') : 'body';
  throw new BadRequestError(
    `${where}: ${first?.message ?? 'invalid'}`,
    errors.slice(0, MAX_FIELD_ERRORS).map((error) => ({
      ...error,
      path: error.path.slice(0, MAX_FIELD_DEPTH),
    })),
  );
}

/** Maps any error to problem+json; faults are logged with the request id and never described. */
function problemErrors(): MiddlewareObj<Event, Result, Error, Context> {
  return {
    onError: async (request) => {
      const error = asUnavailable(request.error);
      const status = error instanceof HttpError ? error.status : 500;
      if (status >= 500) {
        logger.error('request failed', {
          error: error ?? undefined,
          routeKey: request.event.routeKey,
        });
        metrics.addMetric('Faults', MetricUnit.Count, 1);
      } else {
        metrics.addMetric('ClientErrors', MetricUnit.Count, 1);
      }
      request.response = problemResponse(error, request.context.awsRequestId);
    },
  };
}
