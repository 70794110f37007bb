import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeUscc } from '#shared/domain/uscc';
import {
  api,
  apiToken,
  choose,
  closeBrowser,
  consoleUrl,
  demoReady,
  expectAccessible,
  newContext,
  signIn,
} from './support/browser';
import { withWrongCheck } from './support/stage';

/*
 * Spreadsheets as FIC staff use them: a donations file with two bad rows is read and checked in
 * the browser, the problems are listed by row and column, the valid rows are sent with a progress
 * bar, and the result downloads as .xlsx; the registry, filtered, exports every chamber it selects;
 * the demo's 2020 Four-Good cycle exports its ranks and one sheet per dimension.
 * The donations go to a chamber of this test's own, for 公益慈善 (no other journey reads it).
 */
beforeAll(demoReady);
afterAll(closeBrowser);

const dir = mkdtempSync(path.join(os.tmpdir(), 'fic-sheets-browser-'));
const shots = process.env.SHEETS_SCREENSHOTS;

/** FIC staff of 滨州市 signed in, on their dashboard, then on `menu`'s screen. */
async function staffOpen(menu: string) {
  const context = await newContext();
  const page = await context.newPage();
  await page.goto(consoleUrl);
  await signIn(page, { role: '工商联工作人员', region: '滨州市' });
  await page.getByRole('heading', { name: '首页' }).waitFor();
  await page.getByRole('navigation', { name: '菜单' }).getByRole('link', { name: menu }).click();
  return { context, page };
}

