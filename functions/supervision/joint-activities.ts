import { adminCovers, type Principal, requireRole } from '#shared/auth/principal';
import type { JointActivity } from '#shared/contract/alliances';
import type { Activity, supervisionRoutes } from '#shared/contract/supervision';
import { type KeyedRequest, keyedId } from '#shared/db/idempotency';
import { todayInShanghai } from '#shared/domain/calendar';
import { BadRequestError, ConflictError, NotFoundError } from '#shared/http/errors';
import type { Operations } from '#shared/http/route';
import { readAlliance, type StoredAlliance } from '#shared/registration/published';
import { now } from './access';
import { datedId } from './keys';
import * as records from './records';
import * as store from './store';

type Routes = typeof supervisionRoutes;

/*
 * Activities a Party-building alliance holds together (e.g. the 亲商润企·渤海红 alliance's
 * “红色基因传承接力” event). The alliance and its members are registration's, read through its
 * published module; the activities are supervision's, as every activity is: each member chamber
 * taking part gets the activity among its own, counted in its tally (so in its “七个一” summary
 * and in the assessment's evidence), all in one transaction, once per Idempotency-Key.
 */
export const jointActivityOperations: Pick<
  Operations<Routes>,
  'recordJointActivity' | 'listJointActivities'
> = {
  async recordJointActivity({ params, headers, body, principal }) {
    requireRole(principal, 'fic-admin');
    const alliance = await managedAlliance(principal, params.id);
    if (body.heldOn > todayInShanghai(new Date())) {
      throw BadRequestError.field(['heldOn'], 'must not be in the future');
    }
    if (body.heldOn < alliance.foundedOn) {
      throw BadRequestError.field(
        ['heldOn'],
        `must not be before the alliance was founded (${alliance.foundedOn})`,
      );
    }
    const keyed: KeyedRequest = {
      kind: 'joint-activity',
      caller: principal.sub,
      key: headers['idempotency-key'],
      request: { allianceId: params.id, body },
    };
    const id = datedId(body.heldOn, keyedId(keyed));
    const recorded = async () => {
      const joint = await records.getJointActivity(params.id, id);
      if (!joint) throw new Error(`Joint activity ${id} is marked recorded but not found.`);
      return { status: 201, body: joint };
    };
    // A retry is answered with what the first try recorded, whoever has left the alliance since.
    if (await store.priorTry(keyed)) return recorded();
    const outsiders = body.participants.filter((chamberId) => !alliance.members[chamberId]);
    if (outsiders.length > 0) {
      throw new ConflictError(
        `Not members of alliance ${params.id}: ${outsiders.join(', ')}. Only member chambers take part in its activities.`,
      );
    }
    const recordedAt = now();
    const joint: JointActivity = {
      id,
      allianceId: params.id,
      kind: body.kind,
      heldOn: body.heldOn,
      participants: body.participants,
      note: body.note ?? null,
      recordedAt,
      recordedBy: principal.sub,
    };
    const activities = body.participants.map(
      (chamberId): Activity => ({
        // One id per chamber, the same on every try of this joint activity.
        id: datedId(body.heldOn, keyedId({ kind: 'joint-activity', caller: id, key: chamberId })),
        chamberId,
        kind: body.kind,
        heldOn: body.heldOn,
        participants: null,
        note: body.note ?? null,
        recordedAt,
        recordedBy: principal.sub,
        allianceId: params.id,
        jointActivityId: id,
      }),
    );
    if ((await records.insertJointActivity(joint, activities, keyed)) === 'replayed') {
      return recorded();
    }
    return { status: 201, body: joint };
  },

  async listJointActivities({ params, query, principal }) {
    requireRole(principal, 'fic-admin');
    await managedAlliance(principal, params.id);
    const year = query.year ?? Number(todayInShanghai(new Date()).slice(0, 4));
    return {
      status: 200,
      body: await records.listJointActivities(params.id, year, query.limit, query.cursor),
    };
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
