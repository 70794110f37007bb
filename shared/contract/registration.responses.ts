import * as z from 'zod/mini';
import { GOVERNMENT_FUNCTIONS } from '#shared/domain/chamber';
import type { ResponsesOf } from '#shared/http/route';
import { allianceResponses } from './alliances.responses';
import {
  errorResponses as errors,
  keyReusedResponse as keyReused,
  notFoundResponse as notFound,
  page,
  problem,
  replayedHeader,
  timestamps,
} from './common.responses';
import {
  chamberKind,
  chamberStatus,
  governmentFunction,
  leaders,
  management,
  partyOrganisation,
  type registrationRoutes,
  relationship,
} from './registration';

/*
 * What registration's routes answer: for the OpenAPI document and for types. Its function imports
 * this module only as `import type`, so it never builds these schemas.
 */

export const chamber = z.object({
  id: z.string(),
  name: z.string(),
  kind: chamberKind,
  regionCode: z.string(),
  relationship,
  status: chamberStatus,
  uscc: z.nullable(z.string()),
  hometownRegionCode: z.nullable(z.string()),
  industry: z.nullable(z.string()),
  foundedOn: z.nullable(z.string()),
  leaders,
  partyOrganisation,
  management,
  governmentFunctions: z.array(governmentFunction).check(z.maxLength(GOVERNMENT_FUNCTIONS.length)),
  /** 一商会一特色 and 一支部一亮点 (at most 500 characters each); null until written. */
  feature: z.nullable(z.string()),
  branchHighlight: z.nullable(z.string()),
  ...timestamps,
});
export type Chamber = z.output<typeof chamber>;

export const member = z.object({
  chamberId: z.string(),
  name: z.string(),
  uscc: z.string(),
  joinedAt: z.iso.datetime(),
});
export type Member = z.output<typeof member>;

export const coverage = z.object({
  regionCode: z.string(),
  name: z.string(),
  townships: z.number().check(z.int()),
  covered: z.number().check(z.int()),
  uncovered: z.array(z.object({ code: z.string(), name: z.string() })),
});

export const registrationResponses = {
  createChamber: {
    201: {
      description:
        'The new chamber; a retry with the same Idempotency-Key gets the chamber it created, as it now is',
      schema: chamber,
      headers: replayedHeader,
    },
    ...errors,
    409: {
      description:
        'A chamber with the new id already exists: a write retried after its first attempt landed. Send it with an Idempotency-Key to get the chamber instead',
      schema: problem,
    },
    422: keyReused,
  },
  listChambers: { 200: { description: 'A page of chambers', schema: page(chamber) }, ...errors },
  getChamber: {
    200: { description: 'The chamber; ETag carries its version', schema: chamber },
    ...errors,
    404: notFound,
  },
  patchChamber: {
    200: { description: 'The chamber, version + 1', schema: chamber },
    ...errors,
    404: notFound,
    409: {
      description:
        'The change takes away the Party organisation of a chamber in a Party-building alliance (take it out of the alliance first)',
      schema: problem,
    },
    412: { description: 'The chamber changed since you read it', schema: problem },
    428: { description: 'If-Match missing', schema: problem },
  },
  changeStatus: {
    200: { description: 'The chamber in its new status', schema: chamber },
    ...errors,
    404: notFound,
    409: {
      description: 'The transition is not allowed from the current status',
      schema: problem,
    },
  },
  addMember: {
    201: { description: 'The member', schema: member },
    ...errors,
    404: notFound,
    409: { description: 'A member with this USCC already exists', schema: problem },
  },
  listMembers: {
    200: { description: 'A page of members', schema: page(member) },
    ...errors,
    404: notFound,
  },
  townshipCoverage: {
    200: { description: 'Coverage of the county', schema: coverage },
    ...errors,
    404: {
      description: 'A county outside this deployment’s jurisdiction: no township data for it',
      schema: problem,
    },
  },
  ...allianceResponses,
} satisfies ResponsesOf<typeof registrationRoutes>;
