import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from '#shared/db/cursor';
import { BadRequestError } from '#shared/http/errors';

const TABLE_KEY = ['pk', 'sk'] as const;
const INDEX_KEY = ['pk', 'sk', 'gsi1pk', 'gsi1sk'] as const;
const PARTITION = { pk: 'CHAMBER#c-1' };
/** As the member list queries: its partition, sort keys beginning MEMBER#. */
const MEMBERS = { pk: 'CHAMBER#c-1', sk: { prefix: 'MEMBER#' } };
/** As the chamber list queries the region index: a province's partition, a region's prefix. */
const UNDER_3716 = { gsi1pk: 'CHAMBERS#37', gsi1sk: { prefix: '3716' } };
const members = { pk: 'CHAMBER#c-1', sk: 'MEMBER#51100000500002862F' };
const chamberKey = {
  pk: 'CHAMBER#ch-7',
  sk: 'PROFILE',
  gsi1pk: 'CHAMBERS#37',
  gsi1sk: '371621001#ch-7',
};

/** A cursor as a client could build one by hand: base64url of any text. */
const forge = (text: string) => Buffer.from(text).toString('base64url');

function rejection(
  cursor: string,
  attributes: readonly string[],
  within: Parameters<typeof decodeCursor>[2] = PARTITION,
): unknown {
  try {
    decodeCursor(cursor, attributes, within);
  } catch (error) {
    return error;
  }
  return undefined;
}

/** The answer a client gets: 400 naming ["cursor"], never a 500. */
function expectBadCursor(
  cursor: string,
  attributes: readonly string[] = TABLE_KEY,
  within: Parameters<typeof decodeCursor>[2] = PARTITION,
): void {
  const error = rejection(cursor, attributes, within);
  expect(error, `cursor ${JSON.stringify(cursor)} was accepted`).toBeInstanceOf(BadRequestError);
  expect((error as BadRequestError).status).toBe(400);
  expect((error as BadRequestError).errors).toEqual([
    { path: ['cursor'], message: expect.any(String) },
  ]);
}

describe('encodeCursor / decodeCursor', () => {
  it('round-trips a table key', () => {
    const cursor = encodeCursor(members);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/); // safe in a query string as it is
    expect(decodeCursor(cursor ?? undefined, TABLE_KEY, PARTITION)).toEqual(members);
  });

  it('round-trips a key inside the query’s partition and sort-key range', () => {
    expect(decodeCursor(encodeCursor(members) ?? undefined, TABLE_KEY, MEMBERS)).toEqual(members);
    expect(decodeCursor(encodeCursor(chamberKey) ?? undefined, INDEX_KEY, UNDER_3716)).toEqual(
      chamberKey,
    );
  });

  it('round-trips an index key, attributes in any order', () => {
    const key = {
      gsi1sk: '371621001#ch-7',
      pk: 'CHAMBER#ch-7',
      gsi1pk: 'CHAMBERS#37',
      sk: 'PROFILE',
    };
    const cursor = encodeCursor(key) ?? undefined;
    expect(decodeCursor(cursor, [...INDEX_KEY].reverse(), { gsi1pk: 'CHAMBERS#37' })).toEqual(key);
  });

  it('round-trips keys with Chinese text and punctuation', () => {
    const key = { pk: 'CHAMBER#c-1', sk: 'MEMBER#滨州市惠民县"商会"/#?&=' };
    expect(decodeCursor(encodeCursor(key) ?? undefined, TABLE_KEY, PARTITION)).toEqual(key);
  });

  it('has no cursor after the last page, and starts from the top without one', () => {
    expect(encodeCursor(undefined)).toBeNull();
    expect(decodeCursor(undefined, TABLE_KEY, PARTITION)).toBeUndefined();
  });
});

