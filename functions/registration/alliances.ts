import { randomUUID } from 'node:crypto';
import { adminCovers, type Principal, requireRole } from '#shared/auth/principal';
import type { Alliance, AllianceMember } from '#shared/contract/alliances';
import type { registrationRoutes } from '#shared/contract/registration';
import { keyedId, keyedRequest } from '#shared/db/idempotency';
import { hasPartyOrganisation, MAX_ALLIANCE_MEMBERS } from '#shared/domain/alliance';
import { todayInShanghai } from '#shared/domain/calendar';
import {
  BadRequestError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ServiceUnavailableError,
} from '#shared/http/errors';
import type { Operations } from '#shared/http/route';
import { covers } from '#shared/regions/codes';
import {
  readAlliance,
  readChamber,
  readChambers,
  type StoredAlliance,
} from '#shared/registration/published';
import * as store from './alliance-store';

type AllianceRoutes =
  | 'createAlliance'
  | 'listAlliances'
  | 'getAlliance'
  | 'putAllianceMember'
  | 'removeAllianceMember';

/*
 * Party-building alliances (党建联盟): founded by FIC staff in their region, joined by the Party
 * organisations of chambers in it, read by anyone. The registration concern owns them: a member
 * is a chamber, and whether it may join depends on its record (its Party organisation, its
 * status, its region), which registration alone writes — so the check and the membership are one
 * transaction, and a chamber cannot drop its Party organisation while it is a member.
 */
export const allianceOperations: Pick<Operations<typeof registrationRoutes>, AllianceRoutes> = {
  async createAlliance({ body, headers, principal }) {
    requireRole(principal, 'fic-admin');
    if (!adminCovers(principal, body.regionCode)) {
      throw new ForbiddenError(`Region ${body.regionCode} is outside your region.`);
    }
    if (body.foundedOn > todayInShanghai()) {
      throw BadRequestError.field(['foundedOn'], 'must not be in the future');
    }
    // Under an Idempotency-Key every retry names the same alliance, and founds it at most once.
    const keyed = keyedRequest('alliance', principal.sub, headers['idempotency-key'], body);
    const alliance: StoredAlliance = {
      id: keyed ? keyedId(keyed) : randomUUID(),
      ...body,
      memberCount: 0,
      members: {},
      createdAt: new Date().toISOString(),
      createdBy: principal.sub,
    };
    const created = (await store.insertAlliance(alliance, keyed)) === 'created';
    const answer = created ? alliance : await readAlliance(alliance.id);
    if (!answer) throw new Error(`Alliance ${alliance.id} is marked created but not found.`);
    const [view] = await views([answer]);
    return { status: 201, body: view, headers: { location: `/v1/alliances/${alliance.id}` } };
  },

  async listAlliances({ query }) {
    const page = await store.listAlliancesUnder(query.regionCode, query.limit, query.cursor);
    return { status: 200, body: { items: await views(page.items), nextCursor: page.nextCursor } };
  },

  async getAlliance({ params }) {
    const alliance = await readAlliance(params.id);
    if (!alliance) throw new NotFoundError(`No alliance ${params.id}.`);
    const [view] = await views([alliance]);
    return { status: 200, body: view };
  },

  async putAllianceMember({ params, body, principal }) {
    requireRole(principal, 'fic-admin');
    let alliance = await managedAlliance(principal, params.id);
    let chamber = await readChamber(params.chamberId);
    if (!chamber || !adminCovers(principal, chamber.regionCode)) {
      throw new NotFoundError(`No chamber ${params.chamberId}.`);
    }
    const joinedOn = body?.joinedOn ?? todayInShanghai();
    if (joinedOn > todayInShanghai()) {
      throw BadRequestError.field(['joinedOn'], 'must not be in the future');
    }
    if (joinedOn < alliance.foundedOn) {
      throw BadRequestError.field(
        ['joinedOn'],
        `must not be before the alliance was founded (${alliance.foundedOn})`,
      );
    }
    const membership = (on: string): AllianceMember => ({
      allianceId: params.id,
      chamberId: params.chamberId,
      name: chamber?.name ?? params.chamberId,
      joinedOn: on,
    });
    // Judged on what was read; a write that finds either record moved reads both again.
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const current = alliance.members[params.chamberId];
      if (current) {
        // PUT again: the same membership, its day changed only when the request names another.
        if (body?.joinedOn === undefined || body.joinedOn === current.joinedOn) {
          return { status: 200, body: membership(current.joinedOn) };
        }
        if ((await store.setJoinedOn(params.id, params.chamberId, body.joinedOn)) === 'set') {
          return { status: 200, body: membership(body.joinedOn) };
        }
      } else {
        refuseJoining(alliance, chamber);
        const outcome = await store.addMember(params.id, params.chamberId, joinedOn);
        if (outcome === 'joined') return { status: 200, body: membership(joinedOn) };
        if (outcome === 'no-party-organisation') chamber = await readChamber(params.chamberId);
      }
      alliance = await managedAlliance(principal, params.id);
      if (!chamber) throw new NotFoundError(`No chamber ${params.chamberId}.`);
    }
    throw new ServiceUnavailableError('The alliance is changing under many writers; try again.');
  },

  async removeAllianceMember({ params, principal }) {
    requireRole(principal, 'fic-admin');
    // The membership's days are kept beside the chamber: the write names the day it began, and
    // one that finds it changed (its day set again, or taken out meanwhile) reads again.
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const alliance = await managedAlliance(principal, params.id);
      const member = alliance.members[params.chamberId];
      if (!member) {
        throw new NotFoundError(`Chamber ${params.chamberId} is not a member of ${params.id}.`);
      }
      const leftOn = todayInShanghai();
      const outcome = await store.removeMember(
        params.id,
        params.chamberId,
        member.joinedOn,
        leftOn,
      );
      if (outcome === 'removed') return { status: 204 };
    }
    throw new ServiceUnavailableError('The alliance is changing under many writers; try again.');
  },
};

