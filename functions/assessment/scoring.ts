import { adminCovers, requireRole } from '#shared/auth/principal';
import type { assessmentRoutes, Review, SelfAssessment } from '#shared/contract/assessment';
import { type RubricShape, type Score, scoreErrors, totalTenths } from '#shared/domain/assessment';
import {
  BadRequestError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  PreconditionFailedError,
} from '#shared/http/errors';
import type { Operations } from '#shared/http/route';
import { covers } from '#shared/regions/codes';
import { adminCycle, entryChamber, loadCycle, requireActive, requireOpen } from './access';
import * as store from './store';
import * as entries from './store-entries';
import { pause } from './table';

type Ops = Operations<typeof assessmentRoutes>;

/*
 * What goes into a cycle: self-assessments, assignments and the reviews they lead to, vetoes.
 * A sheet is checked against the cycle's own copy of its rubric. A PUT replaces the version it
 * read (conditional write); without If-Match a lost race reads again and replaces the newer
 * version, with If-Match it is a 412. A write that finds the cycle finalized is a 409.
 */
export const scoringOperations: Pick<
  Ops,
  | 'putSelfAssessment'
  | 'getSelfAssessment'
  | 'getEntry'
  | 'assignAssessor'
  | 'unassignAssessor'
  | 'listAssignments'
  | 'listAssessorAssignments'
  | 'putReview'
  | 'getReview'
  | 'vetoEntry'
> = {
  async putSelfAssessment({ params, headers, body, principal }) {
    requireRole(principal, 'fic-admin', 'chamber-officer');
    const cycle = await loadCycle(params.cycleId);
    const chamber = await entryChamber(principal, cycle, params.chamberId, { officers: true });
    requireOpen(cycle);
    requireActive(chamber);
    checkSheet(cycle.rubric, body.scores, false);
    const saved = await replaceVersioned(
      headers['if-match'],
      () => entries.getSelfAssessment(cycle.id, chamber.id),
      async (current) => {
        const next: SelfAssessment = {
          cycleId: cycle.id,
          chamberId: chamber.id,
          scores: body.scores,
          total: totalTenths(body.scores) / 10,
          version: (current?.version ?? 0) + 1,
          submittedAt: new Date().toISOString(),
          submittedBy: principal.sub,
        };
        await entries.putSelfAssessment(next);
        return next;
      },
    );
    return { status: 200, body: saved, headers: { etag: `"${saved.version}"` } };
  },

  async getSelfAssessment({ params, principal }) {
    requireRole(principal, 'fic-admin', 'chamber-officer');
    const cycle = await loadCycle(params.cycleId);
    await entryChamber(principal, cycle, params.chamberId, { officers: true });
    const self = await entries.getSelfAssessment(cycle.id, params.chamberId);
    if (!self) throw new NotFoundError(`Chamber ${params.chamberId} has not assessed itself yet.`);
    return { status: 200, body: self, headers: { etag: `"${self.version}"` } };
  },

  async getEntry({ params, principal }) {
    requireRole(principal, 'fic-admin', 'assessor');
    const cycle = await loadCycle(params.cycleId);
    const chamber = await store.readChamber(params.chamberId);
    const { selves, reviews, vetoes } = await entries.readEntries(cycle.id, params.chamberId);
    // An assessor sees the entries they review, and of the reviews only their own.
    const staff =
      chamber !== undefined &&
      covers(cycle.regionCode, chamber.regionCode) &&
      adminCovers(principal, chamber.regionCode);
    const mine = reviews.filter((review) => review.assessorId === principal.sub);
    if (!chamber || !(staff || (principal.roles.has('assessor') && mine.length > 0))) {
      throw new NotFoundError(`No chamber ${params.chamberId} in cycle ${cycle.id}.`);
    }
    const shown = (staff ? reviews : mine).map(reviewView);
    const self = selves[0] ?? null;
    const selfPoints = new Map(self?.scores.map((s) => [s.indicatorId, s.points]));
    const sheet = cycle.rubric.dimensions.flatMap((dimension) =>
      dimension.indicators.map((indicator) => ({
        dimensionId: dimension.id,
        indicatorId: indicator.id,
        title: indicator.title,
        maxPoints: indicator.maxPoints,
        selfPoints: selfPoints.get(indicator.id) ?? null,
        reviews: shown.flatMap((review) =>
          review.scores
            .filter((score) => score.indicatorId === indicator.id)
            .map((score) => ({ assessorId: review.assessorId, ...withoutId(score) })),
        ),
      })),
    );
    return {
      status: 200,
      body: {
        cycleId: cycle.id,
        chamberId: chamber.id,
        name: chamber.name,
        selfAssessment: self,
        reviews: shown,
        vetoes: staff ? vetoes : [],
        sheet,
      },
    };
  },

  async unassignAssessor({ params, principal }) {
    requireRole(principal, 'fic-admin');
    const cycle = await adminCycle(principal, params.cycleId);
    await entryChamber(principal, cycle, params.chamberId, { officers: false });
    requireOpen(cycle);
    const review = await entries.getReview(cycle.id, params.chamberId, params.assessorId);
    if (!review) {
      throw new NotFoundError(`${params.assessorId} is not assigned to ${params.chamberId}.`);
    }
    if (review.status === 'submitted') {
      throw new ConflictError(
        `${params.assessorId} has reviewed ${params.chamberId}: the review stays.`,
      );
    }
    await entries.deleteAssignment(cycle.id, params.chamberId, params.assessorId);
    return { status: 204 };
  },

  async assignAssessor({ params, body, principal }) {
    requireRole(principal, 'fic-admin');
    const cycle = await adminCycle(principal, params.cycleId);
    const chamber = await entryChamber(principal, cycle, body.chamberId, { officers: false });
    requireOpen(cycle);
    requireActive(chamber);
    const assignment: store.StoredReview = {
      cycleId: cycle.id,
      chamberId: chamber.id,
      assessorId: body.assessorId,
      status: 'assigned',
      scores: [],
      total: null,
      version: 1,
      assignedAt: new Date().toISOString(),
      assignedBy: principal.sub,
      submittedAt: null,
      cycleRegionCode: cycle.regionCode,
    };
    await entries.putReview(assignment);
    return { status: 201, body: reviewView(assignment) };
  },

  async listAssignments({ params, query, principal }) {
    requireRole(principal, 'fic-admin', 'assessor');
    const cycle = await loadCycle(params.cycleId);
    const page = adminCovers(principal, cycle.regionCode)
      ? await entries.listCycleReviews(cycle.id, query.limit, query.cursor)
      : principal.roles.has('assessor')
        ? await entries.listAssessorReviews(
            principal.sub,
            { cycleId: cycle.id },
            query.limit,
            query.cursor,
          )
        : notFound(`No assessment cycle ${cycle.id}.`);
    return { status: 200, body: { ...page, items: page.items.map(reviewView) } };
  },

  async listAssessorAssignments({ params, query, principal }) {
    requireRole(principal, 'fic-admin', 'assessor');
    const own = principal.roles.has('assessor') && principal.sub === params.assessorId;
    if (!own && !(principal.roles.has('fic-admin') && principal.regionCode)) {
      throw new ForbiddenError('An assessor sees their own assignments only.');
    }
    // FIC staff see the assignments of cycles within their region.
    const scope = own ? {} : { regionCode: principal.regionCode as string };
    const page = await entries.listAssessorReviews(
      params.assessorId,
      scope,
      query.limit,
      query.cursor,
    );
    return { status: 200, body: { ...page, items: page.items.map(reviewView) } };
  },

  async putReview({ params, headers, body, principal }) {
    requireRole(principal, 'assessor');
    if (principal.sub !== params.assessorId) {
      throw new ForbiddenError('An assessor writes their own reviews only.');
    }
    const cycle = await loadCycle(params.cycleId);
    const read = () => entries.getReview(cycle.id, params.chamberId, params.assessorId);
    if (!(await read())) {
      throw new NotFoundError(`You are not assigned to review ${params.chamberId} in this cycle.`);
    }
    requireOpen(cycle);
    checkSheet(cycle.rubric, body.scores, true);
    const saved = await replaceVersioned(headers['if-match'], read, async (current) => {
      if (!current) throw new NotFoundError('The assignment is gone.');
      const next: store.StoredReview = {
        ...current,
        status: 'submitted',
        scores: body.scores,
        total: totalTenths(body.scores) / 10,
        version: current.version + 1,
        submittedAt: new Date().toISOString(),
      };
      await entries.putReview(next);
      return next;
    });
    return { status: 200, body: reviewView(saved), headers: { etag: `"${saved.version}"` } };
  },

  async getReview({ params, principal }) {
    requireRole(principal, 'fic-admin', 'assessor');
    const cycle = await loadCycle(params.cycleId);
    const review = await entries.getReview(cycle.id, params.chamberId, params.assessorId);
    const own = principal.roles.has('assessor') && principal.sub === params.assessorId;
    if (!review || !(own || adminCovers(principal, cycle.regionCode))) {
      throw new NotFoundError(`No review of ${params.chamberId} by ${params.assessorId}.`);
    }
    return { status: 200, body: reviewView(review), headers: { etag: `"${review.version}"` } };
  },

  async vetoEntry({ params, body, principal }) {
    requireRole(principal, 'fic-admin');
    const cycle = await adminCycle(principal, params.cycleId);
    const chamber = await entryChamber(principal, cycle, params.chamberId, { officers: false });
    requireOpen(cycle);
    const veto = {
      cycleId: cycle.id,
      chamberId: chamber.id,
      reason: body.reason,
      ...(body.note !== undefined && { note: body.note }),
      createdAt: new Date().toISOString(),
      createdBy: principal.sub,
    };
    await entries.insertVeto(veto);
    return { status: 201, body: veto };
  },
};

