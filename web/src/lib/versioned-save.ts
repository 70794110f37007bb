import { ApiError } from './problem';

/*
 * How an edit screen's save with If-Match ends. `changedMeanwhile`: someone saved first (412) and
 * this is the record as stored now, read at once, for the screen's "changed meanwhile" view; if
 * that read fails, its error is the outcome. `signedOut`: the session ended (401) and the sign-in
 * dialog has taken over; the form keeps what was typed, so the screen shows nothing more.
 */
export type SaveOutcome<Saved, Stored> =
  | { saved: Saved }
  | { changedMeanwhile: Stored }
  | { error: unknown }
  | { signedOut: true };

export async function saveVersioned<Saved, Stored>(
  save: () => Promise<Saved>,
  readStored: () => Promise<Stored>,
): Promise<SaveOutcome<Saved, Stored>> {
  try {
    return { saved: await save() };
  } catch (error) {
    if (!isStatus(error, 412)) return isStatus(error, 401) ? { signedOut: true } : { error };
  }
  try {
    return { changedMeanwhile: await readStored() };
  } catch (error) {
    return isStatus(error, 401) ? { signedOut: true } : { error };
  }
}

const isStatus = (error: unknown, status: number) =>
  error instanceof ApiError && error.status === status;
