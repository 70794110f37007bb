import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  api,
  apiToken,
  choose,
  closeBrowser,
  consoleUrl,
  demoReady,
  eventually,
  expectAccessible,
  newContext,
  signIn,
} from './support/browser';

/*
 * Issue 13, journey 2: FIC staff open a Four-Good cycle and assign an assessor; a chamber officer
 * self-assesses (a draft survives a reload); the assessor reviews with a deduction, whose reason
 * the form asks for at once; FIC staff veto another entry, finalize after a confirmation that
 * says what it locks, read the ranks (the vetoed entry last) and record an award that the public
 * awards page then shows.
 */
beforeAll(demoReady);
afterAll(closeBrowser);

const OFFICER_CHAMBER = '惠民县绳网行业商会';
const VETOED = '滨州市温州商会';
const ASSESSOR = '孙明远';

/** Gives every indicator of the sheet its maximum (each spinbutton states it). */
async function fullMarks(page: Page): Promise<number> {
  const boxes = page.getByRole('spinbutton');
  const n = await boxes.count();
  let total = 0;
  for (let i = 0; i < n; i += 1) {
    const box = boxes.nth(i);
    const max = Number(await box.getAttribute('aria-valuemax'));
    await box.fill(String(max));
    total += max;
  }
  return total;
}