describe('spreadsheets in the console', () => {
  it('imports a donations file with two bad rows, then exports the filtered registry', async () => {
    const admin = await apiToken({ role: 'fic-admin', regionCode: '371600' });
    const tag = Date.now().toString(36);
    const name = `滨城区表格测试商会${tag}`;
    await api('POST', '/v1/chambers', admin, {
      name,
      kind: 'industry',
      regionCode: '371602',
      relationship: 'group-member', // not classified: the programmes journey counts those
    });
    const donor = completeUscc(`91371602${String(Date.now()).slice(-8)}`);
    const lines = [
      '商会,捐赠企业,捐赠企业统一社会信用代码,项目,捐赠形式,金额（元）,帮扶人数,捐赠日期',
      `${name},滨城区测试企业,${donor},公益慈善,资金,"1,200.50",3,2024-06-01`,
      `${name},滨城区测试企业,${withWrongCheck(donor)},公益慈善,资金,300,1,2024-06-02`,
      `${name},滨城区测试企业,${donor},公益慈善,资金,800,2,2024-06-03`,
      `${name},滨城区测试企业,${donor},公益慈善,物资,一百,0,2024-06-04`,
      `${name},滨城区测试企业,${donor},公益慈善,物资,99,0,2024-06-05`,
    ];
    const file = path.join(dir, 'donations.csv');
    writeFileSync(file, `\uFEFF${lines.join('\r\n')}\r\n`);

    const { context, page } = await staffOpen('商会名录');
    await page.getByRole('link', { name: '导入 Excel' }).click();
    await page.getByRole('heading', { name: '从 Excel 导入' }).waitFor();
    await page.locator('input[type=file]').setInputFiles(file);
    await page.getByText('donations.csv：共 5 行，3 行可以导入，2 行有问题').waitFor();
    const problems = page.getByRole('table');
    expect(await problems.getByRole('row').nth(1).textContent()).toContain(
      '3捐赠企业统一社会信用代码',
    );
    expect(await problems.getByRole('row').nth(2).textContent()).toContain('5金额（元）一百');
    await expectAccessible(page, 'import checked');
    if (shots)
      await page.screenshot({ path: path.join(shots, 'import-checked.png'), fullPage: true });

    await page.getByRole('button', { name: '导入 3 行有效数据' }).click();
    await page.getByText('共 5 行：新导入 3 行，已存在 0 行，未导入 2 行').waitFor();
    expect(await page.getByRole('progressbar').count()).toBe(0);
    if (shots) await page.screenshot({ path: path.join(shots, 'import-done.png'), fullPage: true });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '下载导入结果' }).click(),
    ]);
    const result = new ExcelJS.Workbook();
    await result.xlsx.readFile((await download.path()) as string);
    const sheet = result.worksheets[0] as ExcelJS.Worksheet;
    const outcomes = [3, 4, 5, 6, 7].map((row) => sheet.getRow(row).getCell(2).value);
    expect(outcomes).toEqual(['已导入', '未导入', '已导入', '未导入', '已导入']);

    // The registry filtered to 团体会员 in 滨城区 exports every chamber it selects, all pages,
    // under a title and the filters that selected them.
    await page.goto(new URL('/chambers', consoleUrl).href);
    await choose(page, '与工商联的关系', '团体会员');
    await choose(page, '县区', '滨城区');
    await page.waitForURL(
      (url) =>
        url.searchParams.get('relationship') === 'group-member' &&
        url.searchParams.get('regionCode') === '371602',
    );
    await page.getByRole('link', { name }).waitFor();
    const expected: string[] = [];
    let cursor = '';
    do {
      const page = await api<{ items: { name: string }[]; nextCursor: string | null }>(
        'GET',
        `/v1/chambers?regionCode=371602&relationship=group-member&limit=100${cursor}`,
        admin,
      );
      expected.push(...page.items.map((c) => c.name));
      cursor = page.nextCursor ? `&cursor=${encodeURIComponent(page.nextCursor)}` : '';
    } while (cursor);
    const [exported] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '导出 Excel' }).click(),
    ]);
    expect(exported.suggestedFilename()).toMatch(/^商会名录-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile((await exported.path()) as string);
    const list = book.worksheets[0] as ExcelJS.Worksheet;
    expect(list.getCell('A1').value).toBe('商会名录');
    expect(list.getCell('A2').value).toBe('筛选条件：地区：滨城区；与工商联的关系：团体会员');
    expect(list.getCell('A3').value).toBe('商会名称');
    const names = [];
    for (let row = 4; row <= list.rowCount; row += 1) names.push(list.getRow(row).getCell(1).value);
    expect(names.sort()).toEqual(expected.sort());
    expect(names).toContain(name);
    if (shots) await page.screenshot({ path: path.join(shots, 'registry-export.png') });
    await context.close();
  });

  it('exports an assessment cycle’s results: the ranks, then one sheet per dimension', async () => {
    const admin = await apiToken({ role: 'fic-admin', regionCode: '371600' });
    const title = '滨州市2020年度“四好商会”评价';
    const cycles = await api<{ items: { id: string; title: string }[] }>(
      'GET',
      '/v1/assessment-cycles?regionCode=371600&year=2020&limit=100',
      admin,
    );
    const cycle = cycles.items.find((c) => c.title === title);
    expect(cycle).toBeDefined();
    const results = await api<{ items: { name: string; rank: number | null; score: number }[] }>(
      'GET',
      `/v1/assessment-cycles/${cycle?.id}/results`,
      admin,
    );

    const { context, page } = await staffOpen('考评周期');
    await page.getByRole('link', { name: title }).click();
    await page.getByRole('heading', { name: title }).waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '导出 Excel' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(
      /^滨州市2020年度“四好商会”评价结果-\d{4}-\d{2}-\d{2}\.xlsx$/,
    );
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile((await download.path()) as string);
    expect(book.worksheets.map((s) => s.name)).toEqual([
      '排名',
      '政治引领好',
      '队伍建设好',
      '服务发展好',
      '自律规范好',
    ]);
    const ranks = book.getWorksheet('排名') as ExcelJS.Worksheet;
    expect(ranks.getCell('A1').value).toBe(`${title}结果`);
    expect(ranks.getCell('A2').value).toContain('年度：2020年');
    expect((ranks.getRow(3).values as unknown[]).slice(1)).toEqual([
      '名次',
      '商会',
      '得分',
      '等次',
      '资格',
      '评分专家数',
      '自评分',
    ]);
    const top = results.items[0];
    expect(ranks.getRow(4).getCell(1).value).toBe(top?.rank);
    expect(ranks.getRow(4).getCell(2).value).toBe(top?.name);
    expect(ranks.getRow(4).getCell(3).value).toBe(top?.score);
    expect(ranks.rowCount).toBe(3 + results.items.length);
    // The vetoed entry says why it is not eligible.
    const eligibility = results.items.map((_, i) => ranks.getRow(4 + i).getCell(5).value);
    expect(eligibility.some((v) => String(v).startsWith('无资格：'))).toBe(true);

    // Each dimension lists every entry with its points per indicator; the top entry's four
    // subtotals add up to its score, and the reviewers' reasons for deductions are there.
    let sum = 0;
    for (const dimension of book.worksheets.slice(1)) {
      const header = (dimension.getRow(3).values as unknown[]).slice(1).map(String);
      expect(header.slice(0, 2)).toEqual(['名次', '商会']);
      expect(header.at(-1)).toBe('扣分原因');
      expect(header.at(-2)).toMatch(/^小计（\d+分）$/);
      expect(dimension.getRow(4).getCell(2).value).toBe(top?.name);
      sum += Number(dimension.getRow(4).getCell(header.length - 1).value);
      expect(String(dimension.getRow(4).getCell(header.length).value ?? '')).toContain(
        '佐证材料不够完整，酌情扣分',
      );
    }
    expect(sum).toBeCloseTo(top?.score ?? 0, 1);
    if (shots) await page.screenshot({ path: path.join(shots, 'results-export.png') });
    await context.close();
  });
});
