import { adminCovers, officerOf, type Principal } from '#shared/auth/principal';
import type { Chamber } from '#shared/contract/registration';
import { ConflictError, NotFoundError } from '#shared/http/errors';
import { covers } from '#shared/regions/codes';
import * as store from './store';
import * as entries from './store-entries';

/*
 * Who may see what of a cycle. A cycle or chamber outside the caller's scope is answered 404,
 * like one that does not exist, so its existence is not revealed.
 */

export async function loadCycle(cycleId: string): Promise<store.StoredCycle> {
  const cycle = await store.getCycle(cycleId);
  if (!cycle) throw new NotFoundError(`No assessment cycle ${cycleId}.`);
  return cycle;
}

/** The cycle, if the caller is FIC staff over its region. */
export async function adminCycle(principal: Principal, cycleId: string) {
  const cycle = await loadCycle(cycleId);
  if (!adminCovers(principal, cycle.regionCode)) {
    throw new NotFoundError(`No assessment cycle ${cycleId}.`);
  }
  return cycle;
}

/** An assessor over the cycle's region, or one assigned to review in it. */
export async function assessorIn(principal: Principal, cycle: store.StoredCycle) {
  if (!principal.roles.has('assessor')) return false;
  if (principal.regionCode && covers(principal.regionCode, cycle.regionCode)) return true;
  const page = await entries.listAssessorReviews(principal.sub, { cycleId: cycle.id }, 1);
  return page.items.length > 0;
}

/**
 * A chamber taking part in the cycle: it exists, lies in the cycle's region, and the caller is
 * FIC staff over it or (when `officers`) its officer.
 */
export async function entryChamber(
  principal: Principal,
  cycle: store.StoredCycle,
  chamberId: string,
  options: { officers: boolean },
): Promise<Chamber> {
  const chamber = await store.readChamber(chamberId);
  const allowed =
    chamber &&
    covers(cycle.regionCode, chamber.regionCode) &&
    (adminCovers(principal, chamber.regionCode) ||
      (options.officers && officerOf(principal, chamberId)));
  if (!allowed) throw new NotFoundError(`No chamber ${chamberId} in cycle ${cycle.id}.`);
  return chamber;
}

/** A chamber FIC staff over it (or, when `officers`, its officer) may see. */
export async function visibleChamber(
  principal: Principal,
  chamberId: string,
  options: { officers: boolean },
): Promise<Chamber> {
  const chamber = await store.readChamber(chamberId);
  if (
    !chamber ||
    !(
      adminCovers(principal, chamber.regionCode) ||
      (options.officers && officerOf(principal, chamberId))
    )
  ) {
    throw new NotFoundError(`No chamber ${chamberId}.`);
  }
  return chamber;
}

/** Writes into a cycle need it open: 409 once finalizing has begun. */
export function requireOpen(cycle: store.StoredCycle): void {
  if (cycle.status !== 'open') {
    throw new ConflictError(
      `Cycle ${cycle.id} is ${cycle.status}: nothing in it changes any more.`,
    );
  }
}

/** A rejected or deregistered chamber takes part in nothing. */
export function requireActive(chamber: Chamber): void {
  if (chamber.status === 'rejected' || chamber.status === 'deregistered') {
    throw new ConflictError(`Chamber ${chamber.id} is ${chamber.status}.`);
  }
}

/** The cycle as clients see it: without the rubric it carries (GET /v1/rubrics/{id} has it). */
export function cycleView(cycle: store.StoredCycle) {
  const { rubric: _rubric, ...view } = cycle;
  return view;
}
