import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatAmount } from '../../web/src/lib/format';
import {
  apiUrl,
  choose,
  closeBrowser,
  consoleUrl,
  demoReady,
  eventually,
  expectAccessible,
  newContext,
  signIn,
} from './support/browser';
import { findChamber, socialGroupUscc } from './support/stage';

/*
 * Issue 13, journey 1: a chamber officer records a village-pairing donation — double-clicking
 * "登记", and the first answer lost on the way back, so the form sends it again under the same
 * Idempotency-Key — and the public statistics move by exactly that amount, once. Reversing it
 * moves them back.
 */
beforeAll(demoReady);
afterAll(closeBrowser);

const CHAMBER = '邹平市铝业商会';
const COUNTY = '371681';
const YEAR = new Date().getFullYear();

/** The public village-pairing total of the county this year, as the API counts it. */
async function pairingFen(): Promise<number> {
  const answer = await fetch(
    `${apiUrl}/v1/stats/donations?regionCode=${COUNTY}&campaign=village-pairing&year=${YEAR}`,
  );
  return ((await answer.json()) as { amountFen: number }).amountFen;
}

/** Picks the first option of a select, once its own list has options (a keyboard user's Enter). */
async function pickFirst(page: Page, name: string): Promise<void> {
  const box = page.getByRole('combobox', { name });
  await eventually(() => box.isEnabled()).toBe(true);
  await box.click();
  const list = await box.getAttribute('aria-controls');
  await page.locator(`[id="${list}"] [role="option"]`).first().waitFor({ state: 'attached' });
  await box.press('Enter');
  await eventually(async () => (await box.getAttribute('aria-expanded')) === 'true').toBe(false);
}

describe('a chamber officer’s donation', () => {
  it('records once despite a double click and a lost answer, and a reversal takes it back', async () => {
    await findChamber(CHAMBER);
    const before = await pairingFen();
    const donor = `浏览器测试捐赠企业${Date.now().toString(36)}`;
    const context = await newContext();
    const page = await context.newPage();
    await page.goto(consoleUrl);
    await signIn(page, { role: '商会工作人员', chamber: CHAMBER });
    await page
      .getByRole('navigation', { name: '菜单' })
      .getByRole('link', { name: '登记捐赠' })
      .click();
    await page.getByRole('heading', { name: '登记捐赠' }).waitFor();

    // The campaign first; then only its fields.
    expect(await page.getByLabel('捐赠企业', { exact: true }).count()).toBe(0);
    await page.locator('label').filter({ hasText: '百企帮百村' }).click();
    expect(await page.getByRole('combobox', { name: '受援县（区）' }).count()).toBe(0);
    await pickFirst(page, '乡镇（街道）');
    await pickFirst(page, '村（社区）');
    await page.locator('label').filter({ hasText: '产业帮扶' }).click();
    await page.getByLabel('捐赠企业', { exact: true }).fill(donor);
    await page.getByLabel('捐赠企业统一社会信用代码').fill(socialGroupUscc());
    await page.getByLabel('金额（元）').fill('1,234.56');
    await page.getByLabel('帮扶人数').fill('3');
    await expectAccessible(page, 'record a donation');

    // The first answer is lost after the API recorded it (the connection drops on the way back).
    let dropped = 0;
    await page.route('**/v1/donations', async (route) => {
      if (route.request().method() === 'POST' && dropped === 0) {
        dropped += 1;
        await route.fetch();
        await route.abort('connectionreset');
        return;
      }
      await route.continue();
    });
    const submit = page.getByRole('button', { name: '登记捐赠' });
    await submit.dblclick();
    await page
      .getByRole('alert')
      .filter({ hasText: /网络|连接|Network/ })
      .first()
      .waitFor();
    expect(dropped).toBe(1);
    await submit.click(); // try again: the same key, so the API answers what it recorded
    await page.getByRole('heading', { name: '捐赠台账' }).waitFor();
    await page.getByText('刚刚登记').waitFor();
    const rows = page.getByRole('row').filter({ hasText: donor });
    expect(await rows.count()).toBe(1);
    await expectAccessible(page, 'ledger');

    expect(await pairingFen()).toBe(before + 123_456);
    const stats = await context.newPage();
    await stats.goto(consoleUrl);
    await choose(stats, '地区', '邹平市');
    await choose(stats, '年度', `${YEAR}年`);
    const pairingCard = stats
      .locator('.ant-card')
      .filter({ has: stats.getByRole('heading', { name: '百企帮百村', exact: true }) });
    await pairingCard.getByText(formatAmount(before + 123_456), { exact: true }).waitFor();

    // Reverse it: a reason, a confirmation; afterwards nothing more is offered for it.
    await rows.getByRole('button', { name: '冲正' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('冲正原因').fill('录入有误，浏览器测试冲正');
    await dialog.getByRole('button', { name: '确认冲正' }).click();
    await eventually(() => rows.textContent()).toMatch(/已被第 \d+ 条冲正/);
    expect(await rows.getByRole('button', { name: '冲正' }).count()).toBe(0);
    await eventually(() => page.getByRole('row').filter({ hasText: '录入有误' }).count()).toBe(1);
    expect(await pairingFen()).toBe(before);
    await stats.reload();
    await choose(stats, '地区', '邹平市');
    await choose(stats, '年度', `${YEAR}年`);
    await pairingCard.getByText(formatAmount(before), { exact: true }).waitFor();
    await context.close();
  });
});
