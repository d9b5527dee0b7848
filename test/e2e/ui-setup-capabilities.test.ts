import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { freePort } from '../helpers/free-port.js';
import { browserTestsEnabled } from '../helpers/launch-chromium.js';
import { openPage } from '../helpers/ui-page.js';
import { poll, useUiSession } from '../helpers/ui-session.js';

// Issue 24's capabilities 4, 6 and 7 in the window of `npm run relay -- --demo`: tables that fit at
// 1024 px, validation where the eye is, and a setup that is safe to make mistakes in.
const session = useUiSession();

/** Adds a provider from the OpenAI preset on the Providers page, with a key, and tests the key. */
async function addAndTest(page: Page, id: string, baseUrl: string): Promise<string> {
  await page.getByLabel('Preset').selectOption('openai');
  await page.getByLabel('Provider id').fill(id);
  await page.getByLabel('Provider base URL').fill(baseUrl);
  await page.getByRole('button', { name: 'Add provider' }).click();
  const card = page.locator(`[data-testid=provider-admin-card][data-provider=${id}]`);
  await card.getByLabel(`API key for ${id}`).fill('sk-uitest-0123456789abcdefWXYZ');
  await card.getByRole('button', { name: 'Save key' }).click();
  await poll(() => card.getByTestId('provider-key-status').textContent()).toMatch(/^Key …WXYZ/);
  await card.getByRole('button', { name: 'Test' }).click();
  await card.getByTestId('provider-outcome').waitFor();
  await poll(() => card.getByTestId('provider-health').textContent()).not.toMatch(/healthy|key works/);
  return (await card.getByTestId('provider-health').textContent()) ?? '';
}

/** Whether the page scrolls sideways: a table that fits never makes it. */
const overflowsSideways = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);

