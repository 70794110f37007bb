/*
 * Problem details (RFC 9457) as the API answers them, and what a form does with them: each
 * `errors` entry beside the field its path names; the rest as one message.
 */
export type FieldPath = (string | number)[];

export interface Problem {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  errors?: { path: FieldPath; message: string }[];
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(problem.detail || problem.title || `HTTP ${status}`);
  }
  get fieldErrors(): { path: FieldPath; message: string }[] {
    return this.problem.errors ?? [];
  }
}

/** What any answer body says as a problem: problem+json, API Gateway's `{ message }`, or text. */
export function toProblem(status: number, body: unknown): Problem {
  if (body && typeof body === 'object') {
    const b = body as Record<string, unknown>;
    const errors = Array.isArray(b.errors)
      ? b.errors
          .filter(
            (e): e is { path: FieldPath; message: string } =>
              !!e &&
              typeof e === 'object' &&
              Array.isArray((e as { path?: unknown }).path) &&
              typeof (e as { message?: unknown }).message === 'string',
          )
          .map((e) => ({ path: e.path, message: e.message }))
      : undefined;
    return {
      status,
      type: typeof b.type === 'string' ? b.type : undefined,
      title: typeof b.title === 'string' ? b.title : undefined,
      detail:
        typeof b.detail === 'string'
          ? b.detail
          : typeof b.message === 'string'
            ? b.message
            : undefined,
      ...(errors && errors.length > 0 ? { errors } : {}),
    };
  }
  return { status, detail: typeof body === 'string' && body ? body.slice(0, 300) : undefined };
}

export interface FormFieldError {
  name: FieldPath;
  errors: string[];
}

/**
 * Splits a problem's field errors into those a form shows beside one of its fields (`known`
 * says which paths the form has) and the rest, shown as one message. Messages for the same
 * field are kept together, in the order the API gave them.
 */
export function problemToFields(
  problem: Pick<Problem, 'errors'>,
  known: (path: FieldPath) => boolean,
  translate: (message: string) => string = (m) => m,
): { fields: FormFieldError[]; rest: string[] } {
  const byField = new Map<string, FormFieldError>();
  const rest: string[] = [];
  for (const error of problem.errors ?? []) {
    const message = translate(error.message);
    if (error.path.length > 0 && known(error.path)) {
      const key = JSON.stringify(error.path);
      const field = byField.get(key) ?? { name: error.path, errors: [] };
      if (!field.errors.includes(message)) field.errors.push(message);
      byField.set(key, field);
    } else {
      rest.push(error.path.length > 0 ? `${error.path.join('.')}: ${message}` : message);
    }
  }
  return { fields: [...byField.values()], rest };
}
