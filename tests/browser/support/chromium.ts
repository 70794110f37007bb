import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

/*
 * The browser the journeys drive: Debian's Chromium (browser downloads are impossible here),
 * headless, with the flags a root user in a container needs, in Chinese as its users' is: the
 * browser's own parts (a date box reads 2026/11/30, not 11/30/2026) follow LANGUAGE, given
 * Debian's chromium-l10n; without it they stay in English and nothing else changes.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHINESE_PAK = '/usr/lib/chromium/locales/zh-CN.pak';

/** Whether the browser's own parts can be in Chinese (Debian's chromium-l10n is installed). */
export const speaksChinese = (): boolean => existsSync(CHINESE_PAK);

export function checkChromium(): void {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `The browser tests need Chromium at ${CHROMIUM}, and it is not there.\n` +
        'Install it (with the Chinese fonts the screens are read in, and its Chinese):\n' +
        '  sudo apt-get install -y chromium fonts-noto-cjk chromium-l10n\n' +
        '(or point CHROMIUM_PATH at a Chromium binary).',
    );
  }
}

export function launchChromium(): Promise<Browser> {
  checkChromium();
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    env: { ...process.env, LANGUAGE: 'zh_CN' },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
