import ExcelJS from 'exceljs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiUrl,
  choose,
  closeBrowser,
  consoleUrl,
  eventually,
  expectAccessible,
  expectNoPageScroll,
  newContext,
  PHONE,
} from './support/browser';

/*
 * Journey 1: a visitor, not signed in, reads the demo city's public face: the donation
 * statistics by campaign (the article's figures), the rankings with their filters and charts, the
 * Four-Good awards. Journey 7 for these screens: axe finds nothing serious or critical.
 */
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  context = await newContext();
  page = await context.newPage();
});
afterAll(async () => {
  await context?.close();
  await closeBrowser();
});

describe('a visitor reads the public face of 滨州市', () => {
  it('sees the donation statistics by campaign, as the article states them', async () => {
    const reads: string[] = [];
    const onRequest = (r: { url: () => string }) => {
      const url = new URL(r.url());
      if (url.pathname.startsWith('/v1/')) reads.push(url.pathname);
    };
    page.on('request', onRequest);
    await page.goto(consoleUrl);
    await eventually(() =>
      page.getByRole('heading', { name: '光彩事业捐赠统计' }).isVisible(),
    ).toBe(true);
    const card = (name: string) =>
      page.locator('.ant-card').filter({ has: page.getByRole('heading', { name }) });
    await eventually(() => card('百企帮百村').textContent()).toContain('4,922 万元');
    const pairing = await card('百企帮百村').textContent();
    expect(pairing).toContain('120家企业结对帮扶620个村，帮扶15,063人');
    expect(await card('东西部协作').textContent()).toContain('112 万元');
    expect(await card('疫情防控').textContent()).toContain('11,360 万元');
    await eventually(() =>
      page
        .getByRole('figure', { name: /各项目捐赠金额/ })
        .locator('svg')
        .count(),
    ).toBeGreaterThan(0);
    // Each county's total beside them: the page's second and last read.
    await eventually(() =>
      page
        .getByRole('figure', { name: /各县区捐赠金额/ })
        .locator('svg')
        .count(),
    ).toBeGreaterThan(0);
    page.off('request', onRequest);
    expect(reads.sort()).toEqual([
      '/v1/stats/donations/by-campaign',
      '/v1/stats/donations/by-region',
    ]);
    await expectAccessible(page, 'statistics');

    // The report the city hands to the province: the same figures, in 元, by campaign and county.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '导出统计报表' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^滨州市历年捐赠统计-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile((await download.path()) as string);
    expect(book.worksheets.map((sheet) => sheet.name)).toEqual(['按项目', '按县区']);
    const [byCampaign, byCounty] = book.worksheets as [ExcelJS.Worksheet, ExcelJS.Worksheet];
    expect(byCampaign.getCell('A1').value).toBe('滨州市历年捐赠统计（按项目）');
    const amounts = new Map<unknown, unknown>();
    byCampaign.eachRow((row) => void amounts.set(row.getCell(1).value, row.getCell(2).value));
    const stats = (await (
      await fetch(`${apiUrl}/v1/stats/donations/by-campaign?regionCode=371600`)
    ).json()) as { items: { campaign: string | null; amountFen: number }[] };
    const villagePairing = stats.items.find((item) => item.campaign === 'village-pairing');
    expect(amounts.get('百企帮百村')).toBe((villagePairing?.amountFen ?? 0) / 100);
    const counties: unknown[] = [];
    byCounty.eachRow((row) => void counties.push(row.getCell(1).value));
    expect(counties).toEqual(
      expect.arrayContaining([
        '滨城区',
        '沾化区',
        '惠民县',
        '阳信县',
        '无棣县',
        '博兴县',
        '邹平市',
      ]),
    );
  });

  it('reads the donation ranking of 2020, then one county, with its chart beside the table', async () => {
    await page.getByRole('link', { name: '捐赠排行' }).first().click();
    await eventually(() => page.getByRole('heading', { name: '商会捐赠排行' }).isVisible()).toBe(
      true,
    );
    await choose(page, '年度', '2020年');
    const table = page.getByRole('table', { name: '商会捐赠排行' });
    await eventually(() => table.getByRole('row').count()).toBeGreaterThan(5);
    const first = await table.getByRole('row').nth(1).textContent();
    expect(first).toMatch(/^1.+商会.+万元$/);
    await eventually(() =>
      page.getByRole('figure', { name: '商会捐赠排行' }).locator('svg').count(),
    ).toBeGreaterThan(0);
    await expectAccessible(page, 'donation ranking');

    await choose(page, '县区', '博兴县');
    await eventually(() => page.getByText(/^博兴县 · 2020年/).isVisible()).toBe(true);
    await eventually(async () => (await table.textContent()) ?? '').toContain('博兴县');
  });

  it('reads the regions ranking and an earlier publication by its date', async () => {
    await page.getByRole('link', { name: '地区排行' }).first().click();
    await eventually(() => page.getByRole('heading', { name: '各地区捐赠排行' }).isVisible()).toBe(
      true,
    );
    await page.goto(`${consoleUrl}/rankings/donations-by-region?year=2020`);
    const table = page.getByRole('table', { name: '各地区捐赠排行' });
    await eventually(() => table.textContent()).toContain('惠民县');
    // The day it was published, in China (the picker offers only days with a publication).
    const history = (await (
      await fetch(`${apiUrl}/v1/rankings/donations-by-region/history?year=2020`)
    ).json()) as { items: { computedAt: string }[] };
    const at = history.items.at(-1)?.computedAt as string;
    const day = new Date(Date.parse(at) + 8 * 3600_000).toISOString().slice(0, 10);
    const picker = page.getByRole('textbox', { name: '历史排行' });
    await picker.click();
    await picker.fill(day);
    await picker.press('Enter');
    await eventually(() => page.getByText(/正在查看 .+ 发布的排行/).isVisible()).toBe(true);
    await eventually(() => table.textContent()).toContain('惠民县');
    await expectAccessible(page, 'regions ranking');
  });

  it('reads the assessment ranking and the Four-Good awards', async () => {
    await page.getByRole('link', { name: '考评排行' }).first().click();
    await eventually(() =>
      page.getByRole('heading', { name: '四好商会考评排行' }).isVisible(),
    ).toBe(true);
    await expectAccessible(page, 'assessment ranking');
    await page.getByRole('link', { name: '四好商会' }).first().click();
    await eventually(() =>
      page.getByRole('heading', { name: '四好商会', level: 1 }).isVisible(),
    ).toBe(true);
    await expectAccessible(page, 'awards');
  });

  it('switches to English and remembers it, then back to Chinese', async () => {
    await page.goto(consoleUrl);
    await page.getByRole('button', { name: /English/ }).click();
    await page.getByRole('heading', { name: 'Philanthropy donation statistics' }).waitFor();
    await eventually(() => page.getByRole('main').textContent()).toContain('¥49.22 million');
    await page.reload();
    await page.getByRole('heading', { name: 'Philanthropy donation statistics' }).waitFor();
    expect(await page.evaluate('document.documentElement.lang')).toBe('en');
    await page.getByRole('button', { name: /中文/ }).click();
    await page.getByRole('heading', { name: '光彩事业捐赠统计' }).waitFor();
  });

  it('works on a phone: no page-wide sideways scroll, rankings as cards', async () => {
    const phone = await (await newContext(PHONE)).newPage();
    for (const path of [
      '/',
      '/rankings/donations?year=2020',
      '/rankings/donations-by-region?year=2020',
      '/awards',
    ]) {
      await phone.goto(`${consoleUrl}${path}`);
      await phone.waitForLoadState('networkidle');
      await expectNoPageScroll(phone, path);
      await expectAccessible(phone, `${path} on a phone`);
    }
    await phone.context().close();
  });
});
