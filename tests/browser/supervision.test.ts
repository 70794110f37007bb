import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInShanghai } from '#shared/domain/calendar';
import { addDays } from '#shared/domain/supervision';
import {
  api,
  apiToken,
  closeBrowser,
  consoleUrl,
  demoReady,
  eventually,
  expectAccessible,
  expectNoPageScroll,
  newContext,
  PHONE,
  signIn,
} from './support/browser';
import { findChamber } from './support/stage';

/*
 * Journeys 3, 4 and 5 of supervision, on the demo:
 * 3. a liaison, on a phone, records a visit with an issue; the chamber's officer answers it in
 *    time; a back-dated visit shows up overdue in FIC staff's list after the schedule runs;
 * 4. an officer sends the annual report, FIC staff return it, the officer sends it again, FIC
 *    staff accept it, and the chamber leaves the missing list;
 * 5. FIC staff's dashboard shows the article's awards and each card opens its list.
 */
beforeAll(demoReady);
afterAll(closeBrowser);

const CITY = { role: '工商联工作人员', region: '滨州市' } as const;
const lastYear = Number(todayInShanghai().slice(0, 4)) - 1;

describe('a liaison leader', () => {
  it('records visits on a phone; the officer answers; the back-dated one is overdue', async () => {
    // The stage: a leader of their own, assigned to two demo chambers, due every 30 days.
    const leaderId = `browser-liaison-${crypto.randomUUID().slice(0, 8)}`;
    // Its own words, so a run against a console already running finds this issue alone.
    const SUMMARY = `希望协调职业院校开展定向培训（${leaderId.slice(-4)}）`;
    const admin = await apiToken({ role: 'fic-admin', regionCode: '371600' });
    const visited = await findChamber('滨州市温州商会');
    const behind = await findChamber('滨州市女企业家商会');
    for (const chamber of [visited, behind]) {
      await api('PUT', `/v1/chambers/${chamber.id}/liaisons/${leaderId}`, admin, {
        name: '浏览器测试领导',
        title: '副主席',
        visitEveryDays: 30,
      });
    }

    const phone = await newContext(PHONE);
    const page = await phone.newPage();
    await page.goto(consoleUrl);
    await signIn(page, { role: '驻会领导', region: '滨州市', sub: leaderId });
    await page.getByRole('heading', { name: '我联系的商会' }).waitFor();
    await expectAccessible(page, 'liaison: my chambers');
    await expectNoPageScroll(page, 'liaison: my chambers');

    // A visit today, with an issue raised.
    await page.getByRole('button', { name: '记录走访：滨州市温州商会' }).click();
    await page.getByRole('heading', { name: '记录走访' }).waitFor();
    await page.getByRole('radio', { name: '座谈会议' }).check();
    await page.getByLabel('走访议题').fill('会员企业用工情况\n年度工作计划');
    await page.getByRole('button', { name: '添加问题' }).click();
    await page.getByLabel('问题 1', { exact: true }).fill(SUMMARY);
    await expectAccessible(page, 'liaison: record a visit');
    await expectNoPageScroll(page, 'liaison: record a visit');
    await page.getByRole('button', { name: '保存走访记录' }).click();
    await page.getByText('已记录对滨州市温州商会的走访').waitFor();
    await page.getByRole('heading', { name: '我联系的商会' }).waitFor();

    // A visit 45 days ago: with every 30 days, the next was due 15 days ago.
    await page.getByRole('button', { name: '记录走访：滨州市女企业家商会' }).click();
    await page.getByLabel('走访日期').fill(addDays(todayInShanghai(), -45));
    await page.getByLabel('走访议题').fill('巾帼创业帮扶');
    await page.getByRole('button', { name: '保存走访记录' }).click();
    await page.getByRole('heading', { name: '我联系的商会' }).waitFor();
    const overdueCard = page.getByRole('listitem').filter({ hasText: '滨州市女企业家商会' });
    await eventually(() => overdueCard.getByText('逾期 15 天').isVisible()).toBe(true);
    await phone.close();

    // The officer of 滨州市温州商会 answers within the 15 days.
    const desk = await newContext();
    const officer = await desk.newPage();
    await officer.goto(consoleUrl);
    await signIn(officer, { role: '商会工作人员', chamber: '滨州市温州商会' });
    await officer.getByRole('link', { name: '问题反馈' }).click();
    await officer.getByRole('heading', { name: '问题反馈' }).waitFor();
    const issue = officer.getByRole('listitem').filter({ hasText: SUMMARY });
    await issue.getByText('剩余 15 天').waitFor();
    await expectAccessible(officer, 'officer: issues inbox');
    await issue.getByLabel('答复', { exact: true }).fill('已与市技师学院对接，下月开班');
    await issue.getByRole('button', { name: '提交答复' }).click();
    await eventually(() => issue.getByText('已按时答复').isVisible()).toBe(true);
    await desk.close();

    // The schedule runs; FIC staff see the back-dated chamber among the overdue, with its date.
    const ran = await fetch(`${consoleUrl}/_local/schedules/supervision-overdue`, {
      method: 'POST',
    });
    expect(ran.status).toBe(200);
    const staff = await newContext();
    const fic = await staff.newPage();
    await fic.goto(consoleUrl);
    await signIn(fic, CITY);
    await fic.getByRole('link', { name: '逾期走访' }).click();
    await fic.getByRole('heading', { name: '逾期未走访的商会' }).waitFor();
    await fic.getByText(/^依据 \d{4}年\d{1,2}月\d{1,2}日 的定时检查结果$/).waitFor();
    const row = fic.getByRole('row').filter({ hasText: '滨州市女企业家商会' });
    await eventually(() => row.getByText('浏览器测试领导').isVisible()).toBe(true);
    expect(await row.textContent()).toContain('逾期 15 天');
    await expectAccessible(fic, 'FIC staff: overdue visits');
    await staff.close();
  });
});

