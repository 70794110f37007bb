import { randomUUID } from 'node:crypto';
import { requireRole } from '#shared/auth/principal';
import type { Award, assessmentRoutes, Rating } from '#shared/contract/assessment';
import { type AwardLevel, awardValidUntil } from '#shared/domain/assessment';
import { todayInShanghai } from '#shared/domain/calendar';
import { BadRequestError, ConflictError, PreconditionFailedError } from '#shared/http/errors';
import type { Operations } from '#shared/http/route';
import { adminCycle, requireActive, visibleChamber } from './access';
import * as store from './store';
import * as awards from './store-awards';

type Ops = Operations<typeof assessmentRoutes>;

const TITLES: Record<AwardLevel, string> = {
  city: '市级“四好商会”',
  province: '省级“四好商会”',
  national: '全国“四好商会”',
};

/*
 * Recognitions and Party-branch stars. An award names its level and year and holds through the
 * end of year + 2 (recognition is renewed, not held for life); one per chamber, level and year.
 * When it cites a cycle, that cycle must be finalized and the chamber eligible in its results.
 */
export const recognitionOperations: Pick<
  Ops,
  'createAward' | 'listAwards' | 'rateBranch' | 'listBranchRatings'
> = {
  async createAward({ body, principal }) {
    requireRole(principal, 'fic-admin');
    const chamber = await visibleChamber(principal, body.chamberId, { officers: false });
    notInFuture(body.year, ['year']);
    requireActive(chamber);
    let cited: { score: number | null; grade: string | null } = { score: null, grade: null };
    if (body.cycleId !== undefined) {
      const cycle = await adminCycle(principal, body.cycleId);
      if (cycle.status !== 'finalized') {
        throw new ConflictError(`Cycle ${cycle.id} is not finalized: it has no results yet.`);
      }
      if (cycle.year !== body.year) {
        throw BadRequestError.field(['year'], `must be the cited cycle's year (${cycle.year})`);
      }
      const result = (await store.readResults(cycle.id)).find((r) => r.chamberId === chamber.id);
      if (!result?.eligible) {
        throw new ConflictError(
          `Chamber ${chamber.id} has no eligible result in cycle ${cycle.id}.`,
        );
      }
      cited = { score: result.score, grade: result.grade };
    }
    const award: store.StoredAward = {
      id: randomUUID(),
      chamberId: chamber.id,
      name: chamber.name,
      regionCode: chamber.regionCode,
      level: body.level,
      year: body.year,
      title: body.title ?? TITLES[body.level],
      cycleId: body.cycleId ?? null,
      ...cited,
      validUntil: awardValidUntil(body.year),
      awardedAt: new Date().toISOString(),
      awardedBy: principal.sub,
    };
    await awards.insertAward(award);
    return { status: 201, body: awardView(award) };
  },

  async listAwards({ query }) {
    const page = await awards.listAwards(query, query.limit, query.cursor);
    return { status: 200, body: { ...page, items: page.items.map(awardView) } };
  },

  async rateBranch({ params, headers, body, principal }) {
    requireRole(principal, 'fic-admin');
    const chamber = await visibleChamber(principal, params.id, { officers: false });
    notInFuture(params.year, ['year']);
    requireActive(chamber);
    if (chamber.partyOrganisation === 'none') {
      throw new ConflictError(`Chamber ${chamber.id} has no Party organisation to rate.`);
    }
    const expected = headers['if-match'];
    for (let attempt = 1; ; attempt += 1) {
      const current = await awards.getRating(chamber.id, params.year);
      if (expected !== undefined && (current?.version ?? 0) !== expected) {
        throw new PreconditionFailedError();
      }
      const next: Rating = {
        chamberId: chamber.id,
        year: params.year,
        stars: body.stars,
        ...(body.note !== undefined && { note: body.note }),
        version: (current?.version ?? 0) + 1,
        ratedAt: new Date().toISOString(),
        ratedBy: principal.sub,
      };
      try {
        await awards.putRating(next);
        return { status: 200, body: next, headers: { etag: `"${next.version}"` } };
      } catch (error) {
        // Without If-Match the last writer wins, but only over the version it read.
        if (!(error instanceof PreconditionFailedError) || expected !== undefined || attempt >= 5)
          throw error;
      }
    }
  },

  async listBranchRatings({ params, query, principal }) {
    requireRole(principal, 'fic-admin', 'chamber-officer');
    const chamber = await visibleChamber(principal, params.id, { officers: true });
    return {
      status: 200,
      body: await awards.listRatings(chamber.id, query.limit, query.cursor),
    };
  },
};

function awardView(award: store.StoredAward): Award {
  const { awardedBy: _by, ...view } = award;
  return { ...view, current: todayInShanghai() <= award.validUntil };
}

function notInFuture(year: number, path: (string | number)[]): void {
  if (year > Number(todayInShanghai().slice(0, 4))) {
    throw BadRequestError.field(path, 'must not be in the future');
  }
}
