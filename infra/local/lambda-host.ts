import { randomUUID } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import type { LocalFunction } from './assembly';

export interface InvokeResult {
  ok: boolean;
  result?: unknown;
  error?: { errorType: string; errorMessage: string };
}

export interface HostOptions {
  /** Variables Lambda itself provides (region, credentials, the local endpoint). */
  runtimeEnvironment: Record<string, string>;
  /** Where the functions' stdout/stderr go. */
  log: (functionId: string, line: string) => void;
  /** Execution environments per function at most (Lambda scales out; so do we, a little). */
  maxConcurrency?: number;
}

/**
 * Lambda gives a function's init phase (loading its code) 10 s apart from its timeout; an init
 * that takes longer goes on within the first call, whose timeout then counts from there.
 */
const INIT_LIMIT_MS = 10_000;

const EXITED: InvokeResult = {
  ok: false,
  error: { errorType: 'Runtime.ExitError', errorMessage: 'Runtime exited' },
};

interface Environment {
  worker: Worker;
  busy: boolean;
  /** How the cold start ended: the code loaded (or failed to), is still loading after the init
   * limit, or the environment exited. */
  ready: Promise<'loaded' | 'late' | 'exited'>;
  /** The code failed to load: the call that hears so is this environment's last, as on Lambda,
   * which starts a new one (and loads the code again) for the next. */
  loadFailed?: boolean;
  /** The invocation in flight: an environment handles one at a time. */
  pending?: { requestId: string; settle: (result: InvokeResult) => void };
}

/**
 * Runs one function as Lambda does: each execution environment (a worker thread with its own
 * process.env) handles one invocation at a time; more are started under load, up to a limit;
 * an invocation that outlives the template's timeout is failed and its environment discarded.
 * As on Lambda, the timeout counts from when the code is loaded: a cold start (a busy machine
 * can take seconds to start a worker) has 10 s of its own before it is charged to the call, and
 * code that fails to load is loaded again, in a new environment, for the next call. Events and
 * results cross as JSON text, as they reach and leave a Lambda function.
 */
export class FunctionHost {
  private readonly environments: Environment[] = [];
  private readonly waiting: { take: (env: Environment) => void; refuse: (e: Error) => void }[] = [];
  private readonly max: number;
  private stopped = false;

  constructor(
    readonly fn: LocalFunction,
    private readonly options: HostOptions,
  ) {
    this.max = options.maxConcurrency ?? 4;
  }

  async invoke(event: unknown): Promise<InvokeResult> {
    // Serialized first: an event JSON cannot carry fails here, before it holds an environment.
    const payload = JSON.stringify(event);
    const env = await this.acquire();
    const requestId = randomUUID();
    const timeoutMs = this.fn.timeoutSeconds * 1000;
    try {
      const start = await env.ready;
      if (start === 'exited') return EXITED;
      if (start === 'late') {
        this.options.log(
          this.fn.id,
          `Init still running after ${INIT_LIMIT_MS / 1000} s (${requestId})`,
        );
      }
      const result = await new Promise<InvokeResult>((resolve) => {
        const timer = setTimeout(() => {
          settle({
            ok: false,
            error: { errorType: 'Sandbox.Timedout', errorMessage: 'Task timed out' },
          });
          this.discard(env);
          this.options.log(
            this.fn.id,
            `Task timed out after ${this.fn.timeoutSeconds} seconds (${requestId})`,
          );
        }, timeoutMs);
        const settle = (result: InvokeResult) => {
          clearTimeout(timer);
          if (env.pending?.requestId === requestId) env.pending = undefined;
          resolve(result);
        };
        env.pending = { requestId, settle };
        env.worker.postMessage({ requestId, event: payload, deadline: Date.now() + timeoutMs });
      });
      if (env.loadFailed) this.discard(env);
      return result;
    } finally {
      this.release(env);
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const caller of this.waiting.splice(0)) caller.refuse(new Error('The runtime stopped.'));
    await Promise.all(this.environments.splice(0).map((env) => env.worker.terminate()));
  }

  private async acquire(): Promise<Environment> {
    if (this.stopped) throw new Error('The runtime stopped.');
    const idle = this.environments.find((env) => !env.busy);
    if (idle) {
      idle.busy = true;
      return idle;
    }
    if (this.environments.length < this.max) {
      const env = this.spawn();
      this.environments.push(env);
      return env;
    }
    return new Promise((take, refuse) => this.waiting.push({ take, refuse }));
  }

  private release(env: Environment): void {
    if (this.stopped) return;
    if (!this.environments.includes(env)) {
      // Discarded after a timeout: hand a fresh environment to whoever waits.
      const next = this.waiting.shift();
      if (next) {
        const fresh = this.spawn();
        this.environments.push(fresh);
        next.take(fresh);
      }
      return;
    }
    const next = this.waiting.shift();
    if (next) next.take(env);
    else env.busy = false;
  }

  private discard(env: Environment): void {
    const index = this.environments.indexOf(env);
    if (index >= 0) this.environments.splice(index, 1);
    void env.worker.terminate();
  }

  private spawn(): Environment {
    const fn = this.fn;
    const worker = new Worker(new URL('./lambda-worker.ts', import.meta.url), {
      workerData: {
        codeDir: fn.codeDir,
        handler: fn.handler,
        functionName: fn.id,
        memoryMb: fn.memoryMb,
      },
      env: {
        ...this.options.runtimeEnvironment,
        ...fn.environment,
        AWS_LAMBDA_FUNCTION_NAME: fn.id,
        AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memoryMb),
        AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
        AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x',
        LAMBDA_TASK_ROOT: fn.codeDir,
        _HANDLER: fn.handler,
        TZ: 'UTC',
      },
      execArgv: [],
      stdout: true,
      stderr: true,
    });
    let started: (how: 'loaded' | 'exited') => void = () => undefined;
    const ready = new Promise<'loaded' | 'late' | 'exited'>((resolve) => {
      const limit = setTimeout(() => resolve('late'), INIT_LIMIT_MS);
      started = (how) => {
        clearTimeout(limit);
        resolve(how);
      };
    });
    const env: Environment = { worker, busy: true, ready };
    for (const stream of [worker.stdout, worker.stderr]) {
      let buffered = '';
      stream.on('data', (chunk: Buffer) => {
        buffered += chunk.toString('utf8');
        const lines = buffered.split('\n');
        buffered = lines.pop() ?? '';
        for (const line of lines) if (line) this.options.log(fn.id, line);
      });
    }
    worker.on(
      'message',
      (
        message: {
          ready?: { failed: boolean };
          requestId: string;
          ok: boolean;
          result?: string;
        } & InvokeResult,
      ) => {
        if (message.ready) {
          env.loadFailed = message.ready.failed;
          // Loaded now, even if the init limit resolved `ready` as late: later calls hear so.
          env.ready = Promise.resolve('loaded');
          return started('loaded');
        }
        const pending = env.pending;
        if (pending?.requestId !== message.requestId) return; // the answer of a timed-out call
        pending.settle(
          message.ok
            ? { ok: true, result: message.result === undefined ? null : JSON.parse(message.result) }
            : { ok: false, error: message.error },
        );
      },
    );
    worker.on('error', (error) => this.options.log(fn.id, `environment failed: ${error.message}`));
    // An environment that crashes (e.g. an error thrown outside the handler) fails its call.
    worker.on('exit', () => {
      started('exited');
      env.pending?.settle(EXITED);
      const index = this.environments.indexOf(env);
      if (index >= 0) this.environments.splice(index, 1);
    });
    return env;
  }
}