describe('an annual report', () => {
  it('is sent, returned, sent again, accepted, and leaves the missing list', async () => {
    // The stage: a chamber of the demo that has sent nothing for last year.
    const admin = await apiToken({ role: 'fic-admin', regionCode: '371600' });
    const missing = await api<{ items: { name: string; reportStatus: string | null }[] }>(
      'GET',
      `/v1/annual-reports/missing?regionCode=371600&year=${lastYear}&limit=100`,
      admin,
    );
    const name = missing.items.find((m) => m.reportStatus === null)?.name as string;
    expect(name).toBeTruthy();

    const officerContext = await newContext();
    const officer = await officerContext.newPage();
    await officer.goto(consoleUrl);
    await signIn(officer, { role: '商会工作人员', chamber: name });
    await officer.getByRole('link', { name: '年度报告' }).click();
    await officer.getByRole('heading', { name: `${lastYear}年度报告` }).waitFor();
    const form = officer.getByRole('form', { name: '年度报告内容' });
    await form.getByLabel('企业会员（家）').fill('58');
    await form.getByLabel('年度收入').fill('十二万');
    await form.getByLabel('年度支出').fill('98000.5');
    await form.getByLabel('年末净资产').fill('-3000');
    await form.getByLabel('全年举办活动（次）').fill('6');
    await form.getByLabel('党员人数').fill('7');
    await form.getByLabel('年度工作总结').fill('全年组织会员企业参加招商推介和公益活动。');
    await officer.getByRole('button', { name: '报送年度报告' }).click();
    // 十二万 is not an amount in 元: refused beside its field, nothing sent.
    await form.getByText('请输入金额（元），最多两位小数').waitFor();
    await form.getByLabel('年度收入').fill('125000');
    await officer.getByRole('button', { name: '报送年度报告' }).click();
    await officer.getByText('年度报告已报送').waitFor();
    await expectAccessible(officer, 'officer: annual report');

    const staffContext = await newContext();
    const fic = await staffContext.newPage();
    await fic.goto(consoleUrl);
    await signIn(fic, CITY);
    const open = async () => {
      await fic.goto(`${consoleUrl}/supervision/annual-reports?year=${lastYear}&show=all`);
      await fic.getByRole('link', { name }).first().click();
      await fic.getByRole('heading', { name: `${lastYear}年度报告` }).waitFor();
    };
    await open();
    await fic.getByText('待审核').first().waitFor();
    await fic.getByRole('button', { name: '退回修改' }).click();
    await fic.getByText('退回时请写明需要修改的内容').first().waitFor();
    await fic.getByLabel('审核意见').fill('净资产为负，请附说明');
    await expectAccessible(fic, 'FIC staff: report review');
    await fic.getByRole('button', { name: '退回修改' }).click();
    await fic.getByText('已退回').first().waitFor();

    // A returned report is still missing.
    await fic.goto(`${consoleUrl}/supervision/annual-reports?year=${lastYear}`);
    await fic.getByRole('heading', { name: `${lastYear}年度报告未报送的商会` }).waitFor();
    await eventually(() => fic.getByRole('link', { name }).isVisible()).toBe(true);
    await expectAccessible(fic, 'FIC staff: missing reports');

    await officer.reload();
    await officer.getByText('净资产为负，请附说明').waitFor();
    await form
      .getByLabel('年度工作总结')
      .fill('全年组织会员企业参加招商推介和公益活动。净资产为负系偿还借款所致。');
    await officer.getByRole('button', { name: '修改后重新提交' }).click();
    await officer.getByText('年度报告已报送').waitFor();

    await open();
    await fic.getByRole('button', { name: '审核通过' }).click();
    await fic.getByText('已审核通过').first().waitFor();
    await fic.goto(`${consoleUrl}/supervision/annual-reports?year=${lastYear}`);
    await fic.getByRole('heading', { name: `${lastYear}年度报告未报送的商会` }).waitFor();
    await eventually(() => fic.getByRole('table').first().isVisible()).toBe(true);
    expect(await fic.getByRole('link', { name }).count()).toBe(0);
    await officerContext.close();
    await staffContext.close();
  });
});