/** The alliance, if the caller is FIC staff over its region (else 404, like one that is not there). */
async function managedAlliance(principal: Principal, id: string): Promise<StoredAlliance> {
  const alliance = await readAlliance(id);
  if (!alliance || !adminCovers(principal, alliance.regionCode)) {
    throw new NotFoundError(`No alliance ${id}.`);
  }
  return alliance;
}

/** Why this chamber may not join this alliance now (409), if it may not. */
function refuseJoining(
  alliance: StoredAlliance,
  chamber: NonNullable<Awaited<ReturnType<typeof readChamber>>>,
): void {
  if (!hasPartyOrganisation(chamber.partyOrganisation)) {
    throw new ConflictError(
      `Chamber ${chamber.id} has no Party organisation: a Party-building alliance joins chambers' Party organisations.`,
    );
  }
  if (chamber.status === 'rejected' || chamber.status === 'deregistered') {
    throw new ConflictError(`Chamber ${chamber.id} is ${chamber.status}.`);
  }
  if (!covers(alliance.regionCode, chamber.regionCode)) {
    throw new ConflictError(
      `Chamber ${chamber.id} lies outside the alliance's region (${alliance.regionCode}).`,
    );
  }
  if (alliance.memberCount >= MAX_ALLIANCE_MEMBERS) {
    throw new ConflictError(`Alliance ${alliance.id} is full (${MAX_ALLIANCE_MEMBERS} members).`);
  }
}

/** Alliances as clients see them: members with their chambers' names, features and highlights as they are now. */
async function views(alliances: StoredAlliance[]): Promise<Alliance[]> {
  const chambers = await readChambers(alliances.flatMap((a) => Object.keys(a.members)));
  return alliances.map((alliance) => ({
    id: alliance.id,
    name: alliance.name,
    regionCode: alliance.regionCode,
    foundedOn: alliance.foundedOn,
    memberCount: alliance.memberCount,
    members: Object.entries(alliance.members)
      .map(([chamberId, { joinedOn }]) => {
        const chamber = chambers.get(chamberId);
        return {
          chamberId,
          name: chamber?.name ?? chamberId,
          joinedOn,
          feature: chamber?.feature ?? null,
          branchHighlight: chamber?.branchHighlight ?? null,
        };
      })
      .sort((a, b) =>
        a.joinedOn === b.joinedOn
          ? a.name.localeCompare(b.name, 'zh')
          : a.joinedOn < b.joinedOn
            ? -1
            : 1,
      ),
  }));
}
