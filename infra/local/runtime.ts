import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import regionNames from '#generated/divisions/region-names.json' with { type: 'json' };
import { covers } from '#shared/regions/codes';
import { buildApp } from '../build';
import { AccountRefused, LocalAccounts } from './accounts';
import { Assembly, LOCAL_REGION } from './assembly';
import { isEmpty, loadDemo } from './demo';
import {
  checkJava,
  type DynamoLocal,
  ensureTables,
  LOCAL_CREDENTIALS,
  SetupError,
  startDynamoLocal,
} from './dynamodb';
import { decodePath, Gateway, send } from './gateway';
import { cognitoClaims, isRole, LocalIssuer } from './issuer';
import { FunctionHost, type InvokeResult } from './lambda-host';
import { LocalOidc, type SignInChoices } from './oidc';
import { LocalCloudFront } from './site';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface RuntimeOptions {
  port: number;
  host?: string;
  /** Start from an empty database that is gone when the runtime stops. */
  inMemory: boolean;
  dataDir?: string;
  outdir?: string;
  /** `outdir` already holds this app's cloud assembly, synthesized by this process: serve it. */
  synthesized?: boolean;
  log?: (functionId: string, line: string) => void;
  /** Load the Binzhou demo and run every schedule once when the database is empty. */
  demo?: boolean;
  /** What the runtime says it is doing while it starts (default: stderr). */
  say?: (line: string) => void;
}

export interface Runtime {
  url: string;
  dynamoEndpoint: string;
  assembly: Assembly;
  hosts: Map<string, FunctionHost>;
  /** Signing in as an account through the template's token trigger (absent without one). */
  accounts: LocalAccounts | undefined;
  stop(): Promise<void>;
}

/**
 * The local runtime: synthesizes the CDK app, then serves what the cloud assembly declares:
 * its tables in DynamoDB Local, its routes over HTTP with its JWT authorizer, its functions'
 * bundled code in Lambda-like workers, and its schedules on demand.
 */
