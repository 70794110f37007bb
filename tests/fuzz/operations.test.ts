import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiUrl, token } from '../support/api';
import { hostilePathValue, hostileValue, valueFor } from './arbitraries';
import { type Document, type Operation, operationsOf, type Schema, validator } from './document';
import { type Fixtures, makeFixtures } from './fixtures';

/*
 * Every operation of the OpenAPI document the API serves (routes added later included, with no
 * edit here), against the real local runtime: valid requests built from the document's schemas
 * and the fixtures' real ids, and a seeded, bounded set of hostile ones. Every answer must be one
 * the document declares for that operation: never a 5xx; an error is problem+json whose `status`
 * is the HTTP status, or exactly API Gateway's documented answer; a 2xx body fits its schema; no
 * 2xx for a body the document forbids; 401 without a valid token wherever a token is required.
 *
 * FUZZ_SEED picks another seed (default below), FUZZ_RUNS the requests per operation. A failure
 * names the seed and prints the request as a curl command.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20_251_129);
const RUNS = Number(process.env.FUZZ_RUNS ?? 16);

const document = (await (await fetch(`${apiUrl}/openapi.json`)).json()) as Document;
const operations = operationsOf(document);
const check = validator();

let fixtures: Fixtures;
let badTokens: { kind: string; token: string | undefined }[];
let sent = 0;
/** The statuses each operation answered: how far the valid requests got. */
const seen = new Map<string, Set<number>>();
const started = Date.now();

beforeAll(async () => {
  fixtures = await makeFixtures();
  const valid = fixtures.tokens[0]?.token ?? '';
  const [header, payload] = valid.split('.');
  const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8'));
  const forged = Buffer.from(JSON.stringify({ ...claims, 'custom:regionCode': '370000' })).toString(
    'base64url',
  );
  badTokens = [
    { kind: 'none', token: undefined },
    {
      kind: 'expired',
      token: await token({ role: 'fic-admin', regionCode: '370200', expiresIn: -60 }),
    },
    // The payload changed, the signature kept: it no longer verifies.
    { kind: 'forged', token: `${header}.${forged}.${valid.split('.')[2]}` },
    { kind: 'unsigned', token: `${header}.${payload}.` },
    { kind: 'garbage', token: 'not-a-jwt' },
  ];
});

afterAll(() => {
  const seconds = (Date.now() - started) / 1000;
  const reached = operations.filter((op) =>
    [...(seen.get(op.name) ?? [])].some((status) => status < 300),
  );
  console.log(
    `fuzz: ${operations.length} operations, ${sent} requests in ${seconds.toFixed(1)} s (FUZZ_SEED=${SEED}, FUZZ_RUNS=${RUNS}); a 2xx on ${reached.length} of them; none on ${operations
      .filter((op) => !reached.includes(op))
      .map((op) => op.operationId)
      .join(', ')}`,
  );
});

interface Attempt {
  method: string;
  /** Path with its parameters filled in (percent-encoded as sent). */
  url: string;
  headers: Record<string, string>;
  body: string | undefined;
  /** The body as JSON, when it is JSON: checked against the document's request schema. */
  json: unknown;
  /** What was done to the request: "valid" or the hostile variant. */
  variant: string;
  /** A path value that is not the parameter's kind may take the request to another route. */
  pathTampered: boolean;
  tokenKind: string;
}

/**
 * Query and header values stay within what an HTTP server takes on a request line and its headers
 * (API Gateway's limit is 10,240 bytes): a larger one never reaches a route.
 */
const hostileParameter = hostileValue.filter(
  (value) => (typeof value === 'string' ? value : (JSON.stringify(value) ?? '')).length < 2000,
);

/** Cursors the API never gave: another table's key, another region's, not JSON, not base64url. */
const base64url = (text: string) => Buffer.from(text).toString('base64url');
const tamperedCursor = fc.oneof(
  fc.constantFrom(
    base64url(JSON.stringify({ pk: 'CHAMBER#someone-else', sk: 'CHAMBER' })),
    base64url(JSON.stringify({ pk: { S: 'x' }, sk: 1, extra: [1, 2] })),
    base64url(JSON.stringify({ regionCode: '110000', pk: 'REGION#110000', sk: 'x' })),
    base64url('not json'),
    base64url('null'),
    base64url(JSON.stringify('x'.repeat(1500))),
    '!!!!',
  ),
  fc.stringMatching(/^[A-Za-z0-9_-]{1,200}$/),
);

const encode = (value: unknown) =>
  encodeURIComponent(typeof value === 'string' ? value : JSON.stringify(value));

