import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  closeBrowser,
  consoleUrl,
  demoReady,
  eventually,
  expectAccessible,
  newContext,
  signIn,
} from './support/browser';
import { findChamber } from './support/stage';

/*
 * Journey 5: a chamber officer sees only their own chamber — its record and members, and nothing
 * else offered; a direct link to another chamber shows the not-found page (the API's 404 for a
 * chamber outside one's scope), the registry a clear "not allowed" page, never a blank screen;
 * their own page names their chamber.
 */
beforeAll(demoReady);
afterAll(closeBrowser);

describe('a chamber officer', () => {
  it('lands on their own chamber and can reach no other', async () => {
    const own = await findChamber('博兴县金属板业商会');
    const other = await findChamber('邹平市铝业商会');
    const context = await newContext();
    const page = await context.newPage();
    await page.goto(consoleUrl);
    await signIn(page, { role: '商会工作人员', chamber: '博兴县金属板业商会' });
    await page.getByRole('heading', { name: '博兴县金属板业商会' }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/chambers/${own.id}`);
    const main = page.getByRole('main');
    await eventually(() => main.getByRole('heading', { name: '会员企业' }).isVisible()).toBe(true);
    expect(await main.textContent()).toContain('行业运行分析');
    // Nothing of FIC staff's work is offered: no registry, no status actions.
    const menu = page.getByRole('navigation', { name: '菜单' });
    expect(await menu.getByRole('link', { name: '商会名录' }).count()).toBe(0);
    expect(await menu.getByRole('link', { name: '本会信息' }).count()).toBe(1);
    expect(await main.getByRole('button', { name: '暂停', exact: true }).count()).toBe(0);
    await expectAccessible(page, 'officer: own chamber');

    await page.goto(`${consoleUrl}/chambers/${other.id}`);
    await page.getByRole('heading', { name: '页面不存在' }).waitFor();
    expect(await page.getByRole('main').textContent()).not.toContain('邹平市铝业商会');
    await expectAccessible(page, 'not-found page');

    await page.goto(`${consoleUrl}/chambers`);
    await page.getByRole('heading', { name: '没有权限' }).waitFor();
    await expectAccessible(page, 'forbidden page');

    // Their own page names what their role covers: the chamber, by name (a test identity has no
    // account, so this is what its token says).
    await page.goto(`${consoleUrl}/profile`);
    await page.getByText('您以测试身份登录').waitFor();
    const scope = page.getByRole('main').getByRole('row').filter({ hasText: '范围' });
    await eventually(() => scope.textContent()).toContain('博兴县金属板业商会');
    expect(await scope.textContent()).not.toContain(own.id);
    await context.close();
  });
});
