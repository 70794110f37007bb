import type {
  APIGatewayProxyEventV2WithJWTAuthorizer,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import { inject, vi } from 'vitest';
import { httpApiEvent, lambdaContext as localLambdaContext } from '#infra/local/events';

/*
 * The ledger's function invoked in-process, as API Gateway (payload 2.0, JWT authorizer) and
 * Lambda would invoke it, so a test can reach into its DynamoDB client (faults injected through
 * SDK middleware) without HTTP in between.
 */

/**
 * Sets process.env as the template declares the ledger function's environment, against DynamoDB
 * Local (or `endpoint`). Call before importing the handler: its modules read the environment
 * when they load.
 */
export function useLedgerEnvironment(endpoint = inject('dynamoEndpoint')): Record<string, string> {
  const environment = {
    ...inject('functionEnvironments').ledger,
    AWS_ENDPOINT_URL_DYNAMODB: endpoint,
    AWS_REGION: 'local',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    // Keep the function's logs and metrics out of the test output (dev mode: Powertools writes
    // through the global console, where the one warning below is filtered).
    POWERTOOLS_LOG_LEVEL: 'SILENT',
    POWERTOOLS_METRICS_DISABLED: 'true',
    POWERTOOLS_DEV: 'true',
  };
  Object.assign(process.env, environment);
  quietConcurrentMetrics();
  return environment;
}

let quieted = false;
/**
 * Lambda runs one invocation per environment at a time; tests here run several at once in one
 * process, and Powertools' shared Metrics then warns that a dimension was set twice. Only that
 * warning is dropped.
 */
function quietConcurrentMetrics(): void {
  if (quieted) return;
  quieted = true;
  const warn = console.warn.bind(console);
  vi.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => {
    if (/Dimension "route" has already been added/.test(String(args[0]))) return;
    warn(...args);
  });
}

export interface Caller {
  sub: string;
  role?: string;
  regionCode?: string;
  chamberId?: string;
}

export const ADMIN: Caller = {
  sub: 'ledger-invoke-admin',
  role: 'fic-admin',
  regionCode: '371600',
};

/** A payload-2.0 event for `routeKey` ("POST /v1/donations"), as the JWT authorizer passes it. */
export function apiEvent(
  routeKey: string,
  options: {
    caller?: Caller | null;
    body?: unknown;
    headers?: Record<string, string>;
    pathParameters?: Record<string, string>;
    query?: Record<string, string>;
  } = {},
): APIGatewayProxyEventV2WithJWTAuthorizer {
  const [method = 'GET', template = '/'] = routeKey.split(' ');
  let rawPath = template;
  for (const [name, value] of Object.entries(options.pathParameters ?? {})) {
    rawPath = rawPath.replace(`{${name}}`, encodeURIComponent(value));
  }
  const caller = options.caller === undefined ? ADMIN : options.caller;
  const claims: Record<string, string> = {};
  if (caller) {
    claims.sub = caller.sub;
    claims['cognito:groups'] = `[${caller.role ?? 'fic-admin'}]`;
    if (caller.regionCode) claims['custom:regionCode'] = caller.regionCode;
    if (caller.chamberId) claims['custom:chamberId'] = caller.chamberId;
  }
  const body =
    options.body === undefined
      ? undefined
      : typeof options.body === 'string'
        ? options.body
        : JSON.stringify(options.body);
  // A route without the authorizer (a public one) gets no authorizer context at all.
  return httpApiEvent({
    method,
    routeKey,
    path: rawPath,
    rawQueryString: new URLSearchParams(options.query ?? {}).toString(),
    headers: { 'content-type': 'application/json', host: 'localhost', ...options.headers },
    ...(options.pathParameters && { pathParameters: options.pathParameters }),
    claims: caller ? claims : undefined,
    body,
  }) as unknown as APIGatewayProxyEventV2WithJWTAuthorizer;
}

/** A Lambda context with the given time budget. */
export const lambdaContext = (timeoutMs = 10_000): Context =>
  localLambdaContext('ledger-in-process', timeoutMs);

type Handler = (
  event: APIGatewayProxyEventV2WithJWTAuthorizer,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

export interface Invoked<T = Record<string, unknown>> {
  status: number;
  headers: Record<string, string>;
  body: T;
  ms: number;
}

/** Invokes the handler and parses its answer as API Gateway would hand it to a client. */
export async function invoke<T = Record<string, unknown>>(
  handler: Handler,
  event: APIGatewayProxyEventV2WithJWTAuthorizer,
): Promise<Invoked<T>> {
  const started = performance.now();
  const result = await handler(event, lambdaContext());
  const ms = performance.now() - started;
  const text = result.body ?? '';
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text
  }
  return {
    status: result.statusCode ?? 200,
    headers: Object.fromEntries(
      Object.entries(result.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]),
    ),
    body: body as T,
    ms,
  };
}
