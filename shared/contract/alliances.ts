import * as z from 'zod/mini';
import { MAX_JOINT_PARTICIPANTS } from '#shared/domain/alliance';
import { ACTIVITY_KINDS } from '#shared/domain/supervision';
import { defineRoutes } from '#shared/http/route';
import {
  id,
  idempotencyKey,
  isoDate,
  optionalIdempotencyKey,
  pageQuery,
  queryYear,
  regionCode6,
  text,
} from './common';

/*
 * Party-building alliances (党建联盟) and what their member chambers do together. The alliance and
 * its members are registration's (its table, its function); a joint activity is supervision's, as
 * every activity is: it lands in each taking part chamber's own activities. So two route tables,
 * each spread into its concern's. What they answer is in alliances.responses.ts.
 */
export type { Alliance, AllianceMember, JointActivity } from './alliances.responses';

export const allianceBody = z.lazy(() =>
  z.strictObject({ name: text(100), regionCode: regionCode6(), foundedOn: isoDate }),
);
export type AllianceRequest = z.output<typeof allianceBody>;

/** Optional: without it (or without `joinedOn`) the chamber joins today. */
export const allianceMemberBody = z.lazy(() =>
  z.optional(z.strictObject({ joinedOn: z.optional(isoDate) })),
);

export const jointActivityBody = z.lazy(() =>
  z.strictObject({
    kind: z.enum(ACTIVITY_KINDS),
    heldOn: isoDate,
    /** The member chambers taking part: the activity counts in each one's activities. */
    participants: z.array(id).check(
      z.minLength(1, 'names at least one member chamber'),
      z.maxLength(
        MAX_JOINT_PARTICIPANTS,
        `names at most ${MAX_JOINT_PARTICIPANTS} chambers: record a larger event as two`,
      ),
      z.refine((list) => new Set(list).size === list.length, 'names a chamber twice'),
    ),
    note: z.optional(text(1000)),
  }),
);
export type JointActivityRequest = z.output<typeof jointActivityBody>;

const allianceParams = z.lazy(() => z.object({ id }));
const memberParams = z.lazy(() => z.object({ id, chamberId: id }));

/** Served by the registration function. */
export const allianceRoutes = defineRoutes({
  createAlliance: {
    method: 'POST',
    path: '/v1/alliances',
    summary:
      'Found a Party-building alliance in a region; exactly once per Idempotency-Key, when one is sent',
    headers: optionalIdempotencyKey,
    body: allianceBody,
  },
  listAlliances: {
    method: 'GET',
    path: '/v1/alliances',
    summary: 'Party-building alliances within a region, with their members (public)',
    public: true,
    query: z.lazy(() => z.strictObject({ regionCode: regionCode6(), ...pageQuery })),
  },
  getAlliance: {
    method: 'GET',
    path: '/v1/alliances/{id}',
    summary: 'One Party-building alliance and its member chambers (public)',
    public: true,
    params: allianceParams,
  },
  putAllianceMember: {
    method: 'PUT',
    path: '/v1/alliances/{id}/members/{chamberId}',
    summary:
      'Add a chamber to the alliance (it needs a Party organisation); again: the same membership',
    params: memberParams,
    body: allianceMemberBody,
  },
  removeAllianceMember: {
    method: 'DELETE',
    path: '/v1/alliances/{id}/members/{chamberId}',
    summary: 'Take a chamber out of the alliance',
    params: memberParams,
  },
});

/** Served by the supervision function. */
export const jointActivityRoutes = defineRoutes({
  recordJointActivity: {
    method: 'POST',
    path: '/v1/alliances/{id}/activities',
    summary:
      'Record an activity the alliance held, counted in the activities of each member chamber taking part; exactly once per Idempotency-Key (required)',
    params: allianceParams,
    headers: idempotencyKey,
    body: jointActivityBody,
  },
  listJointActivities: {
    method: 'GET',
    path: '/v1/alliances/{id}/activities',
    summary: 'The activities an alliance held together, latest first (default: this year)',
    params: allianceParams,
    query: z.lazy(() => z.strictObject({ year: z.optional(queryYear), ...pageQuery })),
  },
});
