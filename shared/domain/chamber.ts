import type { FieldError } from '#shared/http/errors';

export const CHAMBER_KINDS = [
  'city-direct',
  'non-local',
  'industry',
  'township',
  'village',
  'new-generation',
] as const;
export type ChamberKind = (typeof CHAMBER_KINDS)[number];

/** The six government functions a capable chamber may take on (承接政府职能). */
export const GOVERNMENT_FUNCTIONS = [
  'industry-analysis',
  'financial-risk',
  'self-inspection',
  'investment-appraisal',
  'trade-fairs',
  'self-discipline',
] as const;

export const CHAMBER_STATUSES = [
  'applied',
  'approved',
  'rejected',
  'registered',
  'suspended',
  'deregistered',
] as const;
export type ChamberStatus = (typeof CHAMBER_STATUSES)[number];

/** The status machine: each action, the states it may start from, and where it leads. */
export const STATUS_ACTIONS = {
  approve: { from: ['applied'], to: 'approved' },
  reject: { from: ['applied'], to: 'rejected' },
  register: { from: ['approved'], to: 'registered' },
  suspend: { from: ['registered'], to: 'suspended' },
  reinstate: { from: ['suspended'], to: 'registered' },
  deregister: { from: ['registered', 'suspended'], to: 'deregistered' },
} as const satisfies Record<string, { from: readonly ChamberStatus[]; to: ChamberStatus }>;
export type StatusAction = keyof typeof STATUS_ACTIONS;
export const STATUS_ACTION_NAMES = Object.keys(STATUS_ACTIONS) as [StatusAction, ...StatusAction[]];

/** The status an action leads to from `current`, or undefined when the machine forbids it. */
export function nextStatus(
  current: ChamberStatus,
  action: StatusAction,
): ChamberStatus | undefined {
  const rule = STATUS_ACTIONS[action];
  return (rule.from as readonly ChamberStatus[]).includes(current) ? rule.to : undefined;
}

/** A chamber registered with civil affairs is a social group: its USCC starts with "51". */
export const SOCIAL_GROUP_PREFIX = '51';

/** The level of region each kind of chamber sits at: a township chamber at a township, etc. */
const REGION_DIGITS: Record<ChamberKind, number> = {
  'city-direct': 6,
  'non-local': 6,
  industry: 6,
  'new-generation': 6,
  township: 9,
  village: 12,
};

/** Rules that tie fields together; checked on create and again on every change. */
export function chamberShapeErrors(chamber: {
  kind: ChamberKind;
  regionCode: string;
  hometownRegionCode?: string | null | undefined;
}): FieldError[] {
  const errors: FieldError[] = [];
  const digits = REGION_DIGITS[chamber.kind];
  if (chamber.regionCode.length !== digits) {
    errors.push({
      path: ['regionCode'],
      message: `a ${chamber.kind} chamber needs a ${digits}-digit region code`,
    });
  }
  if (chamber.kind === 'non-local' && !chamber.hometownRegionCode) {
    errors.push({
      path: ['hometownRegionCode'],
      message: 'a non-local chamber needs the 6-digit code of its home region',
    });
  }
  return errors;
}
