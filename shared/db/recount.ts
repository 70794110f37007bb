import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { backoff } from './batch';
import { dynamo } from './client';

/*
 * Setting counters to what their source items make, beside writers that go on adding to them (a
 * backfill of counters introduced after their sources: `npm run backfill:evidence`). Every
 * writer of a source item adds to its counters in the same transaction, so a counter is off from
 * its sources by a constant, the sources written before it existed. A recount:
 *   1. reads the counters (strongly consistent),
 *   2. reads the sources and counts them,
 *   3. reads the counters again: if any moved, a writer landed during 2 — start over;
 *   4. writes each counter item that differs, SET every counter it names to the count, under the
 *      condition that each of them still holds what 1 read (or is still absent). A writer that
 *      landed after 3 changed one of them (start over: nothing was written), or none of them,
 *      and then its source is not in the count and its addition, on an attribute this write
 *      leaves alone, stays on top of an exact count.
 * A writer whose addition is undone by a later one between 1 and 4 (an ABA the conditions cannot
 * see) must also add to a counter that only grows, which they do see: each recount below names
 * why its counters have one (a member, a visit, an answer, an activity only ever add).
 * Run again, every count is already what the sources make: nothing is written.
 */

/** A counter item: its key and counters (attribute name → count). */
export interface Counted {
  key: { pk: string; sk: string };
  counts: Record<string, number>;
}

export interface RecountOptions {
  table: string;
  /** The counter items as they are now (step 1 and 3), by an id of each. */
  readCounters(): Promise<Map<string, Counted>>;
  /** What the sources make (step 2), by the same ids; an item absent here counts nothing. */
  countSources(): Promise<Map<string, Counted>>;
  /** Whether an attribute of a counter item is one of the counters recounted. */
  isCounter(name: string): boolean;
  /** Called between counting and writing (a test's seam for a writer landing then). */
  beforeWrite?: () => Promise<void>;
  dryRun?: boolean;
}

const ATTEMPTS = 20;

/** Recounts; answers how many counter items were (dry run: would be) written. */
export async function recount(options: RecountOptions): Promise<number> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
    if (attempt > 0) await backoff(attempt);
    const before = await options.readCounters();
    const sources = await options.countSources();
    const again = await options.readCounters();
    if (!sameCounters(before, again, options.isCounter)) continue;
    const writes: { key: Counted['key']; set: Record<string, number>; read: Counted['counts'] }[] =
      [];
    for (const id of new Set([...before.keys(), ...sources.keys()])) {
      const read = counters(before.get(id)?.counts ?? {}, options.isCounter);
      const made = sources.get(id)?.counts ?? {};
      const set: Record<string, number> = {};
      for (const name of new Set([...Object.keys(read), ...Object.keys(made)])) {
        set[name] = made[name] ?? 0;
      }
      const key = before.get(id)?.key ?? sources.get(id)?.key;
      if (key && Object.entries(set).some(([name, count]) => (read[name] ?? 0) !== count)) {
        writes.push({ key, set, read });
      }
    }
    if (options.dryRun || writes.length === 0) return writes.length;
    await options.beforeWrite?.();
    try {
      for (const write of writes)
        await setCounters(options.table, write.key, write.set, write.read);
      return writes.length;
    } catch (error) {
      // A writer landed since 1: what was written so far is exact (each item on its own); the
      // rest is read and counted again.
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }
  throw new Error(`Counters still moving after ${ATTEMPTS} recounts; run again to resume.`);
}

const counters = (counts: Record<string, number>, isCounter: (name: string) => boolean) =>
  Object.fromEntries(Object.entries(counts).filter(([name]) => isCounter(name)));

function sameCounters(
  a: Map<string, Counted>,
  b: Map<string, Counted>,
  isCounter: (name: string) => boolean,
): boolean {
  if (a.size !== b.size) return false;
  for (const [id, item] of a) {
    const left = counters(item.counts, isCounter);
    const right = counters(b.get(id)?.counts ?? {}, isCounter);
    const names = new Set([...Object.keys(left), ...Object.keys(right)]);
    for (const name of names) if (left[name] !== right[name]) return false;
  }
  return true;
}

/** SET each counter of `set`, if each still holds what was `read` (absent: still absent). */
async function setCounters(
  table: string,
  key: Counted['key'],
  set: Record<string, number>,
  read: Record<string, number>,
): Promise<void> {
  const names: Record<string, string> = {};
  const values: Record<string, number> = {};
  const sets: string[] = [];
  const conditions: string[] = [];
  Object.entries(set).forEach(([name, count], i) => {
    names[`#c${i}`] = name;
    values[`:c${i}`] = count;
    sets.push(`#c${i} = :c${i}`);
    const was = read[name];
    if (was === undefined) {
      conditions.push(`attribute_not_exists(#c${i})`);
    } else {
      values[`:r${i}`] = was;
      conditions.push(`#c${i} = :r${i}`);
    }
  });
  await dynamo.send(
    new UpdateCommand({
      TableName: table,
      Key: key,
      UpdateExpression: `SET ${sets.join(', ')}`,
      ConditionExpression: conditions.join(' AND '),
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    }),
  );
}

/** The numeric attributes of an item, keys left out. */
export function countsOf(item: Record<string, unknown>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const [name, value] of Object.entries(item)) {
    if (name !== 'pk' && name !== 'sk' && typeof value === 'number') counts[name] = value;
  }
  return counts;
}
