import {
  ConditionalCheckFailedException,
  TransactionCanceledException,
} from '@aws-sdk/client-dynamodb';
import {
  PutCommand,
  QueryCommand,
  type QueryCommandInput,
  type QueryCommandOutput,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { ASSESSMENT_TABLE_ENV } from '#shared/assessment/published';
import { backoff as pause } from '#shared/db/batch';
import { dynamo, requireEnv } from '#shared/db/client';
import { encodeCursor } from '#shared/db/cursor';
import { withoutKeys } from '#shared/db/items';
import { ConflictError, ServiceUnavailableError } from '#shared/http/errors';

/*
 * How the assessment store talks to DynamoDB (the keys are all in ./store): its table, the
 * registration table it may read, transactions that retry only what is safe to retry, paged
 * queries, and the attributes a client never sees.
 */
export const TABLE = requireEnv(ASSESSMENT_TABLE_ENV);

/** An item without what is the table's business, not the client's: its keys, and these. */
export function strip<T>(item: Record<string, unknown>): T {
  const {
    kind: _kind,
    cycleRegionCode: _region,
    ...record
  } = withoutKeys<Record<string, unknown>>(item);
  return record as T;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export type TransactItems = NonNullable<TransactWriteCommandInput['TransactItems']>;

export const newItem = (Item: Record<string, unknown>) => ({
  TableName: TABLE,
  Item,
  ConditionExpression: 'attribute_not_exists(pk)',
});

export async function putNew(item: Record<string, unknown>, conflict: string): Promise<void> {
  try {
    await dynamo.send(new PutCommand(newItem(item)));
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) throw new ConflictError(conflict);
    throw error;
  }
}

/** Attempts before a transaction that keeps meeting other transactions gives up (503). */
export const MAX_ATTEMPTS = 30;

/**
 * Runs a transaction. A failed condition becomes the domain error `explain` names; a conflict
 * with a concurrent transaction on the same items (the cycle, under many writers) is retried
 * with jittered backoff, since nothing was written.
 */
export { pause };

export async function transact(
  items: TransactItems,
  explain: (reasons: (string | undefined)[]) => Error | undefined,
): Promise<void> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    if (attempt > 0) await pause(attempt);
    try {
      await dynamo.send(new TransactWriteCommand({ TransactItems: items }));
      return;
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const reasons = (error.CancellationReasons ?? []).map((reason) => reason.Code);
      const explained = explain(reasons);
      if (explained) throw explained;
      if (!reasons.includes('TransactionConflict')) throw error;
    }
  }
  throw new ServiceUnavailableError('Too many concurrent changes to this cycle; try again.');
}

export async function queryPage<T>(
  input: Omit<QueryCommandInput, 'TableName' | 'Limit' | 'ExclusiveStartKey'>,
  limit: number,
  start: Record<string, string> | undefined,
  map: (item: Record<string, unknown>) => T,
): Promise<Page<T>> {
  const items: T[] = [];
  let startKey: Record<string, unknown> | undefined = start;
  // A filter applies after DynamoDB's page limit, so keep reading until the page is full.
  do {
    const out: QueryCommandOutput = await dynamo.send(
      new QueryCommand({
        TableName: TABLE,
        ...input,
        ExclusiveStartKey: startKey,
        Limit: limit - items.length,
      }),
    );
    items.push(...(out.Items ?? []).map(map));
    startKey = out.LastEvaluatedKey;
  } while (startKey && items.length < limit);
  return { items, nextCursor: encodeCursor(startKey) };
}
