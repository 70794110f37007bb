import { randomUUID } from 'node:crypto';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { UnprocessableError } from '#shared/http/errors';
import { useLedgerEnvironment } from '../support/ledger-invoke';

/*
 * createOnce (shared/db/idempotency.ts) against DynamoDB Local, in a table of this deployment
 * (items under a TEST# key no concern reads): a keyed create writes its items and its marker once,
 * whether retried in turn, all at once, or by the SDK after a response lost on the way back.
 */

type CreateOnce = typeof import('#shared/db/idempotency')['createOnce'];
type KeyedId = typeof import('#shared/db/idempotency')['keyedId'];
let createOnce: CreateOnce;
let keyedId: KeyedId;
let dynamo: DynamoDBDocumentClient;
const TABLE = inject('functionEnvironments').registration?.REGISTRATION_TABLE as string;

beforeAll(async () => {
  useLedgerEnvironment();
  ({ createOnce, keyedId } = await import('#shared/db/idempotency'));
  ({ dynamo } = await import('#shared/db/client'));
});

const installed: string[] = [];
afterEach(() => {
  for (const name of installed.splice(0)) dynamo.middlewareStack.remove(name);
});

const request = (body: unknown = { name: '滨州商会' }) => ({
  kind: 'test',
  caller: 'tester',
  key: randomUUID(),
  request: body,
});
/** The test's resource: one item under the id the key names, counting its writes. */
const resourceOf = (keyed: ReturnType<typeof request>, writes = 1) => ({
  Put: {
    TableName: TABLE,
    Item: { pk: `TEST#${keyedId(keyed)}`, sk: 'RESOURCE', writes },
    ConditionExpression: 'attribute_not_exists(pk)',
  },
});
const item = async (pk: string, sk: string) =>
  (await dynamo.send(new GetCommand({ TableName: TABLE, Key: { pk, sk }, ConsistentRead: true })))
    .Item;
const read = (keyed: ReturnType<typeof request>) => item(`TEST#${keyedId(keyed)}`, 'RESOURCE');
const marker = (keyed: ReturnType<typeof request>) =>
  item(`IDEMPOTENCY#${keyedId(keyed)}`, 'REQUEST');

describe('createOnce', () => {
  it('derives one UUID-shaped id per kind, caller and key', () => {
    const keyed = request();
    const sameKeyOtherBody = { ...keyed, request: 'another body' };
    expect(keyedId(keyed)).toBe(keyedId(sameKeyOtherBody));
    expect(keyedId(keyed)).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(keyedId({ ...keyed, caller: 'someone else' })).not.toBe(keyedId(keyed));
    expect(keyedId({ ...keyed, kind: 'visit' })).not.toBe(keyedId(keyed));
  });

  it('creates, then answers a retry of the same request without writing', async () => {
    const keyed = request();
    expect(await createOnce(TABLE, keyed, [resourceOf(keyed, 1)])).toBe('created');
    expect(await createOnce(TABLE, keyed, [resourceOf(keyed, 2)])).toBe('replayed');
    expect(await read(keyed)).toMatchObject({ writes: 1 });
    expect(await marker(keyed)).toMatchObject({ kind: 'test', fingerprint: expect.any(String) });
  });

  it('refuses the key with another request (422), writing nothing', async () => {
    const keyed = request({ name: 'A' });
    await createOnce(TABLE, keyed, [resourceOf(keyed, 1)]);
    const other = { ...keyed, request: { name: 'B' } };
    await expect(createOnce(TABLE, other, [resourceOf(other, 2)])).rejects.toBeInstanceOf(
      UnprocessableError,
    );
    expect(await read(keyed)).toMatchObject({ writes: 1 });
  });

  it('creates once when ten tries of the same request run at once', async () => {
    const keyed = request();
    const outcomes = await Promise.all(
      Array.from({ length: 10 }, (_, i) => createOnce(TABLE, keyed, [resourceOf(keyed, i + 1)])),
    );
    expect(outcomes.filter((outcome) => outcome === 'created')).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome === 'replayed')).toHaveLength(9);
    expect(await read(keyed)).toBeDefined();
  });

  it('leaves a failed condition of the items to the caller, writing no marker', async () => {
    const keyed = request();
    await dynamo.send(new PutCommand(resourceOf(keyed, 0).Put)); // there already, unkeyed
    await expect(createOnce(TABLE, keyed, [resourceOf(keyed, 1)])).rejects.toBeInstanceOf(
      TransactionCanceledException,
    );
    expect(await marker(keyed)).toBeUndefined();
    expect(await read(keyed)).toMatchObject({ writes: 0 });
  });

  it('writes once when the response of an applied transaction is lost and the SDK retries', async () => {
    let lost = 0;
    const name = `idempotency-fault-${randomUUID()}`;
    (dynamo.middlewareStack.add as (m: unknown, o: { step: string; name: string }) => void)(
      (next: (args: unknown) => Promise<unknown>, context: { commandName: string }) =>
        async (args: unknown) => {
          const result = await next(args);
          if (context.commandName === 'TransactWriteItemsCommand' && lost === 0) {
            lost += 1;
            throw Object.assign(new Error('socket hang up: the response never arrived'), {
              name: 'TimeoutError',
              code: 'ECONNRESET',
              $metadata: {},
            });
          }
          return result;
        },
      { step: 'finalizeRequest', name },
    );
    installed.push(name);
    const keyed = request();
    // The SDK sends the same transaction again, with the same ClientRequestToken: DynamoDB
    // recognises it; were it not to, the marker would, and the answer would be 'replayed'.
    const outcome = await createOnce(TABLE, keyed, [resourceOf(keyed, 1)]);
    expect(lost).toBe(1);
    expect(['created', 'replayed']).toContain(outcome);
    expect(await read(keyed)).toMatchObject({ writes: 1 });
  });
});
