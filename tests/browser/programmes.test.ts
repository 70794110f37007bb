import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  api,
  apiToken,
  apiUrl,
  choose,
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
 * The article's programmes in the console. FIC staff of 滨州市 add a chamber's Party branch
 * to the 亲商润企·渤海红 alliance (the form offers only chambers with one) and record a joint
 * activity with it; a visitor reads the alliance's public page with its members, their features
 * and highlights; the classified associations' view counts the demo's 18 with their four parties.
 * The chamber added is taken out again at the end (through the page), so the demo keeps its 28.
 */
beforeAll(demoReady);
afterAll(closeBrowser);

const ALLIANCE = '亲商润企·渤海红';
/**
 * The one demo association with only a Party-building instructor, so not in the alliance; the
 * stage gives it a branch of its own first (the alliance is of chamber Party branches).
 */
const JOINER = '滨州市农业产业化龙头企业协会';
/** A chamber of the demo with no Party organisation (the form never offers it). */
const NO_PARTY = '无棣县棣丰街道商会';

async function allianceId(): Promise<string> {
  const page = await api<{ items: { id: string; name: string }[] }>(
    'GET',
    '/v1/alliances?regionCode=371600&limit=100',
    await apiToken({ role: 'fic-admin', regionCode: '371600' }),
  );
  const found = page.items.find((a) => a.name === ALLIANCE);
  if (!found) throw new Error(`no alliance ${ALLIANCE}`);
  return found.id;
}

/**
 * Setting the stage: the joiner has formed a Party branch and is not a member (a run stopped
 * halfway may have left it in).
 */
