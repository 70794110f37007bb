import { randomUUID } from 'node:crypto';
import { adminCovers, type Principal, requireRole } from '#shared/auth/principal';
import type { Liaison, supervisionRoutes } from '#shared/contract/supervision';
import { keyedId, keyedRequest } from '#shared/db/idempotency';
import { todayInShanghai } from '#shared/domain/calendar';
import {
  CLOSED_CHAMBER_STATUSES,
  laterDate,
  replyDueOn,
  visitDueOn,
} from '#shared/domain/supervision';
import {
  BadRequestError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  PreconditionFailedError,
} from '#shared/http/errors';
import type { Operations } from '#shared/http/route';
import { readChambers } from '#shared/registration/published';
import { now, regionInScope, visibleChamber, withRetry } from './access';
import { datedId } from './keys';
import * as snapshot from './snapshot';
import * as store from './store';

type Routes = typeof supervisionRoutes;
type LiaisonRoutes =
  | 'assignLiaison'
  | 'listLiaisons'
  | 'removeLiaison'
  | 'leaderAssignments'
  | 'recordVisit'
  | 'listVisits'
  | 'getVisit'
  | 'replyToIssue'
  | 'overdueVisits'
  | 'lateIssues';

/**
 * Liaisons, their visits and the issues raised, and the overdue snapshot. Each use case checks
 * the role (403), then the chamber's scope (404), then acts.
 */
