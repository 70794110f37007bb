import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  choose,
  closeBrowser,
  consoleUrl,
  demoReady,
  eventually,
  expectAccessible,
  fillSignInPage,
  newContext,
  signIn,
} from './support/browser';
import { findChamber } from './support/stage';

/*
 * Journey 4: two tabs edit the same chamber; the second save gets the "changed meanwhile" view
 * and succeeds after re-applying its edit on the new version, so neither change is lost.
 * And a session that ends while a form is open: signing in again comes back to the same form
 * with what was typed.
 */
beforeAll(demoReady);
afterAll(closeBrowser);

const CHAMBER = '邹平市铝业商会';

describe('editing a chamber', () => {
  it('two tabs: the second save sees what changed meanwhile and re-applies its edit', async () => {
    const chamber = await findChamber(CHAMBER);
    const context = await newContext();
    const edit = `${consoleUrl}/chambers/${chamber.id}/edit`;
    // Each tab signs in on its own (tokens live in the tab's sessionStorage).
    const first = await context.newPage();
    await first.goto(consoleUrl);
    await signIn(first, { role: '工商联工作人员', region: '滨州市' });
    await first.goto(edit);
    const second = await context.newPage();
    await second.goto(consoleUrl);
    await signIn(second, { role: '工商联工作人员', region: '滨州市' });
    await second.goto(edit);
    await first.getByLabel('行业', { exact: true }).waitFor();
    await second.getByLabel('会长', { exact: true }).waitFor();

    const industry = `铝材精深加工${Date.now() % 1000}`;
    await first.getByLabel('行业', { exact: true }).fill(industry);
    await first.getByRole('button', { name: '保存', exact: true }).click();
    await first.getByRole('heading', { name: CHAMBER }).waitFor();

    await second.getByLabel('会长', { exact: true }).fill('李明');
    await second.getByRole('button', { name: '保存', exact: true }).click();
    const conflict = second
      .getByRole('alert')
      .filter({ hasText: '在您编辑期间，这个商会的信息已被他人修改' });
    await conflict.waitFor();
    const table = conflict.getByRole('table');
    expect(await table.textContent()).toContain(industry);
    expect(await table.textContent()).toContain('会长：李明');
    await expectAccessible(second, 'edit form with the changed-meanwhile view');
    await conflict.getByRole('button', { name: '在新版本上重新应用我的修改' }).click();
    expect(await second.getByLabel('行业', { exact: true }).inputValue()).toBe(industry);
    expect(await second.getByLabel('会长', { exact: true }).inputValue()).toBe('李明');
    await second.getByRole('button', { name: '保存', exact: true }).click();
    await second.getByRole('heading', { name: CHAMBER }).waitFor();
    const main = second.getByRole('main');
    await eventually(() => main.textContent()).toContain(industry);
    expect(await main.textContent()).toContain('李明');
    await context.close();
  });

  it('a session that ends with a form open: signing in again keeps what was typed', async () => {
    const context = await newContext();
    const page = await context.newPage();
    await page.goto(consoleUrl);
    // A short session without a refresh token: it cannot be renewed silently.
    await signIn(page, { role: '工商联工作人员', region: '滨州市', expiresIn: 4, noRefresh: true });
    await page.goto(`${consoleUrl}/chambers/new`);
    const name = `滨州市会话测试商会${Date.now() % 100000}`;
    await page.getByLabel('商会名称', { exact: true }).fill(name);
    await choose(page, '类型', '行业商协会');
    await choose(page, '所在地区', '滨城区');
    await page.getByLabel('行业', { exact: true }).fill('会展');
    await page.waitForTimeout(5_000);
    // The form is valid, so it is sent, and the API refuses the expired token (401).
    await page.getByRole('button', { name: '提交申请' }).click();
    const dialog = page.getByRole('dialog').filter({ hasText: '登录已过期' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: '重新登录' }).click();
    await fillSignInPage(page, { role: '工商联工作人员', region: '滨州市' });
    await page.getByRole('heading', { name: '申请登记商会' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/chambers/new');
    expect(await page.getByLabel('商会名称', { exact: true }).inputValue()).toBe(name);
    expect(await page.getByLabel('行业', { exact: true }).inputValue()).toBe('会展');
    // ...and it is sent as it was, once.
    await page.getByRole('button', { name: '提交申请' }).click();
    await page.getByRole('heading', { name }).waitFor();
    expect(await page.getByRole('main').textContent()).toContain('滨城区');
    await context.close();
  });
});
