import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { choose, eventually, expectAccessible, expectNoPageScroll } from './browser';
import { HUIMIN, socialGroupUscc, withWrongCheck } from './stage';

/*
 * Journey 2 (and 3), as FIC staff walk it on a desktop or a phone: read 惠民县's coverage, apply
 * for a township chamber there, approve it, try a USCC with a wrong check character (refused in
 * the form, nothing sent), register it with a right one, and read the coverage again.
 */
export async function coverageOf(
  page: Page,
  check: (screen: string) => Promise<void>,
): Promise<number> {
  await page.goto(new URL('/coverage', page.url()).href);
  await choose(page, '县区', '惠民县');
  const summary = page.getByText(/^惠民县共 \d+ 个乡镇（街道），已覆盖 \d+ 个$/);
  await summary.waitFor();
  await check('coverage');
  const text = (await summary.textContent()) ?? '';
  return Number(/已覆盖 (\d+) 个/.exec(text)?.[1]);
}

export async function registerTownshipChamber(
  page: Page,
  township: { code: string; name: string },
  name: string,
  options: { phone?: boolean } = {},
): Promise<void> {
  const check = async (screen: string) => {
    await expectAccessible(page, screen);
    if (options.phone) await expectNoPageScroll(page, screen);
  };
  const before = await coverageOf(page, check);
  expect(await page.getByRole('list', { name: '尚未覆盖的乡镇（街道）' }).textContent()).toContain(
    township.name,
  );

  // Apply
  if (options.phone) {
    await page.getByRole('button', { name: '菜单' }).click();
    await page.getByRole('link', { name: '申请登记' }).click();
  } else {
    await page.getByRole('link', { name: '申请登记' }).click();
  }
  await page.getByRole('heading', { name: '申请登记商会' }).waitFor();
  await page.getByLabel('商会名称', { exact: true }).fill(name);
  await choose(page, '类型', '乡镇街道商会');
  await choose(page, '所在县区', '惠民县');
  await choose(page, '所在乡镇（街道）', township.name);
  await page.getByLabel('会长', { exact: true }).fill('王建国');
  await page.getByRole('radio', { name: '单独党支部' }).check();
  await check('apply form');
  await page.getByRole('button', { name: '提交申请' }).click();
  await page.getByRole('heading', { name }).waitFor();
  await eventually(() => page.getByRole('main').getByText('已申请').first().isVisible()).toBe(true);
  await check('chamber page');

  // Approve, with its confirmation
  await page.getByRole('button', { name: '批准', exact: true }).click();
  const approve = page.getByRole('dialog', { name: '批准', exact: true });
  await approve.getByText(`确定批准“${name}”的申请吗？`).waitFor();
  await check('approve dialog');
  await approve.getByRole('button', { name: '批准', exact: true }).click();
  await eventually(() => page.getByRole('main').getByText('已批准').first().isVisible()).toBe(true);

  // Journey 3: a wrong check character is refused in the form, and nothing is sent
  const good = socialGroupUscc();
  await page.getByRole('button', { name: '登记', exact: true }).click();
  const register = page.getByRole('dialog', { name: '登记', exact: true });
  const sent: string[] = [];
  const watch = (request: { url(): string; method(): string }) => {
    if (request.method() === 'POST' && request.url().endsWith('/status')) sent.push(request.url());
  };
  page.on('request', watch);
  await register.getByLabel('统一社会信用代码').fill(withWrongCheck(good));
  await register.getByRole('button', { name: '登记', exact: true }).click();
  await register.getByText('校验位（第 18 位）不正确').waitFor();
  await check('register dialog with a refused USCC');
  expect(sent).toEqual([]);
  page.off('request', watch);

  // Register with the right code
  await register.getByLabel('统一社会信用代码').fill(good.toLowerCase());
  await register.getByRole('button', { name: '登记', exact: true }).click();
  await eventually(() => page.getByRole('main').getByText('已登记').first().isVisible()).toBe(true);
  await eventually(() => page.getByRole('main').getByText(good).isVisible()).toBe(true);

  // Coverage rises by one, and the township leaves the uncovered list
  const after = await coverageOf(page, check);
  expect(after).toBe(before + 1);
  expect(
    await page.getByRole('list', { name: '尚未覆盖的乡镇（街道）' }).count(),
  ).toBeLessThanOrEqual(1);
  const list = page.getByRole('list', { name: '尚未覆盖的乡镇（街道）' });
  if (await list.count()) expect(await list.textContent()).not.toContain(township.name);
  void HUIMIN;
}
