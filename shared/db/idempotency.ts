import { createHash, randomUUID } from 'node:crypto';
import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { canonicalHash } from '#shared/domain/canonical-json';
import { ServiceUnavailableError, UnprocessableError } from '#shared/http/errors';
import { backoff } from './batch';
import { dynamo } from './client';
import { cancellationCodes, onlyRaces } from './transactions';

/*
 * Creating a resource exactly once per Idempotency-Key. The resource's id is derived from what is
 * created, who asks and the key, so every retry of a request names the same resource; a marker
 * holding the request's fingerprint is written in the same transaction as the resource. A retry
 * finds the marker and writes nothing (the caller answers with the resource as it now is); the
 * same key with another request is a 422. Markers live in the resource's own table:
 *   marker  pk IDEMPOTENCY#<id>  sk REQUEST  fingerprint, createdAt
 */

export interface KeyedRequest {
  /** What is created ('chamber', 'visit', …): a key names one resource of each kind at most. */
  kind: string;
  /** Who asks (the token's subject): two callers' keys never meet. */
  caller: string;
  /** The Idempotency-Key header. */
  key: string;
  /** The parsed request (path and body): a retry must send the same. */
  request: unknown;
}

type TransactItem = NonNullable<
  ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']
>[number];

/** The request as `createOnce` takes it, when the client sent an Idempotency-Key. */
export function keyedRequest(
  kind: string,
  caller: string,
  key: string | undefined,
  request: unknown,
): KeyedRequest | undefined {
  return key === undefined ? undefined : { kind, caller, key, request };
}

/** The id a keyed request creates its resource under: the same for every retry (UUID-shaped). */
export function keyedId(request: Pick<KeyedRequest, 'kind' | 'caller' | 'key'>): string {
  const hex = sha256(`${request.kind}\u0000${request.caller}\u0000${request.key}`).slice(0, 32);
  // RFC 9562 version 8 (custom), variant 10.
  const variant = ((Number.parseInt(hex[16] as string, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * Writes `items` (the resource and whatever goes with it, each with its own conditions) with the
 * request's marker in one transaction, unless an earlier try of the same request did. Returns
 * 'created', or 'replayed' when that earlier try had: nothing is written then. Throws a 422 when
 * the key was used for another request, and rethrows a cancellation caused by `items`' own
 * conditions (the caller's to explain).
 */
export async function createOnce(
  table: string,
  request: KeyedRequest,
  items: TransactItem[],
): Promise<'created' | 'replayed'> {
  const id = keyedId(request);
  const fingerprint = fingerprintOf(request);
  const marker: TransactItem = {
    Put: {
      TableName: table,
      Item: {
        ...markerKey(id),
        kind: request.kind,
        fingerprint,
        createdAt: new Date().toISOString(),
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
  const nonce = randomUUID();
  for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
    try {
      await dynamo.send(
        new TransactWriteCommand({
          TransactItems: [marker, ...items],
          // The SDK's own retry of this very call (its answer lost) is recognised by DynamoDB and
          // not applied twice; another try is another transaction, judged by the marker.
          ClientRequestToken: sha256(`${id}\u0000${nonce}\u0000${attempt}`).slice(0, 36),
        }),
      );
      return 'created';
    } catch (error) {
      if (!isRace(error)) throw error;
      const { Item } = await dynamo.send(
        new GetCommand({ TableName: table, Key: markerKey(id), ConsistentRead: true }),
      );
      if (Item) return replayedOrRefused(Item, fingerprint);
      // No marker: the items' own condition failed (the caller's to explain), or something other
      // than a race did (rethrown as it is); else a concurrent try of the same request, or another
      // writer of the same items, is still in flight: wait for it, then look again.
      const codes = cancellationCodes(error) ?? [];
      if (codes.slice(1).includes('ConditionalCheckFailed') || !onlyRaces(codes)) throw error;
      if (attempt + 1 < ATTEMPTS) await backoff(attempt);
    }
  }
  throw new ServiceUnavailableError();
}

/**
 * Whether an earlier try of this keyed request already created its record: for a caller that
 * checks state a retry must not be judged by (a retry finds what the first try recorded even if
 * the state it was checked against has moved on since). 'replayed', or undefined when there was
 * no earlier try; a 422 when the key was used for another request.
 */
export async function priorTry(
  table: string,
  request: KeyedRequest,
): Promise<'replayed' | undefined> {
  const { Item } = await dynamo.send(
    new GetCommand({ TableName: table, Key: markerKey(keyedId(request)), ConsistentRead: true }),
  );
  return Item ? replayedOrRefused(Item, fingerprintOf(request)) : undefined;
}

function replayedOrRefused(marker: Record<string, unknown>, fingerprint: string): 'replayed' {
  if (marker.fingerprint !== fingerprint) {
    throw new UnprocessableError('This Idempotency-Key was already used with another request.');
  }
  return 'replayed';
}

const markerKey = (id: string) => ({ pk: `IDEMPOTENCY#${id}`, sk: 'REQUEST' });
const fingerprintOf = (request: KeyedRequest) => canonicalHash(request.request);

/** Tries of one transaction that keeps meeting others (a busy tally, a concurrent retry). */
const ATTEMPTS = 8;

const RACE_ERRORS = new Set([
  'TransactionCanceledException',
  'TransactionConflictException',
  'TransactionInProgressException',
]);
const isRace = (error: unknown) => error instanceof Error && RACE_ERRORS.has(error.name);

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
