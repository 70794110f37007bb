import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * One document client per process, created at module scope so warm invocations reuse its
 * connections. Bounded timeouts: when DynamoDB is unreachable a request fails fast (and is
 * answered 503) instead of hanging until the function's timeout.
 */
export const dynamo = DynamoDBDocumentClient.from(
  new DynamoDBClient({
    maxAttempts: 3,
    // requestTimeout only logs unless throwOnRequestTimeout is set; 3 attempts × 2 s + backoff
    // stays well inside a 10 s function.
    requestHandler: {
      connectionTimeout: 1_000,
      requestTimeout: 2_000,
      throwOnRequestTimeout: true,
    },
  }),
  { marshallOptions: { removeUndefinedValues: true } },
);

/** A required setting from the environment, checked when the module loads. */
export function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`Missing environment variable ${name}`);
  return value;
}
