import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  closeBrowser,
  consoleUrl,
  DESKTOP,
  demoReady,
  expectAccessible,
  expectNoPageScroll,
  newContext,
  PHONE,
  signIn,
} from './support/browser';

/*
 * FIC staff read the nightly ledger audit's latest result: the demo's start ran every schedule
 * once, the audit among them, over a ledger nobody altered.
 */
beforeAll(demoReady);
afterAll(closeBrowser);

describe('the ledger audit card', () => {
  it.each([
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const)(
    'shows FIC staff when it ran, what it read and that it found nothing (%s)',
    async (_, viewport) => {
      const context = await newContext(viewport);
      const page = await context.newPage();
      await page.goto(consoleUrl);
      await signIn(page, { role: '工商联工作人员', region: '滨州市' });
      await page.goto(`${consoleUrl}/ledger/audit`);
      const main = page.getByRole('main');
      await main.getByRole('heading', { name: '最近一次账本审计' }).waitFor();
      await main.getByText('未发现问题').waitFor();
      const text = (await main.textContent()) ?? '';
      expect(text).toMatch(/运行时间\D*\d{4}年\d+月\d+日 \d\d:\d\d/);
      // The demo's 928 donations (and any reversal), each read.
      const entries = Number(/读取明细\s*([\d,]+)/.exec(text)?.[1]?.replace(/,/g, ''));
      expect(entries).toBeGreaterThanOrEqual(928);
      await expectNoPageScroll(page, 'ledger audit');
      await expectAccessible(page, 'ledger audit');
      await context.close();
    },
  );
});
