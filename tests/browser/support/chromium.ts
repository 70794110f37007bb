import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

/*
 * The browser the journeys drive: Debian's Chromium (browser downloads are impossible here),
 * headless, with the flags a root user in a container needs.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function checkChromium(): void {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `The browser tests need Chromium at ${CHROMIUM}, and it is not there.\n` +
        'Install it (with the Chinese fonts the screens are read in):\n' +
        '  sudo apt-get install -y chromium fonts-noto-cjk\n' +
        '(or point CHROMIUM_PATH at a Chromium binary).',
    );
  }
}

export function launchChromium(): Promise<Browser> {
  checkChromium();
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
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
