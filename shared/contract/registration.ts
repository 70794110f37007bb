import * as z from 'zod/mini';
import {
  CHAMBER_KINDS,
  CHAMBER_STATUSES,
  GOVERNMENT_FUNCTIONS,
  STATUS_ACTION_NAMES,
} from '#shared/domain/chamber';
import { defineRoutes } from '#shared/http/route';
import { allianceRoutes } from './alliances';
import {
  anyRegionCode,
  countyCode,
  id,
  ifMatch,
  isoDate,
  optionalIdempotencyKey,
  pageQuery,
  regionCode6,
  text,
  uscc,
} from './common';

/*
 * Registration's routes and request schemas: what its function loads. What the routes answer is
 * in registration.responses.ts, which the function imports only for types.
 */
export type { Chamber, Member } from './registration.responses';

export const chamberKind = z.lazy(() => z.enum(CHAMBER_KINDS));
export const chamberStatus = z.lazy(() => z.enum(CHAMBER_STATUSES));
export const relationship = z.lazy(() => z.enum(['supervised', 'group-member', 'classified']));
export const partyOrganisation = z.lazy(() =>
  z.enum(['branch', 'joint-branch', 'instructor', 'none']),
);
export const governmentFunction = z.lazy(() => z.enum(GOVERNMENT_FUNCTIONS));

const person = z.lazy(() => text(50));
export const leaders = z.lazy(() =>
  z.strictObject({
    president: z.optional(person),
    secretaryGeneral: z.optional(person),
    partySecretary: z.optional(person),
  }),
);
const body = z.lazy(() => text(100));
/** The four-party management record (四元管理) of a classified association. */
export const management = z.lazy(() =>
  z.strictObject({
    registrationAuthority: z.optional(body),
    supervisionDepartment: z.optional(body),
    industryDepartment: z.optional(body),
    classifyingBody: z.optional(body),
  }),
);
const governmentFunctions = z.lazy(() =>
  z.array(governmentFunction).check(
    z.maxLength(6),
    z.refine((list) => new Set(list).size === list.length, 'lists a function twice'),
  ),
);

/** Fields a chamber's record may carry beyond its identity; all may be changed by PATCH. */
const profile = {
  name: z.lazy(() => text(100)),
  relationship,
  hometownRegionCode: z.lazy(() => z.nullable(regionCode6())),
  industry: z.lazy(() => z.nullable(text(100))),
  foundedOn: z.lazy(() => z.nullable(isoDate)),
  leaders,
  partyOrganisation,
  management,
  governmentFunctions,
  /** 一商会一特色: what the chamber is known for. */
  feature: z.lazy(() => z.nullable(text(500))),
  /** 一支部一亮点: the highlight of its Party branch. */
  branchHighlight: z.lazy(() => z.nullable(text(500))),
};

export const createChamberBody = z.lazy(() =>
  z.strictObject({
    ...profile,
    kind: chamberKind,
    regionCode: anyRegionCode(),
    hometownRegionCode: z.optional(profile.hometownRegionCode),
    industry: z.optional(profile.industry),
    foundedOn: z.optional(profile.foundedOn),
    feature: z.optional(profile.feature),
    branchHighlight: z.optional(profile.branchHighlight),
    leaders: z._default(leaders, {}),
    partyOrganisation: z._default(partyOrganisation, 'none'),
    management: z._default(management, {}),
    governmentFunctions: z._default(governmentFunctions, []),
  }),
);
export type CreateChamber = z.output<typeof createChamberBody>;

/** Everything but status (its own endpoint) and the USCC (set by registering). */
export const patchChamberBody = z.lazy(() =>
  z
    .partial(z.strictObject({ ...profile, kind: chamberKind, regionCode: anyRegionCode() }))
    .check(z.refine((patch) => Object.keys(patch).length > 0, 'names no field to change')),
);
export type ChamberPatch = z.output<typeof patchChamberBody>;

export const statusBody = z.lazy(() =>
  z.strictObject({
    action: z.enum(STATUS_ACTION_NAMES),
    uscc: z.optional(uscc),
    reason: z.optional(text(500)),
  }),
);

const chamberParams = z.lazy(() => z.object({ id }));

export const registrationRoutes = defineRoutes({
  createChamber: {
    method: 'POST',
    path: '/v1/chambers',
    summary:
      'Register an application for a chamber (status "applied"); exactly once per Idempotency-Key, when one is sent',
    headers: optionalIdempotencyKey,
    body: createChamberBody,
  },
  listChambers: {
    method: 'GET',
    path: '/v1/chambers',
    summary:
      'Chambers within a region (default: your own), by kind, status, relationship and part of the name',
    query: z.lazy(() =>
      z.strictObject({
        regionCode: z.optional(anyRegionCode()),
        kind: z.optional(chamberKind),
        status: z.optional(chamberStatus),
        relationship: z.optional(relationship),
        /** Part of the name, as a person searches for it (any case). */
        name: z.optional(text(100)),
        ...pageQuery,
      }),
    ),
  },
  getChamber: {
    method: 'GET',
    path: '/v1/chambers/{id}',
    summary: 'One chamber',
    params: chamberParams,
  },
  patchChamber: {
    method: 'PATCH',
    path: '/v1/chambers/{id}',
    summary: 'Change a chamber’s record (If-Match: the version you read)',
    params: chamberParams,
    headers: ifMatch,
    body: patchChamberBody,
  },
  changeStatus: {
    method: 'POST',
    path: '/v1/chambers/{id}/status',
    summary: 'Move a chamber through its status machine',
    params: chamberParams,
    body: statusBody,
  },
  addMember: {
    method: 'POST',
    path: '/v1/chambers/{id}/members',
    summary: 'Add a member firm',
    params: chamberParams,
    body: z.lazy(() => z.strictObject({ name: text(100), uscc })),
  },
  listMembers: {
    method: 'GET',
    path: '/v1/chambers/{id}/members',
    summary: 'Member firms of a chamber',
    params: chamberParams,
    query: z.lazy(() => z.strictObject(pageQuery)),
  },
  townshipCoverage: {
    method: 'GET',
    path: '/v1/coverage/townships',
    summary: 'Which townships of a county have a registered township chamber',
    query: z.lazy(() => z.strictObject({ regionCode: countyCode() })),
  },
  ...allianceRoutes,
});
