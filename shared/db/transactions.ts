import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { ServiceUnavailableError } from '#shared/http/errors';
import { backoff } from './batch';
import { dynamo } from './client';

/** The reasons DynamoDB gave for cancelling a transaction, one per item; undefined if it was not cancelled. */
export function cancellationCodes(error: unknown): string[] | undefined {
  return error instanceof TransactionCanceledException
    ? (error.CancellationReasons ?? []).map((reason) => reason.Code ?? 'None')
    : undefined;
}

/**
 * Reasons that only say "not now": a condition another writer made fail, a concurrent
 * transaction, throttling. Nothing was written; reading again and retrying is the answer.
 */
const RACE_CODES = new Set([
  'None',
  'ConditionalCheckFailed',
  'TransactionConflict',
  'ThrottlingError',
  'ProvisionedThroughputExceeded',
  'RequestLimitExceeded',
]);

export const onlyRaces = (codes: string[]) => codes.every((code) => RACE_CODES.has(code));

type TransactItems = NonNullable<
  ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']
>;

/**
 * Sends a transaction, and again (after a jittered pause) while it only meets other writers of
 * the same items: nothing was written then. A failed condition goes to `explain`, which answers
 * an outcome to return, an error to throw, or undefined to send the transaction again (the
 * condition was one a concurrent writer made fail). Undefined once written; 503 when the items
 * stay busy through `attempts`.
 */
export async function transactRetrying<T>(
  items: TransactItems,
  explain: (codes: string[]) => T | Error | undefined,
  attempts = 8,
): Promise<T | undefined> {
  for (let attempt = 0; attempt < attempts; attempt += 1) {
    if (attempt > 0) await backoff(attempt);
    try {
      await dynamo.send(new TransactWriteCommand({ TransactItems: items }));
      return undefined;
    } catch (error) {
      const codes = cancellationCodes(error);
      if (!codes || !onlyRaces(codes)) throw error;
      const explained = codes.includes('ConditionalCheckFailed') ? explain(codes) : undefined;
      if (explained instanceof Error) throw explained;
      if (explained !== undefined) return explained;
    }
  }
  throw new ServiceUnavailableError('The record is changing under many writers; try again.');
}