describe.skipIf(!browserTestsEnabled)(
  'setting up in the window (headless Chromium)',
  { timeout: 60_000 },
  () => {
    it('says what is wrong beside the field and by Save, and asks before leaving unsaved changes', async () => {
      const page = await session.newPage();
      await openPage(page, 'Routing');
      await page.getByRole('button', { name: 'Add route' }).click();
      await page.getByLabel('Route name').fill('');
      await page.getByRole('button', { name: 'Save routes' }).click();
      const beside = page.locator('label', { has: page.getByLabel('Route name') }).getByRole('alert');
      expect(await beside.textContent()).toMatch(/^a route needs a name/);
      const summary = page.getByTestId('save-problems');
      expect(await summary.textContent()).toMatch(/^Not saved: \d+ problems? to fix\./);
      expect(await page.locator('main').textContent()).not.toMatch(/Too small|expected string/);
      // the summary leads to the field
      await summary.getByRole('button').first().click();
      await poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(
        'Route name',
      );

      await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Overview' }).click();
      await page
        .getByRole('dialog', { name: 'Leave without saving?' })
        .getByRole('button', { name: 'Stay' })
        .click();
      expect(await page.getByRole('link', { name: 'Routing' }).getAttribute('aria-current')).toBe('page');
      expect(await page.getByLabel('Route name').count()).toBe(1);
      await page.getByRole('button', { name: 'Discard changes' }).click();

      // a provider's region is picked from the known regions
      await openPage(page, 'Providers');
      const regions = page.getByLabel('Provider region', { exact: true }).locator('option');
      await poll(() => regions.count()).toBeGreaterThan(3);
      expect(await regions.allTextContents()).toEqual(
        expect.arrayContaining(['eu', 'us', 'another region…']),
      );
    });

    it('refuses a second provider with an existing id, and names why a key test failed in the badge', async () => {
      const page = await session.newPage();
      await openPage(page, 'Providers');
      await page.getByLabel('Preset').selectOption('openai');
      await page.getByLabel('Provider id').fill('demo');
      await page.getByRole('button', { name: 'Add provider' }).click();
      await page
        .getByRole('alert')
        .filter({ hasText: /'demo' .*; choose another id/ })
        .waitFor();
      expect(await page.getByLabel('Provider id').getAttribute('aria-invalid')).toBe('true');
      expect(
        (await session.ask({ model: 'demo/gpt-4.1-nano', messages: [{ role: 'user', content: 'hi' }] }))
          .status,
      ).toBe(200);

      const closed = await freePort();
      expect(await addAndTest(page, 'nobody-home', `http://127.0.0.1:${closed}/v1`)).toBe('unreachable');
      expect(await addAndTest(page, 'wrong-path', `${session.emulatorOrigin}/nothing/v1`)).toBe(
        'wrong base URL',
      );
    });

    it('confirms a revoke, and enforces a client budget before the request that would pass it', async () => {
      const page = await session.newPage();
      await openPage(page, 'Clients');
      await page.getByLabel('Client name').fill('ui-budget');
      await page.getByRole('button', { name: 'Create client key' }).click();
      const key = (await page.getByTestId('created-key').locator('code').textContent())!;
      const row = page.getByTestId('client-keys').locator('tr', { hasText: 'ui-budget' });
      await row.getByRole('button', { name: 'Revoke' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
      expect(await row.count()).toBe(1);

      await row.getByRole('button', { name: 'Edit limits' }).click();
      await page.getByLabel('USD per day').fill('0.0003');
      await page.getByRole('button', { name: 'Save limits' }).click();
      await poll(() => row.textContent()).toContain('$0.0003/day');

      const calls = async () =>
        ((await (await fetch(`${session.emulatorOrigin}/__emulator/calls`)).json()) as unknown[]).length;
      const ask = (maxTokens?: number) =>
        session.ask(
          { model: 'demo/gpt-4.1-nano', messages: [{ role: 'user', content: 'hi' }], max_tokens: maxTokens },
          key,
        );
      expect((await ask(10)).status).toBe(200);
      const before = await calls();
      // the recorded answer cost about $0.00015; without max_tokens the estimate passes $0.0003
      const refused = await ask();
      expect(refused.status).toBe(429);
      expect(refused.text).toMatch(/would pass its budget/);
      expect(await calls()).toBe(before);

      await openPage(page, 'Overview');
      await openPage(page, 'Clients');
      await poll(() => row.getByTestId('spent-today').textContent()).toMatch(/^\$0\.000[1-9]/);
    });

    it('fits History, Overview, Models and a six-column Playground into 1024 px', async () => {
      const page = await session.newPage({ width: 1024, height: 700 });
      for (const name of ['Overview', 'Models', 'History']) {
        await openPage(page, name);
        await page.getByRole('region').first().waitFor();
        expect(await overflowsSideways(page), name).toBe(false);
      }
      // History: every cut cell says its whole text on hover; columns can be chosen
      await page.getByTestId('history-row').first().waitFor();
      const cut = await page
        .getByTestId('history-row')
        .evaluateAll((rows) =>
          rows.flatMap((row) =>
            [...row.querySelectorAll<HTMLElement>('[role=cell]')]
              .filter((cell) => cell.scrollWidth > cell.clientWidth)
              .map((cell) => ({ text: cell.textContent, title: cell.title })),
          ),
        );
      for (const cell of cut) expect(cell.title).toContain(cell.text);
      await page.getByText('Columns', { exact: true }).click();
      await page.getByRole('group', { name: 'Columns shown' }).getByLabel('Cache').uncheck();
      expect(
        await page.getByTestId('history-table').getByRole('columnheader').allTextContents(),
      ).not.toContain('Cache');

      await openPage(page, 'Playground');
      for (let count = 2; count < 6; count++) await page.getByRole('button', { name: 'Add column' }).click();
      for (let index = 1; index <= 6; index++)
        await page
          .getByLabel(`Model of column ${index}`)
          .fill(index % 2 ? 'demo/gpt-4.1-nano' : 'demo/deepseek-chat');
      await page.getByRole('textbox', { name: /^Message/ }).fill('Invent a holiday.');
      await page.getByRole('button', { name: /Run all/ }).click();
      const columns = page.getByTestId('playground-column');
      await poll(
        () =>
          columns.evaluateAll((elements) => elements.map((element) => element.getAttribute('data-status'))),
        { timeout: 20_000 },
      ).toEqual(Array(6).fill('done'));
      expect(await overflowsSideways(page)).toBe(false);
      const truncated = await page
        .getByTestId('column-metrics')
        .locator('.value')
        .evaluateAll((values) =>
          values.filter((value) => value.scrollWidth > value.clientWidth).map((value) => value.textContent),
        );
      expect(truncated).toEqual([]);
    });
  },
);
