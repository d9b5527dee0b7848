import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureUiBuilt } from '../helpers/ensure-ui-built.js';
import { browserTestsEnabled, launchChromium } from '../helpers/launch-chromium.js';
import { startHarness } from '../helpers/relay-harness.js';
import type { Harness } from '../helpers/relay-harness.js';

const enabled = browserTestsEnabled;
const root = new URL('../../', import.meta.url);
const artifacts = fileURLToPath(new URL('artifacts/screenshots/', root));

let harness: Harness;
let browser: Browser;

beforeAll(async () => {
  if (!enabled) return;
  await ensureUiBuilt();
  harness = await startHarness();
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await harness?.close();
});

describe.skipIf(!enabled)('the UI at /ui (headless Chromium)', () => {
  it('shows the endpoint, the providers and the requests that went through the relay', async () => {
    await harness.openai.chat.completions.create({
      model: 'gpt-4.1-nano',
      messages: [{ role: 'user', content: 'hi' }],
    });
    harness.relay.flushHistory();
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${harness.relay.url}/ui/#token=${harness.relay.adminToken}`);
    await expect.poll(() => page.getByTestId('endpoint').textContent()).toBe(`${harness.relay.url}/v1`);
    expect(await page.getByTestId('provider-card').allTextContents()).toEqual([
      expect.stringContaining('openai'),
      expect.stringContaining('backup'),
      expect.stringContaining('anthropic'),
      expect.stringContaining('gemini'),
    ]);
    const table = page.getByTestId('requests-table');
    await table.waitFor();
    const firstRow = await table.locator('tbody tr').first().textContent();
    expect(firstRow).toContain('gpt-4.1-nano');
    expect(firstRow).toMatch(/\$0\.\d{6}/);
    expect(firstRow).not.toContain('unpriced');
    // the token left the address bar
    expect(page.url()).not.toContain('token=');
    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: `${artifacts}/overview.png`, fullPage: true });
    await page.close();
  });

  it('without the admin token, says where to get it', async () => {
    const page = await browser.newPage();
    await page.goto(`${harness.relay.url}/ui/`);
    await expect.poll(() => page.locator('.notice').textContent()).toContain('admin token');
    await page.close();
  });
});
