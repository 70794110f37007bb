import { randomUUID } from 'node:crypto';

export interface EventParts {
  method: string;
  routeKey: string;
  path: string;
  rawQueryString?: string;
  /** Lower-case names, repeated values joined by commas, as API Gateway does. */
  headers?: Record<string, string>;
  pathParameters?: Record<string, string>;
  /** Claims as the JWT authorizer hands them over (strings; arrays flattened). */
  claims?: Record<string, string> | undefined;
  body?: string | undefined;
  isBase64Encoded?: boolean;
  sourceIp?: string;
  protocol?: string;
}

/**
 * An API Gateway HTTP API payload-2.0 event: what the local gateway hands a function, and what
 * benchmarks and tests use to invoke a handler in-process exactly as API Gateway would.
 */
export function httpApiEvent(parts: EventParts) {
  const { cookie, ...headers } = parts.headers ?? {};
  const rawQueryString = parts.rawQueryString ?? '';
  const query: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(rawQueryString)) {
    query[key] = key in query ? `${query[key]},${value}` : value;
  }
  const now = new Date();
  const pathParameters = parts.pathParameters ?? {};
  return {
    version: '2.0',
    routeKey: parts.routeKey,
    rawPath: parts.path,
    rawQueryString,
    ...(cookie && { cookies: cookie.split(/;\s*/) }),
    headers,
    ...(Object.keys(query).length > 0 && { queryStringParameters: query }),
    ...(Object.keys(pathParameters).length > 0 && { pathParameters }),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      ...(parts.claims && { authorizer: { jwt: { claims: parts.claims, scopes: null } } }),
      domainName: headers.host ?? 'localhost',
      domainPrefix: 'local',
      http: {
        method: parts.method,
        path: parts.path,
        protocol: parts.protocol ?? 'HTTP/1.1',
        sourceIp: parts.sourceIp ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey: parts.routeKey,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    ...(parts.body !== undefined && { body: parts.body }),
    isBase64Encoded: parts.isBase64Encoded ?? false,
  };
}

/** The Lambda context of one invocation: in a local execution environment, or in-process. */
export function lambdaContext(
  functionName: string,
  timeoutMs = 10_000,
  options: { requestId?: string; memoryMb?: number; deadline?: number } = {},
) {
  const deadline = options.deadline ?? Date.now() + timeoutMs;
  return {
    awsRequestId: options.requestId ?? randomUUID(),
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${functionName}`,
    memoryLimitInMB: String(options.memoryMb ?? 512),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
