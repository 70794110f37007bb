import {
  type Account,
  type AccountPatch,
  type CreateAccount,
  createAccountBody,
  patchAccountBody,
} from '#shared/contract/accounts';
import { type FieldPath, type FormFieldError, problemToFields } from '../../lib/problem';
import type { Role } from '../../lib/session';

/** Puts an API message (English, as the schemas word it) into the reader's language. */
interface Messages {
  apiMessage(message: string): string;
}

import { schemaErrors } from '../../lib/validation';

/*
 * The account form's values, the request bodies made from them, and what the API would refuse
 * in them, found before sending with the contract's own schemas (so the message beside a field
 * is the API's). A chamber officer's scope is their chamber; every other role's is a region.
 */
export interface AccountValues {
  name?: string;
  role?: Role;
  regionCode?: string;
  chamberId?: string;
  contact?: { email?: string; phone?: string };
}

/** The paths the form has a field for. */
const FIELDS = ['name', 'role', 'regionCode', 'chamberId', 'contact.email', 'contact.phone'];
export const isAccountField = (path: FieldPath) => FIELDS.includes(path.join('.'));

const trimmed = (value: string | undefined) => value?.trim() || undefined;

function contactOf(values: AccountValues): { email?: string; phone?: string } {
  const email = trimmed(values.contact?.email);
  const phone = trimmed(values.contact?.phone);
  return { ...(email && { email }), ...(phone && { phone }) };
}

export function valuesOf(account: Account): AccountValues {
  return {
    name: account.name,
    role: account.role,
    regionCode: account.role === 'chamber-officer' ? undefined : account.regionCode,
    chamberId: account.chamberId ?? undefined,
    contact: { email: account.contact.email ?? '', phone: account.contact.phone ?? '' },
  };
}

export function inviteBody(values: AccountValues): CreateAccount {
  const officer = values.role === 'chamber-officer';
  return {
    name: values.name?.trim() ?? '',
    role: values.role as Role,
    ...(officer ? { chamberId: values.chamberId } : { regionCode: values.regionCode }),
    contact: contactOf(values),
  } as CreateAccount;
}

/** What changed against the account as it was opened (nothing: an empty patch). */
export function patchOf(account: Account, values: AccountValues): AccountPatch {
  const patch: Record<string, unknown> = {};
  const name = values.name?.trim() ?? '';
  if (name !== account.name) patch.name = name;
  const roleChanged = values.role !== account.role;
  if (roleChanged) patch.role = values.role;
  if (values.role === 'chamber-officer') {
    if (roleChanged || values.chamberId !== (account.chamberId ?? undefined))
      patch.chamberId = values.chamberId;
  } else if (roleChanged || values.regionCode !== account.regionCode) {
    patch.regionCode = values.regionCode;
  }
  const contact = contactOf(values);
  if (contact.email !== account.contact.email || contact.phone !== account.contact.phone)
    patch.contact = contact;
  return patch as AccountPatch;
}

/**
 * What the API would refuse: the contract's schema, then the rule tying role to scope. The
 * contact's "an email or a mobile number" is shown beside the email.
 */
export function accountRefusals(
  values: AccountValues,
  body: unknown,
  mode: 'invite' | 'patch',
  i18n: Messages,
): FormFieldError[] {
  const schema = mode === 'invite' ? createAccountBody : patchAccountBody;
  const errors = schemaErrors(schema, body, i18n.apiMessage).map((e) =>
    e.name.join('.') === 'contact' ? { ...e, name: ['contact', 'email'] } : e,
  );
  const missing = (name: string, message: string) => {
    if (!errors.some((e) => e.name.join('.') === name))
      errors.push({ name: [name], errors: [i18n.apiMessage(message)] });
  };
  if (values.role === 'chamber-officer' && !values.chamberId)
    missing('chamberId', 'is required for a chamber-officer');
  if (values.role && values.role !== 'chamber-officer' && !values.regionCode)
    missing('regionCode', `is required for ${values.role}`);
  return errors.filter((e) => mode === 'invite' || e.name.length > 0);
}

/** A refused request's field errors for the form, and the rest as text. */
export function refusalFields(
  problem: { errors?: { path: FieldPath; message: string }[] },
  i18n: Messages,
) {
  const errors = (problem.errors ?? []).map((e) =>
    e.path.join('.') === 'contact' ? { ...e, path: ['contact', 'email'] } : e,
  );
  return problemToFields({ errors }, isAccountField, i18n.apiMessage);
}
