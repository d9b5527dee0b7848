import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserTestsEnabled } from '../helpers/launch-chromium.js';
import { openPage } from '../helpers/ui-page.js';
import { poll, useUiSession } from '../helpers/ui-session.js';

// Issue 24's capabilities 1, 2, 3 and 5 in the window of `npm run relay -- --demo`: an honest demo,
// a live playground that keeps its work, failures explained, and models one can query.
const session = useUiSession();

/** The text of each cell of a Models column, found by its header (columns may be added). */
async function modelsColumn(page: Page, header: string): Promise<string[]> {
  const headers = await page.getByTestId('models-table').getByRole('columnheader').allTextContents();
  const index = headers.findIndex((text) => text.replace(/[▲▼]/g, '').trim() === header);
  expect(index, headers.join(' | ')).toBeGreaterThanOrEqual(0);
  return page
    .getByTestId('model-row')
    .evaluateAll(
      (rows, position) => rows.map((row) => row.querySelectorAll('[role=cell]')[position]?.textContent ?? ''),
      index,
    );
}

const perMillion = (text: string) => (text.startsWith('$') ? Number(text.slice(1)) : Number.NaN);
const thousands = (text: string) =>
  text.endsWith('M') ? Number(text.slice(0, -1)) * 1e6 : Number(text.slice(0, -1)) * 1e3;

