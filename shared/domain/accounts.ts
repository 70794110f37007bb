import type { Role } from '#shared/auth/principal';
import { CLOSED_CHAMBER_STATUSES } from './supervision';

/*
 * The rules of accounts that need no storage: how a contact is written down (so that one person
 * is one contact, however it was typed), what changed between two versions of an account (its
 * history), and what a token issued for an account carries, or why none is issued.
 */

export const ACCOUNT_STATUSES = ['active', 'disabled'] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];
export const ACCOUNT_ACTIONS = ['invite', 'update', 'disable', 'enable'] as const;
export type AccountAction = (typeof ACCOUNT_ACTIONS)[number];

export interface Contact {
  email?: string;
  phone?: string;
}

/** What a token for an account is made from: the account's role and scope, and its status. */
export interface AccountGrant {
  id: string;
  role: Role;
  regionCode: string;
  chamberId: string | null;
  status: AccountStatus;
}

/** The state of the chamber an officer acts for, as the token is issued. */
export interface ChamberState {
  status: string;
  regionCode: string;
}

/**
 * A mainland China mobile number in E.164 (+86 and 11 digits starting 1[3-9]), from the ways
 * people write one: "138 1234 5678", "138-1234-5678", "+86 13812345678", "008613812345678".
 * Undefined when it is not one.
 */
export function normalizePhone(input: string): string | undefined {
  const digits = input.replace(/[\s()-]/g, '');
  const match = /^(?:(?:\+|00)86)?(1[3-9]\d{9})$/.exec(digits);
  return match ? `+86${match[1]}` : undefined;
}

/** An email address as it is compared and stored: trimmed, lower case. */
export const normalizeEmail = (input: string): string => input.trim().toLowerCase();

/** The uniqueness claims a contact makes: one per address, each held by one account at most. */
export function contactClaims(contact: Contact): string[] {
  return [
    ...(contact.email ? [`email#${contact.email}`] : []),
    ...(contact.phone ? [`phone#${contact.phone}`] : []),
  ];
}

export type Changes = Record<string, { from: unknown; to: unknown }>;

/** Field by field, what differs between two versions of an account (history's `changes`). */
export function changesBetween(
  before: Record<string, unknown> | undefined,
  after: Record<string, unknown>,
  fields: readonly string[],
): Changes {
  const changes: Changes = {};
  for (const field of fields) {
    const from = before?.[field] ?? null;
    const to = after[field] ?? null;
    if (JSON.stringify(from) !== JSON.stringify(to)) changes[field] = { from, to };
  }
  return changes;
}

export type TokenVerdict =
  | {
      ok: true;
      /** The one group (role) the token carries as `cognito:groups`. */
      groups: [Role];
      /** Claims added to (or overriding those of) both the ID and the access token. */
      claims: Record<string, string>;
      /** Claims taken out, so that an attribute set on the user by hand cannot widen the scope. */
      suppress: string[];
    }
  | { ok: false; reason: string };

/**
 * What a token issued now for this account carries, or why it gets none: the account is the
 * only source of role and scope. An officer's scope follows their chamber: its region as it is
 * now, and no token at all once the chamber is closed (deregistered or rejected) or gone.
 * Reasons are shown to the person signing in, so they say what to do, in Chinese and English.
 */
export function tokenVerdict(
  account: AccountGrant | undefined,
  chamber?: ChamberState,
): TokenVerdict {
  if (!account) {
    return refuse('没有此人的账号，请联系所在工商联开通', 'No account: ask your FIC to invite you');
  }
  if (account.status !== 'active') {
    return refuse('账号已停用，请联系所在工商联', 'This account is disabled');
  }
  if (account.role !== 'chamber-officer') {
    return {
      ok: true,
      groups: [account.role],
      claims: { 'custom:regionCode': account.regionCode },
      suppress: ['custom:chamberId'],
    };
  }
  if (!account.chamberId || !chamber) {
    return refuse('账号所属商会不存在', 'The chamber of this account does not exist');
  }
  if ((CLOSED_CHAMBER_STATUSES as readonly string[]).includes(chamber.status)) {
    return refuse(
      '账号所属商会已注销，不能再代表该商会办理业务',
      `The chamber of this account is ${chamber.status}: nobody acts for it any more`,
    );
  }
  return {
    ok: true,
    groups: ['chamber-officer'],
    claims: { 'custom:regionCode': chamber.regionCode, 'custom:chamberId': account.chamberId },
    suppress: [],
  };
}

const refuse = (zh: string, en: string): TokenVerdict => ({ ok: false, reason: `${zh} (${en})` });
