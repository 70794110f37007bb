import { ServiceUnavailableError } from '#shared/http/errors';

const UNAVAILABLE = new Set([
  'TimeoutError',
  'RequestTimeout',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'InternalServerError',
  'ServiceUnavailable',
]);

/**
 * DynamoDB being unreachable or throttling (after the SDK's own retries) is not a bug in this
 * code: the client gets a 503 it may retry, not a 500.
 */
export function asUnavailable(error: unknown): unknown {
  if (error instanceof Error) {
    const code = (error as { code?: string }).code;
    if (UNAVAILABLE.has(error.name) || (code && UNAVAILABLE.has(code))) {
      return new ServiceUnavailableError();
    }
  }
  return error;
}
