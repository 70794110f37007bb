// `npm run screenshots`: the console's main screens, on a desktop (1366×900) and a phone (390×844),
// into docs/screenshots/ (shown in the README). Starts its own runtime with the Binzhou demo and
// the built console, or uses CONSOLE_URL (+ API_URL) when one is already running.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { ROOT, type Runtime, startRuntime } from '#infra/local/runtime';
import { launchChromium } from './support/chromium';

const OUT = path.join(ROOT, 'docs', 'screenshots');
const SIZES = { desktop: { width: 1366, height: 900 }, phone: { width: 390, height: 844 } };

let runtime: Runtime | undefined;
let outdir: string | undefined;
let base = process.env.CONSOLE_URL?.replace(/\/+$/, '');
if (!base) {
  outdir = mkdtempSync(path.join(os.tmpdir(), 'fic-screenshots-'));
  console.error('Starting the local runtime with the demo and the console…');
  runtime = await startRuntime({
    port: 0,
    inMemory: true,
    outdir,
    demo: true,
    log: () => undefined,
  });
  base = runtime.url;
}
const api = (process.env.API_URL ?? base).replace(/\/+$/, '');

async function chamberId(name: string): Promise<string> {
  const token = (
    (await (await fetch(`${api}/_local/token?role=fic-admin&regionCode=371600`)).json()) as {
      token: string;
    }
  ).token;
  const page = (await (
    await fetch(`${api}/v1/chambers?name=${encodeURIComponent(name)}`, {
      headers: { authorization: `Bearer ${token}` },
    })
  ).json()) as { items: { id: string; name: string }[] };
  const found = page.items.find((c) => c.name === name);
  if (!found) throw new Error(`no chamber ${name}`);
  return found.id;
}

async function signIn(page: Page, role: string, pick: { region?: string; chamber?: string }) {
  await page.goto(base as string);
  await page.getByRole('button', { name: '登录' }).first().click();
  await page.waitForURL(/\/_local\/oidc\/authorize/);
  await page.getByRole('radio', { name: new RegExp(role) }).check();
  for (const [label, text] of [
    [/^地区/, pick.region],
    [/^商会/, pick.chamber],
  ] as const) {
    if (!text) continue;
    const select = page.getByLabel(label);
    await select.selectOption(
      (await select.locator('option', { hasText: text }).first().getAttribute('value')) ?? '',
    );
  }
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL(
    (url) => !url.pathname.startsWith('/_local/') && !url.pathname.startsWith('/auth/'),
  );
}

/** Signs in as a person of the demo, picked on the local sign-in page (shot on the way). */
async function signInAs(page: Page, name: string, size: keyof typeof SIZES) {
  await page.goto(base as string);
  await page.getByRole('button', { name: '登录' }).first().click();
  await page.waitForURL(/\/_local\/oidc\/authorize/);
  await shoot(page, 'sign-in', size, '选择人员');
  await page.getByRole('button', { name: new RegExp(`^${name} `) }).click();
  await page.waitForURL(
    (url) => !url.pathname.startsWith('/_local/') && !url.pathname.startsWith('/auth/'),
  );
}

/** The account of the demo's officer of a chamber (for its page). */
async function officerOf(chamber: string): Promise<string> {
  const token = (
    (await (await fetch(`${api}/_local/token?role=fic-admin&regionCode=371600`)).json()) as {
      token: string;
    }
  ).token;
  const page = (await (
    await fetch(`${api}/v1/accounts?role=chamber-officer&chamberId=${chamber}`, {
      headers: { authorization: `Bearer ${token}` },
    })
  ).json()) as { items: { id: string }[] };
  const found = page.items[0];
  if (!found) throw new Error(`no officer of ${chamber}`);
  return found.id;
}

async function shoot(page: Page, name: string, size: keyof typeof SIZES, ready: string) {
  await page.getByText(ready).first().waitFor({ timeout: 30_000 });
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(800); // charts animate in
  const file = path.join(OUT, `${name}-${size}.png`);
  await page.screenshot({ path: file, fullPage: size === 'desktop' });
  console.log(path.relative(ROOT, file));
}

mkdirSync(OUT, { recursive: true });
const browser = await launchChromium();
try {
  const boxing = await chamberId('博兴县金属板业商会');
  for (const size of ['desktop', 'phone'] as const) {
    const visitor = await browser.newPage({ viewport: SIZES[size], locale: 'zh-CN' });
    await visitor.goto(base);
    await shoot(visitor, 'public-statistics', size, '4,922 万元');
    await visitor.goto(`${base}/rankings/donations?year=2020`);
    await shoot(visitor, 'public-ranking', size, '商会捐赠排行');
    await visitor.close();

    const admin = await browser.newPage({ viewport: SIZES[size], locale: 'zh-CN' });
    await signIn(admin, '工商联工作人员', { region: '滨州市' });
    await shoot(admin, 'registry', size, '商会名录');
    await admin.goto(`${base}/chambers/${boxing}`);
    await shoot(admin, 'chamber', size, '承接政府职能');
    await admin.goto(`${base}/chambers/new`);
    await shoot(admin, 'apply', size, '提交申请');
    await admin.goto(`${base}/coverage?county=371625`);
    await shoot(admin, 'coverage', size, '尚未覆盖的乡镇（街道）');
    await admin.close();

    const staff = await browser.newPage({ viewport: SIZES[size], locale: 'zh-CN' });
    await signInAs(staff, '刘洪涛', size);
    await staff.goto(`${base}/accounts`);
    await shoot(staff, 'accounts', size, '高志远');
    await staff.goto(`${base}/accounts/new`);
    await shoot(staff, 'invite', size, '发送邀请');
    await staff.goto(`${base}/accounts/${await officerOf(boxing)}`);
    await shoot(staff, 'account', size, '变更记录');
    await staff.goto(`${base}/profile`);
    await shoot(staff, 'profile', size, 'liu.hongtao@');
    await staff.close();
  }
} finally {
  await browser.close();
  await runtime?.stop();
  if (outdir) rmSync(outdir, { recursive: true, force: true });
}
