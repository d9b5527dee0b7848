import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';

// Debian's Chromium (CI installs it and sets SWITCHBOARD_TEST_BROWSER=1, so there browser tests must run).
const chromiumPath = '/usr/bin/chromium';

/** Whether the browser tests run here. */
export const browserTestsEnabled = process.env.SWITCHBOARD_TEST_BROWSER === '1' || existsSync(chromiumPath);

/** Headless Chromium with the flags that keep it offline and quiet; never a downloaded browser. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
}
