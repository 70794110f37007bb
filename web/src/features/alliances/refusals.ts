import type { I18n } from '../../lib/i18n';
import { ApiError, type FormFieldError } from '../../lib/problem';

/*
 * Why the API refused a membership (409), in the reader's language: the API words its refusals
 * in English, and these are the ones a person adding a member meets. Anything else is shown
 * as the API wrote it, after its status's name.
 */
const REASONS: [RegExp, Parameters<I18n['t']>[0]][] = [
  [/has no Party organisation/, 'alliance.refused.noParty'],
  [/ is (rejected|deregistered)\.$/, 'alliance.refused.status'],
  [/lies outside the alliance's region/, 'alliance.refused.region'],
  [/ is full /, 'alliance.refused.full'],
  [/^Not members of alliance /, 'alliance.refused.notMembers'],
];

export function refusalMessage(error: unknown, { t, locale, apiMessage }: I18n): string {
  if (error instanceof ApiError && error.status === 409 && locale !== 'en') {
    const detail = error.problem.detail ?? '';
    const known = REASONS.find(([pattern]) => pattern.test(detail));
    if (known) return t(known[1]);
  }
  if (!(error instanceof ApiError)) return t('error.generic');
  if (error.status === 0) return t('error.network');
  return error.problem.detail ? apiMessage(error.problem.detail) : t('error.generic');
}

/** The API's field errors (400), each beside the form's field its path starts with. */
export function fieldRefusals(error: unknown, { apiMessage }: I18n): FormFieldError[] {
  if (!(error instanceof ApiError)) return [];
  return error.fieldErrors.map((e) => ({
    name: e.path.slice(0, 1),
    errors: [apiMessage(e.message)],
  }));
}
