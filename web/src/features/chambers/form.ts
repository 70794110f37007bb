import dayjs, { type Dayjs } from 'dayjs';
import type { Chamber, ChamberPatch, CreateChamber } from '#shared/contract/registration';
import type { FieldPath } from '../../lib/problem';

/*
 * A chamber's record as its form holds it, and back: the form's field names are the API body's
 * paths (`leaders.president`), so a problem's `errors` and a zod issue land beside the field they
 * name. `Profile` is the record reduced to what a person edits, with empty text as absent.
 */
export interface FormValues {
  name?: string;
  kind?: Chamber['kind'];
  regionCode?: string;
  relationship?: Chamber['relationship'];
  hometownRegionCode?: string | null;
  industry?: string | null;
  foundedOn?: Dayjs | null;
  leaders?: Partial<Chamber['leaders']>;
  partyOrganisation?: Chamber['partyOrganisation'];
  management?: Partial<Chamber['management']>;
  governmentFunctions?: Chamber['governmentFunctions'];
  feature?: string | null;
  branchHighlight?: string | null;
}

export const PROFILE_FIELDS = [
  'name',
  'kind',
  'regionCode',
  'relationship',
  'hometownRegionCode',
  'industry',
  'foundedOn',
  'leaders',
  'partyOrganisation',
  'management',
  'governmentFunctions',
  'feature',
  'branchHighlight',
] as const;
export type ProfileField = (typeof PROFILE_FIELDS)[number];

export const LEADER_FIELDS = ['president', 'secretaryGeneral', 'partySecretary'] as const;
/** 一商会一特色 and 一支部一亮点 (the article's programmes). */
export const PROGRAMME_FIELDS = ['feature', 'branchHighlight'] as const;
export const MANAGEMENT_FIELDS = [
  'registrationAuthority',
  'supervisionDepartment',
  'industryDepartment',
  'classifyingBody',
] as const;

/** Whether the chamber form has a field at `path` (else an error about it is shown on top). */
export function isFormField(path: FieldPath): boolean {
  const [head, sub] = path;
  if (head === 'leaders')
    return sub === undefined || (LEADER_FIELDS as readonly unknown[]).includes(sub);
  if (head === 'management')
    return sub === undefined || (MANAGEMENT_FIELDS as readonly unknown[]).includes(sub);
  if (head === 'governmentFunctions') return true;
  return (PROFILE_FIELDS as readonly unknown[]).includes(head);
}

export type Profile = {
  name: string;
  kind: Chamber['kind'] | undefined;
  regionCode: string | undefined;
  relationship: Chamber['relationship'] | undefined;
  hometownRegionCode: string | null;
  industry: string | null;
  foundedOn: string | null;
  leaders: Chamber['leaders'];
  partyOrganisation: Chamber['partyOrganisation'];
  management: Chamber['management'];
  governmentFunctions: Chamber['governmentFunctions'];
  feature: string | null;
  branchHighlight: string | null;
};

const text = (value: string | null | undefined) => {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
};

function compact<K extends string>(
  keys: readonly K[],
  source: Partial<Record<K, string | undefined | null>> | undefined,
) {
  const out: Partial<Record<K, string>> = {};
  for (const key of keys) {
    const value = text(source?.[key]);
    if (value) out[key] = value;
  }
  return out;
}

export function profileOf(values: FormValues): Profile {
  return {
    name: values.name?.trim() ?? '',
    kind: values.kind,
    regionCode: values.regionCode,
    relationship: values.relationship,
    hometownRegionCode: values.kind === 'non-local' ? (values.hometownRegionCode ?? null) : null,
    industry: text(values.industry),
    foundedOn: values.foundedOn ? values.foundedOn.format('YYYY-MM-DD') : null,
    leaders: compact(LEADER_FIELDS, values.leaders),
    partyOrganisation: values.partyOrganisation ?? 'none',
    management: compact(MANAGEMENT_FIELDS, values.management),
    governmentFunctions: values.governmentFunctions ?? [],
    feature: text(values.feature),
    branchHighlight: text(values.branchHighlight),
  };
}

export function valuesOf(chamber: Pick<Chamber, ProfileField> | Profile): FormValues {
  return {
    name: chamber.name,
    kind: chamber.kind,
    regionCode: chamber.regionCode,
    relationship: chamber.relationship,
    hometownRegionCode: chamber.hometownRegionCode,
    industry: chamber.industry ?? '',
    foundedOn: chamber.foundedOn ? dayjs(chamber.foundedOn) : null,
    leaders: { ...chamber.leaders },
    partyOrganisation: chamber.partyOrganisation,
    management: { ...chamber.management },
    governmentFunctions: [...chamber.governmentFunctions],
    feature: chamber.feature ?? '',
    branchHighlight: chamber.branchHighlight ?? '',
  };
}

/** The body of POST /v1/chambers: empty optional parts left out. */
export function createBody(values: FormValues): CreateChamber {
  const p = profileOf(values);
  const body: Record<string, unknown> = {
    name: p.name,
    kind: p.kind,
    regionCode: p.regionCode,
    relationship: p.relationship,
    partyOrganisation: p.partyOrganisation,
    leaders: p.leaders,
    management: p.management,
    governmentFunctions: p.governmentFunctions,
  };
  if (p.hometownRegionCode) body.hometownRegionCode = p.hometownRegionCode;
  if (p.industry) body.industry = p.industry;
  if (p.foundedOn) body.foundedOn = p.foundedOn;
  if (p.feature) body.feature = p.feature;
  if (p.branchHighlight) body.branchHighlight = p.branchHighlight;
  return body as CreateChamber;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The fields of `next` that differ from `base`. */
export function changedFields(base: Profile, next: Profile): ProfileField[] {
  return PROFILE_FIELDS.filter((field) => !same(base[field], next[field]));
}

/** The PATCH body that turns `base` into `next` (only what changed). */
export function patchBody(
  base: Profile,
  next: Profile,
  fields = changedFields(base, next),
): ChamberPatch {
  return Object.fromEntries(fields.map((field) => [field, next[field]])) as ChamberPatch;
}

/** My edit (base → mine) applied on top of the record as it now is (theirs). */
export function reapply(base: Profile, mine: Profile, theirs: Profile): Profile {
  const merged = { ...theirs };
  for (const field of changedFields(base, mine)) {
    (merged as Record<string, unknown>)[field] = mine[field];
  }
  return merged;
}

export function profileOfChamber(chamber: Chamber): Profile {
  return profileOf(valuesOf(chamber));
}
