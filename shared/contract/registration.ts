import * as z from 'zod/mini';
import { CHAMBER_KINDS, CHAMBER_STATUSES, STATUS_ACTION_NAMES } from '#shared/domain/chamber';
import { defineRoutes } from '#shared/http/route';
import {
  anyRegionCode,
  countyCode,
  errorResponses,
  id,
  ifMatch,
  isoDate,
  notFoundResponse,
  page,
  pageQuery,
  problem,
  regionCode6,
  text,
  timestamps,
  uscc,
} from './common';

export const chamberKind = z.enum(CHAMBER_KINDS);
export const chamberStatus = z.enum(CHAMBER_STATUSES);
export const relationship = z.enum(['supervised', 'group-member', 'classified']);
export const partyOrganisation = z.enum(['branch', 'joint-branch', 'instructor', 'none']);
export const governmentFunction = z.enum([
  'industry-analysis',
  'financial-risk',
  'self-inspection',
  'investment-appraisal',
  'trade-fairs',
  'self-discipline',
]);

const person = text(50);
export const leaders = z.strictObject({
  president: z.optional(person),
  secretaryGeneral: z.optional(person),
  partySecretary: z.optional(person),
});
const body = text(100);
/** The four-party management record (四元管理) of a classified association. */
export const management = z.strictObject({
  registrationAuthority: z.optional(body),
  supervisionDepartment: z.optional(body),
  industryDepartment: z.optional(body),
  classifyingBody: z.optional(body),
});
const governmentFunctions = z.array(governmentFunction).check(
  z.maxLength(6),
  z.refine((list) => new Set(list).size === list.length, 'lists a function twice'),
);

/** Fields a chamber's record may carry beyond its identity; all may be changed by PATCH. */
const profile = {
  name: text(100),
  relationship,
  hometownRegionCode: z.nullable(regionCode6()),
  industry: z.nullable(text(100)),
  foundedOn: z.nullable(isoDate),
  leaders,
  partyOrganisation,
  management,
  governmentFunctions,
};

export const createChamberBody = z.strictObject({
  ...profile,
  kind: chamberKind,
  regionCode: anyRegionCode(),
  hometownRegionCode: z.optional(profile.hometownRegionCode),
  industry: z.optional(profile.industry),
  foundedOn: z.optional(profile.foundedOn),
  leaders: z._default(leaders, {}),
  partyOrganisation: z._default(partyOrganisation, 'none'),
  management: z._default(management, {}),
  governmentFunctions: z._default(governmentFunctions, []),
});
export type CreateChamber = z.output<typeof createChamberBody>;

/** Everything but status (its own endpoint) and the USCC (set by registering). */
export const patchChamberBody = z
  .partial(z.strictObject({ ...profile, kind: chamberKind, regionCode: anyRegionCode() }))
  .check(z.refine((patch) => Object.keys(patch).length > 0, 'names no field to change'));
export type ChamberPatch = z.output<typeof patchChamberBody>;

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
  governmentFunctions: z.array(governmentFunction),
  ...timestamps,
});
export type Chamber = z.output<typeof chamber>;

export const statusBody = z.strictObject({
  action: z.enum(STATUS_ACTION_NAMES),
  uscc: z.optional(uscc),
  reason: z.optional(text(500)),
});

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

const chamberParams = z.object({ id });
const errors = errorResponses;
const notFound = notFoundResponse;

export const registrationRoutes = defineRoutes({
  createChamber: {
    method: 'POST',
    path: '/v1/chambers',
    summary: 'Register an application for a chamber (status "applied")',
    body: createChamberBody,
    responses: { 201: { description: 'The new chamber', schema: chamber }, ...errors },
  },
  listChambers: {
    method: 'GET',
    path: '/v1/chambers',
    summary: 'Chambers within a region (default: your own)',
    query: z.strictObject({
      regionCode: z.optional(anyRegionCode()),
      kind: z.optional(chamberKind),
      status: z.optional(chamberStatus),
      ...pageQuery,
    }),
    responses: { 200: { description: 'A page of chambers', schema: page(chamber) }, ...errors },
  },
  getChamber: {
    method: 'GET',
    path: '/v1/chambers/{id}',
    summary: 'One chamber',
    params: chamberParams,
    responses: {
      200: { description: 'The chamber; ETag carries its version', schema: chamber },
      ...errors,
      404: notFound,
    },
  },
  patchChamber: {
    method: 'PATCH',
    path: '/v1/chambers/{id}',
    summary: 'Change a chamber’s record (If-Match: the version you read)',
    params: chamberParams,
    headers: ifMatch,
    body: patchChamberBody,
    responses: {
      200: { description: 'The chamber, version + 1', schema: chamber },
      ...errors,
      404: notFound,
      412: { description: 'The chamber changed since you read it', schema: problem },
      428: { description: 'If-Match missing', schema: problem },
    },
  },
  changeStatus: {
    method: 'POST',
    path: '/v1/chambers/{id}/status',
    summary: 'Move a chamber through its status machine',
    params: chamberParams,
    body: statusBody,
    responses: {
      200: { description: 'The chamber in its new status', schema: chamber },
      ...errors,
      404: notFound,
      409: {
        description: 'The transition is not allowed from the current status',
        schema: problem,
      },
    },
  },
  addMember: {
    method: 'POST',
    path: '/v1/chambers/{id}/members',
    summary: 'Add a member firm',
    params: chamberParams,
    body: z.strictObject({ name: text(100), uscc }),
    responses: {
      201: { description: 'The member', schema: member },
      ...errors,
      404: notFound,
      409: { description: 'A member with this USCC already exists', schema: problem },
    },
  },
  listMembers: {
    method: 'GET',
    path: '/v1/chambers/{id}/members',
    summary: 'Member firms of a chamber',
    params: chamberParams,
    query: z.strictObject(pageQuery),
    responses: {
      200: { description: 'A page of members', schema: page(member) },
      ...errors,
      404: notFound,
    },
  },
  townshipCoverage: {
    method: 'GET',
    path: '/v1/coverage/townships',
    summary: 'Which townships of a county have a registered township chamber',
    query: z.strictObject({ regionCode: countyCode() }),
    responses: { 200: { description: 'Coverage of the county', schema: coverage }, ...errors },
  },
});
