import { randomUUID } from 'node:crypto';
import { adminCovers, officerOf, requireRole } from '#shared/auth/principal';
import type { assessmentRoutes } from '#shared/contract/assessment';
import { keyedId, keyedRequest } from '#shared/db/idempotency';
import {
  computeResults,
  type EntryFacts,
  type EntryResult,
  toTenths,
} from '#shared/domain/assessment';
import { todayInShanghai } from '#shared/domain/calendar';
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError } from '#shared/http/errors';
import type { Operations } from '#shared/http/route';
import { covers } from '#shared/regions/codes';
import { regionName } from '#shared/regions/regions';
import { adminCycle, assessorIn, cycleView, loadCycle } from './access';
import { rubricToScore } from './rubrics';
import * as store from './store';
import * as entries from './store-entries';

type Ops = Operations<typeof assessmentRoutes>;

/*
 * A cycle's life: opened on a rubric for a region and year, then finalized. Finalizing first
 * moves the cycle out of `open` (from then on every write into it fails with 409), then reads
 * everything entered, computes the results and writes them with the status `finalized` in one
 * transaction. A finalize interrupted between the two steps is resumed by the next call.
 */
export const cycleOperations: Pick<
  Ops,
  'openCycle' | 'listCycles' | 'getCycle' | 'finalizeCycle' | 'getResults'
> = {
  async openCycle({ headers, body, principal }) {
    requireRole(principal, 'fic-admin');
    if (!adminCovers(principal, body.regionCode)) {
      throw new ForbiddenError(`Region ${body.regionCode} is outside your region.`);
    }
    if (body.year > Number(todayInShanghai().slice(0, 4))) {
      throw BadRequestError.field(['year'], 'must not be in the future');
    }
    const rubric = await rubricToScore(body.rubricId).catch((error: unknown) => {
      if (error instanceof NotFoundError) {
        throw BadRequestError.field(['rubricId'], `is not a rubric: ${body.rubricId}`);
      }
      throw error;
    });
    // Under an Idempotency-Key every retry names the same cycle, and opens it at most once.
    const keyed = keyedRequest('cycle', principal.sub, headers['idempotency-key'], body);
    const cycle: store.StoredCycle = {
      id: keyed ? keyedId(keyed) : randomUUID(),
      year: body.year,
      rubricId: rubric.id,
      regionCode: body.regionCode,
      title: body.title ?? `${regionName(body.regionCode) ?? ''}${body.year}年度“四好商会”评价`,
      status: 'open',
      createdAt: new Date().toISOString(),
      createdBy: principal.sub,
      finalizedAt: null,
      // The cycle keeps its own copy: what it is scored against can never change under it, nor
      // the evidence its indicators declare (the suggestions people see stay the same all cycle).
      rubric: {
        id: rubric.id,
        title: rubric.title,
        totalPoints: rubric.totalPoints,
        dimensions: rubric.dimensions,
        grades: rubric.grades,
      },
    };
    const opened =
      (await store.insertCycle(cycle, keyed)) === 'created'
        ? cycle
        : await store.getCycle(cycle.id);
    if (!opened) throw new Error(`Cycle ${cycle.id} is marked opened but not found.`);
    return {
      status: 201,
      body: cycleView(opened),
      headers: { location: `/v1/assessment-cycles/${opened.id}` },
    };
  },

  async listCycles({ query, principal }) {
    requireRole(principal, 'fic-admin', 'chamber-officer');
    if (!principal.roles.has('fic-admin'))
      return { status: 200, body: await officerCycles(principal, query) };
    const regionCode = query.regionCode ?? principal.regionCode;
    if (!regionCode || !adminCovers(principal, regionCode)) {
      throw new ForbiddenError(`Region ${regionCode ?? '(none)'} is outside your region.`);
    }
    return {
      status: 200,
      body: await store.listCyclesUnder(regionCode, query.year, query.limit, query.cursor),
    };
  },

  async getCycle({ params, principal }) {
    requireRole(principal, 'fic-admin', 'assessor', 'chamber-officer');
    const cycle = await loadCycle(params.cycleId);
    const officer =
      principal.chamberId !== undefined && officerOf(principal, principal.chamberId)
        ? await store.readChamber(principal.chamberId)
        : undefined;
    const visible =
      adminCovers(principal, cycle.regionCode) ||
      (officer !== undefined && covers(cycle.regionCode, officer.regionCode)) ||
      (await assessorIn(principal, cycle));
    if (!visible) throw new NotFoundError(`No assessment cycle ${params.cycleId}.`);
    return { status: 200, body: cycleView(cycle) };
  },

  async finalizeCycle({ params, principal }) {
    requireRole(principal, 'fic-admin');
    const cycle = await adminCycle(principal, params.cycleId);
    const found = cycle.status === 'open' ? await store.beginFinalizing(cycle.id) : cycle.status;
    if (found === 'finalized') throw new ConflictError(`Cycle ${cycle.id} is already finalized.`);
    const results = await resultsNow(cycle);
    const finalized = {
      ...cycle,
      status: 'finalized' as const,
      finalizedAt: new Date().toISOString(),
    };
    await store.completeFinalizing(finalized, results);
    return { status: 200, body: cycleView(finalized) };
  },

  async getResults({ params, principal }) {
    requireRole(principal, 'fic-admin', 'assessor');
    const cycle = await loadCycle(params.cycleId);
    if (!(adminCovers(principal, cycle.regionCode) || (await assessorIn(principal, cycle)))) {
      throw new NotFoundError(`No assessment cycle ${params.cycleId}.`);
    }
    const items =
      cycle.status === 'finalized' ? await store.readResults(cycle.id) : await resultsNow(cycle);
    return {
      status: 200,
      body: {
        cycleId: cycle.id,
        rubricId: cycle.rubricId,
        regionCode: cycle.regionCode,
        year: cycle.year,
        status: cycle.status,
        finalizedAt: cycle.finalizedAt,
        items,
        nextCursor: null,
      },
    };
  },
};