describe.skipIf(!browserTestsEnabled)(
  'the window’s capabilities (headless Chromium)',
  { timeout: 60_000 },
  () => {
    it('says on every page that the demo replays recordings, and marks only models it lists as available', async () => {
      const page = await session.newPage();
      for (const name of ['Overview', 'Models', 'Playground', 'Routing', 'History', 'Providers', 'Clients']) {
        await openPage(page, name);
        expect(await page.getByTestId('demo-banner').textContent()).toMatch(/Demo mode\..*recordings/);
      }
      const listed = (await (
        await fetch(`${session.relay.url}/v1/models`, {
          headers: { authorization: `Bearer ${session.relay.clientKey}` },
        })
      ).json()) as { data: Array<{ id: string }> };
      const served = new Set(listed.data.map((model) => model.id));
      const catalog = await session.relay.admin<{ entries: Array<{ model: string; available?: boolean }> }>(
        '/admin/catalog?provider=openai&sort=model&limit=1000',
      );
      const unlisted = catalog.entries.find((entry) => !served.has(`demo/${entry.model}`))!;
      await openPage(page, 'Models');
      for (const [model, available] of [
        ['gpt-4.1-nano', true],
        [unlisted.model, false],
      ] as const) {
        await page.getByLabel('Search models').fill(`openai/${model}`);
        const row = page
          .getByTestId('model-row')
          .filter({ has: page.getByTitle(`openai/${model}`, { exact: true }) });
        await row.first().waitFor();
        expect(
          await row
            .first()
            .locator('.badge', { hasText: /^available$/ })
            .count(),
          model,
        ).toBe(available ? 1 : 0);
      }
    });

    it('streams with live figures, renders Markdown, diffs any two columns and keeps it all across a reload', async () => {
      const page = await session.newPage();
      // one slow answer, so its figures can be read while it arrives
      await session.fault({ match: { model: 'gpt-4o-mini' }, chunkDelayMs: 200 });
      await openPage(page, 'Playground');
      await page.getByRole('button', { name: 'Add column' }).click();
      const models = ['demo/gpt-4.1-nano', 'demo/gpt-4o-mini', 'demo/deepseek-chat'];
      for (const [index, model] of models.entries())
        await page.getByLabel(`Model of column ${index + 1}`).fill(model);
      await page.getByRole('textbox', { name: /^Message/ }).fill('Invent a holiday.');
      await page.getByRole('button', { name: /Run all/ }).click();

      // while gpt-4o-mini streams: elapsed time, tokens, and a cost marked estimated
      const slow = page.getByTestId('playground-column').nth(1);
      const seen: string[] = [];
      await poll(async () => {
        const status = await slow.getAttribute('data-status');
        const metrics = (await slow.getByTestId('column-metrics').textContent()) ?? '';
        seen.push(`${status}: ${metrics}`);
        return (
          (status === 'running' &&
            /Time\d/.test(metrics) &&
            /Tokens in\/out \(estimated\)\d+ \/ \d+/.test(metrics) &&
            /Cost \(estimated\)≈ \$0\.\d+/.test(metrics)) ||
          seen.slice(-2)
        );
      }).toBe(true);
      const columns = page.getByTestId('playground-column');
      await poll(
        () =>
          columns.evaluateAll((elements) => elements.map((element) => element.getAttribute('data-status'))),
        { timeout: 30_000 },
      ).toEqual(['done', 'done', 'done']);
      // once done, the provider's figures and the relay's recorded cost replace the estimates
      await poll(() => slow.getByTestId('column-metrics').textContent()).toMatch(
        /Tokens in\/out \((reported|recorded)\)\d+ \/ \d+Cost\$0\.\d+$/,
      );

      // Markdown rendered, and the raw text on demand
      const answer = columns.nth(0).getByTestId('column-output');
      expect(await answer.locator('.markdown').count()).toBe(1);
      await page.getByLabel('Raw text (no Markdown)').check();
      expect(await answer.locator('.markdown').count()).toBe(0);
      await page.getByLabel('Raw text (no Markdown)').uncheck();

      // the diff between columns 1 and 3, not only against column 1's neighbour
      await page.getByLabel('With column').selectOption({ label: `3: ${models[2]}` });
      if (await page.getByRole('button', { name: 'Show diff' }).isVisible())
        await page.getByRole('button', { name: 'Show diff' }).click();
      await poll(() => page.getByTestId('diff-view').locator('p').first().textContent()).toBe(
        `1: ${models[0]} vs 3: ${models[2]}`,
      );
      expect(await page.getByTestId('diff-view').locator('ins, del').count()).toBeGreaterThan(0);

      const answers = await columns.getByTestId('column-output').allTextContents();
      await page.reload();
      await page.getByTestId('endpoint').waitFor();
      await openPage(page, 'Playground');
      await poll(() => columns.getByTestId('column-output').allTextContents()).toEqual(answers);
      for (const [index, model] of models.entries())
        expect(await page.getByLabel(`Model of column ${index + 1}`).inputValue()).toBe(model);
      expect(await page.getByRole('textbox', { name: /^Message/ }).inputValue()).toBe('Invent a holiday.');
      expect(await page.getByTestId('diff-view').locator('p').first().textContent()).toContain('vs 3:');
      await fetch(`${session.emulatorOrigin}/__emulator/faults`, { method: 'DELETE' });
    });

    it('shows the upstream’s message without its secrets, and captured bodies that can be deleted', async () => {
      const page = await session.newPage();
      await openPage(page, 'History');
      await page.getByText('Capture request and answer bodies').click();
      await page.getByLabel('Keep each request’s body and answer').check();
      await page.getByRole('button', { name: 'Save capture settings' }).click();
      await page.getByRole('status').filter({ hasText: 'Capture is on for new requests.' }).waitFor();

      const secret = 'sk-proj-Zq8Xw2Lk5Mn7Pv9Rt4Bc6Df1Gh3Jk';
      await session.fault({
        match: { model: 'deepseek-chat' },
        status: 400,
        body: {
          error: { message: `Unknown parameter 'tempo' for key ${secret}`, type: 'invalid_request_error' },
        },
      });
      await session.ask({
        model: 'demo/deepseek-chat',
        messages: [{ role: 'user', content: 'fails upstream' }],
      });
      await session.ask({
        model: 'demo/gpt-4.1-nano',
        messages: [{ role: 'user', content: 'capture-marker-7' }],
      });

      const rows = page.getByTestId('history-row');
      await rows.filter({ hasText: 'demo/deepseek-chat' }).filter({ hasText: 'error 400' }).first().click();
      const drawer = page.getByTestId('request-drawer');
      await poll(() => drawer.getByTestId('attempt-error').textContent()).toContain(
        "Unknown parameter 'tempo'",
      );
      expect(await drawer.textContent()).not.toContain(secret.slice(8));
      await page.keyboard.press('Escape');

      await rows.filter({ hasText: 'default' }).filter({ hasText: 'demo/gpt-4.1-nano' }).first().click();
      await drawer.getByRole('button', { name: 'Show request and answer' }).click();
      expect(
        await drawer
          .getByRole('region', { name: 'Request body' })
          .or(drawer.getByLabel('Request body'))
          .textContent(),
      ).toContain('capture-marker-7');
      expect((await drawer.getByLabel('Answer', { exact: true }).textContent())!.length).toBeGreaterThan(20);
      await drawer.getByRole('button', { name: 'Delete them' }).click();
      await drawer.getByTestId('no-bodies').waitFor();
    });

    it('filters models by context, price and capability, marks free, preview and unpriced, and stops at six', async () => {
      const page = await session.newPage();
      await openPage(page, 'Models');
      await page.getByLabel('Minimum context').selectOption('128000');
      await page.getByLabel('Maximum input price').fill('1');
      await page.getByLabel('Vision', { exact: true }).check();
      await page.getByRole('button', { name: /^Input/ }).click();
      await poll(async () => {
        const [contexts, inputs, modalities] = await Promise.all([
          modelsColumn(page, 'Context'),
          modelsColumn(page, 'Input'),
          modelsColumn(page, 'Modalities'),
        ]);
        return (
          contexts.length > 3 &&
          contexts.every((text) => thousands(text) >= 128_000) &&
          inputs.every((text) => perMillion(text) <= 1) &&
          modalities.every((text) => text.includes('image'))
        );
      }).toBe(true);

      // free: both prices at most $0
      await page.getByLabel('Maximum output price').fill('0');
      await page.getByLabel('Maximum input price').fill('0');
      await page.getByLabel('Vision', { exact: true }).uncheck();
      await page.getByLabel('Minimum context').selectOption('');
      await poll(async () => {
        const texts = await page.getByTestId('model-row').allTextContents();
        return texts.length > 0 && texts.every((text) => text.includes('free'));
      }).toBe(true);
      await page.getByLabel('Maximum output price').fill('');
      await page.getByLabel('Maximum input price').fill('');

      // a preview, and a model without a price (never shown as $0)
      const listed = await session.relay.admin<{
        entries: Array<{ provider: string; model: string; unpriced: boolean }>;
      }>('/admin/catalog?sort=model&limit=1000');
      const unpriced = listed.entries.find((entry) => entry.unpriced)!;
      for (const [search, badge] of [
        ['preview', 'preview'],
        [`${unpriced.provider}/${unpriced.model}`, 'unpriced'],
      ] as const) {
        await page.getByLabel('Search models').fill(search);
        await poll(() =>
          page
            .getByTestId('model-row')
            .locator('.badge', { hasText: new RegExp(`^${badge}$`) })
            .count(),
        ).toBeGreaterThan(0);
      }

      await page.getByLabel('Search models').fill('gpt');
      const boxes = page.getByTestId('model-row').getByRole('checkbox');
      await poll(() => boxes.count()).toBeGreaterThan(7);
      for (let index = 0; index < 6; index++) await boxes.nth(index).check();
      expect(await boxes.nth(6).isDisabled()).toBe(true);
      expect(await page.getByTestId('model-count').textContent()).toContain('6 selected');
      expect(await boxes.nth(0).isChecked()).toBe(true);
    });
  },
);
