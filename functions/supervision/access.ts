import { adminCovers, officerOf, type Principal } from '#shared/auth/principal';
import type { Chamber } from '#shared/contract/registration';
import {
  ForbiddenError,
  NotFoundError,
  PreconditionFailedError,
  ServiceUnavailableError,
} from '#shared/http/errors';
import { readChamber } from '#shared/registration/published';
import { getLiaison } from './store';

/*
 * Scope, after the role check: a fic-admin acts on chambers inside their region, an officer on
 * their own chamber, a liaison on the chambers they are assigned to. Anything else is 404, so a
 * chamber's existence is not revealed to someone who may not see it.
 */

export async function visibleChamber(
  principal: Principal,
  chamberId: string,
  also: { officer?: boolean; liaison?: boolean } = {},
): Promise<Chamber> {
  const chamber = await readChamber(chamberId);
  if (chamber) {
    if (adminCovers(principal, chamber.regionCode)) return chamber;
    if (also.officer && officerOf(principal, chamberId)) return chamber;
    if (also.liaison && (await assignedLiaison(principal, chamberId))) return chamber;
  }
  throw new NotFoundError(`No chamber ${chamberId}.`);
}

/** Whether the caller is a liaison assigned to this chamber. */
export async function assignedLiaison(principal: Principal, chamberId: string): Promise<boolean> {
  return (
    principal.roles.has('liaison') && (await getLiaison(chamberId, principal.sub)) !== undefined
  );
}

/** The region a list is asked for (default: the caller's own), which must be inside theirs. */
export function regionInScope(principal: Principal, regionCode: string | undefined): string {
  const region = regionCode ?? principal.regionCode;
  if (!region || !adminCovers(principal, region)) {
    throw new ForbiddenError(`Region ${region ?? '(none)'} is outside your region.`);
  }
  return region;
}

/**
 * Runs a read-decide-write step again when its conditional write lost a race, judging afresh on
 * what it reads next; with If-Match (`strict`) the lost race is the client's 412 instead.
 */
export async function withRetry<T>(strict: boolean, step: () => Promise<T>): Promise<T> {
  for (let attempt = 0; attempt < 5; attempt += 1) {
    try {
      return await step();
    } catch (error) {
      if (!(error instanceof PreconditionFailedError) || strict) throw error;
    }
  }
  throw new ServiceUnavailableError('The record is changing under many writers; try again.');
}

export const now = () => new Date().toISOString();
