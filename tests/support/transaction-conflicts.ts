import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/*
 * DynamoDB cancels a transaction that touches an item another transaction is writing at that
 * moment (TransactionConflict); DynamoDB Local applies transactions one at a time and never does.
 * This puts the rule back, as SDK middleware on a client: each TransactWriteItems marks its items
 * busy until DynamoDB Local answers, and one that meets a busy item is cancelled at once, as
 * DynamoDB would cancel it, with nothing written.
 */

/** The cancellation DynamoDB answers, its reasons one per item: TransactionConflict where `conflicts`. */
export function transactionConflict(
  items: number,
  conflicts: (i: number) => boolean = (i) => i === 1,
) {
  const reasons = Array.from({ length: items }, (_, i) => conflicts(i));
  return new TransactionCanceledException({
    message: `Transaction cancelled, please refer cancellation reasons for specific reasons [${reasons
      .map((conflict) => (conflict ? 'TransactionConflict' : 'None'))
      .join(', ')}]`,
    $metadata: { httpStatusCode: 400 },
    CancellationReasons: reasons.map((conflict) =>
      conflict
        ? { Code: 'TransactionConflict', Message: 'Transaction is ongoing for the item' }
        : { Code: 'None' },
    ),
  });
}

type Marshalled = Record<string, { S?: string; N?: string }>;
type Operation = { TableName?: string; Item?: Marshalled; Key?: Marshalled };
type TransactItem = Partial<Record<'Put' | 'Update' | 'Delete' | 'ConditionCheck', Operation>>;
type Next = (args: { input: Record<string, unknown> }) => Promise<unknown>;

export interface ConflictRule {
  /** Transactions cancelled, and transactions let through. */
  readonly conflicts: number;
  readonly transactions: number;
  remove(): void;
}

let serial = 0;

/** Installs the rule on `client` (the ledger function's own, in-process). */
export function simulateTransactionConflicts(client: DynamoDBDocumentClient): ConflictRule {
  const busy = new Set<string>();
  const rule = { conflicts: 0, transactions: 0 };
  const name = `transaction-conflicts-${++serial}`;
  const middleware =
    (next: Next, context: { commandName?: string }) =>
    async (args: { input: Record<string, unknown> }) => {
      if (context.commandName !== 'TransactWriteItemsCommand') return next(args);
      const keys = ((args.input.TransactItems ?? []) as TransactItem[]).map((item) => {
        const op = (item.Put ?? item.Update ?? item.Delete ?? item.ConditionCheck) as Operation;
        const key = op.Item ?? op.Key ?? {};
        return `${op.TableName}|${key.pk?.S}|${key.sk?.S}`;
      });
      if (keys.some((key) => busy.has(key))) {
        rule.conflicts += 1;
        throw transactionConflict(keys.length, (i) => busy.has(keys[i] as string));
      }
      rule.transactions += 1;
      for (const key of keys) busy.add(key);
      try {
        return await next(args);
      } finally {
        for (const key of keys) busy.delete(key);
      }
    };
  (client.middlewareStack.add as (m: unknown, o: { step: string; name: string }) => void)(
    middleware,
    // Inside the SDK's retries: each attempt that reaches DynamoDB is one transaction.
    { step: 'finalizeRequest', name },
  );
  return {
    get conflicts() {
      return rule.conflicts;
    },
    get transactions() {
      return rule.transactions;
    },
    remove: () => client.middlewareStack.remove(name),
  };
}