export async function startRuntime(options: RuntimeOptions): Promise<Runtime> {
  const dataDir = options.dataDir ?? path.join(ROOT, '.data');
  const outdir = options.outdir ?? path.join(ROOT, 'cdk.out');
  checkJava(); // before anything slow, so a missing Java is the first thing said
  const server = createServer();
  await listen(server, options.port, options.host ?? '127.0.0.1');
  const address = server.address() as AddressInfo;
  const url = `http://${address.address}:${address.port}`;
  const stops: (() => Promise<void>)[] = [
    () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        // A client holding a connection open must not keep the runtime from stopping.
        server.closeAllConnections();
      }),
  ];
  // The port is taken before the slow start-up, so a request may arrive early: it waits for the
  // runtime to be ready (or is told it failed to start) instead of hanging unanswered.
  let serve: ((req: IncomingMessage, res: ServerResponse) => Promise<void>) | undefined;
  let ready: () => void = () => undefined;
  const started = new Promise<void>((resolve) => {
    ready = resolve;
  });
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    void started.then(() =>
      serve ? serve(req, res) : send(res, 503, { message: 'The local runtime failed to start.' }),
    );
  });
  const stop = async () => {
    for (const fn of stops.reverse()) await fn().catch(() => undefined);
  };
  let starting: Promise<DynamoLocal> | undefined;
  try {
    // DynamoDB Local (a JVM) warms up while the app synthesizes.
    starting = startDynamoLocal(
      await freePort(),
      options.inMemory ? undefined : path.join(dataDir, 'dynamodb'),
    );
    const context = cdkContext();
    const assembly = options.synthesized ? new Assembly(outdir) : synthesize(outdir, context);
    const dynamo = await starting;
    stops.push(dynamo.stop);
    await ensureTables(dynamo.client, assembly.tables());

    const issuer = await LocalIssuer.create(
      options.inMemory ? undefined : path.join(dataDir, 'issuer-key.json'),
    );
    const runtimeEnvironment = {
      AWS_REGION: LOCAL_REGION,
      AWS_DEFAULT_REGION: LOCAL_REGION,
      AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
      AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
    };
    const log = options.log ?? ((id: string, line: string) => console.log(`[${id}] ${line}`));
    const hosts = new Map(
      assembly.functions().map((fn) => [fn.arn, new FunctionHost(fn, { runtimeEnvironment, log })]),
    );
    stops.push(async () => {
      await Promise.all([...hosts.values()].map((host) => host.stop()));
    });
    const routes = assembly.routes();
    const gateway = new Gateway(routes, hosts, issuer, assembly.cors());
    const jwt = routes.find((route) => route.jwt)?.jwt;
    const jurisdiction = String(context.jurisdiction ?? '');
    const accounts = LocalAccounts.fromTemplate(assembly, hosts, jwt, issuer, dynamo.client);
    const oidc =
      jwt &&
      new LocalOidc({
        issuer,
        jwt,
        accounts,
        choices: signInChoices(url, jurisdiction, issuer, jwt, accounts),
      });
    const local = new LocalEndpoints(assembly, hosts, issuer, jwt, jurisdiction, oidc, accounts);

    // CloudFront in front, as deployed: the console's files, and the API behind /v1/*. The
    // deployed config.json names the user pool's issuer; locally the OIDC provider stands in.
    const site = assembly.site();
    const cloudfront =
      site &&
      new LocalCloudFront(site, (text, req) =>
        jwt ? text.replaceAll(jwt.issuer, LocalOidc.authority(req.headers.host)) : text,
      );
    serve = async (req, res) => {
      try {
        const body = await readBody(req);
        const target = new URL(req.url ?? '/', 'http://localhost');
        if (target.pathname.startsWith('/_local/'))
          return await local.handle(req, res, target, body);
        const behavior = cloudfront?.behavior(target.pathname);
        if (behavior?.target === 'bucket') return cloudfront?.serveFile(req, res, target, behavior);
        for (const [name, value] of Object.entries(behavior?.headers ?? {}))
          res.setHeader(name, value);
        await gateway.handle(req, res, target, body);
      } catch (error) {
        log('runtime', `request failed: ${error instanceof Error ? error.stack : String(error)}`);
        if (!res.headersSent) send(res, 500, { message: 'Internal Server Error' });
      }
    };
    ready();
    if (options.demo && (await isEmpty(dynamo.client, assembly.tables()))) {
      const say = options.say ?? ((line: string) => console.error(line));
      const started = Date.now();
      say('The database is empty: loading the Binzhou demo (npm run seed:demo; --empty skips it)…');
      await loadDemo(ROOT, url, say);
      for (const { name } of assembly.schedules()) {
        const outcome = await local.runSchedule(name);
        if (!outcome.ok)
          throw new Error(`The ${name} schedule failed: ${JSON.stringify(outcome.error)}`);
      }
      say(
        `Loaded the demo and ran the schedules (${assembly
          .schedules()
          .map((s) => s.name)
          .join(', ')}) in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
      );
    }
    return {
      url,
      dynamoEndpoint: dynamo.endpoint,
      assembly,
      hosts,
      accounts,
      stop,
    };
  } catch (error) {
    ready();
    await stop();
    await starting?.then((dynamo) => dynamo.stop()).catch(() => undefined);
    throw error;
  }
}

/** The app's own context (cdk.json) for the stage "local": the same app `cdk deploy` deploys. */
function cdkContext(): Record<string, string> {
  const json = JSON.parse(readFileSync(path.join(ROOT, 'cdk.json'), 'utf8')) as {
    context?: Record<string, unknown>;
  };
  const context = Object.fromEntries(
    Object.entries(json.context ?? {}).map(([k, v]) => [k, String(v)]),
  );
  return { ...context, stage: 'local' };
}

/** Synthesizes the app as the runtime serves it (the template's context, stage `local`). */
export function synthesize(outdir: string, context = cdkContext()): Assembly {
  // CDK announces each asset it bundles on stderr; the runtime says once that it is ready.
  // Anything else written there (a bundling warning or error) still gets through.
  const write = process.stderr.write;
  process.stderr.write = ((chunk: unknown, ...rest: unknown[]) =>
    typeof chunk === 'string' && chunk.startsWith('Bundling asset ')
      ? true
      : (write as (...args: unknown[]) => boolean).call(
          process.stderr,
          chunk,
          ...rest,
        )) as typeof write;
  try {
    buildApp({ outdir, context }).synth();
  } finally {
    process.stderr.write = write;
  }
  return new Assembly(outdir);
}

class LocalEndpoints {
  constructor(
    private readonly assembly: Assembly,
    private readonly hosts: Map<string, FunctionHost>,
    private readonly issuer: LocalIssuer,
    private readonly jwt: { issuer: string; audience: string[] } | undefined,
    private readonly jurisdiction: string,
    private readonly oidc: LocalOidc | undefined,
    private readonly accounts: LocalAccounts | undefined,
  ) {}

  async handle(req: IncomingMessage, res: ServerResponse, url: URL, body: Buffer): Promise<void> {
    if (this.oidc && url.pathname.startsWith('/_local/oidc/'))
      return this.oidc.handle(req, res, url, body);
    if (req.method === 'GET' && url.pathname === '/_local/token')
      return this.token(res, url.searchParams);
    const schedule = /^\/_local\/schedules\/([^/]+)$/.exec(url.pathname);
    if (req.method === 'POST' && schedule) return this.schedule(res, decodePath(schedule[1] ?? ''));
    send(res, 404, { message: `No local endpoint ${req.method} ${url.pathname}` });
  }

  /**
   * GET /_local/token?role=&regionCode=&chamberId=&sub=&expiresIn= → a token the authorizer
   * accepts; GET /_local/token?account=ID&expiresIn= → the token Cognito would issue that account.
   */
  private async token(res: ServerResponse, query: URLSearchParams): Promise<void> {
    const bad = (message: string) => send(res, 400, { message });
    if (!this.jwt) return bad('The template has no JWT authorizer.');
    const expiresIn = Number(query.get('expiresIn') ?? 3600);
    if (!Number.isInteger(expiresIn) || Math.abs(expiresIn) > 86_400) {
      return bad(
        'expiresIn must be whole seconds, at most 86400 (negative: already expired, for tests)',
      );
    }
    const account = query.get('account');
    if (account !== null) return this.accountToken(res, account, expiresIn);
    const role = query.get('role') ?? '';
    if (!isRole(role))
      return bad('role must be one of fic-admin, chamber-officer, assessor, liaison');
    const regionCode = query.get('regionCode') ?? this.jurisdiction;
    if (regionCode && !/^(\d{6}|\d{9}|\d{12})$/.test(regionCode))
      return bad('regionCode must be 6, 9 or 12 digits');
    const chamberId = query.get('chamberId') ?? undefined;
    if (role === 'chamber-officer' && !chamberId)
      return bad('a chamber-officer token needs chamberId');
    const sub = query.get('sub') ?? `local-${role}`;
    const claims = cognitoClaims({ role, sub, regionCode: regionCode || undefined, chamberId });
    const token = await this.issuer.sign(
      claims,
      this.jwt.issuer,
      this.jwt.audience[0] ?? '',
      expiresIn,
    );
    send(res, 200, { token, expiresIn });
  }

  /** The account's ID token, from the template's token trigger; 403 problem+json when it refuses. */
  private async accountToken(res: ServerResponse, account: string, expiresIn: number) {
    if (!this.accounts) {
      return send(res, 400, { message: 'The template has no pre-token-generation trigger.' });
    }
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(account)) {
      return send(res, 400, { message: 'account must be an account id' });
    }
    try {
      const { idToken } = await this.accounts.tokens(account, expiresIn);
      send(res, 200, { token: idToken, expiresIn });
    } catch (error) {
      if (!(error instanceof AccountRefused)) throw error;
      send(
        res,
        403,
        {
          type: 'https://fic-chambers.example/problems/403',
          title: 'Forbidden',
          status: 403,
          detail: error.message,
        },
        { 'content-type': 'application/problem+json' },
      );
    }
  }

  /** POST /_local/schedules/{name}: runs that schedule's function now and answers when done. */
  private async schedule(res: ServerResponse, name: string): Promise<void> {
    const schedules = this.assembly.schedules();
    const found = schedules.find((s) => s.name === name);
    if (!found) {
      return send(res, 404, {
        message: `No schedule ${name}; known: ${schedules.map((s) => s.name).join(', ') || 'none'}`,
      });
    }
    const outcome = await this.runSchedule(name);
    send(res, outcome.ok ? 200 : 500, {
      name,
      ok: outcome.ok,
      ...(outcome.error && { error: outcome.error }),
    });
  }

  /** Runs a schedule's function now, with the input the schedule sends it. */
  async runSchedule(name: string): Promise<InvokeResult> {
    const found = this.assembly.schedules().find((s) => s.name === name);
    const host = found && this.hosts.get(found.functionArn);
    if (!found || !host) {
      return {
        ok: false,
        error: { errorType: 'NotFound', errorMessage: `no function for ${name}` },
      };
    }
    return host.invoke(found.input);
  }
}

/**
 * What the local sign-in page offers: the active accounts of the jurisdiction, the regions in it
 * by name, and the chambers of the registry, read through the API as an FIC member of the
 * jurisdiction would.
 */
function signInChoices(
  url: string,
  jurisdiction: string,
  issuer: LocalIssuer,
  jwt: { issuer: string; audience: string[] },
  accounts: LocalAccounts | undefined,
): SignInChoices {
  const regions = Object.entries(regionNames as Record<string, string>)
    .filter(([code]) => covers(jurisdiction, code))
    .map(([code, name]) => ({ code, name }));
  return {
    regions,
    accounts: async () => (accounts && jurisdiction ? accounts.activeAccounts(jurisdiction) : []),
    async chambers() {
      const claims = cognitoClaims({
        role: 'fic-admin',
        sub: 'local-sign-in',
        regionCode: jurisdiction,
      });
      const token = await issuer.sign(claims, jwt.issuer, jwt.audience[0], 60);
      const chambers: { id: string; name: string; regionCode: string }[] = [];
      let cursor: string | null = null;
      // A page of the registry at a time, as any client reads it; enough for a city's chambers.
      for (let page = 0; page < 50; page += 1) {
        const query = new URLSearchParams({ regionCode: jurisdiction, limit: '100' });
        if (cursor) query.set('cursor', cursor);
        const response = await fetch(`${url}/v1/chambers?${query}`, {
          headers: { authorization: `Bearer ${token}` },
        });
        if (!response.ok) break;
        const body = (await response.json()) as {
          items: typeof chambers;
          nextCursor: string | null;
        };
        chambers.push(...body.items.map(({ id, name, regionCode }) => ({ id, name, regionCode })));
        cursor = body.nextCursor;
        if (!cursor) break;
      }
      return chambers.sort(
        (a, b) => a.regionCode.localeCompare(b.regionCode) || a.name.localeCompare(b.name, 'zh-CN'),
      );
    },
  };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') {
        reject(
          new SetupError(
            `Port ${port} is busy: stop what runs there, or start on another port: PORT=${port + 1} npm start`,
          ),
        );
      } else reject(error);
    });
    server.listen(port, host, () => resolve());
  });
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await listen(probe, 0, '127.0.0.1');
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

const NO_BODY = Buffer.alloc(0);

function readBody(req: IncomingMessage): Promise<Buffer> | Buffer {
  // A request without Content-Length or Transfer-Encoding has no body (RFC 9112, 6.3).
  if (req.headers['content-length'] === undefined && req.headers['transfer-encoding'] === undefined)
    return NO_BODY;
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
