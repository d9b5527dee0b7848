import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserTestsEnabled } from '../helpers/launch-chromium.js';
import { axeViolations, openPage } from '../helpers/ui-page.js';
import { useUiSession } from '../helpers/ui-session.js';

// axe-core on every page of the window, in the light theme at 1024 px and the dark theme at
// 1440 px (the theme follows the OS until one is picked), with the screenshots the README shows.
const screenshots = fileURLToPath(new URL('../../artifacts/screenshots/', import.meta.url));
const themes = [
  { theme: 'light', viewport: { width: 1024, height: 700 }, suffix: '1024' },
  { theme: 'dark', viewport: { width: 1440, height: 900 }, suffix: 'dark' },
] as const;

const session = useUiSession();

beforeAll(async () => {
  if (!browserTestsEnabled) return;
  // a few requests, one of them refused upstream, so History has rows and a failure to show
  const ask = (model: string, stream: boolean) =>
    session.ask({ model, stream, messages: [{ role: 'user', content: 'Invent a holiday.' }] });
  await ask('demo/gpt-4.1-nano', false);
  await ask('demo/gpt-4o-mini', true);
  await session.fault({ match: { model: 'deepseek-chat' }, status: 400 });
  await ask('demo/deepseek-chat', false);
  mkdirSync(screenshots, { recursive: true });
}, 60_000);

/** What each page shows once it is ready to be read: the check waits for that, never for a delay. */
const ready: Array<{ name: string; shown(page: Page): Promise<void> }> = [
  {
    name: 'Overview',
    shown: (page) => page.getByTestId('requests-table').locator('tbody tr').first().waitFor(),
  },
  { name: 'Models', shown: (page) => page.getByTestId('model-row').first().waitFor() },
  {
    name: 'Playground',
    async shown(page) {
      // two columns answered, with their Markdown and the diff between them on screen
      await page.getByLabel('Model of column 1').fill('demo/gpt-4.1-nano');
      await page.getByLabel('Model of column 2').fill('demo/gpt-4o-mini');
      await page.getByRole('textbox', { name: /^Message/ }).fill('Invent a holiday.');
      await page.getByRole('button', { name: /Run all/ }).click();
      await page.getByTestId('playground-column').and(page.locator('[data-status=done]')).nth(1).waitFor();
      await page.getByRole('button', { name: 'Show diff' }).click();
      await page.getByTestId('diff-view').waitFor();
    },
  },
  {
    name: 'Routing',
    shown: (page) => page.getByLabel('config.yaml').and(page.locator(':not(:empty)')).waitFor(),
  },
  { name: 'History', shown: (page) => page.getByTestId('history-row').nth(2).waitFor() },
  { name: 'Providers', shown: (page) => page.getByTestId('provider-admin-card').first().waitFor() },
  { name: 'Clients', shown: (page) => page.getByTestId('client-keys').locator('tbody tr').first().waitFor() },
];

describe.skipIf(!browserTestsEnabled)(
  'axe-core on every page (headless Chromium)',
  { timeout: 60_000 },
  () => {
    describe.each(themes)('$theme theme at $viewport.width px', ({ theme, viewport, suffix }) => {
      let context: BrowserContext;
      let page: Page;

      beforeAll(async () => {
        if (!browserTestsEnabled) return;
        context = await session.browser.newContext({ viewport, colorScheme: theme });
        page = await context.newPage();
        page.setDefaultTimeout(15_000);
        await page.goto(session.relay.uiUrl);
        await page.getByTestId('endpoint').getByText(`${session.relay.url}/v1`).waitFor();
        expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(theme);
      }, 60_000);

      afterAll(async () => {
        await context?.close();
      });

      const shot = async (name: string) => {
        await page.evaluate(() => window.scrollTo(0, 0));
        await page.screenshot({ path: `${screenshots}/${name}-${suffix}.png`, fullPage: true });
      };

      it.each(ready)('$name has no serious or critical violation', async ({ name, shown }) => {
        await openPage(page, name);
        await shown(page);
        await shot(name.toLowerCase());
        expect(await axeViolations(page)).toEqual([]);
      });

      it('History with the request drawer open has no serious or critical violation', async () => {
        await openPage(page, 'History');
        await page.getByTestId('history-row').filter({ hasText: 'deepseek-chat' }).first().click();
        await page.getByTestId('request-drawer').getByTestId('attempt-error').waitFor();
        await shot('history-drawer');
        expect(await axeViolations(page)).toEqual([]);
        await page.keyboard.press('Escape');
        await page.getByTestId('request-drawer').waitFor({ state: 'detached' });
      });

      it('a form with problems beside its fields, and the leave-without-saving dialog, have none', async () => {
        await openPage(page, 'Routing');
        await page.getByRole('button', { name: 'Add route' }).click();
        await page.getByRole('button', { name: 'Save routes' }).click();
        await page.getByTestId('save-problems').waitFor();
        await shot('routing-problems');
        expect(await axeViolations(page)).toEqual([]);
        await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Overview' }).click();
        const dialog = page.getByRole('dialog', { name: 'Leave without saving?' });
        await dialog.waitFor();
        expect(await axeViolations(page)).toEqual([]);
        await dialog.getByRole('button', { name: 'Leave without saving' }).click();
        await page.getByRole('heading', { level: 2, name: 'Overview' }).waitFor();
      });
    });
  },
);
