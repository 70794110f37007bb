import { describe, expect, it } from 'vitest';
import {
  CHAMBER_KINDS,
  CHAMBER_STATUSES,
  type ChamberKind,
  type ChamberStatus,
  chamberShapeErrors,
  nextStatus,
  STATUS_ACTION_NAMES,
  STATUS_ACTIONS,
  type StatusAction,
} from '#shared/domain/chamber';

// The machine exactly as CONTRACT.md states it, written out independently of the code:
// applied → approved → registered; applied → rejected; registered ⇄ suspended (suspend /
// reinstate); registered/suspended → deregistered. Every pair not listed is refused.
const CONTRACT: Record<ChamberStatus, Partial<Record<StatusAction, ChamberStatus>>> = {
  applied: { approve: 'approved', reject: 'rejected' },
  approved: { register: 'registered' },
  rejected: {},
  registered: { suspend: 'suspended', deregister: 'deregistered' },
  suspended: { reinstate: 'registered', deregister: 'deregistered' },
  deregistered: {},
};

const ALL_PAIRS = CHAMBER_STATUSES.flatMap((status) =>
  STATUS_ACTION_NAMES.map((action) => ({
    status,
    action,
    expected: CONTRACT[status][action],
  })),
);

describe('the status machine', () => {
  it('knows the six statuses and six actions of the contract', () => {
    expect([...CHAMBER_STATUSES].sort()).toEqual(
      ['applied', 'approved', 'deregistered', 'registered', 'rejected', 'suspended'].sort(),
    );
    expect([...STATUS_ACTION_NAMES].sort()).toEqual(
      ['approve', 'deregister', 'register', 'reinstate', 'reject', 'suspend'].sort(),
    );
    expect(STATUS_ACTION_NAMES).toEqual(Object.keys(STATUS_ACTIONS));
  });

  it.each(ALL_PAIRS)('$status + $action → $expected', ({ status, action, expected }) => {
    expect(nextStatus(status, action)).toBe(expected);
  });

  it('allows exactly the seven transitions of the contract', () => {
    const allowed = ALL_PAIRS.filter(({ status, action }) => nextStatus(status, action));
    expect(allowed).toHaveLength(7);
  });

  it.each(['rejected', 'deregistered'] as const)('lets nothing leave %s', (status) => {
    for (const action of STATUS_ACTION_NAMES) expect(nextStatus(status, action)).toBeUndefined();
  });

  it('never moves a chamber back to applied or approved once registered', () => {
    for (const from of ['registered', 'suspended', 'deregistered', 'rejected'] as const) {
      for (const action of STATUS_ACTION_NAMES) {
        expect(['applied', 'approved']).not.toContain(nextStatus(from, action));
      }
    }
  });

  it('reaches registered only through approval', () => {
    const reachable = new Set<ChamberStatus>(['applied']);
    const paths: ChamberStatus[][] = [['applied']];
    // Breadth-first over the machine: the first path to "registered" passes "approved".
    for (let i = 0; i < paths.length; i++) {
      const path = paths[i] as ChamberStatus[];
      const at = path.at(-1) as ChamberStatus;
      for (const action of STATUS_ACTION_NAMES) {
        const to = nextStatus(at, action);
        if (to && !reachable.has(to)) {
          reachable.add(to);
          paths.push([...path, to]);
        }
      }
    }
    expect(paths.find((p) => p.at(-1) === 'registered')).toEqual([
      'applied',
      'approved',
      'registered',
    ]);
    expect([...reachable].sort()).toEqual([...CHAMBER_STATUSES].sort());
  });
});

describe('chamberShapeErrors', () => {
  const DIGITS: Record<ChamberKind, number> = {
    'city-direct': 6,
    'non-local': 6,
    industry: 6,
    'new-generation': 6,
    township: 9,
    village: 12,
  };
  const CODES: Record<number, string> = { 6: '371621', 9: '371621001', 12: '371625102221' };
  const HOMETOWN = '500236'; // 奉节县: a non-local chamber of people from Fengjie

  it('covers every kind', () => {
    expect(Object.keys(DIGITS).sort()).toEqual([...CHAMBER_KINDS].sort());
  });

  it.each(CHAMBER_KINDS)('accepts a %s chamber with a region code of its level', (kind) => {
    const regionCode = CODES[DIGITS[kind]] as string;
    expect(chamberShapeErrors({ kind, regionCode, hometownRegionCode: HOMETOWN })).toEqual([]);
  });

  it.each(CHAMBER_KINDS)('refuses a %s chamber with a region code of another level', (kind) => {
    for (const [digits, regionCode] of Object.entries(CODES)) {
      if (Number(digits) === DIGITS[kind]) continue;
      const errors = chamberShapeErrors({ kind, regionCode, hometownRegionCode: HOMETOWN });
      expect(errors, `${kind} at ${regionCode}`).toEqual([
        { path: ['regionCode'], message: expect.stringContaining(`${DIGITS[kind]}-digit`) },
      ]);
    }
  });

  it.each([undefined, null, ''])(
    'asks a non-local chamber for its home region when it is %j',
    (hometownRegionCode) => {
      expect(
        chamberShapeErrors({ kind: 'non-local', regionCode: '371600', hometownRegionCode }),
      ).toEqual([{ path: ['hometownRegionCode'], message: expect.any(String) }]);
    },
  );

  it('does not ask other kinds for a home region', () => {
    for (const kind of CHAMBER_KINDS.filter((k) => k !== 'non-local')) {
      const regionCode = CODES[DIGITS[kind]] as string;
      expect(chamberShapeErrors({ kind, regionCode }), kind).toEqual([]);
    }
  });

  it('names both fields when both are wrong', () => {
    const errors = chamberShapeErrors({ kind: 'non-local', regionCode: '371621001' });
    expect(errors.map((error) => error.path)).toEqual([['regionCode'], ['hometownRegionCode']]);
  });
});
