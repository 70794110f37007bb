// `npm run screenshots`: the console's main screens, on a desktop (1366×900) and a phone (390×844),
// into docs/screenshots/ (shown in the README). Starts its own runtime with the Binzhou demo and
// the built console, or uses CONSOLE_URL (+ API_URL) when one is already running.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { ROOT, type Runtime, startRuntime } from '#infra/local/runtime';
import { launchChromium, speaksChinese } from './support/chromium';

const OUT = path.join(ROOT, 'docs', 'screenshots');
const SIZES = { desktop: { width: 1366, height: 900 }, phone: { width: 390, height: 844 } };

let runtime: Runtime | undefined;
let outdir: string | undefined;
let base = process.env.CONSOLE_URL?.replace(/\/+$/, '');
if (!base) {
  outdir = mkdtempSync(path.join(os.tmpdir(), 'fic-screenshots-'));
  console.error('Starting the local runtime with the demo and the console…');
  runtime = await startRuntime({
    port: 0,
    inMemory: true,
    outdir,
    demo: true,
    log: () => undefined,
  });
  base = runtime.url;
}
const api = (process.env.API_URL ?? base).replace(/\/+$/, '');

async function adminGet<T>(path: string): Promise<T> {
  const token = (
    (await (await fetch(`${api}/_local/token?role=fic-admin&regionCode=371600`)).json()) as {
      token: string;
    }
  ).token;
  return (await (
    await fetch(`${api}${path}`, { headers: { authorization: `Bearer ${token}` } })
  ).json()) as T;
}

async function chamberId(name: string): Promise<string> {
  const page = await adminGet<{ items: { id: string; name: string }[] }>(
    `/v1/chambers?name=${encodeURIComponent(name)}`,
  );
  const found = page.items.find((c) => c.name === name);
  if (!found) throw new Error(`no chamber ${name}`);
  return found.id;
}

async function allianceId(name: string): Promise<string> {
  const page = (await (await fetch(`${api}/v1/alliances?regionCode=371600&limit=100`)).json()) as {
    items: { id: string; name: string }[];
  };
  const found = page.items.find((a) => a.name === name);
  if (!found) throw new Error(`no alliance ${name}`);
  return found.id;
}

/** The demo's liaison leader of that name (their account id is their leaderId). */
async function leaderId(name: string): Promise<string> {
  const page = await adminGet<{ items: { id: string; name: string }[] }>(
    '/v1/accounts?role=liaison&regionCode=371600&limit=100',
  );
  const found = page.items.find((a) => a.name === name);
  if (!found) throw new Error(`no liaison ${name}`);
  return found.id;
}

async function signIn(
  page: Page,
  role: string,
  pick: { region?: string; chamber?: string; sub?: string },
) {
  await page.goto(base as string);
  await page.getByRole('button', { name: '登录' }).first().click();
  await page.waitForURL(/\/_local\/oidc\/authorize/);
  await page.getByRole('radio', { name: new RegExp(role) }).check();
  for (const [label, text] of [
    [/^地区/, pick.region],
    [/^商会/, pick.chamber],
  ] as const) {
    if (!text) continue;
    const select = page.getByLabel(label);
    await select.selectOption(
      (await select.locator('option', { hasText: text }).first().getAttribute('value')) ?? '',
    );
  }
  if (pick.sub) await page.getByLabel(/^用户标识/).fill(pick.sub);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL(
    (url) => !url.pathname.startsWith('/_local/') && !url.pathname.startsWith('/auth/'),
  );
}

/** Signs in as a person of the demo, picked on the local sign-in page (shot on the way). */
async function signInAs(page: Page, name: string, size: keyof typeof SIZES) {
  await page.goto(base as string);
  await page.getByRole('button', { name: '登录' }).first().click();
  await page.waitForURL(/\/_local\/oidc\/authorize/);
  await shoot(page, 'sign-in', size, '选择人员');
  await page.getByRole('button', { name: new RegExp(`^${name} `) }).click();
  await page.waitForURL(
    (url) => !url.pathname.startsWith('/_local/') && !url.pathname.startsWith('/auth/'),
  );
}