async function notYetMember(id: string): Promise<void> {
  const token = await apiToken({ role: 'fic-admin', regionCode: '371600' });
  const joiner = await findChamber(JOINER);
  const record = await fetch(`${apiUrl}/v1/chambers/${joiner.id}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const { partyOrganisation, version } = (await record.json()) as {
    partyOrganisation?: string;
    version: number;
  };
  if (partyOrganisation !== 'branch') {
    const patched = await fetch(`${apiUrl}/v1/chambers/${joiner.id}`, {
      method: 'PATCH',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        'if-match': String(version),
      },
      body: JSON.stringify({ partyOrganisation: 'branch' }),
    });
    if (!patched.ok) throw new Error(`PATCH chamber: ${patched.status} ${await patched.text()}`);
  }
  const answer = await fetch(`${apiUrl}/v1/alliances/${id}/members/${joiner.id}`, {
    method: 'DELETE',
    headers: { authorization: `Bearer ${token}` },
  });
  if (answer.status !== 204 && answer.status !== 404) {
    throw new Error(`DELETE member: ${answer.status} ${await answer.text()}`);
  }
}

describe('the Party-building alliance and the classified associations', () => {
  it('FIC staff add a chamber to the alliance and record a joint activity with it', async () => {
    const id = await allianceId();
    await notYetMember(id);
    const context = await newContext();
    const page = await context.newPage();
    await page.goto(consoleUrl);
    await signIn(page, { role: '工商联工作人员', region: '滨州市' });
    await page.getByRole('link', { name: '党建联盟' }).first().click();
    await page.getByRole('heading', { name: '党建联盟', level: 1 }).waitFor();
    const row = page.getByRole('row').filter({ hasText: ALLIANCE });
    await eventually(() => row.textContent()).toContain('28 个成员党组织');
    await expectAccessible(page, 'alliances');
    await row.getByRole('link', { name: ALLIANCE }).click();
    await page.getByRole('heading', { name: ALLIANCE, level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/alliances/${id}`);

    // The chamber list offers chambers with a Party organisation only, members excluded.
    const field = page.getByRole('combobox', { name: '加入的商会' });
    await field.click();
    await field.fill('棣丰街道');
    await eventually(() => page.getByText('没有可加入的商会').isVisible()).toBe(true);
    expect(await page.getByRole('option', { name: NO_PARTY }).count()).toBe(0);
    await field.fill('');
    await field.press('Escape');
    await choose(page, '加入的商会', JOINER);
    await page.getByRole('button', { name: '加入联盟' }).click();
    await eventually(() => page.getByText('29 个成员党组织').isVisible()).toBe(true);
    const card = page.getByRole('listitem').filter({
      has: page.getByRole('heading', { name: JOINER, level: 3 }),
    });
    await card.waitFor();
    await expectAccessible(page, 'alliance page, FIC staff');

    // A joint activity with the new member and 博兴县金属板业商会.
    await choose(page, '活动类型', '主题党日');
    const day = page.getByLabel('活动日期', { exact: true });
    await day.click();
    await day.fill(new Date().toISOString().slice(0, 10));
    await day.press('Enter');
    await choose(page, '参加的成员商会', JOINER);
    await choose(page, '参加的成员商会', '博兴县金属板业商会');
    await page.keyboard.press('Escape');
    await page.getByLabel('说明', { exact: true }).fill('浏览器测试：联盟主题党日');
    await page.getByRole('button', { name: '登记', exact: true }).click();
    await eventually(() => page.getByText('已登记，计入 2 个商会的活动').isVisible()).toBe(true);
    const activities = page.getByRole('table', { name: '联合活动' });
    await eventually(() => activities.textContent()).toContain('浏览器测试：联盟主题党日');
    expect(await activities.textContent()).toContain(`2 个：${JOINER}`);
    await context.close();
  });

  it('a visitor reads the alliance’s public page: its members, their features and highlights', async () => {
    const id = await allianceId();
    const context = await newContext(PHONE);
    const page = await context.newPage();
    await page.goto(`${consoleUrl}/alliances/${id}`);
    await page.getByRole('heading', { name: ALLIANCE, level: 1 }).waitFor();
    await eventually(() => page.getByText(/\d+ 个成员党组织/).textContent()).toMatch(/2[89] 个/);
    const boxing = page.getByRole('listitem').filter({
      has: page.getByRole('heading', { name: '博兴县金属板业商会', level: 3 }),
    });
    expect(await boxing.textContent()).toContain('全国首个金属材料行业县级贯标机构');
    expect(await boxing.textContent()).toContain('“党建+标准”');
    // The members every visitor sees: no management controls.
    expect(await page.getByRole('button', { name: /移出/ }).count()).toBe(0);
    await expectAccessible(page, 'alliance page, public, phone');
    await expectNoPageScroll(page, 'alliance page');
    await context.close();
  });

  it('FIC staff read the 18 classified associations with their four parties, then take the new member out', async () => {
    const id = await allianceId();
    const context = await newContext();
    const page = await context.newPage();
    await page.goto(consoleUrl);
    await signIn(page, { role: '工商联工作人员', region: '滨州市' });
    await page.getByRole('link', { name: '归口管理协会' }).click();
    await page.getByRole('heading', { name: '归口管理协会', level: 1 }).waitFor();
    await eventually(() =>
      page.getByRole('heading', { name: /归口管理的协会/ }).textContent(),
    ).toBe('归口管理的协会（18 家）');
    const table = page.getByRole('table', { name: '归口管理协会' });
    const catering = table.getByRole('row').filter({ hasText: '滨州市饭店烹饪餐饮协会' });
    const record = await catering.textContent();
    for (const party of [
      '滨州市民政局',
      '滨州市市场监督管理局',
      '滨州市商务局',
      '滨州市工商业联合会',
    ]) {
      expect(record).toContain(party);
    }
    expect(
      await page.locator('.ant-statistic').filter({ hasText: '归口管理' }).textContent(),
    ).toContain('18');
    await expectAccessible(page, 'classified associations');

    // Take the chamber added above out again, through its card.
    await page.goto(`${consoleUrl}/alliances/${id}`);
    await page.getByRole('button', { name: `将${JOINER}移出联盟` }).click();
    await page.getByRole('button', { name: '移出', exact: true }).click();
    await eventually(() => page.getByText('28 个成员党组织').isVisible()).toBe(true);
    await context.close();
  });
});