function checkSheet(rubric: RubricShape, scores: Score[], reasons: boolean): void {
  const errors = scoreErrors(rubric, scores, { reasons });
  const first = errors[0];
  if (first) throw new BadRequestError(`${first.path.join('.')}: ${first.message}`, errors);
}

/** Attempts at replacing a record that others keep changing, before giving up with 412. */
const MAX_ATTEMPTS = 10;

/**
 * Read, build the next version, write it on the condition that the read one is still current.
 * With If-Match the client named the version it means to replace: a mismatch is 412 at once.
 */
async function replaceVersioned<T extends { version: number }>(
  ifMatch: number | undefined,
  read: () => Promise<T | undefined>,
  write: (current: T | undefined) => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    if (attempt > 1) await pause(attempt, 200);
    const current = await read();
    if (ifMatch !== undefined && (current?.version ?? 0) !== ifMatch) {
      throw new PreconditionFailedError();
    }
    try {
      return await write(current);
    } catch (error) {
      const retry = error instanceof PreconditionFailedError && ifMatch === undefined;
      if (!retry || attempt >= MAX_ATTEMPTS) throw error;
    }
  }
}

function reviewView(review: store.StoredReview): Review {
  const { cycleRegionCode: _region, ...view } = review;
  return view;
}

function withoutId<T extends { indicatorId: string }>(score: T): Omit<T, 'indicatorId'> {
  const { indicatorId: _id, ...rest } = score;
  return rest;
}

function notFound(detail: string): never {
  throw new NotFoundError(detail);
}