export const liaisonOperations: Pick<Operations<Routes>, LiaisonRoutes> = {
  async assignLiaison({ params, headers, body, principal }) {
    requireRole(principal, 'fic-admin');
    const chamber = await visibleChamber(principal, params.id);
    if ((CLOSED_CHAMBER_STATUSES as readonly string[]).includes(chamber.status)) {
      throw new ConflictError(`Chamber ${params.id} is ${chamber.status}: no liaison is assigned.`);
    }
    const expected = headers['if-match'];
    const liaison = await withRetry(expected !== undefined, async () => {
      const current = await store.getLiaison(params.id, params.leaderId);
      if (expected !== undefined && current?.version !== expected) {
        throw new PreconditionFailedError();
      }
      const at = now();
      const clock = {
        // The assignment date is kept: the clock of a leader never yet there runs from it.
        assignedOn: current?.assignedOn ?? todayInShanghai(new Date()),
        lastVisitedOn: current?.lastVisitedOn ?? null,
        visitEveryDays: body.visitEveryDays,
      };
      const next: Liaison = {
        chamberId: params.id,
        leaderId: params.leaderId,
        name: body.name,
        title: body.title ?? null,
        ...clock,
        dueOn: visitDueOn(clock),
        version: (current?.version ?? 0) + 1,
        createdAt: current?.createdAt ?? at,
        updatedAt: at,
      };
      await store.putLiaison(next, current?.version);
      return next;
    });
    return { status: 200, body: liaison, headers: { etag: `"${liaison.version}"` } };
  },

  async listLiaisons({ params, query, principal }) {
    requireRole(principal, 'fic-admin');
    await visibleChamber(principal, params.id);
    return { status: 200, body: await store.listLiaisons(params.id, query.limit, query.cursor) };
  },

  async removeLiaison({ params, headers, principal }) {
    requireRole(principal, 'fic-admin');
    await visibleChamber(principal, params.id);
    await store.deleteLiaison(params.id, params.leaderId, headers['if-match']);
    return { status: 204 };
  },

  async leaderAssignments({ params, query, principal }) {
    requireRole(principal, 'fic-admin', 'liaison');
    const self = principal.roles.has('liaison') && principal.sub === params.leaderId;
    if (!self && !principal.roles.has('fic-admin')) {
      throw new ForbiddenError('A liaison sees their own assignments only.');
    }
    const page = await store.listAssignments(params.leaderId, query.limit, query.cursor);
    const chambers = await readChambers(page.items.map((item) => item.chamberId));
    const items = page.items.flatMap((item) => {
      const chamber = chambers.get(item.chamberId);
      // FIC staff see the assignments inside their region; the leader sees all of theirs.
      if (!self && !(chamber && adminCovers(principal, chamber.regionCode))) return [];
      const { name, regionCode, status } = chamber ?? {};
      return [{ ...item, chamber: name ? { name, regionCode, status } : null }];
    });
    return { status: 200, body: { items, nextCursor: page.nextCursor } };
  },

  async recordVisit({ params, headers, body, principal }) {
    requireRole(principal, 'fic-admin', 'liaison');
    const chamber = await visibleChamber(principal, params.id, { liaison: true });
    if (!adminCovers(principal, chamber.regionCode) && body.leaderId !== principal.sub) {
      throw new ForbiddenError('A liaison records their own visits only.');
    }
    if (body.visitedOn > todayInShanghai(new Date())) {
      throw BadRequestError.field(['visitedOn'], 'must not be in the future');
    }
    // Under an Idempotency-Key every retry names the same visit, and records it at most once.
    const keyed = keyedRequest('visit', principal.sub, headers['idempotency-key'], {
      chamberId: params.id,
      body,
    });
    const id = datedId(body.visitedOn, keyed ? keyedId(keyed) : randomUUID());
    const recorded = async () => {
      const visit = await store.getVisit(params.id, id);
      if (!visit) throw new Error(`Visit ${id} is marked recorded but not found.`);
      return visit;
    };
    // A retry is answered with what the first try recorded, before the liaison it was checked
    // against is read again (it may have been removed since).
    const prior = keyed && (await store.priorTry(keyed));
    const visit = prior
      ? await recorded()
      : await withRetry(false, async () => {
          const liaison = await store.getLiaison(params.id, body.leaderId);
          if (!liaison) {
            throw new ConflictError(
              `Leader ${body.leaderId} is not assigned to chamber ${params.id}.`,
            );
          }
          const due = replyDueOn(body.visitedOn);
          const recordedAt = now();
          const next = {
            id,
            chamberId: params.id,
            leaderId: body.leaderId,
            visitedOn: body.visitedOn,
            mode: body.mode,
            topics: body.topics,
            issues: body.issues.map((issue) => ({
              id: randomUUID(),
              summary: issue.summary,
              status: 'open' as const,
              replyDueOn: due,
              reply: null,
              answeredAt: null,
              answeredBy: null,
            })),
            note: body.note ?? null,
            recordedAt,
            recordedBy: principal.sub,
            version: 1,
          };
          const lastVisitedOn = laterDate(liaison.lastVisitedOn, body.visitedOn);
          const moved =
            lastVisitedOn === liaison.lastVisitedOn
              ? undefined
              : {
                  ...liaison,
                  lastVisitedOn,
                  dueOn: visitDueOn({ ...liaison, lastVisitedOn }),
                  version: liaison.version + 1,
                  updatedAt: recordedAt,
                };
          return (await store.insertVisit(next, liaison, moved, keyed)) === 'created'
            ? next
            : recorded();
        });
    return {
      status: 201,
      body: visit,
      headers: { location: `/v1/chambers/${params.id}/visits/${visit.id}` },
    };
  },

  async listVisits({ params, query, principal }) {
    requireRole(principal, 'fic-admin', 'chamber-officer', 'liaison');
    await visibleChamber(principal, params.id, { officer: true, liaison: true });
    return { status: 200, body: await store.listVisits(params.id, query.limit, query.cursor) };
  },

  async getVisit({ params, principal }) {
    requireRole(principal, 'fic-admin', 'chamber-officer', 'liaison');
    await visibleChamber(principal, params.id, { officer: true, liaison: true });
    const visit = await store.getVisit(params.id, params.visitId);
    if (!visit) throw new NotFoundError(`No visit ${params.visitId} of chamber ${params.id}.`);
    return { status: 200, body: visit };
  },

  async replyToIssue({ params, body, principal }) {
    requireRole(principal, 'fic-admin', 'chamber-officer');
    await visibleChamber(principal, params.id, { officer: true });
    const answered = await withRetry(false, async () => {
      const visit = await store.getVisit(params.id, params.visitId);
      const index = visit?.issues.findIndex((issue) => issue.id === params.issueId) ?? -1;
      const issue = visit?.issues[index];
      if (!visit || !issue) {
        throw new NotFoundError(`No issue ${params.issueId} in visit ${params.visitId}.`);
      }
      if (issue.status !== 'open') {
        // The same answer sent again (a retry whose first answer was lost) is that answer.
        if (issue.answeredBy === principal.sub && issue.reply === body.reply) return issue;
        throw new ConflictError(`Issue ${params.issueId} is already answered.`);
      }
      const next = {
        ...issue,
        status: 'answered' as const,
        reply: body.reply,
        answeredAt: now(),
        answeredBy: principal.sub,
      };
      await store.answerIssue(visit, index, next);
      return next;
    });
    return { status: 200, body: answered };
  },

  async overdueVisits({ query, principal }) {
    return readSnapshot('LIAISON', query, principal);
  },

  async lateIssues({ query, principal }) {
    return readSnapshot('ISSUE', query, principal);
  },
};

async function readSnapshot(
  kind: 'LIAISON' | 'ISSUE',
  query: { regionCode?: string | undefined; limit: number; cursor?: string | undefined },
  principal: Principal,
) {
  requireRole(principal, 'fic-admin');
  const regionCode = regionInScope(principal, query.regionCode);
  const { run, items, nextCursor } = await snapshot.readRows<unknown>(
    kind,
    regionCode,
    query.limit,
    query.cursor,
  );
  return {
    status: 200,
    body: {
      asOf: run?.asOf ?? null,
      computedAt: run?.computedAt ?? null,
      regionCode,
      items,
      nextCursor,
    },
  };
}
