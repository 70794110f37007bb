import { expect } from 'vitest';
import type { Chamber } from '#shared/contract/registration';
import { completeUscc, USCC_CHARSET } from '#shared/domain/uscc';
import { type Answer, call as rawCall } from './api';

/*
 * Helpers for registration tests over HTTP: valid and broken USCCs, and a `call` that fails the
 * test on the spot when the API answers 5xx or lets a stack trace out, so every test also checks
 * "never a stack trace; 5xx only for real faults".
 */

function randomChars(length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) {
    out += USCC_CHARSET.charAt(Math.floor(Math.random() * USCC_CHARSET.length));
  }
  return out;
}

/** A fresh, valid USCC of a social group (社会团体, "51"), registered in `region`. */
export function socialGroupUscc(region = '371600'): string {
  return completeUscc(`51${region}${randomChars(8)}`);
}

/** A fresh, valid USCC of an enterprise ("91"): valid, but never a chamber's own code. */
export function enterpriseUscc(region = '371600'): string {
  return completeUscc(`91${region}${randomChars(8)}`);
}

/** The same code with a wrong final check character (position 18). */
export function withBadCheck(code: string): string {
  const last = code.charAt(17);
  const wrong = USCC_CHARSET.charAt((USCC_CHARSET.indexOf(last) + 1) % USCC_CHARSET.length);
  return code.slice(0, 17) + wrong;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: { path: (string | number)[]; message: string }[];
}

export type Page<T> = { items: T[]; nextCursor: string | null };
export type { Chamber };

/** `call` from ./api, asserting that the answer is no 5xx and carries no stack trace. */
export async function call<T = Record<string, unknown>>(
  ...args: Parameters<typeof rawCall>
): Promise<Answer<T>> {
  const answer = await rawCall<T>(...args);
  const where = `${args[0]} ${args[1]}`;
  expect(answer.status, `${where} answered ${JSON.stringify(answer.body)}`).toBeLessThan(500);
  const text = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body ?? '');
  expect(text, `${where} leaked a stack trace`).not.toMatch(/"stack"|\n\s+at .+:\d+:\d+/);
  return answer;
}

/** Asserts a problem+json answer of `status`; with `path`, that `errors` names that field. */
export function expectProblem(
  answer: Answer<unknown>,
  status: number,
  path?: (string | number)[],
): Problem {
  const body = answer.body as Problem;
  expect(answer.status, JSON.stringify(body)).toBe(status);
  expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(body).toMatchObject({
    type: expect.any(String),
    title: expect.any(String),
    status,
    detail: expect.any(String),
  });
  expect(body).not.toHaveProperty('stack');
  if (path) {
    expect(body.errors?.map((error) => error.path)).toContainEqual(path);
  }
  return body;
}
