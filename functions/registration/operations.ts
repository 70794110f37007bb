import { randomUUID } from 'node:crypto';
import { adminCovers, officerOf, type Principal, requireRole } from '#shared/auth/principal';
import type { Chamber, ChamberPatch, registrationRoutes } from '#shared/contract/registration';
import { keyedId, keyedRequest } from '#shared/db/idempotency';
import { hasPartyOrganisation } from '#shared/domain/alliance';
import { todayInShanghai } from '#shared/domain/calendar';
import { chamberShapeErrors, nextStatus, SOCIAL_GROUP_PREFIX } from '#shared/domain/chamber';
import {
  BadRequestError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  PreconditionFailedError,
  PreconditionRequiredError,
} from '#shared/http/errors';
import type { Operations } from '#shared/http/route';
import { regionName } from '#shared/regions/regions';
import { townshipsOf } from '#shared/regions/townships';
import { allianceOperations } from './alliances';
import * as store from './store';

type Routes = typeof registrationRoutes;

/**
 * The registration use cases. Each checks role first (403), then loads what it acts on and
 * checks scope: a chamber outside the caller's region, or not the officer's own, is 404, so
 * its existence is not revealed.
 */
export const operations: Operations<Routes> = {
  async createChamber({ body, headers, principal }) {
    requireRole(principal, 'fic-admin');
    if (!adminCovers(principal, body.regionCode)) {
      throw new ForbiddenError(`Region ${body.regionCode} is outside your region.`);
    }
    checkShape(body);
    checkNotFuture(body.foundedOn);
    // Under an Idempotency-Key every retry names the same chamber, and writes it at most once.
    const keyed = keyedRequest('chamber', principal.sub, headers['idempotency-key'], body);
    const now = new Date().toISOString();
    const chamber: Chamber = {
      id: keyed ? keyedId(keyed) : randomUUID(),
      status: 'applied',
      uscc: null,
      hometownRegionCode: null,
      industry: null,
      foundedOn: null,
      feature: null,
      branchHighlight: null,
      ...body,
      version: 1,
      createdAt: now,
      updatedAt: now,
    };
    const created = (await store.insertChamber(chamber, keyed)) === 'created';
    const answer = created ? chamber : await store.getChamber(chamber.id);
    if (!answer) throw new Error(`Chamber ${chamber.id} is marked created but not found.`);
    const location = { location: `/v1/chambers/${answer.id}` };
    // A retry is told so (an import counts it as "already there", not as created).
    const replyHeaders = created ? location : { ...location, 'idempotent-replayed': 'true' };
    return { status: 201, body: answer, headers: replyHeaders };
  },

  async listChambers({ query, principal }) {
    requireRole(principal, 'fic-admin');
    const regionCode = query.regionCode ?? principal.regionCode;
    if (!regionCode || !adminCovers(principal, regionCode)) {
      throw new ForbiddenError(`Region ${regionCode ?? '(none)'} is outside your region.`);
    }
    const filter = { kind: query.kind, status: query.status, relationship: query.relationship };
    const name = query.name?.toLowerCase();
    // The name is matched as it is read (a page still holds up to `limit` matches).
    const keep = name
      ? (chambers: Chamber[]) => chambers.filter((c) => c.name.toLowerCase().includes(name))
      : undefined;
    return {
      status: 200,
      body: await store.listChambersUnder(regionCode, filter, query.limit, query.cursor, keep),
    };
  },

  async getChamber({ params, principal }) {
    const chamber = await visibleChamber(principal, params.id);
    return { status: 200, body: chamber, headers: { etag: `"${chamber.version}"` } };
  },

  async patchChamber({ params, headers, body, principal }) {
    const expected = headers['if-match'];
    const current = await visibleChamber(principal, params.id);
    if (expected === undefined) throw new PreconditionRequiredError();
    if (!principal.roles.has('fic-admin') || !adminCovers(principal, current.regionCode)) {
      const reserved = (['kind', 'regionCode'] as const).filter((field) => field in body);
      if (reserved.length > 0) {
        throw new ForbiddenError(`Only FIC staff may change ${reserved.join(' and ')}.`);
      }
    }
    if (body.regionCode && !adminCovers(principal, body.regionCode)) {
      throw new ForbiddenError(`Region ${body.regionCode} is outside your region.`);
    }
    const next = applyPatch(current, body);
    checkShape(next);
    checkNotFuture(body.foundedOn);
    // A Party organisation going away must not leave an alliance with a member without one.
    const leaving =
      hasPartyOrganisation(current.partyOrganisation) &&
      !hasPartyOrganisation(next.partyOrganisation);
    await store.replaceChamber(next, expected, undefined, leaving);
    return { status: 200, body: next, headers: { etag: `"${next.version}"` } };
  },

  async changeStatus({ params, body, principal }) {
    requireRole(principal, 'fic-admin');
    if (body.action === 'register') {
      if (!body.uscc) throw BadRequestError.field(['uscc'], 'is required to register a chamber');
      if (!body.uscc.startsWith(SOCIAL_GROUP_PREFIX)) {
        throw BadRequestError.field(
          ['uscc'],
          'must start with 51: a chamber is a social group registered with civil affairs',
        );
      }
    }
    // No If-Match here: the transition is judged on the state it finds. Losing a race to
    // another change means judging again on the new state (and answering 409 if it no longer
    // allows this one), never a 412 the client did not ask for.
    for (let attempt = 0; ; attempt += 1) {
      const current = await visibleChamber(principal, params.id);
      const status = nextStatus(current.status, body.action);
      if (!status) {
        throw new ConflictError(
          `A chamber that is ${current.status} cannot be sent to ${body.action}.`,
        );
      }
      const uscc = body.action === 'register' ? (body.uscc ?? null) : current.uscc;
      const next: Chamber = { ...current, status, uscc, ...bump(current) };
      try {
        await store.replaceChamber(
          next,
          current.version,
          body.action === 'register' ? (uscc ?? undefined) : undefined,
        );
        return { status: 200, body: next };
      } catch (error) {
        if (!(error instanceof PreconditionFailedError) || attempt >= 4) throw error;
      }
    }
  },

  async addMember({ params, body, principal }) {
    await visibleChamber(principal, params.id);
    const member = { chamberId: params.id, ...body, joinedAt: new Date().toISOString() };
    await store.insertMember(member);
    return { status: 201, body: member };
  },

  async listMembers({ params, query, principal }) {
    await visibleChamber(principal, params.id);
    return { status: 200, body: await store.listMembers(params.id, query.limit, query.cursor) };
  },

  async townshipCoverage({ query, principal }) {
    requireRole(principal, 'fic-admin');
    const county = query.regionCode;
    if (!adminCovers(principal, county)) {
      throw new ForbiddenError(`Region ${county} is outside your region.`);
    }
    const townships = townshipsOf(county);
    if (townships.length === 0) {
      throw new NotFoundError(`No township data for ${county} in this deployment's jurisdiction.`);
    }
    const covered = new Set<string>();
    let cursor: string | undefined;
    do {
      const page = await store.listChambersUnder(
        county,
        { kind: 'township', status: 'registered' },
        100,
        cursor,
      );
      for (const chamber of page.items) covered.add(chamber.regionCode);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    const uncovered = townships.filter((township) => !covered.has(township.code));
    return {
      status: 200,
      body: {
        regionCode: county,
        name: regionName(county) ?? county,
        townships: townships.length,
        covered: townships.length - uncovered.length,
        uncovered,
      },
    };
  },

  ...allianceOperations,
};

/** The chamber, if the caller may see it: an admin over its region, or its own officer. */
async function visibleChamber(principal: Principal, id: string): Promise<Chamber> {
  requireRole(principal, 'fic-admin', 'chamber-officer');
  const chamber = await store.getChamber(id);
  if (!chamber || !(adminCovers(principal, chamber.regionCode) || officerOf(principal, id))) {
    throw new NotFoundError(`No chamber ${id}.`);
  }
  return chamber;
}

function applyPatch(current: Chamber, patch: ChamberPatch): Chamber {
  return { ...current, ...patch, ...bump(current) };
}

function bump(current: Chamber) {
  return { version: current.version + 1, updatedAt: new Date().toISOString() };
}

function checkShape(chamber: Parameters<typeof chamberShapeErrors>[0]): void {
  const errors = chamberShapeErrors(chamber);
  const first = errors[0];
  if (first) throw new BadRequestError(`${first.path.join('.')}: ${first.message}`, errors);
}

function checkNotFuture(date: string | null | undefined): void {
  if (date && date > todayInShanghai()) {
    throw BadRequestError.field(['foundedOn'], 'must not be in the future');
  }
}