describe('FIC staff’s dashboard', () => {
  it('shows the article’s figures and each card opens its list', async () => {
    const context = await newContext();
    const page = await context.newPage();
    // The dashboard's own reads: those made once the sign-in page has been left (the public
    // page before it reads its statistics).
    const requests: string[] = [];
    let signingIn = false;
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame() && frame.url().includes('/_local/oidc/')) signingIn = true;
    });
    page.on('request', (r) => {
      const path = new URL(r.url()).pathname;
      if (signingIn && path.startsWith('/v1/')) requests.push(path);
    });
    await page.goto(consoleUrl);
    await signIn(page, CITY);
    await page.getByRole('heading', { name: '首页' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/dashboard');
    const card = (label: RegExp) => page.getByRole('link', { name: label });
    await card(/^全国“四好商会”：3$/).waitFor();
    await card(/^省级“四好商会”：9$/).waitFor();
    await card(/^逾期未走访：\d+$/).waitFor();
    await page.getByRole('list', { name: '乡镇（街道）商会覆盖' }).getByText('无棣县').waitFor();
    // The article's 18 associations under classified management ("1+N"), counted apart.
    const relationships = page.getByRole('list', { name: '与工商联的关系' });
    await relationships.getByRole('link', { name: '归口管理 18' }).waitFor();
    await expectAccessible(page, 'FIC staff: dashboard');
    const reads = requests.filter((p) => p !== '/v1/accounts/me');
    expect(reads.length, reads.join(' ')).toBeLessThanOrEqual(3);

    await card(/^全国“四好商会”：3$/).click();
    await eventually(() => new URL(page.url()).search).toBe('?level=national');
    await page.goBack();
    await card(/^逾期未走访：\d+$/).click();
    await page.getByRole('heading', { name: '逾期未走访的商会' }).waitFor();
    await page.goBack();
    await card(new RegExp(`^${lastYear}年度报告未报送：\\d+$`)).click();
    await page.getByRole('heading', { name: `${lastYear}年度报告未报送的商会` }).waitFor();
    await page.goBack();
    await relationships.getByRole('link', { name: '归口管理 18' }).click();
    await eventually(() => new URL(page.url()).search).toBe('?relationship=classified');
    await page.goBack();
    await card(/^超期未答复问题：\d+$/).click();
    await page.getByRole('heading', { name: '超过 15 天未答复的问题' }).waitFor();
    await expectAccessible(page, 'FIC staff: late issues');
    await page.goto(`${consoleUrl}/supervision/activities?year=${lastYear}`);
    await page.getByRole('heading', { name: `${lastYear}年各商会“七个一”开展情况` }).waitFor();
    await eventually(() => page.getByText('已完成').first().isVisible()).toBe(true);
    await expectAccessible(page, 'FIC staff: "七个一" activities');
    await context.close();
  });
});
