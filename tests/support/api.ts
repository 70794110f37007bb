import { inject } from 'vitest';

export const apiUrl = inject('apiUrl');

export interface Answer<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: T;
}

/** A call to the local API as a client makes it; the body is parsed JSON (or the raw text). */
export async function call<T = Record<string, unknown>>(
  method: string,
  path: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Answer<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined;
  if (options.body !== undefined) {
    headers['content-type'] ??= 'application/json';
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
  }
  const response = await fetch(`${apiUrl}${path}`, { method, headers, body });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, headers: response.headers, body: parsed as T };
}

/** A token from the local issuer, as `GET /_local/token` gives one. */
export async function token(params: {
  role: string;
  regionCode?: string;
  chamberId?: string;
  sub?: string;
  expiresIn?: number;
}): Promise<string> {
  const query = new URLSearchParams(
    Object.entries(params)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]): [string, string] => [k, String(v)]),
  );
  const answer = await call<{ token: string }>('GET', `/_local/token?${query}`);
  if (answer.status !== 200)
    throw new Error(`token: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body.token;
}