/** The request an attempt describes, as a command anyone can run against a local runtime. */
function curl(attempt: Attempt): string {
  const quote = (text: string) => `'${text.replaceAll("'", `'\\''`)}'`;
  const parts = ['curl -i --path-as-is', `-X ${attempt.method}`, quote(`${apiUrl}${attempt.url}`)];
  for (const [name, value] of Object.entries(attempt.headers))
    parts.push(`-H ${quote(`${name}: ${value}`)}`);
  if (attempt.body !== undefined) {
    if (attempt.body.length > 2000) {
      const file = path.join(os.tmpdir(), `fuzz-body-${Date.now()}.txt`);
      writeFileSync(file, attempt.body);
      parts.push(`--data-binary @${file}`);
    } else parts.push(`--data-binary ${quote(attempt.body)}`);
  }
  return parts.join(' ');
}

function requestsFor(op: Operation): fc.Arbitrary<Attempt> {
  const { hints, pathValues, tokens } = fixtures;
  const pathParameters = op.parameters.filter((p) => p.in === 'path');
  const others = op.parameters.filter((p) => p.in !== 'path');
  const segmentBefore = (name: string) => {
    const segments = op.path.split('/');
    return segments[segments.indexOf(`{${name}}`) - 1] ?? '';
  };
  const pathValue = (name: string, schema: Schema) => {
    const known = pathValues[`${segmentBefore(name)}.${name}`] ?? pathValues[name];
    return known ? fc.constantFrom(...known) : valueFor(schema, hints, name).map(String);
  };
  const validParams = fc.record(
    Object.fromEntries(pathParameters.map((p) => [p.name, pathValue(p.name, p.schema)])),
  );
  // An optional parameter half the time; never a made-up `cursor` (only the API can make a
  // valid one: made-up ones are among the hostile values).
  const optional = (p: (typeof others)[number]) =>
    p.required
      ? valueFor(p.schema, hints, p.name)
      : p.name === 'cursor'
        ? fc.constant(undefined)
        : fc.oneof(fc.constant(undefined), valueFor(p.schema, hints, p.name));
  const validOthers = fc.record(Object.fromEntries(others.map((p) => [p.name, optional(p)])));
  const validBody = op.body ? valueFor(op.body, hints) : fc.constant(undefined);
  const tokenChoice = op.public
    ? fc.constantFrom<{ kind: string; token: string | undefined }>(
        { kind: 'none', token: undefined },
        ...tokens.map((t) => ({ kind: t.role, token: t.token })),
      )
    : fc.oneof(
        {
          weight: 4,
          arbitrary: fc.constantFrom(...tokens.map((t) => ({ kind: t.role, token: t.token }))),
        },
        { weight: 1, arbitrary: fc.constantFrom(...badTokens) },
      );

  type Variant = (draft: Draft) => fc.Arbitrary<Draft>;
  interface Draft {
    params: Record<string, unknown>;
    others: Record<string, unknown>;
    body: unknown;
    rawBody?: string;
    contentType: string;
    variant: string;
    pathTampered: boolean;
  }
  const keyOf = (value: unknown) =>
    typeof value === 'object' && value !== null && !Array.isArray(value) ? Object.keys(value) : [];
  const variants: Variant[] = [
    (d) => fc.constant(d),
    ...(pathParameters.length > 0
      ? [
          (d: Draft) =>
            fc
              .tuple(fc.constantFrom(...pathParameters.map((p) => p.name)), hostilePathValue)
              .map(([name, value]) => ({
                ...d,
                // Sent as it is: a bad escape stays a bad escape.
                params: { ...d.params, [name]: { raw: value } },
                variant: `path ${name}=${value}`,
                pathTampered: true,
              })),
        ]
      : []),
    ...(others.length > 0
      ? [
          (d: Draft) =>
            fc
              .tuple(fc.constantFrom(...others.map((p) => p.name)), hostileParameter)
              .map(([name, value]) => ({
                ...d,
                others: { ...d.others, [name]: value },
                variant: `${name} hostile`,
              })),
          ...(others.some((p) => p.name === 'cursor')
            ? [
                (d: Draft) =>
                  tamperedCursor.map((cursor) => ({
                    ...d,
                    others: { ...d.others, cursor },
                    variant: `cursor ${cursor}`,
                  })),
              ]
            : []),
          (d: Draft) =>
            fc.constant({
              ...d,
              others: { ...d.others, unknownParameter: '1' },
              variant: 'unknown query',
            }),
        ]
      : []),
    ...(op.body
      ? [
          (d: Draft) =>
            keyOf(d.body).length === 0
              ? fc.constant({ ...d, body: [], variant: 'body an array' })
              : fc.tuple(fc.constantFrom(...keyOf(d.body)), hostileValue).map(([key, value]) => ({
                  ...d,
                  body: { ...(d.body as object), [key]: value },
                  variant: `body.${key} hostile`,
                })),
          (d: Draft) =>
            keyOf(d.body).length === 0
              ? fc.constant({ ...d, body: {}, variant: 'body empty' })
              : fc.constantFrom(...keyOf(d.body)).map((key) => {
                  const { [key]: _dropped, ...rest } = d.body as Record<string, unknown>;
                  return { ...d, body: rest, variant: `body.${key} missing` };
                }),
          (d: Draft) =>
            fc.constant({
              ...d,
              body: { ...(d.body as object), unknownField: 'x' },
              variant: 'body unknown field',
            }),
          (d: Draft) => hostileValue.map((body) => ({ ...d, body, variant: 'body hostile' })),
          (d: Draft) =>
            fc
              .constantFrom(
                '{"name":',
                '{',
                'null',
                '"text"',
                '{"a":1}}',
                '\u0000',
                '{"a":1,}',
                'NaN',
              )
              .map((rawBody) => ({ ...d, rawBody, variant: 'body broken JSON' })),
          (d: Draft) =>
            fc
              .constantFrom(
                'text/plain',
                'application/x-www-form-urlencoded',
                'application/xml',
                'multipart/form-data; boundary=x',
              )
              .map((contentType) => ({
                ...d,
                contentType,
                variant: `content-type ${contentType}`,
              })),
        ]
      : []),
  ];

  return fc
    .record({
      params: validParams,
      others: validOthers,
      body: validBody,
      token: tokenChoice,
      pick: fc.nat({ max: 2 * variants.length - 1 }),
    })
    .chain(({ params, others: values, body, token, pick }) => {
      // Half the runs valid, half spread over the hostile variants.
      const variant = variants[pick < variants.length ? 0 : pick - variants.length] ?? variants[0];
      const draft: Draft = {
        params,
        others: values,
        body,
        contentType: 'application/json',
        variant: 'valid',
        pathTampered: false,
      };
      return (variant as Variant)(draft).map((d) => ({ d, token }));
    })
    .map(({ d, token }) => {
      const url = op.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
        const value = d.params[name];
        return typeof value === 'object' && value !== null && 'raw' in value
          ? String((value as { raw: unknown }).raw)
          : encode(value);
      });
      const query = new URLSearchParams();
      const headers: Record<string, string> = {};
      for (const p of others) {
        const value = d.others[p.name];
        if (value === undefined) continue;
        const text = typeof value === 'string' ? value : JSON.stringify(value);
        if (p.in === 'query') query.append(p.name, text);
        else if (/^[\x20-\x7e]*$/.test(text) && text.length < 4000) headers[p.name] = text;
      }
      if (d.others.unknownParameter !== undefined) query.append('unknownParameter', '1');
      if (token.token !== undefined) headers.authorization = `Bearer ${token.token}`;
      let body: string | undefined;
      if (op.body) {
        body = d.rawBody ?? JSON.stringify(d.body ?? null);
        headers['content-type'] = d.contentType;
      }
      const search = query.toString();
      return {
        method: op.method,
        url: search ? `${url}?${search}` : url,
        headers,
        body,
        json: d.rawBody === undefined ? d.body : undefined,
        variant: d.variant,
        pathTampered: d.pathTampered,
        tokenKind: token.kind,
      } satisfies Attempt;
    });
}

interface Answer {
  status: number;
  contentType: string;
  text: string;
  body: unknown;
  allow: string | null;
}

async function send(attempt: Attempt): Promise<Answer> {
  sent++;
  const response = await fetch(`${apiUrl}${attempt.url}`, {
    method: attempt.method,
    headers: attempt.headers,
    body: attempt.body,
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: judged as text
  }
  return {
    status: response.status,
    contentType: (response.headers.get('content-type') ?? '').split(';')[0] ?? '',
    text,
    body,
    allow: response.headers.get('allow'),
  };
}

/** What is wrong with an answer, measured against the document; undefined when nothing is. */
function judge(op: Operation, attempt: Attempt, answer: Answer): string | undefined {
  const { status } = answer;
  if (status >= 500) return `a ${status}`;
  const validToken = !['none', 'expired', 'forged', 'unsigned', 'garbage'].includes(
    attempt.tokenKind,
  );
  if (!op.public && !validToken && !attempt.pathTampered && status !== 401) {
    return `${status} without a valid token (${attempt.tokenKind}): expected 401`;
  }
  const documented = op.responses.get(status);
  if (!documented) {
    // A path value of another kind may route the request elsewhere: the `$default` route's 404.
    const elsewhere = attempt.pathTampered && status === 404;
    if (!elsewhere) return `${status} is not an answer the document declares for ${op.name}`;
  }
  if (status >= 400) {
    if (answer.contentType === 'application/problem+json') {
      const problem = answer.body as { status?: unknown };
      if (problem?.status !== status) return `problem+json with status ${String(problem?.status)}`;
    }
    const schemas = documented ?? op.responses.get(400) ?? {};
    const schema = schemas[answer.contentType];
    if (!schema) return `${status} as ${answer.contentType || 'no content type'}: not documented`;
    const wrong = check(schema, answer.body);
    if (wrong) return `${status} body does not fit its schema: ${wrong}`;
    return undefined;
  }
  if (status >= 200 && status < 300) {
    if (op.body && attempt.json !== undefined && check(op.body, attempt.json) === undefined) {
      // fine: the body is one the document allows
    } else if (op.body) {
      return `${status} for a body the document forbids (${attempt.variant})`;
    }
    const schema = documented?.['application/json'];
    if (schema) {
      const wrong = check(schema, answer.body);
      if (wrong) return `${status} body does not fit its schema: ${wrong}`;
    } else if (answer.text !== '') return `${status} carries a body the document does not describe`;
  }
  return undefined;
}

const seedOf = (name: string) => {
  let hash = SEED;
  for (const char of name) hash = (Math.imul(hash, 31) + char.charCodeAt(0)) | 0;
  return hash;
};

describe('every operation of the document', () => {
  it('is more than a handful, public and protected', () => {
    expect(operations.length).toBeGreaterThan(50);
    expect(operations.some((op) => op.public)).toBe(true);
    expect(operations.some((op) => !op.public)).toBe(true);
  });

  it.concurrent.each(operations)('$name answers only what the document declares', async (op) => {
    const failures: string[] = [];
    await fc
      .assert(
        fc.asyncProperty(requestsFor(op), async (attempt) => {
          const answer = await send(attempt);
          seen.set(op.name, (seen.get(op.name) ?? new Set()).add(answer.status));
          const wrong = judge(op, attempt, answer);
          if (wrong) {
            const message = `${op.name}, ${attempt.variant}, token ${attempt.tokenKind}: ${wrong}\n  answer: ${answer.status} ${answer.text.slice(0, 300)}\n  ${curl(attempt)}`;
            failures.push(message);
            throw new Error(message);
          }
        }),
        { seed: seedOf(op.name), numRuns: RUNS, endOnFailure: true },
      )
      .catch((error: Error) => {
        throw new Error(`FUZZ_SEED=${SEED}: ${failures[0] ?? error.message}`);
      });
  });

  it.concurrent.each(operations.filter((op) => !op.public))(
    '$name answers 401 without a valid token',
    async (op) => {
      const url = op.path.replace(/\{[^}]+\}/g, 'x');
      for (const bad of badTokens) {
        const headers: Record<string, string> = bad.token
          ? { authorization: `Bearer ${bad.token}` }
          : {};
        const answer = await send({
          method: op.method,
          url,
          headers,
          body: op.body ? '{}' : undefined,
          json: {},
          variant: bad.kind,
          pathTampered: false,
          tokenKind: bad.kind,
        });
        expect(answer.status, `${op.name} with ${bad.kind}`).toBe(401);
        expect(answer.body).toEqual({ message: 'Unauthorized' });
      }
    },
  );

  it('answers the methods a path does not serve with 405 and Allow, as the document lists them', async () => {
    // A concrete path is served by every template it matches, as API Gateway routes it: a
    // literal segment (/v1/accounts/me) also matches a parameter beside it (/v1/accounts/{id}).
    const pattern = (template: string) =>
      new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`);
    const templates = [...new Set(operations.map((op) => op.path))];
    for (const template of templates) {
      const url = template.replace(/\{[^}]+\}/g, 'x');
      const methods = operations.filter((op) => pattern(op.path).test(url)).map((op) => op.method);
      for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].filter(
        (m) => !methods.includes(m),
      )) {
        const answer = await send({
          method,
          url,
          headers: {},
          body: undefined,
          json: undefined,
          variant: '405',
          pathTampered: false,
          tokenKind: 'none',
        });
        expect(answer.status, `${method} ${template}`).toBe(405);
        expect(answer.contentType).toBe('application/problem+json');
        expect(answer.allow?.split(', ').sort(), `${method} ${template}`).toEqual(
          expect.arrayContaining([...methods].sort()),
        );
      }
    }
  });
});
