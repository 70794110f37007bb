import * as z from 'zod/mini';
import { MAX_ALLIANCE_MEMBERS, MAX_JOINT_PARTICIPANTS } from '#shared/domain/alliance';
import { ACTIVITY_KINDS } from '#shared/domain/supervision';
import type { ResponsesOf } from '#shared/http/route';
import type { allianceRoutes, jointActivityRoutes } from './alliances';
import { isoDate } from './common';
import {
  errorResponses as errors,
  keyReusedResponse as keyReused,
  notFoundResponse as notFound,
  page,
  problem,
} from './common.responses';

/*
 * What the alliance routes answer: for the OpenAPI document and for types (functions import this
 * module only as `import type`).
 */

export const allianceMember = z.object({
  chamberId: z.string(),
  /** The chamber's name as it is now. */
  name: z.string(),
  joinedOn: isoDate,
});

/** A member as the alliance's public page shows it: with its 一商会一特色 and 一支部一亮点. */
export const allianceMemberView = z.extend(allianceMember, {
  feature: z.nullable(z.string()),
  branchHighlight: z.nullable(z.string()),
});

export const alliance = z.object({
  id: z.string(),
  name: z.string(),
  regionCode: z.string(),
  foundedOn: isoDate,
  memberCount: z.number().check(z.int(), z.gte(0)),
  /** Every member, earliest joined first (ties by name). */
  members: z.array(allianceMemberView).check(z.maxLength(MAX_ALLIANCE_MEMBERS)),
});
export type Alliance = z.output<typeof alliance>;

export const membership = z.extend(allianceMember, { allianceId: z.string() });
export type AllianceMember = z.output<typeof membership>;

export const jointActivity = z.object({
  id: z.string(),
  allianceId: z.string(),
  kind: z.enum(ACTIVITY_KINDS),
  heldOn: isoDate,
  participants: z.array(z.string()).check(z.maxLength(MAX_JOINT_PARTICIPANTS)),
  note: z.nullable(z.string()),
  recordedAt: z.iso.datetime(),
  recordedBy: z.string(),
});
export type JointActivity = z.output<typeof jointActivity>;

export const allianceResponses = {
  createAlliance: {
    201: {
      description:
        'The alliance, with no members yet; a retry with the same Idempotency-Key gets the alliance it founded, as it now is',
      schema: alliance,
    },
    ...errors,
    422: keyReused,
  },
  listAlliances: {
    200: { description: 'A page of alliances', schema: page(alliance) },
    400: errors[400],
    503: errors[503],
  },
  getAlliance: {
    200: { description: 'The alliance', schema: alliance },
    400: errors[400],
    404: notFound,
    503: errors[503],
  },
  putAllianceMember: {
    200: { description: 'The membership', schema: membership },
    ...errors,
    404: notFound,
    409: {
      description:
        'The chamber has no Party organisation, is rejected or deregistered, lies outside the alliance’s region, or the alliance is full',
      schema: problem,
    },
  },
  removeAllianceMember: { 204: { description: 'No longer a member' }, ...errors, 404: notFound },
} satisfies ResponsesOf<typeof allianceRoutes>;

export const jointActivityResponses = {
  recordJointActivity: {
    201: {
      description:
        'The joint activity, now also an activity of each chamber taking part; a retry with the same Idempotency-Key gets the one it recorded',
      schema: jointActivity,
    },
    ...errors,
    404: notFound,
    409: { description: 'A chamber named is not a member of the alliance', schema: problem },
    422: keyReused,
  },
  listJointActivities: {
    200: { description: 'A page of joint activities', schema: page(jointActivity) },
    ...errors,
    404: notFound,
  },
} satisfies ResponsesOf<typeof jointActivityRoutes>;
