import { describeError } from '../../components/ErrorResult';
import type { I18n } from '../../lib/i18n';
import { ApiError, type FormFieldError } from '../../lib/problem';

/** A refused write: the API's field errors for the form to show beside their fields, and the
 * rest (or the whole problem, when it names no field) as messages above the form. */
export function problemsOf(
  error: unknown,
  i18n: Pick<I18n, 't' | 'apiMessage'>,
): { fields: FormFieldError[]; rest: string[] } {
  const fields = error instanceof ApiError ? error.fieldErrors : [];
  if (fields.length === 0)
    return { fields: [], rest: [describeError(error, i18n.t, i18n.apiMessage)] };
  return {
    fields: fields.map((e) => ({ name: e.path, errors: [i18n.apiMessage(e.message)] })),
    rest: [],
  };
}
