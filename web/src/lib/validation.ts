import type * as z from 'zod/v4/core';
import type { FieldPath, FormFieldError } from './problem';

/*
 * The forms check input with the very zod schemas the API parses it with (shared/contract), so
 * a wrong value is refused before anything is sent, with the message the API would give.
 */
export interface SafeParser {
  safeParse(
    value: unknown,
  ): { success: true; data: unknown } | { success: false; error: z.$ZodError };
}

export function schemaErrors(
  schema: SafeParser,
  value: unknown,
  translate: (message: string) => string,
  prefix: FieldPath = [],
): FormFieldError[] {
  const result = schema.safeParse(value);
  if (result.success) return [];
  const byPath = new Map<string, FormFieldError>();
  for (const issue of result.error.issues) {
    const name = [...prefix, ...(issue.path as FieldPath)];
    const key = JSON.stringify(name);
    const field = byPath.get(key) ?? { name, errors: [] };
    const message = translate(issue.message);
    if (!field.errors.includes(message)) field.errors.push(message);
    byPath.set(key, field);
  }
  return [...byPath.values()];
}

/** An antd Form rule that checks one field's value against a schema. */
export function schemaRule(schema: SafeParser, translate: (message: string) => string) {
  return {
    validator: async (_: unknown, value: unknown) => {
      if (value === undefined || value === null || value === '') return;
      const errors = schemaErrors(schema, value, translate);
      if (errors.length > 0) throw new Error(errors[0]?.errors[0]);
    },
  };
}

/** Puts each error beside its field in an antd form (any form: names are paths of its values). */
export function setFieldErrors(
  form: { setFields(fields: { name: never; errors: string[] }[]): void },
  errors: FormFieldError[],
): void {
  form.setFields(errors.map((e) => ({ name: e.name as never, errors: e.errors })));
}
