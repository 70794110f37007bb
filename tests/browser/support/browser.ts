import { existsSync, readFileSync } from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect, inject } from 'vitest';
import { launchChromium } from './chromium';

/*
 * What every journey needs: the console's address, a browser, a person signing in through the
 * local OIDC page as a person does, and the checks a person would notice (axe's serious and
 * critical findings, a page wider than the phone).
 */
export const consoleUrl = inject('consoleUrl');
export const apiUrl = inject('apiUrl');

export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1366, height: 900 };

/** A check that holds once the screen has caught up (a request answered, a chart drawn). */
export const eventually = <T>(fn: () => T | Promise<T>) =>
  expect.poll(fn, { timeout: 45_000, interval: 150 });

/** Waits until the global setup has loaded the demo (it loads while other tests run). */
export async function demoReady(): Promise<void> {
  const file = inject('demoReadyFile');
  const deadline = Date.now() + 15 * 60_000;
  while (!existsSync(file)) {
    if (Date.now() > deadline) throw new Error('The demo did not load within 15 minutes.');
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const state = JSON.parse(readFileSync(file, 'utf8')) as { ok: boolean; error?: string };
  if (!state.ok) throw new Error(`Loading the demo failed: ${state.error}`);
}

let browser: Browser | undefined;
export async function openBrowser(): Promise<Browser> {
  await demoReady();
  browser ??= await launchChromium();
  return browser;
}
export async function closeBrowser(): Promise<void> {
  await browser?.close();
  browser = undefined;
}

export async function newContext(viewport = DESKTOP): Promise<BrowserContext> {
  const context = await (await openBrowser()).newContext({ viewport, locale: 'zh-CN' });
  // Generous: the machine is shared, and a journey waits on a person's scale, not a timer's.
  context.setDefaultTimeout(45_000);
  return context;
}

export interface SignIn {
  role: '工商联工作人员' | '商会工作人员' | '评估专家' | '驻会领导';
  /** The region by name, as the sign-in page lists it (e.g. 滨州市). */
  region?: string;
  /** The chamber by name, for a chamber officer. */
  chamber?: string;
  /** Who exactly (an assessor's assessorId, a liaison's leaderId); empty: one per role. */
  sub?: string;
  expiresIn?: number;
  noRefresh?: boolean;
}

/** Signs in from wherever the page is: the console's own button, then the local OIDC page. */
export async function signIn(page: Page, who: SignIn): Promise<void> {
  await page.getByRole('button', { name: /登录$/ }).first().click();
  await fillSignInPage(page, who);
}

/** On the local OIDC sign-in page: pick who to be and submit. */
export async function fillSignInPage(page: Page, who: SignIn): Promise<void> {
  await page.waitForURL(/\/_local\/oidc\/authorize/);
  await eventually(() => page.getByText('本地登录没有密码').isVisible()).toBe(true);
  await page.getByRole('radio', { name: new RegExp(who.role) }).check();
  const pick = async (label: RegExp, text: string) => {
    const select = page.getByLabel(label);
    const option = select.locator('option', { hasText: text }).first();
    await select.selectOption((await option.getAttribute('value')) ?? '');
  };
  if (who.region) await pick(/^地区/, who.region);
  if (who.chamber) await pick(/^商会/, who.chamber);
  if (who.sub) await page.getByLabel(/^用户标识/).fill(who.sub);
  if (who.expiresIn !== undefined || who.noRefresh) {
    await page.getByText('本地测试选项').click();
    if (who.expiresIn !== undefined)
      await page.getByLabel(/令牌有效期/).fill(String(who.expiresIn));
    if (who.noRefresh) await page.getByLabel(/不发放刷新令牌/).check();
  }
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await page.waitForURL(
    (url) => !url.pathname.startsWith('/_local/') && !url.pathname.startsWith('/auth/'),
  );
}

/**
 * On the local OIDC sign-in page: sign in as a person of the system, by name (their group is
 * unfolded first when it starts folded, as chamber officers do).
 */
export async function signInAsPerson(
  page: Page,
  name: string,
  role: SignIn['role'],
): Promise<void> {
  await page.waitForURL(/\/_local\/oidc\/authorize/);
  const person = page.getByRole('button', { name: new RegExp(`^${name} `) });
  if (!(await person.isVisible())) await page.getByText(new RegExp(`^${role}（`)).click();
  await person.click();
  await page.waitForURL(
    (url) => !url.pathname.startsWith('/_local/') && !url.pathname.startsWith('/auth/'),
  );
}

/** axe-core on the page as it is: no serious or critical violation. */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  // Let transitions end (a dialog fading in, a button's click ripple): axe judges what stays.
  await page.waitForTimeout(400);
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = bad
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 5)
          .join('\n    ')}`,
    )
    .join('\n  ');
  expect(bad, `${screen}: axe found\n  ${report}`).toEqual([]);
}

/** Nothing makes the whole page scroll sideways (tables scroll inside themselves). */
export async function expectNoPageScroll(page: Page, screen: string): Promise<void> {
  const width = await page.evaluate('document.documentElement.scrollWidth');
  const viewport = page.viewportSize()?.width ?? 0;
  expect(width as number, `${screen} scrolls sideways at ${viewport} px`).toBeLessThanOrEqual(
    viewport,
  );
}

/** Picks an option of an antd Select as a keyboard user does: focus, type, Enter. */
export async function choose(page: Page, label: string | RegExp, option: string): Promise<void> {
  const box = page.getByRole('combobox', { name: label });
  await box.click();
  await box.fill(option);
  await page.getByRole('option', { name: option }).first().waitFor({ state: 'attached' });
  await box.press('Enter');
}

/** An API token from the local runtime, for setting the stage (never for what a journey checks). */
export async function apiToken(query: Record<string, string>): Promise<string> {
  const response = await fetch(`${apiUrl}/_local/token?${new URLSearchParams(query)}`);
  const body = (await response.json()) as { token: string };
  return body.token;
}

export async function api<T>(
  method: string,
  path: string,
  token: string,
  body?: unknown,
): Promise<T> {
  const response = await fetch(`${apiUrl}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await response.json()) as T;
  if (!response.ok)
    throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}
