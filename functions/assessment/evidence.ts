import { adminCovers, officerOf, requireRole } from '#shared/auth/principal';
import type { assessmentRoutes, Evidence } from '#shared/contract/assessment';
import { readTogether } from '#shared/db/batch';
import type { RubricShape } from '#shared/domain/assessment';
import { todayInShanghai } from '#shared/domain/calendar';
import { type Facts, suggestScores } from '#shared/domain/evidence';
import { SHIPPED_RUBRICS } from '#shared/domain/rubrics/index';
import { SEVEN_ONES } from '#shared/domain/supervision';
import { NotFoundError } from '#shared/http/errors';
import type { Operations } from '#shared/http/route';
import { donationsRead } from '#shared/ledger/published';
import { covers } from '#shared/regions/codes';
import { alliancesInYear, chamberFactsRead } from '#shared/registration/published';
import { supervisionFactsRead } from '#shared/supervision/published';
import { loadCycle } from './access';
import type { StoredCycle } from './store';
import { entryRecordsRead } from './store-awards';

type Ops = Operations<typeof assessmentRoutes>;

/*
 * The evidence beside an entry's scores. Two DynamoDB requests, whatever the chamber's history:
 *   1. GetItem: the cycle (its year, region and its copy of the rubric);
 *   2. BatchGetItem, 17 keys (18 for an assessor) over four tables, each read through its
 *      concern's published module with a read-only grant, of items those concerns keep current
 *      in the transactions that change them:
 *        registration  the chamber's record, its counters (members; alliances, with the days of
 *                      each membership, so a past year counts those it had then)
 *        supervision   its tally of the year (activities by kind, visits, issues), last year's report
 *        ledger        its chain head (net donations per year)
 *        assessment    its star rating, its awards of the year and the two before, the assignment
 * More only when DynamoDB hands back unprocessed keys under throttling (they are asked again).
 * Scope is judged on what the batch read: nothing is answered to someone who may not see it.
 */
export const evidenceOperations: Pick<Ops, 'getEvidence'> = {
  async getEvidence({ params, principal }) {
    requireRole(principal, 'fic-admin', 'chamber-officer', 'assessor');
    const cycle = await loadCycle(params.cycleId);
    const { chamberId } = params;
    const assessorId = principal.roles.has('assessor') ? principal.sub : undefined;
    const [registered, supervision, donations, records] = await readTogether(
      [
        chamberFactsRead(chamberId),
        supervisionFactsRead(chamberId, cycle.year, cycle.year - 1, todayInShanghai()),
        donationsRead(chamberId, cycle.year),
        entryRecordsRead(cycle.id, chamberId, cycle.year, assessorId),
      ],
      { consistent: true },
    );
    const { chamber } = registered;
    const visible =
      chamber !== undefined &&
      covers(cycle.regionCode, chamber.regionCode) &&
      (adminCovers(principal, chamber.regionCode) ||
        officerOf(principal, chamberId) ||
        records.assigned);
    if (!visible) throw new NotFoundError(`No chamber ${chamberId} in cycle ${cycle.id}.`);

    const activities = supervision.tally.activities;
    const sevenOnesDone = SEVEN_ONES.filter((kind) => (activities[kind] ?? 0) > 0);
    const facts: Facts = {
      partyOrganisation: chamber.partyOrganisation,
      partyBranchStars: records.stars,
      activities: {
        count: Object.values(activities).reduce((sum, n) => sum + (n ?? 0), 0),
        sevenOnesDone,
        sevenOnesComplete: sevenOnesDone.length === SEVEN_ONES.length,
      },
      annualReport: supervision.report ?? 'missing',
      visits: {
        count: supervision.tally.visits,
        issuesRaised: supervision.tally.issuesRaised,
        issuesAnsweredInTime: supervision.tally.issuesAnsweredInTime,
        issuesLate: supervision.tally.issuesLate,
      },
      donations,
      members: registered.members,
      governmentFunctions: chamber.governmentFunctions.length,
      awards: records.awards,
      feature: chamber.feature,
      branchHighlight: chamber.branchHighlight,
      alliances: alliancesInYear(registered, cycle.year),
    };
    const body: Evidence = {
      cycleId: cycle.id,
      chamberId,
      year: cycle.year,
      facts,
      indicators: suggestScores(evidenceRubric(cycle), facts, cycle.year),
    };
    return { status: 200, body };
  },
};

/**
 * The rubric whose evidence declarations apply: the cycle's own copy, frozen when it opened. A
 * cycle opened before rubrics declared evidence takes its shipped rubric's (same id, same
 * scoring: declarations change no score, see withoutEvidence).
 */
function evidenceRubric(cycle: StoredCycle): RubricShape {
  const declares = (rubric: RubricShape) =>
    rubric.dimensions.some((dimension) => dimension.indicators.some((i) => i.evidence));
  if (declares(cycle.rubric)) return cycle.rubric;
  return SHIPPED_RUBRICS.get(cycle.rubricId) ?? cycle.rubric;
}
