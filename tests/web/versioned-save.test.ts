import { describe, expect, it } from 'vitest';
import { ApiError, toProblem } from '../../web/src/lib/problem';
import { saveVersioned } from '../../web/src/lib/versioned-save';

/*
 * An edit screen's save with If-Match: what the person is shown next depends only on how the
 * save, and the read after a 412, ended.
 */
const refused = (status: number) => new ApiError(status, toProblem(status, { status }));
const stored = { id: 'c1', version: 4 };

describe('a versioned save', () => {
  it('is saved', async () => {
    const outcome = await saveVersioned(
      async () => ({ version: 3 }),
      async () => stored,
    );
    expect(outcome).toEqual({ saved: { version: 3 } });
  });

  it('reads what is stored now when someone saved first (412)', async () => {
    let reads = 0;
    const outcome = await saveVersioned(
      () => Promise.reject(refused(412)),
      async () => {
        reads += 1;
        return stored;
      },
    );
    expect(outcome).toEqual({ changedMeanwhile: stored });
    expect(reads).toBe(1);
  });

  it('shows the read’s own error when that read fails, instead of failing silently', async () => {
    const outcome = await saveVersioned(
      () => Promise.reject(refused(412)),
      () => Promise.reject(refused(503)),
    );
    expect(outcome).toEqual({ error: refused(503) });
  });

  it('says nothing more when the session ended, before or after the 412', async () => {
    const fresh = async () => stored;
    expect(await saveVersioned(() => Promise.reject(refused(401)), fresh)).toEqual({
      signedOut: true,
    });
    expect(
      await saveVersioned(
        () => Promise.reject(refused(412)),
        () => Promise.reject(refused(401)),
      ),
    ).toEqual({ signedOut: true });
  });

  it('hands any other refusal to the screen, and reads nothing', async () => {
    let reads = 0;
    const outcome = await saveVersioned(
      () => Promise.reject(refused(422)),
      async () => {
        reads += 1;
        return stored;
      },
    );
    expect(outcome).toEqual({ error: refused(422) });
    expect(reads).toBe(0);
  });
});
