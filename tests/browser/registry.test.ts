import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeBrowser, consoleUrl, demoReady, newContext, PHONE, signIn } from './support/browser';
import { registerTownshipChamber } from './support/journeys';
import { uncoveredTownship } from './support/stage';

/*
 * Journeys 2, 3 and 6: FIC staff of 滨州市 sign in through the local OIDC page and register a
 * township chamber in 惠民县 without curl, on a desktop and on a phone (390×844); a USCC with a
 * wrong check character is refused in the form before anything is sent; axe on every screen.
 */
beforeAll(demoReady);
afterAll(closeBrowser);

describe('FIC staff register a township chamber in 惠民县', () => {
  it('on a desktop', async () => {
    const township = await uncoveredTownship(0);
    const context = await newContext();
    const page = await context.newPage();
    await page.goto(consoleUrl);
    await signIn(page, { role: '工商联工作人员', region: '滨州市' });
    // FIC staff land on their dashboard (首页)
    await page.getByRole('heading', { name: '首页' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/dashboard');
    await registerTownshipChamber(page, township, `惠民县${township.name}新兴商会`);
    await context.close();
  });

  it('on a phone, 390×844', async () => {
    const township = await uncoveredTownship(1);
    const context = await newContext(PHONE);
    const page = await context.newPage();
    await page.goto(consoleUrl);
    await signIn(page, { role: '工商联工作人员', region: '滨州市' });
    await page.getByRole('heading', { name: '首页' }).waitFor();
    await registerTownshipChamber(page, township, `惠民县${township.name}青年商会`, {
      phone: true,
    });
    await context.close();
  });
});
