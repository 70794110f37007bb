import { existsSync, readFileSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { runInNewContext } from 'node:vm';
import type { LocalBehavior, LocalDeployment, LocalSite } from './assembly';

/*
 * What CloudFront does in front of the API and the console, for the distribution in the
 * template: pick the behaviour by path pattern, run its viewer-request function, answer from the
 * bucket (the files the template's deployments put there) or pass the request on to the API,
 * and add the behaviour's response headers.
 */

export class LocalCloudFront {
  private readonly behaviors: (LocalBehavior & { matcher: RegExp; handler?: ViewerRequest })[];

  constructor(
    private readonly site: LocalSite,
    /** Rewrites a deployed file whose markers named deploy-time values (config.json). */
    private readonly rewrite: (text: string, req: IncomingMessage) => string,
  ) {
    this.behaviors = site.behaviors.map((b) => ({
      ...b,
      matcher: pathPattern(b.pattern),
      handler: b.viewerRequest ? compileFunction(b.viewerRequest) : undefined,
    }));
  }

  /** The behaviour CloudFront would pick for this path: the first pattern that matches. */
  behavior(pathname: string) {
    const found = this.behaviors.find((b) => b.matcher.test(pathname));
    if (!found) throw new Error('A distribution always has a default behaviour');
    return found;
  }

  /** Answers from the bucket, as S3 behind an origin access control does. */
  serveFile(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    behavior: ReturnType<LocalCloudFront['behavior']>,
  ): void {
    const method = req.method ?? 'GET';
    for (const [name, value] of Object.entries(behavior.headers)) res.setHeader(name, value);
    if (!behavior.allowedMethods.includes(method)) {
      text(res, 403, 'This distribution is not configured to allow the HTTP request method.');
      return;
    }
    let uri = url.pathname;
    if (behavior.handler) {
      const answer = behavior.handler({
        version: '1.0',
        context: { eventType: 'viewer-request' },
        viewer: { ip: req.socket.remoteAddress ?? '127.0.0.1' },
        request: { method, uri, querystring: {}, headers: {}, cookies: {} },
      });
      if ('statusCode' in answer) {
        text(res, answer.statusCode, answer.body ?? '');
        return;
      }
      uri = answer.uri;
    }
    if (uri === '/' && this.site.defaultRootObject) uri = `/${this.site.defaultRootObject}`;
    const file = this.find(uri);
    // S3 answers 403 for a key that does not exist when the reader may not list the bucket.
    if (!file) {
      text(res, 403, 'AccessDenied');
      return;
    }
    let body: Buffer | string = readFileSync(file.path);
    if (file.markers.length > 0) {
      let content = body.toString('utf8');
      for (const [marker, value] of file.markers) content = content.replaceAll(marker, value);
      body = this.rewrite(content, req);
    }
    res.writeHead(200, {
      'content-type': contentType(file.path),
      'content-length': Buffer.byteLength(body),
      ...(file.cacheControl && { 'cache-control': file.cacheControl }),
    });
    res.end(method === 'HEAD' ? undefined : body);
  }

  /** The file under a key: the last deployment that writes it wins. */
  private find(uri: string) {
    let key: string;
    try {
      key = decodeURIComponent(uri.replace(/^\//, ''));
    } catch {
      return undefined;
    }
    if (!key || key.split('/').some((part) => part === '..' || part === '')) return undefined;
    for (const deployment of [...this.site.deployments].reverse()) {
      if (!writes(deployment, key)) continue;
      // Sources are extracted in order: a later one overwrites an earlier one.
      for (const source of [...deployment.sources].reverse()) {
        const file = path.join(source.dir, key);
        if (existsSync(file) && statSync(file).isFile()) {
          return { path: file, markers: source.markers, cacheControl: deployment.cacheControl };
        }
      }
    }
    return undefined;
  }
}

type ViewerRequest = (event: unknown) => { uri: string } | { statusCode: number; body?: string };

/** A CloudFront Function (cloudfront-js-2.0: its `handler`), run in a context of its own. */
function compileFunction(code: string): ViewerRequest {
  const handler = runInNewContext(`${code}\n;handler`, {}, { timeout: 1000 }) as ViewerRequest;
  return (event) => handler(event);
}

/** CloudFront path patterns: `*` any characters, `?` one, case-sensitive, from the start. */
function pathPattern(pattern: string): RegExp {
  const source = (pattern.startsWith('/') || pattern === '*' ? pattern : `/${pattern}`)
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${source}$`);
}

/** `aws s3 sync` filters, as BucketDeployment passes them: excludes, then includes; the last
 * filter that matches decides, and `*` crosses `/`. */
function writes(deployment: LocalDeployment, key: string): boolean {
  let included = true;
  for (const pattern of deployment.exclude) if (glob(pattern).test(key)) included = false;
  for (const pattern of deployment.include) if (glob(pattern).test(key)) included = true;
  return included;
}

function glob(pattern: string): RegExp {
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${source}$`);
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.wasm': 'application/wasm',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

function contentType(file: string): string {
  return TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

function text(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(body);
}
