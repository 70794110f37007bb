// Runs inside a worker thread: one Lambda execution environment for one function. It loads the
// bundled code once (the cold start) and then handles one invocation at a time, like Lambda.
// Plain Node (type stripping only): it imports only its sibling, by file name, so it needs no
// loader.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';
import { lambdaContext } from './events.ts';

interface Init {
  codeDir: string;
  handler: string;
  functionName: string;
  memoryMb: number;
}
interface Invoke {
  requestId: string;
  /** The event as JSON text, as the Lambda runtime receives it. */
  event: string;
  deadline: number;
}

const init = workerData as Init;
const dot = init.handler.lastIndexOf('.');
const moduleName = init.handler.slice(0, dot);
const exportName = init.handler.slice(dot + 1);

type Handler = (event: unknown, context: unknown) => Promise<unknown>;
const loaded: Promise<Handler> = (async () => {
  const candidates = ['.mjs', '.js', '.cjs'].map((ext) =>
    path.join(init.codeDir, moduleName + ext),
  );
  const { existsSync } = await import('node:fs');
  const file = candidates.find((candidate) => existsSync(candidate));
  if (!file) throw new Error(`No ${moduleName}.mjs/.js in ${init.codeDir}`);
  const module = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  const handler = module[exportName];
  if (typeof handler !== 'function') throw new Error(`${init.handler} is not a function`);
  return handler as Handler;
})();

// The host starts the call's clock once the code is loaded, as Lambda's timeout does not count the
// init phase. Code that failed to load answers the first call with its error, and the host
// replaces this environment after it.
loaded.then(
  () => parentPort?.postMessage({ ready: { failed: false } }),
  () => parentPort?.postMessage({ ready: { failed: true } }),
);

parentPort?.on('message', async (message: Invoke) => {
  const context = lambdaContext(init.functionName, undefined, {
    requestId: message.requestId,
    memoryMb: init.memoryMb,
    deadline: message.deadline,
  });
  try {
    const handler = await loaded;
    const result = await handler(JSON.parse(message.event), context);
    // Lambda answers with the result's JSON (nothing at all reads as null).
    parentPort?.postMessage({
      requestId: message.requestId,
      ok: true,
      result: result === undefined ? undefined : JSON.stringify(result),
    });
  } catch (error) {
    const err = error instanceof Error ? error : new Error(String(error));
    console.error(
      JSON.stringify({
        level: 'ERROR',
        message: 'Invoke Error',
        errorType: err.name,
        errorMessage: err.message,
        stack: err.stack,
      }),
    );
    parentPort?.postMessage({
      requestId: message.requestId,
      ok: false,
      error: { errorType: err.name, errorMessage: err.message },
    });
  }
});
