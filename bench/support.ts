import http from 'node:http';
import { completeUscc } from '#shared/domain/uscc';

/** Figures are printed, never asserted: benchmarks measure, tests judge. */

export interface Api {
  url: string;
  call<T = Record<string, unknown>>(
    method: string,
    path: string,
    options?: { token?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<{ status: number; body: T }>;
  token(query: Record<string, string>): Promise<string>;
  close(): void;
}

/**
 * A client of the API on node:http with kept-alive connections: the same HTTP stack the SDK's
 * NodeHttpHandler uses for the direct-DynamoDB baselines, so a ratio compares the system, not two
 * HTTP clients (fetch cost 0.05–0.26 ms more per request here, run to run).
 */
export function api(url: string): Api {
  const agent = new http.Agent({ keepAlive: true });
  const { hostname, port } = new URL(url);
  const send = (
    method: string,
    path: string,
    headers: Record<string, string>,
    body: string | undefined,
    retried = false,
  ): Promise<{ status: number; body: never }> =>
    new Promise((resolve, reject) => {
      const request = http.request({ agent, hostname, port, method, path, headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({
            status: response.statusCode ?? 0,
            body: (text ? JSON.parse(text) : undefined) as never,
          });
        });
        response.on('error', reject);
      });
      request.on('error', (error: NodeJS.ErrnoException) => {
        // A kept-alive connection the server closed as this request went out: the request never
        // reached it, so send it again on a fresh connection (as fetch does).
        if (request.reusedSocket && error.code === 'ECONNRESET' && !retried) {
          send(method, path, headers, body, true).then(resolve, reject);
        } else reject(error);
      });
      request.end(body);
    });
  const call: Api['call'] = (method, path, options = {}) => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    const body = options.body === undefined ? undefined : JSON.stringify(options.body);
    if (body !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = String(Buffer.byteLength(body));
    }
    return send(method, path, headers, body);
  };
  return {
    url,
    call,
    async token(query) {
      const answer = await call<{ token: string }>(
        'GET',
        `/_local/token?${new URLSearchParams(query)}`,
      );
      return answer.body.token;
    },
    close: () => agent.destroy(),
  };
}

/** A registered chamber (an industry chamber of a county), created as an FIC admin would. */
export async function registeredChamber(
  client: Api,
  admin: string,
  name: string,
  serial: number,
  regionCode = '371625',
) {
  const created = await client.call<{ id: string }>('POST', '/v1/chambers', {
    token: admin,
    body: { name, kind: 'industry', regionCode, relationship: 'supervised' },
  });
  if (created.status !== 201)
    throw new Error(`create chamber: ${created.status} ${JSON.stringify(created.body)}`);
  const id = created.body.id;
  for (const body of [
    { action: 'approve' },
    { action: 'register', uscc: completeUscc(`51371625B${String(serial).padStart(7, '0')}`) },
  ]) {
    const answer = await client.call('POST', `/v1/chambers/${id}/status`, { token: admin, body });
    if (answer.status !== 200)
      throw new Error(`status: ${answer.status} ${JSON.stringify(answer.body)}`);
  }
  return id;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

/** Runs `task(i)` for i in [0, count) with `concurrency` of them in flight. */
export async function pool(count: number, concurrency: number, task: (i: number) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) await task(next++);
    }),
  );
}
