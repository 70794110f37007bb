import { requireRole } from '#shared/auth/principal';
import type { assessmentRoutes, Rubric } from '#shared/contract/assessment';
import { type RubricShape, withoutEvidence } from '#shared/domain/assessment';
import { SHIPPED_RUBRICS } from '#shared/domain/rubrics/index';
import { ConflictError, NotFoundError } from '#shared/http/errors';
import type { Operations } from '#shared/http/route';
import * as store from './store';

type Ops = Operations<typeof assessmentRoutes>;

/*
 * Rubrics: the shipped ones (data in shared/domain/rubrics) and those FICs publish, served as
 * one list in id order. A rubric is never edited: a change is a new version under a new id, so
 * a cycle's rubric is the one it was opened on.
 */
export const rubricOperations: Pick<Ops, 'listRubrics' | 'getRubric' | 'publishRubric'> = {
  async listRubrics({ query }) {
    const after = store.rubricAfter(query.cursor);
    const published = await store.rubricsAfter(after, query.limit);
    const shipped = [...SHIPPED_RUBRICS.values()]
      .filter((rubric) => after === undefined || rubric.id > after)
      .map(shippedView);
    const merged = [...shipped, ...published.items.map(publishedView)].sort((a, b) =>
      a.id < b.id ? -1 : 1,
    );
    const items = merged.slice(0, query.limit);
    const last = items.at(-1);
    const more = merged.length > items.length || published.more;
    return {
      status: 200,
      body: { items, nextCursor: more && last ? store.rubricCursor(last.id) : null },
    };
  },

  async getRubric({ params }) {
    return { status: 200, body: await findRubric(params.rubricId) };
  },

  async publishRubric({ body, principal }) {
    requireRole(principal, 'fic-admin');
    if (SHIPPED_RUBRICS.has(body.id)) {
      throw new ConflictError(`${body.id} is a shipped rubric; publish yours under a new id.`);
    }
    const stored = {
      ...body,
      source: 'published',
      regionCode: principal.regionCode ?? null,
      publishedAt: new Date().toISOString(),
      publishedBy: principal.sub,
    };
    await store.insertRubric(stored);
    return {
      status: 201,
      body: publishedView(stored),
      headers: { location: `/v1/rubrics/${body.id}` },
    };
  },
};

/** A rubric by id, shipped or published, as clients see it: 404 when there is none. */
export async function findRubric(id: string): Promise<Rubric> {
  const shipped = SHIPPED_RUBRICS.get(id);
  if (shipped) return shippedView(shipped);
  const published = await store.getRubric(id);
  if (!published) throw new NotFoundError(`No rubric ${id}.`);
  return publishedView(published);
}

/**
 * A rubric as a cycle copies it when it opens: the scoring and, beside each indicator, the
 * evidence it declares (a shipped rubric's; a published one declares none). 404 when none.
 */
export async function rubricToScore(id: string): Promise<RubricShape> {
  const found = SHIPPED_RUBRICS.get(id) ?? (await store.getRubric(id));
  if (!found) throw new NotFoundError(`No rubric ${id}.`);
  return found;
}

/** Served without its evidence declarations: they are not part of what it scores (withoutEvidence). */
function shippedView(rubric: RubricShape): Rubric {
  return { ...withoutEvidence(rubric), source: 'shipped', regionCode: null, publishedAt: null };
}

function publishedView(stored: RubricShape & Record<string, unknown>): Rubric {
  const { publishedBy: _by, ...rubric } = stored;
  return rubric as Rubric;
}
