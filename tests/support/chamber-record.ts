import { randomUUID } from 'node:crypto';
import type { Chamber } from '#shared/contract/registration';

/**
 * A registered chamber's record as registration stores it, for tests that write through the
 * stores in-process: in 沾化区 (371603), with a Party branch, a random id and a name from
 * `prefix` made unique.
 */
export function chamberRecord(prefix: string, fields: Partial<Chamber> = {}): Chamber {
  const now = new Date().toISOString();
  return {
    id: randomUUID(),
    name: `${prefix}${randomUUID().slice(0, 6)}`,
    kind: 'industry',
    regionCode: '371603',
    relationship: 'supervised',
    status: 'registered',
    uscc: null,
    hometownRegionCode: null,
    industry: null,
    foundedOn: null,
    leaders: {},
    partyOrganisation: 'branch',
    management: {},
    governmentFunctions: [],
    feature: null,
    branchHighlight: null,
    version: 1,
    createdAt: now,
    updatedAt: now,
    ...fields,
  };
}
