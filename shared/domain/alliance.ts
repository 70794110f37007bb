/*
 * Party-building alliances (党建联盟, e.g. 亲商润企·渤海红): chambers' Party organisations joined
 * under one name in a region, and the activities they hold together. Pure rules, no I/O.
 */

/**
 * An alliance keeps its members inside its own record (a map by chamber id, written member by
 * member without reading the record first), so one read answers the public page. DynamoDB's
 * 400 KB item limit leaves room for thousands; this bound keeps the page a reasonable size.
 */
export const MAX_ALLIANCE_MEMBERS = 500;

/**
 * A joint activity is recorded in one transaction (DynamoDB: at most 100 items): its own record
 * and its Idempotency-Key marker, then for each member chamber taking part its activity and the
 * tally of that chamber's year (2 items). (100 − 2) / 2 = 49 chambers at most; a larger event is
 * recorded as two.
 */
export const MAX_JOINT_PARTICIPANTS = 49;

/** A Party organisation a chamber may bring into an alliance: any but `none`. */
export const hasPartyOrganisation = (partyOrganisation: string | undefined) =>
  partyOrganisation !== undefined && partyOrganisation !== 'none';
