import type { SheetKind } from '#shared/spreadsheets/columns';
import type { Sheet } from '#shared/spreadsheets/rows';
import type { Transport } from '#shared/spreadsheets/send';
import type { ApiClient } from '../../lib/api';

/** Parses a file in a worker of its own (ended once it has answered). */
export function parseInWorker(kind: SheetKind, file: File): Promise<Sheet> {
  return file.arrayBuffer().then(
    (bytes) =>
      new Promise<Sheet>((resolve, reject) => {
        const worker = new Worker(new URL('./parse.worker.ts', import.meta.url), {
          type: 'module',
        });
        worker.onmessage = (
          event: MessageEvent<{ ok: boolean; sheet?: Sheet; message?: string }>,
        ) => {
          worker.terminate();
          if (event.data.ok && event.data.sheet) resolve(event.data.sheet);
          else reject(new Error(event.data.message ?? 'unreadable file'));
        };
        worker.onerror = (event) => {
          worker.terminate();
          reject(new Error(event.message));
        };
        worker.postMessage({ kind, name: file.name, bytes }, [bytes]);
      }),
  );
}

/** The import's sending code talks to the API through the console's client (its token). */
export function transportOf(api: ApiClient): Transport {
  return {
    async request(method, path, body, headers) {
      const answer = await api.exchange(method, path, body, headers);
      const replayed = answer.headers.get('idempotent-replayed') === 'true';
      return { status: answer.status, replayed, body: answer.body };
    },
  };
}
