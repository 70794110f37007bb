import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { MEMBERS_PER_PAGE } from '#shared/domain/alliance';

/*
 * The public list of alliances shows each member with its chamber's name, feature and highlight,
 * read by key: a page stops before its members pass MEMBERS_PER_PAGE, so a page costs at most
 * 1 + MEMBERS_PER_PAGE / 100 reads (BatchGetItem takes 100 keys) whatever its `limit`. Counted
 * with an SDK middleware on the registration function's client, in-process, against DynamoDB
 * Local. The alliances are in a region of their own (历下区, outside every other test's city).
 */
let dynamo: typeof import('#shared/db/client').dynamo;
let alliances: typeof import('#functions/registration/alliance-store');
let operations: typeof import('#functions/registration/alliances').allianceOperations;

beforeAll(async () => {
  Object.assign(process.env, inject('functionEnvironments').registration, {
    AWS_ENDPOINT_URL_DYNAMODB: inject('dynamoEndpoint'),
    AWS_REGION: 'local',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
  });
  ({ dynamo } = await import('#shared/db/client'));
  alliances = await import('#functions/registration/alliance-store');
  ({ allianceOperations: operations } = await import('#functions/registration/alliances'));
});

const REGION = '370102';

/** An alliance whose record holds `count` members (chambers that need not exist: a name falls back to the id). */
async function allianceWith(count: number): Promise<string> {
  const id = randomUUID();
  const members = Object.fromEntries(
    Array.from({ length: count }, () => [randomUUID(), { joinedOn: '2024-01-01' }]),
  );
  await alliances.insertAlliance({
    id,
    name: `历下党建联盟${count}`,
    regionCode: REGION,
    foundedOn: '2023-01-01',
    memberCount: count,
    members,
    createdAt: new Date().toISOString(),
    createdBy: 'tester',
  });
  return id;
}

/** Requests the client sends while `run` runs, by command, and the keys its BatchGetItems ask. */
async function counted<T>(run: () => Promise<T>) {
  const requests: Record<string, number> = {};
  let keys = 0;
  const name = `count-${randomUUID()}`;
  dynamo.middlewareStack.add(
    (next, context) => async (args) => {
      const command = context.commandName ?? 'unknown';
      requests[command] = (requests[command] ?? 0) + 1;
      if (command === 'BatchGetItemCommand') {
        const asked = (args.input as { RequestItems?: Record<string, { Keys?: unknown[] }> })
          .RequestItems;
        for (const table of Object.values(asked ?? {})) keys += table.Keys?.length ?? 0;
      }
      return next(args);
    },
    { step: 'initialize', name },
  );
  try {
    return { result: await run(), requests, keys };
  } finally {
    dynamo.middlewareStack.remove(name);
  }
}

describe('the public list of alliances', () => {
  it('reads at most MEMBERS_PER_PAGE members’ chambers a page, every alliance listed once', async () => {
    const ids = [await allianceWith(300), await allianceWith(300), await allianceWith(150)];
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const { result, requests, keys } = await counted(() =>
        operations.listAlliances({
          query: { regionCode: REGION, limit: 100, cursor },
        } as Parameters<typeof operations.listAlliances>[0]),
      );
      pages += 1;
      const body = result.body as {
        items: { id: string; members: unknown[] }[];
        nextCursor: string | null;
      };
      const members = body.items.reduce((sum, item) => sum + item.members.length, 0);
      expect(members).toBeLessThanOrEqual(MEMBERS_PER_PAGE);
      expect(keys).toBe(members);
      // The page's query, and a BatchGetItem per 100 members.
      expect(requests.QueryCommand).toBe(1);
      expect(requests.BatchGetItemCommand ?? 0).toBe(Math.ceil(members / 100));
      seen.push(...body.items.map((item) => item.id));
      cursor = body.nextCursor ?? undefined;
    } while (cursor);
    // 750 members: two pages at least (all three at once would read 750 chambers, 8 requests).
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(seen.sort()).toEqual([...ids].sort());
  });
});
