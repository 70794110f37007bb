import { useEffect, useRef } from 'react';

/*
 * What a person has typed into an open form survives signing in again: before the console
 * leaves for the sign-in page it saves every open form's values (sessionStorage, this tab only),
 * and a form with the same key restores them when it is shown again after the return.
 * Dates (dayjs objects in antd's pickers) are saved as their ISO text and revived by the form.
 */
const STORAGE_KEY = 'fic.drafts';
const open = new Map<string, () => unknown>();

export function saveOpenDrafts(storage: Storage = sessionStorage): void {
  const drafts: Record<string, unknown> = {};
  for (const [key, read] of open) drafts[key] = read();
  if (Object.keys(drafts).length === 0) return;
  try {
    storage.setItem(STORAGE_KEY, JSON.stringify(drafts));
  } catch {
    // storage full or blocked: nothing more can be kept
  }
}

/** The draft saved for `key`, removed as it is taken so it is restored once. */
export function takeDraft<T>(key: string, storage: Storage = sessionStorage): T | undefined {
  try {
    const all = JSON.parse(storage.getItem(STORAGE_KEY) ?? '{}') as Record<string, unknown>;
    if (!(key in all)) return undefined;
    const draft = all[key] as T;
    delete all[key];
    if (Object.keys(all).length === 0) storage.removeItem(STORAGE_KEY);
    else storage.setItem(STORAGE_KEY, JSON.stringify(all));
    return draft;
  } catch {
    return undefined;
  }
}

/**
 * Registers an open form under `key` (one per screen and record: "chamber-edit:<id>") and calls
 * `restore` with its saved draft, if there is one, once when the form appears.
 */
export function useDraft<T>(key: string, read: () => T, restore: (draft: T) => void): void {
  const readRef = useRef(read);
  readRef.current = read;
  const restoreRef = useRef(restore);
  restoreRef.current = restore;
  useEffect(() => {
    const draft = takeDraft<T>(key);
    if (draft !== undefined) restoreRef.current(draft);
    open.set(key, () => readRef.current());
    return () => {
      open.delete(key);
    };
  }, [key]);
}