describe('a Four-Good cycle in the browser', () => {
  it('runs from opening to a published award', async () => {
    const admin = await apiToken({ role: 'fic-admin', regionCode: '371600' });
    const assessors = await api<{ items: { id: string; name: string }[] }>(
      'GET',
      '/v1/accounts?role=assessor&limit=100',
      admin,
    );
    const assessorId = assessors.items.find((a) => a.name === ASSESSOR)?.id;
    if (!assessorId) throw new Error(`no assessor ${ASSESSOR}`);
    const title = `浏览器测试考评${Date.now().toString(36)}`;
    const year = new Date().getFullYear();

    // FIC staff open the cycle and assign the assessor to two chambers.
    const staff = await (await newContext()).newPage();
    await staff.goto(consoleUrl);
    await signIn(staff, { role: '工商联工作人员', region: '滨州市' });
    await staff
      .getByRole('navigation', { name: '菜单' })
      .getByRole('link', { name: '考评周期' })
      .click();
    await staff.getByLabel('名称（可不填）').fill(title);
    await expectAccessible(staff, 'cycles');
    await staff.getByRole('button', { name: '开启考评' }).click();
    await staff.getByRole('heading', { name: title }).waitFor();
    await staff.getByRole('tab', { name: '评分分配' }).click();
    for (const chamber of [OFFICER_CHAMBER, VETOED]) {
      await choose(staff, '商会', chamber);
      await choose(staff, '评估专家', ASSESSOR);
      await staff.getByRole('button', { name: '分配', exact: true }).click();
      await staff
        .getByRole('tabpanel', { name: '评分分配' })
        .getByRole('row')
        .filter({ hasText: chamber })
        .waitFor();
    }
    await expectAccessible(staff, 'assignments');

    // The officer self-assesses; what is typed survives a reload until it is saved.
    const officer = await (await newContext()).newPage();
    await officer.goto(consoleUrl);
    await signIn(officer, { role: '商会工作人员', chamber: OFFICER_CHAMBER });
    await officer
      .getByRole('navigation', { name: '菜单' })
      .getByRole('link', { name: '四好商会自评' })
      .click();
    // The sheet appears whichever of its reads answers last. Here the (not yet saved) sheet
    // answers before the cycle and the rubric, held back until then: in that order the page
    // once stayed on its skeleton for good.
    let sheetAnswered = () => {};
    const answered = new Promise<void>((resolve) => {
      sheetAnswered = resolve;
    });
    officer.on('response', (response) => {
      if (response.url().endsWith('/self-assessment')) sheetAnswered();
    });
    const cycleOrRubric = /\/v1\/(assessment-cycles|rubrics)\/[^/?]+$/;
    await officer.route(cycleOrRubric, async (route) => {
      await answered;
      await route.continue();
    });
    await officer
      .getByRole('row')
      .filter({ hasText: title })
      .getByRole('link', { name: '填写自评' })
      .click();
    // The sheet's own heading (the list's is 四好商会自评 alone).
    await officer.getByRole('heading', { name: `四好商会自评 · ${OFFICER_CHAMBER}` }).waitFor();
    await officer.unroute(cycleOrRubric);
    const first = officer.getByRole('spinbutton').first();
    await first.fill('3');
    await officer
      .getByText(/小计 3 \//)
      .first()
      .waitFor();
    await officer.reload();
    await officer.getByText('已恢复您上次未保存的草稿（保存在本浏览器）').waitFor();
    // The box shows points to the half step it takes ("3.0").
    expect(Number(await officer.getByRole('spinbutton').first().inputValue())).toBe(3);
    const max = await fullMarks(officer);
    // Evidence stands beside the scores.
    expect(await officer.getByRole('region', { name: '系统掌握的情况' }).count()).toBeGreaterThan(
      0,
    );
    await expectAccessible(officer, 'self-assessment');
    await officer.getByRole('button', { name: '保存自评' }).click();
    await officer.getByText(`已保存，总分 ${max} 分`).waitFor();

    // The assessor reviews: a deduction asks for its reason at once.
    const assessor = await (await newContext()).newPage();
    await assessor.goto(consoleUrl);
    await signIn(assessor, { role: '评估专家', region: '滨州市', sub: assessorId });
    await assessor.getByRole('heading', { name: '考评工作台' }).waitFor();
    await assessor
      .getByRole('row')
      .filter({ hasText: OFFICER_CHAMBER })
      .filter({ hasText: title })
      .getByRole('button', { name: '开始评分' })
      .click();
    await assessor
      .getByRole('heading', { name: new RegExp(`专家评分 · ${OFFICER_CHAMBER}`) })
      .waitFor();
    await fullMarks(assessor);
    const box = assessor.getByRole('spinbutton').first();
    const top = Number(await box.getAttribute('aria-valuemax'));
    await box.fill(String(top - 2));
    await assessor.getByText(/低于满分（\d+ 分）时必须填写扣分理由/).waitFor();
    await expectAccessible(assessor, 'review');
    await assessor.getByLabel('扣分理由').first().fill('年度工作报告未按时报送');
    await assessor.getByRole('button', { name: '提交评分' }).click();
    await assessor.getByText(`已保存，总分 ${max - 2} 分`).waitFor();

    // FIC staff veto the other entry, finalize, and read the ranks.
    await staff.reload();
    await staff.getByRole('tab', { name: '结果（暂定）' }).click();
    await staff
      .getByRole('row')
      .filter({ hasText: VETOED })
      .getByRole('button', { name: '一票否决' })
      .click();
    const veto = staff.getByRole('dialog');
    await choose(staff, '否决理由', '受到行政处罚');
    await veto.getByRole('button', { name: '确认否决' }).click();
    await eventually(() =>
      staff.getByRole('row').filter({ hasText: VETOED }).textContent(),
    ).toContain('无资格');
    await staff.getByRole('button', { name: '定稿', exact: true }).click();
    const confirm = staff.getByRole('dialog');
    expect(await confirm.textContent()).toContain('锁定');
    await confirm.getByRole('button', { name: '确认定稿' }).click();
    await staff.getByText('已定稿', { exact: true }).first().waitFor();
    const rows = staff.getByRole('row');
    await eventually(() => rows.filter({ hasText: OFFICER_CHAMBER }).textContent()).toContain(
      (max - 2).toFixed(2),
    );
    const names = await rows.allTextContents();
    const ours = names.findIndex((t) => t.includes(OFFICER_CHAMBER));
    const vetoed = names.findIndex((t) => t.includes(VETOED));
    expect(ours).toBeGreaterThan(0);
    expect(vetoed).toBe(names.length - 1); // ineligible last
    expect(names[ours]?.startsWith('1')).toBe(true);
    await expectAccessible(staff, 'results');

    // The award, then the public page.
    await rows
      .filter({ hasText: OFFICER_CHAMBER })
      .getByRole('button', { name: '授予称号' })
      .click();
    await choose(staff, '级别', '省级');
    await staff.getByRole('dialog').getByRole('button', { name: '授予' }).click();
    await staff.getByText(new RegExp(`已授予 ${OFFICER_CHAMBER}`)).waitFor();
    const visitor = await (await newContext()).newPage();
    await visitor.goto(`${consoleUrl}/awards?year=${year}&level=province`);
    await visitor.getByText(OFFICER_CHAMBER).first().waitFor();
    await visitor.context().close();
    await staff.context().close();
    await officer.context().close();
    await assessor.context().close();
  });
});