describe('decodeCursor refuses', () => {
  it.each(['garbage!!', '%%%', '', ' ', 'null', '{"pk":"CHAMBER#c-1","sk":"x"}'])(
    'text that is not base64url of JSON: %j',
    (cursor) => expectBadCursor(cursor),
  );

  it.each(['hello', '{pk: 1}', '{"pk":"CHAMBER#c-1",', '\u0000\u0001'])(
    'base64url of something that is not JSON: %j',
    (text) => expectBadCursor(forge(text)),
  );

  it.each(['null', '42', '"CHAMBER#c-1"', 'true', '[]', '["CHAMBER#c-1","MEMBER#x"]'])(
    'JSON that is not a key object: %s',
    (json) => expectBadCursor(forge(json)),
  );

  it.each([
    ['a missing attribute', { pk: 'CHAMBER#c-1' }],
    ['an extra attribute', { ...members, gsi1pk: 'CHAMBERS#37' }],
    ['other attribute names', { PK: 'CHAMBER#c-1', SK: 'MEMBER#x' }],
    ['no attributes', {}],
  ])('a key with %s', (_, key) => expectBadCursor(forge(JSON.stringify(key))));

  it('a table key where an index key is expected', () => {
    expectBadCursor(encodeCursor(members) ?? '', INDEX_KEY);
  });

  it('a key that smuggles __proto__', () => {
    expectBadCursor(forge('{"pk":"CHAMBER#c-1","sk":"x","__proto__":{"admin":true}}'));
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });

  it.each([
    ['an object', { S: 'MEMBER#x' }],
    ['an array', ['MEMBER#x']],
    ['null', null],
    ['a boolean', true],
    ['an empty string', ''],
    ['a string over 1024 characters', 'x'.repeat(1025)],
  ])('a value that is %s', (_, sk) => {
    expectBadCursor(forge(JSON.stringify({ pk: 'CHAMBER#c-1', sk })));
  });

  it('a number, since every key attribute of this system’s tables is a string', () => {
    // ConcernTable declares pk/sk and every index key as STRING; DynamoDB refuses a numeric
    // ExclusiveStartKey for them (ValidationException), which would surface as a 500. The
    // chamber list constrains only gsi1pk/gsi1sk, so pk and sk reach DynamoDB as given.
    for (const forged of [
      { ...chamberKey, pk: 7 },
      { ...chamberKey, sk: 1e308 },
    ]) {
      expectBadCursor(forge(JSON.stringify(forged)), INDEX_KEY, UNDER_3716);
    }
    expectBadCursor(forge('{"pk":"CHAMBER#c-1","sk":1e400}'), TABLE_KEY, PARTITION);
  });

  it('a key outside the query’s sort-key range (DynamoDB would fail the query)', () => {
    expectBadCursor(encodeCursor({ pk: 'CHAMBER#c-1', sk: 'PROFILE' }) ?? '', TABLE_KEY, MEMBERS);
    expectBadCursor(forge(JSON.stringify({ pk: 'CHAMBER#c-1', sk: 42 })), TABLE_KEY, MEMBERS);
    // A cursor of the list of 371621 (惠民县) used to page the list of 371700 (another city).
    expectBadCursor(encodeCursor(chamberKey) ?? '', INDEX_KEY, {
      gsi1pk: 'CHAMBERS#37',
      gsi1sk: { prefix: '3717' },
    });
  });

  it('a key of another partition', () => {
    expectBadCursor(encodeCursor({ pk: 'CHAMBER#c-2', sk: 'MEMBER#x' }) ?? '');
    const otherProvince = encodeCursor({ ...chamberKey, gsi1pk: 'CHAMBERS#11' });
    expectBadCursor(otherProvince ?? '', INDEX_KEY, UNDER_3716);
  });

  it('anything a client can send, with a 400 and nothing else', () => {
    const keyLike = fc.dictionary(
      fc.constantFrom('pk', 'sk', 'gsi1pk', 'x'),
      fc.oneof(
        fc.constantFrom('CHAMBER#c-1', 'MEMBER#x', 'PROFILE'),
        fc.string().map((text) => `MEMBER#${text}`),
        fc.string(),
        fc.integer(),
        fc.boolean(),
        fc.constant(null),
        fc.array(fc.string()),
      ),
    );
    const cursors = fc.oneof(
      fc.string(),
      fc.base64String(),
      fc.json().map(forge),
      keyLike.map((key) => forge(JSON.stringify(key))),
    );
    fc.assert(
      fc.property(cursors, (cursor) => {
        let key: Record<string, unknown> | undefined;
        try {
          key = decodeCursor(cursor, TABLE_KEY, MEMBERS);
        } catch (error) {
          expect(error).toBeInstanceOf(BadRequestError);
          return;
        }
        // Whatever passes is a key of exactly this shape, in this partition.
        expect(Object.keys(key ?? {}).sort()).toEqual(['pk', 'sk']);
        expect(key?.pk).toBe(MEMBERS.pk);
        expect(String(key?.sk)).toMatch(/^MEMBER#/);
      }),
      { numRuns: 2000 },
    );
  });
});
