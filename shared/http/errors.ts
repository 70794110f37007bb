/**
 * Errors a handler may throw on purpose. Each carries its HTTP status; one middleware turns
 * them into problem+json (RFC 9457). Anything else is a fault and is answered 500 without
 * its message, so internals never reach a client.
 */
export type FieldPath = (string | number)[];

/** A 400 names at most this many fields (the first ones), each by a path at most this deep. */
export const MAX_FIELD_ERRORS = 100;
export const MAX_FIELD_DEPTH = 16;
export interface FieldError {
  path: FieldPath;
  message: string;
}

export class HttpError extends Error {
  readonly errors: FieldError[] | undefined;
  readonly headers: Record<string, string>;
  constructor(
    readonly status: number,
    readonly title: string,
    detail: string,
    options: { errors?: FieldError[]; headers?: Record<string, string> } = {},
  ) {
    super(detail);
    this.errors = options.errors;
    this.headers = options.headers ?? {};
  }
}

export class BadRequestError extends HttpError {
  constructor(detail: string, errors?: FieldError[]) {
    super(400, 'Bad Request', detail, errors ? { errors } : {});
  }
  /** A single field is wrong: the common case, named so the client can point at it. */
  static field(path: FieldPath, message: string): BadRequestError {
    return new BadRequestError(`${path.join('.') || 'body'}: ${message}`, [{ path, message }]);
  }
}

export class UnauthorizedError extends HttpError {
  constructor(detail = 'A valid bearer token is required.') {
    super(401, 'Unauthorized', detail);
  }
}

export class ForbiddenError extends HttpError {
  constructor(detail = 'Your role or scope does not allow this.') {
    super(403, 'Forbidden', detail);
  }
}

export class NotFoundError extends HttpError {
  constructor(detail = 'Not found.') {
    super(404, 'Not Found', detail);
  }
}

/** A path the API serves, with a method it does not serve there; `Allow` lists those it does. */
export class MethodNotAllowedError extends HttpError {
  constructor(method: string, path: string, allowed: readonly string[]) {
    super(
      405,
      'Method Not Allowed',
      `${path} does not serve ${method}; it serves ${allowed.join(', ')}.`,
      {
        headers: { allow: allowed.join(', ') },
      },
    );
  }
}

export class ConflictError extends HttpError {
  constructor(detail: string) {
    super(409, 'Conflict', detail);
  }
}

export class PreconditionFailedError extends HttpError {
  constructor(detail = 'If-Match does not match the current version.') {
    super(412, 'Precondition Failed', detail);
  }
}

export class UnprocessableError extends HttpError {
  constructor(detail: string) {
    super(422, 'Unprocessable Content', detail);
  }
}

export class PreconditionRequiredError extends HttpError {
  constructor(detail = 'This change needs an If-Match header with the version you read.') {
    super(428, 'Precondition Required', detail);
  }
}

export class ServiceUnavailableError extends HttpError {
  constructor(detail = 'A backing service is unavailable; try again shortly.') {
    super(503, 'Service Unavailable', detail, { headers: { 'retry-after': '1' } });
  }
}
