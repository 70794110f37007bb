import { createContext, useContext } from 'react';
import { ApiError, toProblem } from './problem';

/*
 * The one API client. Same origin as the console (config.json's apiBase, "" by default); the
 * signed-in person's ID token is the bearer. A 401 means the session is over: the client asks
 * the app to sign in again (which keeps what was typed) and the request fails as an ApiError.
 */
export type Query = Record<string, string | number | undefined | null>;

export interface ApiClient {
  get<T>(path: string, query?: Query, options?: { auth?: boolean }): Promise<T>;
  send<T>(
    method: 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<T>;
  /** The answer as it is, never thrown (for callers that judge statuses and headers themselves). */
  exchange(
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<{ status: number; headers: Headers; body: unknown }>;
}

export interface ApiClientOptions {
  baseUrl: string;
  /** The bearer for the next request (renewed first if it has expired), or undefined. */
  token: () => Promise<string | undefined>;
  /** A 401 to a bearer the client thought valid (it expired in flight, or this clock is behind):
   * a new bearer from the refresh token, if there is one, for one more try. */
  renew?: () => Promise<string | undefined>;
  onUnauthorized: () => void;
  fetchFn?: typeof fetch;
}

export function withQuery(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

export function createApiClient(options: ApiClientOptions): ApiClient {
  const fetchFn = options.fetchFn ?? ((...args) => fetch(...args));
  async function exchange(
    method: string,
    path: string,
    init: { body?: unknown; headers?: Record<string, string>; auth?: boolean } = {},
  ): Promise<{ status: number; headers: Headers; body: unknown }> {
    const headers: Record<string, string> = { accept: 'application/json', ...init.headers };
    if (init.auth !== false) {
      const token = await options.token();
      if (token) headers.authorization = `Bearer ${token}`;
    }
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    const send = async () => {
      try {
        return await fetchFn(options.baseUrl + path, {
          method,
          headers,
          body: init.body === undefined ? undefined : JSON.stringify(init.body),
        });
      } catch (error) {
        throw new ApiError(0, { status: 0, title: 'Network', detail: (error as Error).message });
      }
    };
    let response = await send();
    if (response.status === 401 && headers.authorization && options.renew) {
      // The same request again (its Idempotency-Key too), once, with a renewed bearer.
      const renewed = await options.renew().catch(() => undefined);
      if (renewed && `Bearer ${renewed}` !== headers.authorization) {
        headers.authorization = `Bearer ${renewed}`;
        response = await send();
      }
    }
    const text = await response.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text for the message
    }
    if (response.status === 401 && headers.authorization) options.onUnauthorized();
    return { status: response.status, headers: response.headers, body };
  }
  async function request<T>(
    method: string,
    path: string,
    init: { body?: unknown; headers?: Record<string, string>; auth?: boolean } = {},
  ): Promise<T> {
    const answer = await exchange(method, path, init);
    if (answer.status >= 200 && answer.status < 300) return answer.body as T;
    throw new ApiError(answer.status, toProblem(answer.status, answer.body));
  }
  return {
    get: (path, query, opts) => request('GET', withQuery(path, query), { auth: opts?.auth }),
    send: (method, path, body, headers) => request(method, path, { body, headers }),
    exchange: (method, path, body, headers) => exchange(method, path, { body, headers }),
  };
}

export const ApiContext = createContext<ApiClient | null>(null);

export function useApi(): ApiClient {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi outside ApiContext');
  return api;
}
