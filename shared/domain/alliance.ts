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
 * The members a page of the alliance list shows at most (each with its chamber's name, feature
 * and highlight, read by key): a page ends early rather than pass it. Any one alliance fits.
 */
export const MEMBERS_PER_PAGE = MAX_ALLIANCE_MEMBERS;

/**
 * A joint activity is recorded in one transaction (DynamoDB: at most 100 items): its own record,
 * its Idempotency-Key marker and the check that every chamber taking part is still a member (on
 * the alliance's record), then for each member chamber taking part its activity and the tally of
 * that chamber's year (2 items). ⌊(100 − 3) / 2⌋ = 48 chambers at most; a larger event is
 * recorded as two.
 */
export const MAX_JOINT_PARTICIPANTS = 48;

/**
 * The Party organisations a chamber may bring into an alliance: a branch of its own or a joint
 * one. A Party-building instructor (`instructor`) works where no organisation was set up yet, so
 * it brings none (the alliance of the article is one of chamber Party branches).
 */
export const ALLIANCE_PARTY_ORGANISATIONS = ['branch', 'joint-branch'] as const;

export const hasPartyOrganisation = (partyOrganisation: string | undefined) =>
  (ALLIANCE_PARTY_ORGANISATIONS as readonly (string | undefined)[]).includes(partyOrganisation);
