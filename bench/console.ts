import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { ROOT } from '#infra/local/runtime';
import { launchChromium } from '../tests/browser/support/chromium';
import { type Api, median, registeredChamber } from './support';

/*
 * The web console, measured in headless Chromium against the runtime that serves it:
 * - the JavaScript the first screen needs (the entry and what it imports, and the statistics
 *   screen's chunk), gzipped, beside every other chunk, which loads lazily;
 * - the API requests each screen's first view makes;
 * - the time from navigating to the registry until its first page of chambers is on screen, as a
 *   ratio to the time of the one API request it makes, both from the same page load;
 * - the same for FIC staff's dashboard: until its figures are on screen, over the longest of the
 *   requests it makes (they go out together), and how many it makes.
 */
const DIST = path.join(ROOT, 'web', 'dist');

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}

export interface ConsoleFigures {
  chunks: { chunk: string; gzipKB: number; firstScreen: boolean }[];
  firstScreenKB: number;
  requests: { screen: string; apiRequests: number }[];
  registry: RenderFigures;
  dashboard: RenderFigures & { apiRequests: number };
}
type RenderFigures = { runs: number; medianRenderMs: number; medianApiMs: number; ratio: number };

const kb = (bytes: number) => Math.round(bytes / 102.4) / 10;

/** Chunks the first screen (the public statistics at /) needs: the entry's static imports, and
 * the statistics screen's lazy chunk with its own. */
export function bundleFigures(): Pick<ConsoleFigures, 'chunks' | 'firstScreenKB'> {
  const manifest = JSON.parse(
    readFileSync(path.join(DIST, '.vite', 'manifest.json'), 'utf8'),
  ) as Record<string, ManifestChunk>;
  const first = new Set<string>();
  const walk = (key: string) => {
    const chunk = manifest[key];
    if (!chunk || first.has(chunk.file)) return;
    first.add(chunk.file);
    for (const imported of chunk.imports ?? []) walk(imported);
  };
  walk('index.html');
  walk('src/features/stats/StatsScreen.tsx');
  const files = new Set(Object.values(manifest).flatMap((c) => [c.file, ...(c.css ?? [])]));
  const chunks = [...files]
    .map((file) => ({
      chunk: file,
      gzipKB: kb(gzipSync(readFileSync(path.join(DIST, file)), { level: 9 }).length),
      firstScreen: first.has(file),
    }))
    .sort((a, b) => Number(b.firstScreen) - Number(a.firstScreen) || b.gzipKB - a.gzipKB);
  const firstScreenKB =
    Math.round(
      chunks
        .filter((c) => c.firstScreen && c.chunk.endsWith('.js'))
        .reduce((n, c) => n + c.gzipKB, 0) * 10,
    ) / 10;
  return { chunks, firstScreenKB };
}

function renderFigures(render: number[], request: number[]): RenderFigures {
  return {
    runs: render.length,
    medianRenderMs: Math.round(median(render)),
    medianApiMs: Math.round(median(request) * 10) / 10,
    ratio: Math.round((median(render) / median(request)) * 10) / 10,
  };
}

async function signIn(page: Page, url: string) {
  await page.goto(url);
  await page.getByRole('button', { name: '登录' }).first().click();
  await page.waitForURL(/\/_local\/oidc\/authorize/);
  await page.getByRole('radio', { name: /工商联工作人员/ }).check();
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL((u) => u.pathname === '/dashboard');
}

/** API requests (/v1/…) a screen makes until the network is idle, loaded afresh. */
async function requestsOf(page: Page, url: string): Promise<number> {
  let count = 0;
  const seen = (request: { url(): string }) => {
    if (new URL(request.url()).pathname.startsWith('/v1/')) count += 1;
  };
  page.on('request', seen);
  await page.goto(url);
  // The screen has drawn its title once its lazy chunk has loaded; then its requests settle.
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(300);
  page.off('request', seen);
  return count;
}

export async function benchConsole(options: {
  url: string;
  client: Api;
  admin: string;
  runs: number;
}): Promise<ConsoleFigures> {
  const { url, client, admin } = options;
  const bundles = bundleFigures();
  // The registry needs chambers to show: a page of them (20) at least.
  const listed = await client.call<{ items: { id: string }[] }>('GET', '/v1/chambers?limit=20', {
    token: admin,
  });
  let chamberId = listed.body.items[0]?.id;
  for (let i = listed.body.items.length; i < 20; i += 1) {
    chamberId = await registeredChamber(client, admin, `基准控制台商会 ${i}`, 8_000_000 + i);
  }
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({
      viewport: { width: 1366, height: 900 },
      locale: 'zh-CN',
    });
    const page = await context.newPage();
    const requests: ConsoleFigures['requests'] = [];
    for (const screen of [
      '/',
      '/rankings/donations',
      '/rankings/donations-by-region',
      '/rankings/assessment',
      '/awards',
    ]) {
      requests.push({ screen, apiRequests: await requestsOf(page, `${url}${screen}`) });
    }
    await signIn(page, url);
    for (const screen of [
      '/dashboard',
      '/chambers',
      '/chambers/new',
      `/chambers/${chamberId}`,
      `/chambers/${chamberId}/edit`,
      '/coverage',
    ]) {
      requests.push({
        screen: screen.replace(chamberId ?? '', ':id'),
        apiRequests: await requestsOf(page, `${url}${screen}`),
      });
    }

    // Navigation to the registry, until its rows are on screen; the request's own time, from the
    // same load (Resource Timing). The first run warms the caches and is not counted.
    const render: number[] = [];
    const request: number[] = [];
    for (let run = 0; run <= options.runs; run += 1) {
      await page.goto(`${url}/awards`, { waitUntil: 'networkidle' });
      await page.goto(`${url}/chambers`);
      await page.getByRole('table', { name: '商会名录' }).getByRole('link').first().waitFor();
      const shown = (await page.evaluate('performance.now()')) as number;
      const api = (await page.evaluate(
        `performance.getEntriesByType('resource').filter((e) => new URL(e.name).pathname === '/v1/chambers').map((e) => e.duration)`,
      )) as number[];
      if (run === 0 || api.length !== 1) continue;
      render.push(shown);
      request.push(api[0] as number);
    }
    // The dashboard, the same way: its figures on screen, over the longest of its requests.
    const dashRender: number[] = [];
    const dashRequest: number[] = [];
    let dashRequests = 0;
    for (let run = 0; run <= options.runs; run += 1) {
      await page.goto(`${url}/awards`, { waitUntil: 'networkidle' });
      await page.goto(`${url}/dashboard`);
      await page.getByRole('link', { name: /^商会总数：\d+$/ }).waitFor();
      const shown = (await page.evaluate('performance.now()')) as number;
      await page.waitForLoadState('networkidle');
      const api = (await page.evaluate(
        `performance.getEntriesByType('resource').filter((e) => new URL(e.name).pathname.startsWith('/v1/')).map((e) => e.duration)`,
      )) as number[];
      dashRequests = api.length;
      if (run === 0 || api.length === 0) continue;
      dashRender.push(shown);
      dashRequest.push(Math.max(...api));
    }
    return {
      ...bundles,
      requests,
      registry: renderFigures(render, request),
      dashboard: { apiRequests: dashRequests, ...renderFigures(dashRender, dashRequest) },
    };
  } finally {
    await browser.close();
  }
}
