import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { LocalFunction } from '#infra/local/assembly';
import { FunctionHost } from '#infra/local/lambda-host';

/*
 * The local runtime's execution environments, with a bundle written here: each function runs
 * with its own environment, a call that outlives the template's timeout fails (and its
 * environment is replaced), an error thrown by the handler fails that call only, and events and
 * results cross as JSON, as they reach and leave a Lambda function.
 */
const dir = mkdtempSync(path.join(os.tmpdir(), 'fic-host-'));
writeFileSync(
  path.join(dir, 'index.mjs'),
  `let calls = 0;
export const handler = async (event, context) => {
  calls += 1;
  if (event.sleep) await new Promise((r) => setTimeout(r, event.sleep));
  if (event.fail) throw new Error('boom');
  if (event.echo) return event.echo === 'nothing' ? undefined : { event, at: new Date(0) };
  return { greeting: process.env.GREETING, calls, requestId: context.awsRequestId, remaining: context.getRemainingTimeInMillis() };
};`,
);
// Code whose loading (the cold start) takes longer than the function's 1 s timeout.
writeFileSync(
  path.join(dir, 'slow.mjs'),
  `await new Promise((r) => setTimeout(r, 1_500));
export const handler = async () => ({ loaded: true });`,
);
// Code that fails to load until a file exists (a dependency that was missing, say).
const marker = path.join(dir, 'now-it-loads');
writeFileSync(
  path.join(dir, 'fragile.mjs'),
  `import { existsSync } from 'node:fs';
if (!existsSync(${JSON.stringify(marker)})) throw new Error('cannot load yet');
export const handler = async () => ({ loaded: true });`,
);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const fn = (
  id: string,
  environment: Record<string, string>,
  handler = 'index.handler',
): LocalFunction => ({
  id,
  arn: `arn:aws:lambda:local:000000000000:function:${id}`,
  codeDir: dir,
  handler,
  timeoutSeconds: 1,
  memoryMb: 128,
  environment,
});
const host = (id: string, environment: Record<string, string>, handler?: string) =>
  new FunctionHost(fn(id, environment, handler), {
    runtimeEnvironment: {},
    log: () => undefined,
    maxConcurrency: 1,
  });

describe('a local execution environment', () => {
  it('sees only its own function’s environment, and keeps its state between calls', async () => {
    const a = host('A', { GREETING: '你好' });
    const b = host('B', { GREETING: 'hello' });
    try {
      const [first, other] = await Promise.all([a.invoke({}), b.invoke({})]);
      expect(first.result).toMatchObject({ greeting: '你好', calls: 1 });
      expect(other.result).toMatchObject({ greeting: 'hello', calls: 1 });
      const second = await a.invoke({});
      expect(second.result).toMatchObject({ calls: 2 });
      expect((second.result as { remaining: number }).remaining).toBeLessThanOrEqual(1_000);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  });

  it('fails a call that outlives the timeout, and starts a fresh environment for the next', async () => {
    const h = host('Slow', { GREETING: 'x' });
    try {
      expect((await h.invoke({})).result).toMatchObject({ calls: 1 });
      const late = await h.invoke({ sleep: 3_000 });
      expect(late).toMatchObject({ ok: false, error: { errorType: 'Sandbox.Timedout' } });
      // A new environment: module state starts over, as after a Lambda timeout.
      expect((await h.invoke({})).result).toMatchObject({ calls: 1 });
    } finally {
      await h.stop();
    }
  });

  it('does not charge the cold start to the call, as Lambda’s init phase is not', async () => {
    const h = host('SlowStart', {}, 'slow.handler');
    try {
      expect(await h.invoke({})).toEqual({ ok: true, result: { loaded: true } });
    } finally {
      await h.stop();
    }
  });

  it('loads failed code again, in a new environment, for the next call', async () => {
    const h = host('Fragile', {}, 'fragile.handler');
    try {
      expect(await h.invoke({})).toMatchObject({
        ok: false,
        error: { errorMessage: 'cannot load yet' },
      });
      writeFileSync(marker, '');
      expect(await h.invoke({})).toEqual({ ok: true, result: { loaded: true } });
    } finally {
      await h.stop();
    }
  });

  it('fails only the call whose handler throws', async () => {
    const h = host('Failing', { GREETING: 'x' });
    try {
      expect(await h.invoke({ fail: true })).toMatchObject({
        ok: false,
        error: { errorMessage: 'boom' },
      });
      expect(await h.invoke({})).toMatchObject({ ok: true });
    } finally {
      await h.stop();
    }
  });

  it('hands over the event and the result as JSON, as Lambda does', async () => {
    const h = host('Json', { GREETING: 'x' });
    try {
      // What JSON cannot carry is gone on arrival; a Date leaves as its ISO string.
      const answer = await h.invoke({ echo: 'yes', missing: undefined, names: ['商会'] });
      expect(answer.result).toEqual({
        event: { echo: 'yes', names: ['商会'] },
        at: '1970-01-01T00:00:00.000Z',
      });
      // A handler that returns nothing answers null.
      expect(await h.invoke({ echo: 'nothing' })).toEqual({ ok: true, result: null });
    } finally {
      await h.stop();
    }
  });

  it('refuses an event JSON cannot carry without holding an environment', async () => {
    const h = host('Unserializable', { GREETING: 'x' });
    try {
      await expect(h.invoke({ amount: 1n })).rejects.toThrow(TypeError);
      // maxConcurrency is 1: the next call would wait forever had the first kept its environment.
      expect((await h.invoke({})).result).toMatchObject({ calls: 1 });
    } finally {
      await h.stop();
    }
  });

  it('refuses the calls still waiting for an environment when it stops', async () => {
    const h = host('Stopping', { GREETING: 'x' });
    const busy = h.invoke({ sleep: 300 });
    const queued = h.invoke({}).then(
      () => undefined,
      (error: Error) => error,
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    await h.stop();
    expect((await queued)?.message).toMatch(/stopped/);
    await busy; // answered or failed, but settled
  });
});