/** The account of the demo's officer of a chamber (for its page). */
async function officerOf(chamber: string): Promise<string> {
  const token = (
    (await (await fetch(`${api}/_local/token?role=fic-admin&regionCode=371600`)).json()) as {
      token: string;
    }
  ).token;
  const page = (await (
    await fetch(`${api}/v1/accounts?role=chamber-officer&chamberId=${chamber}`, {
      headers: { authorization: `Bearer ${token}` },
    })
  ).json()) as { items: { id: string }[] };
  const found = page.items[0];
  if (!found) throw new Error(`no officer of ${chamber}`);
  return found.id;
}

async function shoot(page: Page, name: string, size: keyof typeof SIZES, ready: string) {
  await page.getByText(ready).first().waitFor({ timeout: 30_000 });
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(800); // charts animate in
  const file = path.join(OUT, `${name}-${size}.png`);
  await page.screenshot({ path: file, fullPage: size === 'desktop' });
  console.log(path.relative(ROOT, file));
}

/*
 * The assessment screens need a cycle with an entry: one opened for this year under a fixed
 * Idempotency-Key (so running the screenshots again finds it), 孙明远 assigned to 博兴县金属板业商会.
 */
async function assessmentStage(chamber: string): Promise<{ cycleId: string; assessorId: string }> {
  const token = (
    (await (await fetch(`${api}/_local/token?role=fic-admin&regionCode=371600`)).json()) as {
      token: string;
    }
  ).token;
  const call = async <T>(method: string, path: string, body?: unknown, key?: string) => {
    const answer = await fetch(`${api}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        ...(key ? { 'idempotency-key': key } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: answer.status, body: (await answer.json().catch(() => ({}))) as T };
  };
  const year = new Date().getFullYear();
  const cycle = await call<{ id: string }>(
    'POST',
    '/v1/assessment-cycles',
    {
      year,
      rubricId: 'four-good-2020',
      regionCode: '371600',
      title: `滨州市${year}年度“四好商会”评价`,
    },
    `screenshots-cycle-${year}`,
  );
  const accounts = await call<{ items: { id: string; name: string }[] }>(
    'GET',
    '/v1/accounts?role=assessor&limit=100',
  );
  const assessorId = accounts.body.items.find((a) => a.name === '孙明远')?.id;
  if (!assessorId) throw new Error('no assessor 孙明远');
  await call('POST', `/v1/assessment-cycles/${cycle.body.id}/assignments`, {
    chamberId: chamber,
    assessorId,
  }); // 409 when a previous run assigned it
  return { cycleId: cycle.body.id, assessorId };
}

if (!speaksChinese()) {
  console.warn(
    'Chromium has no Chinese here: its date boxes will read 11/30/2026 in the screenshots.\n' +
      'For the format its users see: sudo apt-get install -y chromium-l10n',
  );
}
mkdirSync(OUT, { recursive: true });
const browser = await launchChromium();
try {
  const boxing = await chamberId('博兴县金属板业商会');
  const alliance = await allianceId('亲商润企·渤海红');
  const stage = await assessmentStage(boxing);
  const jinjiang = await chamberId('滨州市晋江商会');
  const zhao = await leaderId('赵文博');
  const lastYear = new Date().getFullYear() - 1;
  for (const size of ['desktop', 'phone'] as const) {
    const visitor = await browser.newPage({ viewport: SIZES[size], locale: 'zh-CN' });
    await visitor.goto(base);
    await shoot(visitor, 'public-statistics', size, '4,922 万元');
    await visitor.goto(`${base}/rankings/donations?year=2020`);
    await shoot(visitor, 'public-ranking', size, '商会捐赠排行');
    await visitor.goto(`${base}/alliances/${alliance}`);
    await shoot(visitor, 'public-alliance', size, '28 个成员党组织');
    await visitor.close();

    const admin = await browser.newPage({ viewport: SIZES[size], locale: 'zh-CN' });
    await signIn(admin, '工商联工作人员', { region: '滨州市' });
    await shoot(admin, 'dashboard', size, '全国“四好商会”');
    await admin.goto(`${base}/chambers`);
    await shoot(admin, 'registry', size, '商会名录');
    await admin.goto(`${base}/chambers/${boxing}`);
    await shoot(admin, 'chamber', size, '承接政府职能');
    await admin.goto(`${base}/chambers/new`);
    await shoot(admin, 'apply', size, '提交申请');
    await admin.goto(`${base}/coverage?county=371625`);
    await shoot(admin, 'coverage', size, '尚未覆盖的乡镇（街道）');
    await admin.goto(`${base}/alliances/${alliance}`);
    await shoot(admin, 'alliance-manage', size, '登记联合活动');
    await admin.goto(`${base}/chambers/classified`);
    await shoot(admin, 'classified', size, '归口管理的协会（18 家）');
    await admin.goto(`${base}/chambers/${boxing}/ledger`);
    await shoot(admin, 'ledger', size, '台账完整');
    await admin.goto(`${base}/ledger/audit`);
    await shoot(admin, 'ledger-audit', size, '未发现问题');
    await admin.goto(`${base}/assessment`);
    await shoot(admin, 'cycles', size, '四好商会”评价');
    await admin.goto(`${base}/assessment/${stage.cycleId}`);
    await shoot(admin, 'cycle', size, '博兴县金属板业商会');
    await admin.goto(`${base}/assessment/ratings?chamber=${boxing}`);
    await shoot(admin, 'ratings', size, '历年星级');
    await admin.goto(`${base}/supervision/overdue`);
    await shoot(admin, 'overdue-visits', size, '的定时检查结果');
    await admin.goto(`${base}/supervision/late-issues`);
    await shoot(admin, 'late-issues', size, '超期');
    await admin.goto(`${base}/supervision/annual-reports?year=${lastYear}`);
    await shoot(admin, 'missing-reports', size, '已退回');
    await admin.goto(`${base}/chambers/${jinjiang}/annual-reports/${lastYear}`);
    await shoot(admin, 'annual-report', size, '收支合计与财务附表不一致');
    await admin.goto(`${base}/supervision/activities?year=${lastYear}`);
    await shoot(admin, 'activities', size, '已完成');
    await admin.close();

    const officer = await browser.newPage({ viewport: SIZES[size], locale: 'zh-CN' });
    await signIn(officer, '商会工作人员', { chamber: '博兴县金属板业商会' });
    await officer.goto(`${base}/chambers/${boxing}/donations/new`);
    await officer.locator('label').filter({ hasText: '百企帮百村' }).click();
    await shoot(officer, 'donation', size, '结对帮扶村');
    await officer.goto(`${base}/assessment/${stage.cycleId}/self/${boxing}`);
    await shoot(officer, 'self-assessment', size, '展开依据');
    await officer.close();

    const assessor = await browser.newPage({ viewport: SIZES[size], locale: 'zh-CN' });
    await signIn(assessor, '评估专家', { region: '滨州市', sub: stage.assessorId });
    await shoot(assessor, 'assessor-home', size, '开始评分');
    await assessor.goto(`${base}/assessment/${stage.cycleId}/review/${boxing}`);
    await assessor.getByRole('spinbutton').first().fill('5');
    await shoot(assessor, 'review', size, '必须填写扣分理由');
    await assessor.close();

    const liaison = await browser.newPage({ viewport: SIZES[size], locale: 'zh-CN' });
    await signIn(liaison, '驻会领导', { region: '滨州市', sub: zhao });
    await shoot(liaison, 'liaison-home', size, '逾期');
    await liaison.getByRole('button', { name: '记录走访：滨州市温州商会' }).click();
    await liaison.getByRole('button', { name: '添加问题' }).click();
    await shoot(liaison, 'record-visit', size, '商会反映的问题须在走访之日起 15 天内答复');
    await liaison.close();

    const reporter = await browser.newPage({ viewport: SIZES[size], locale: 'zh-CN' });
    await signIn(reporter, '商会工作人员', { chamber: '滨州市新生代企业家商会' });
    await reporter.goto(`${base}/chambers/${await chamberId('滨州市新生代企业家商会')}/issues`);
    await shoot(reporter, 'issues-inbox', size, '剩余');
    await reporter.close();

    const staff = await browser.newPage({ viewport: SIZES[size], locale: 'zh-CN' });
    await signInAs(staff, '刘洪涛', size);
    await staff.goto(`${base}/accounts`);
    await shoot(staff, 'accounts', size, '高志远');
    await staff.goto(`${base}/accounts/new`);
    await shoot(staff, 'invite', size, '发送邀请');
    await staff.goto(`${base}/accounts/${await officerOf(boxing)}`);
    await shoot(staff, 'account', size, '变更记录');
    await staff.goto(`${base}/profile`);
    await shoot(staff, 'profile', size, 'liu.hongtao@');
    await staff.close();
  }
} finally {
  await browser.close();
  await runtime?.stop();
  if (outdir) rmSync(outdir, { recursive: true, force: true });
}
