import type { FormInstance } from 'antd';
import dayjs from 'dayjs';
import { chamberShapeErrors } from '#shared/domain/chamber';
import type { I18n } from '../../lib/i18n';
import { ApiError, type FormFieldError, problemToFields } from '../../lib/problem';
import { type SafeParser, schemaErrors, setFieldErrors } from '../../lib/validation';
import { type FormValues, isFormField, type Profile } from './form';

/**
 * What the API would refuse, found before sending: the request schema the function parses with,
 * then the rules tying fields together (the domain's own chamberShapeErrors).
 */
export function refusals(
  schema: SafeParser,
  body: unknown,
  profile: Profile,
  i18n: I18n,
): FormFieldError[] {
  const errors = schemaErrors(schema, body, i18n.apiMessage);
  if (profile.kind && profile.regionCode) {
    for (const e of chamberShapeErrors({
      ...profile,
      kind: profile.kind,
      regionCode: profile.regionCode,
    })) {
      if (!errors.some((x) => JSON.stringify(x.name) === JSON.stringify(e.path))) {
        errors.push({ name: e.path, errors: [i18n.apiMessage(e.message)] });
      }
    }
  }
  return errors;
}

/** Shows field errors beside their fields; returns the messages that belong to no field. */
export function showFieldErrors(form: FormInstance, errors: FormFieldError[]): string[] {
  const here = errors.filter((e) => isFormField(e.name));
  const rest = errors.filter((e) => !isFormField(e.name)).map((e) => e.errors.join(' '));
  setFieldErrors(form, here);
  if (here[0]) form.scrollToField(here[0].name, { block: 'center' });
  return rest;
}

/** A refused request: its field errors beside the fields; the rest (and any other error) as text. */
export function apiRefusal(form: FormInstance, error: unknown, i18n: I18n): string[] {
  if (!(error instanceof ApiError)) return [];
  const { fields, rest } = problemToFields(error.problem, isFormField, i18n.apiMessage);
  return [...showFieldErrors(form, fields), ...rest];
}

/** Form values as JSON text can keep them (a draft across signing in again), and back. */
export function draftOf(values: FormValues): unknown {
  return { ...values, foundedOn: values.foundedOn ? values.foundedOn.format('YYYY-MM-DD') : null };
}
export function fromDraft(draft: unknown): FormValues {
  const values = draft as FormValues & { foundedOn?: string | null };
  return { ...values, foundedOn: values.foundedOn ? dayjs(values.foundedOn) : null };
}
