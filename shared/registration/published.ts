import type { Chamber } from '#shared/contract/registration';

/*
 * What the registration concern publishes for the other concerns, which read its table with a
 * read-only grant (the ledger, rankings, supervision): where a chamber's record is and how to
 * read it. Registration's own store builds its keys from here too, so there is one definition.
 */

/** The environment variable that names the registration table (set by bindTable). */
export const REGISTRATION_TABLE_ENV = 'REGISTRATION_TABLE';

export const chamberKey = (id: string) => ({ pk: `CHAMBER#${id}`, sk: 'PROFILE' });

type Stored = Chamber & Record<'pk' | 'sk' | 'gsi1pk' | 'gsi1sk', string>;

export function chamberFromItem(item: Record<string, unknown>): Chamber {
  const { pk: _pk, sk: _sk, gsi1pk: _p, gsi1sk: _s, ...chamber } = item as Stored;
  return chamber;
}