/**
 * A chamber officer's cycles: those whose region covers their chamber (opened for its province,
 * city or county), newest year first, so the officer finds where to self-assess. At most three
 * queries, one per level above the chamber; no cursor (a region opens about one cycle a year).
 */
async function officerCycles(
  principal: Parameters<Ops['listCycles']>[0]['principal'],
  query: { year?: number | undefined; limit: number },
) {
  const chamber = principal.chamberId ? await store.readChamber(principal.chamberId) : undefined;
  if (!chamber || !principal.chamberId || !officerOf(principal, principal.chamberId)) {
    return { items: [], nextCursor: null };
  }
  const code = chamber.regionCode;
  const levels = [`${code.slice(0, 2)}0000`, `${code.slice(0, 4)}00`, code.slice(0, 6)];
  const found = await Promise.all(
    [...new Set(levels)].map((region) => store.listCyclesOf(region, query.limit)),
  );
  const items = found
    .flat()
    .filter((cycle) => query.year === undefined || cycle.year === query.year)
    .sort((a, b) => b.year - a.year || (a.createdAt < b.createdAt ? 1 : -1))
    .slice(0, query.limit);
  return { items, nextCursor: null };
}

/** Results from everything entered so far: final once the cycle is out of `open`. */
async function resultsNow(cycle: store.StoredCycle): Promise<EntryResult[]> {
  const { selves, reviews, vetoes } = await entries.readEntries(cycle.id);
  const facts = new Map<string, EntryFacts>();
  const fact = (chamberId: string): EntryFacts => {
    let found = facts.get(chamberId);
    if (!found) {
      found = {
        chamberId,
        name: chamberId,
        selfTotalTenths: null,
        reviewTotalsTenths: [],
        vetoes: [],
      };
      facts.set(chamberId, found);
    }
    return found;
  };
  for (const self of selves) fact(self.chamberId).selfTotalTenths = toTenths(self.total);
  for (const review of reviews) {
    const entry = fact(review.chamberId);
    if (review.status === 'submitted' && review.total !== null) {
      entry.reviewTotalsTenths.push(toTenths(review.total));
    }
  }
  for (const veto of vetoes) fact(veto.chamberId).vetoes.push(veto.reason);
  const chambers = await store.readChambers([...facts.keys()]);
  for (const entry of facts.values())
    entry.name = chambers.get(entry.chamberId)?.name ?? entry.chamberId;
  return computeResults(cycle.rubric.grades, [...facts.values()]);
}
