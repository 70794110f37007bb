import { randomUUID } from 'node:crypto';
import { CreateTableCommand, DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { useLedgerEnvironment } from './ledger-invoke';

/*
 * A ledger table of one test file's own, in the shared DynamoDB Local, for the ledger's function
 * invoked in-process (the chambers stay in the shared registration table): what the file writes
 * and scans is its alone, and its load never holds the shared ledger table (DynamoDB Local runs
 * one transaction at a time per table). Call before importing the ledger's modules.
 */
export async function useOwnLedgerTable(
  name: string,
): Promise<{ table: string; drop(): Promise<void> }> {
  useLedgerEnvironment();
  const table = `${name}-${randomUUID().slice(0, 8)}`;
  process.env.LEDGER_TABLE = table;
  return { table, drop: await createKeyedTable(table) };
}

/**
 * Creates a table keyed as every table here is (pk, sk; no index) in the DynamoDB the shared
 * client's environment names; answers how to drop it.
 */
export async function createKeyedTable(table: string): Promise<() => Promise<void>> {
  const { dynamo } = await import('#shared/db/client');
  await dynamo.send(
    new CreateTableCommand({
      TableName: table,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
    }),
  );
  return async () => {
    await dynamo.send(new DeleteTableCommand({ TableName: table }));
  };
}
