import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';

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
