import { randomInt } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  choose,
  closeBrowser,
  consoleUrl,
  demoReady,
  eventually,
  expectAccessible,
  expectNoPageScroll,
  newContext,
  PHONE,
  signInAsPerson,
} from './support/browser';
import { findChamber } from './support/stage';

/*
 * Journey: the city FIC's staff member 刘洪涛 (a person of the demo, picked on the local sign-in
 * page) invites a chamber officer for 博兴县金属板业商会; the officer signs in as themself on the
 * same page and sees only that chamber, and their own account on their profile page. Then FIC
 * staff disable the account, and the sign-in page refuses it.
 */
beforeAll(demoReady);
afterAll(closeBrowser);

const CHAMBER = '博兴县金属板业商会';

async function signOut(page: Page, who: string | RegExp): Promise<void> {
  await page.getByRole('banner').getByRole('button', { name: who }).click();
  await page.getByRole('menuitem', { name: /退出登录$/ }).click();
  await page.getByRole('button', { name: /登录$/ }).first().waitFor();
}

describe('accounts in the console', () => {
  it('FIC staff invite a chamber officer, who signs in and sees only that chamber, until disabled', async () => {
    const chamber = await findChamber(CHAMBER);
    const officer = `测试官员${randomInt(1000, 9999)}`;
    const phone = `139${String(randomInt(0, 1e8)).padStart(8, '0')}`;
    const context = await newContext();
    const page = await context.newPage();
    await page.goto(consoleUrl);
    await page.getByRole('button', { name: /登录$/ }).first().click();
    await signInAsPerson(page, '刘洪涛', '工商联工作人员');

    // The list of the city's people, filtered by role
    await page
      .getByRole('navigation', { name: '菜单' })
      .getByRole('link', { name: '账号管理' })
      .click();
    await page.getByRole('heading', { name: '账号管理' }).waitFor();
    const list = page.getByRole('main');
    await eventually(() => list.getByRole('link', { name: '高志远' }).isVisible()).toBe(true);
    await expectAccessible(page, 'accounts list');
    await choose(page, '角色', '评估专家');
    await eventually(() => list.getByRole('link', { name: '高志远' }).count()).toBe(0);
    expect(new URL(page.url()).searchParams.get('role')).toBe('assessor');
    const roles = await list.getByRole('table').getByRole('cell').allTextContents();
    expect(roles).toContain('评估专家');
    expect(roles).not.toContain('工商联工作人员');
    await page.getByRole('button', { name: /重\s*置/ }).click();
    await eventually(() => list.getByRole('link', { name: '高志远' }).isVisible()).toBe(true);

    // Invite: a bad email is refused beside its field, and nothing is sent
    await page.getByRole('button', { name: /邀请人员$/ }).click();
    await page.getByRole('heading', { name: '邀请人员' }).waitFor();
    const sent: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/v1/accounts')) sent.push(r.url());
    });
    await page.getByLabel('姓名').fill(officer);
    const chamberBox = page.getByRole('combobox', { name: '所在商会' });
    await chamberBox.click();
    await chamberBox.fill('金属板');
    // The API searches by name: once its answer is the list, the first option is the chamber.
    await eventually(() =>
      page.getByRole('listbox').getByRole('option').first().getAttribute('aria-label'),
    ).toContain(CHAMBER);
    await chamberBox.press('Enter');
    await page.getByLabel('电子邮箱').fill('not-an-email');
    await page.getByRole('button', { name: '发送邀请' }).click();
    await page.getByText('不是有效的电子邮箱').waitFor();
    expect(sent).toEqual([]);
    await expectAccessible(page, 'invite form with a refused email');
    await page.getByLabel('电子邮箱').fill('');
    await page.getByLabel('手机号码').fill(phone);
    await page.getByRole('button', { name: '发送邀请' }).click();
    await page.getByRole('heading', { name: officer }).waitFor();
    const main = page.getByRole('main');
    await eventually(() => main.getByText(CHAMBER).first().isVisible()).toBe(true);
    await eventually(() => main.getByRole('cell', { name: '邀请' }).isVisible()).toBe(true);
    expect(sent).toHaveLength(1);
    await expectAccessible(page, 'account page');
    const accountUrl = page.url();

    // Sign out; the officer signs in as themself on the local sign-in page
    await signOut(page, /工商联工作人员/);
    await page.getByRole('button', { name: /登录$/ }).first().click();
    await signInAsPerson(page, officer, '商会工作人员');
    await page.getByRole('heading', { name: CHAMBER }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/chambers/${chamber.id}`);
    const menu = page.getByRole('navigation', { name: '菜单' });
    expect(await menu.getByRole('link', { name: '商会名录' }).count()).toBe(0);
    expect(await menu.getByRole('link', { name: '账号管理' }).count()).toBe(0);
    await page.goto(`${consoleUrl}/accounts`);
    await page.getByRole('heading', { name: '没有权限' }).waitFor();

    // Their own account, from the header, on a phone
    await page.setViewportSize(PHONE);
    await page
      .getByRole('banner')
      .getByRole('button', { name: /商会工作人员/ })
      .click();
    await page.getByRole('menuitem', { name: /我的账号$/ }).click();
    await page.getByRole('heading', { name: /我的账号$/ }).waitFor();
    await eventually(() => page.getByRole('main').getByText(CHAMBER).isVisible()).toBe(true);
    expect(await page.getByRole('main').textContent()).toContain(officer);
    await expectAccessible(page, 'profile (phone)');
    await expectNoPageScroll(page, 'profile (phone)');

    // A second browser holds the sign-in page open, listing the officer
    const other = await newContext();
    const waiting = await other.newPage();
    await waiting.goto(consoleUrl);
    await waiting.getByRole('button', { name: /登录$/ }).first().click();
    await waiting.waitForURL(/\/_local\/oidc\/authorize/);
    await waiting.getByText(/^商会工作人员（/).click();
    await waiting.getByRole('button', { name: new RegExp(`^${officer} `) }).waitFor();

    // FIC staff disable the account
    await page.setViewportSize({ width: 1366, height: 900 });
    await page
      .getByRole('main')
      .getByRole('button', { name: /退出登录$/ })
      .click();
    await page.getByRole('button', { name: /登录$/ }).first().click();
    await signInAsPerson(page, '刘洪涛', '工商联工作人员');
    await page.goto(accountUrl);
    await page.getByRole('heading', { name: officer }).waitFor();
    await page.getByRole('button', { name: '停用', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: '停用' });
    await dialog.getByText(`确定停用“${officer}”的账号吗？`, { exact: false }).waitFor();
    await expectAccessible(page, 'disable dialog');
    await dialog.getByRole('button', { name: '停用', exact: true }).click();
    await eventually(() => page.getByRole('main').getByText('已停用').first().isVisible()).toBe(
      true,
    );

    // The page held open refuses the officer now, and no longer offers them
    await waiting.getByRole('button', { name: new RegExp(`^${officer} `) }).click();
    await waiting
      .getByRole('alert')
      .getByText(/账号已停用/)
      .waitFor();
    expect(await waiting.getByRole('button', { name: new RegExp(`^${officer} `) }).count()).toBe(0);
    await other.close();
    await context.close();
  });
});
