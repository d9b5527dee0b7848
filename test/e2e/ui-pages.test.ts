import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoRelay } from '../helpers/demo-relay.js';
import type { DemoRelay } from '../helpers/demo-relay.js';
import { ensureUiBuilt } from '../helpers/ensure-ui-built.js';
import { browserTestsEnabled, launchChromium } from '../helpers/launch-chromium.js';
import { createBatchWrite } from '../../relay-core/src/store/write-history-batch.js';
import type { RequestRecord } from '../../relay-core/src/store/history-records.js';

const enabled = browserTestsEnabled;
const screenshots = fileURLToPath(new URL('../../artifacts/screenshots/', import.meta.url));
const columnModels = ['demo/gpt-4.1-nano', 'demo/gpt-4o-mini', 'demo/deepseek-chat'];

let relay: DemoRelay;
let browser: Browser;
let page: Page;
/** The demo emulator, whose control endpoints slow streams down enough to watch them arrive. */
let emulatorOrigin: string;

beforeAll(async () => {
  if (!enabled) return;
  await ensureUiBuilt();
  relay = await startDemoRelay();
  const status = await relay.admin<{ providers: Array<{ id: string; baseUrl: string }> }>('/admin/status');
  emulatorOrigin = new URL(status.providers.find((provider) => provider.id === 'demo')!.baseUrl).origin;
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.setDefaultTimeout(15_000);
  await page.goto(relay.uiUrl);
  await page.getByTestId('endpoint').getByText(`${relay.url}/v1`).waitFor();
  mkdirSync(screenshots, { recursive: true });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await relay?.close();
});

async function open(name: string) {
  await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name }).click();
}

/** Auto-waiting expectations, patient enough for two shared cores under parallel test files. */
const poll = <T>(read: () => T | Promise<T>, options: { timeout?: number } = {}) =>
  expect.poll(read, { timeout: 10_000, ...options });

/** A full-page screenshot from the top, so the sticky header sits where it belongs. */
async function shot(name: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${screenshots}/${name}.png`, fullPage: true });
}

describe.skipIf(!enabled)(
  'the UI against `npm run relay -- --demo` (headless Chromium)',
  { timeout: 60_000 },
  () => {
    it('browses, filters and sorts the model catalog', async () => {
      await open('Models');
      await poll(() => page.getByTestId('price-date').textContent()).toMatch(/as of \d{4}-\d{2}-\d{2}/);
      await page.getByLabel('Search models').fill('gpt-4.1');
      const rows = page.getByTestId('model-row');
      await poll(async () => (await rows.allTextContents()).every((text) => text.includes('gpt-4.1'))).toBe(
        true,
      );
      await page.getByLabel('Provider').selectOption('openai');
      await poll(async () =>
        (await rows.locator('[role=cell]:nth-child(3)').allTextContents()).every((cell) => cell === 'openai'),
      ).toBe(true);
      const nano = rows.filter({
        has: page.getByRole('checkbox', { name: 'Select demo/gpt-4.1-nano', exact: true }),
      });
      // the demo provider prices from the OpenAI catalog, so OpenAI's models are available
      expect(await nano.textContent()).toContain('available');
      expect(await nano.textContent()).toMatch(/\$0\.\d\d/);

      // "Available": only models a configured provider with a key (or none needed) can serve
      await page.getByLabel('Provider').selectOption('');
      await page.getByLabel('Available').check();
      await poll(async () => {
        const texts = await rows.allTextContents();
        return texts.length > 0 && texts.every((text) => text.includes('available'));
      }).toBe(true);
      await page.getByLabel('Available').uncheck();

      await page.getByLabel('Search models').fill('');
      await page.getByLabel('Provider').selectOption('anthropic');
      await poll(async () => (await rows.allTextContents()).every((text) => text.includes('claude'))).toBe(
        true,
      );
      await page.getByRole('button', { name: /^Output/ }).click();
      await poll(() => page.getByRole('columnheader', { name: /Output ▲/ }).count()).toBe(1);
      await poll(async () => {
        const prices = await rows.locator('[role=cell]:nth-child(5)').allTextContents();
        const numbers = prices
          .filter((price) => price.startsWith('$'))
          .map((price) => Number(price.slice(1)));
        return (
          numbers.length > 2 && numbers.every((value, index) => index === 0 || numbers[index - 1]! <= value)
        );
      }).toBe(true);
      await page.getByLabel('Tools').check();
      await poll(async () =>
        (await rows.locator('[role=cell]:nth-child(17)').allTextContents()).every((cell) => cell === 'yes'),
      ).toBe(true);
      await shot('models');

      // refresh from the configured providers' model lists (OpenRouter may be unreachable: reported)
      await page.getByRole('button', { name: 'Refresh from providers' }).click();
      await poll(() => page.getByTestId('catalog-refresh').textContent(), { timeout: 40_000 }).toMatch(
        /^Refreshed: \d+ new models? from [1-9]/,
      );
      await poll(() => page.getByTestId('price-date').textContent()).toMatch(/refreshed \d{4}-\d{2}-\d{2}/);
    });

    it('runs a 3-column comparison; all three stream with metrics and errors stay in their column', async () => {
      // slow each stream down so that partial answers are visible while they arrive
      // (gpt-4o-mini's recorded answer is a dozen short chunks: slower, so a poll can catch it mid-way)
      for (const [model, chunkDelayMs] of [
        ['gpt-4.1-nano', 6],
        ['gpt-4o-mini', 150],
        ['deepseek-chat', 6],
      ] as const) {
        await fetch(`${emulatorOrigin}/__emulator/faults`, {
          method: 'POST',
          body: JSON.stringify({ match: { model }, chunkDelayMs }),
        });
      }
      await open('Models');
      await page.getByLabel('Search models').fill('gpt-4.1-nano');
      await page.getByLabel('Tools').uncheck();
      await page.getByLabel('Provider').selectOption('openai');
      await page.getByRole('checkbox', { name: 'Select demo/gpt-4.1-nano', exact: true }).check();
      await page.getByRole('button', { name: /Open 1 in playground/ }).click();

      const columns = page.getByTestId('playground-column');
      await poll(() => columns.count()).toBe(1);
      expect(await page.getByLabel('Model of column 1').inputValue()).toBe('demo/gpt-4.1-nano');
      await page.getByRole('button', { name: 'Add column' }).click();
      await page.getByRole('button', { name: 'Add column' }).click();
      await page.getByLabel('Model of column 2').fill(columnModels[1]!);
      await page.getByLabel('Model of column 3').fill(columnModels[2]!);
      await page.getByRole('button', { name: /Run all/ }).click();

      // while streaming: each column is seen with part of its answer before it is done
      const seenStreaming = new Set<number>();
      const seen: string[] = [];
      await poll(async () => {
        const states = await columns.evaluateAll((elements) =>
          elements.map((element) => ({
            status: element.getAttribute('data-status'),
            length: (element.querySelector('[data-testid=column-output]')?.textContent ?? '').length,
          })),
        );
        seen.push(states.map((state) => `${state.status}:${state.length}`).join(' '));
        states.forEach((state, index) => {
          if (state.status === 'running' && state.length > 0) seenStreaming.add(index);
        });
        return seenStreaming.size === 3 ? 3 : seen.slice(-3);
      }).toBe(3);
      await shot('playground-streaming');
      await poll(
        () =>
          columns.evaluateAll((elements) => elements.map((element) => element.getAttribute('data-status'))),
        {
          timeout: 15_000,
        },
      ).toEqual(['done', 'done', 'done']);
      for (let index = 0; index < 3; index++) {
        const metrics = columns.nth(index).getByTestId('column-metrics');
        await poll(() => metrics.textContent()).toMatch(/Cost(\$0\.\d+|unpriced)/);
        const text = (await metrics.textContent())!;
        expect(text).toContain('Providerdemo');
        expect(text).toMatch(/TTFT\d+(\.\d+)? m?s/);
        // a replay arrives too fast for a rate: none is shown rather than a nonsense one
        expect(text).toMatch(/Tokens\/s(\d{1,4}|—)Tokens/);
        expect(text).toMatch(/Tokens in\/out \(reported\)\d+ \/ \d+/);
        expect((await columns.nth(index).getByTestId('column-output').textContent())!.length).toBeGreaterThan(
          20,
        );
      }
      // gpt-4.1-nano is priced from the OpenAI catalog; deepseek-chat is not, and says so instead of $0
      expect(await columns.nth(0).getByTestId('column-metrics').textContent()).toMatch(/Cost\$0\.\d+/);
      expect(await columns.nth(2).getByTestId('column-metrics').textContent()).toContain('Costunpriced');

      await page.getByRole('button', { name: 'Show diff' }).click();
      await page.getByTestId('diff-view').waitFor();
      expect(await page.getByTestId('diff-view').locator('ins, del').count()).toBeGreaterThan(0);
      await shot('playground');

      // an upstream error ends in its own column; the others keep their answers
      await fetch(`${emulatorOrigin}/__emulator/faults`, {
        method: 'POST',
        body: JSON.stringify({ match: { model: 'gpt-4o-mini' }, status: 400 }),
      });
      await columns.nth(1).getByRole('button', { name: 'Retry' }).click();
      await poll(() => columns.nth(1).getAttribute('data-status')).toBe('error');
      expect(await columns.nth(1).getByRole('alert').textContent()).not.toBe('');
      expect(await columns.nth(0).getAttribute('data-status')).toBe('done');
      expect(await page.getByTestId('playground-runs').locator('li').count()).toBe(1);
    });

    it('creates a route, validates it inline, saves config.yaml and sees the explain panel pick it', async () => {
      await open('Routing');
      await page.getByRole('button', { name: 'Add route' }).click();
      await page.getByLabel('Route name').fill('ui-fast');
      for (const target of ['demo/gpt-4o-mini', 'demo/gpt-4.1-nano']) {
        await page.getByLabel('Add a target').fill(target);
        await page.getByRole('button', { name: 'Add target' }).click();
      }
      // a weighted route without weights is refused, with the message beside the field
      await page.getByLabel('Strategy').selectOption('weighted');
      await page.getByRole('button', { name: 'Save routes' }).click();
      await page
        .getByTestId('route-form')
        .getByRole('alert')
        .filter({ hasText: 'one weight per target' })
        .waitFor();
      await page.getByLabel('Strategy').selectOption('ordered');
      const targets = page.getByTestId('route-targets').locator('li');
      // reorder by dragging, and back and forth again with the keyboard-reachable arrows
      await targets.nth(1).dragTo(targets.nth(0));
      await poll(() => targets.locator('code').allTextContents()).toEqual([
        'demo/gpt-4.1-nano',
        'demo/gpt-4o-mini',
      ]);
      await page.getByRole('button', { name: 'Move demo/gpt-4.1-nano down' }).click();
      await page.getByRole('button', { name: 'Move demo/gpt-4.1-nano up' }).click();
      expect(await targets.locator('code').allTextContents()).toEqual([
        'demo/gpt-4.1-nano',
        'demo/gpt-4o-mini',
      ]);
      // a JSON gate with one retry, and the exact cache for every request of this route
      await page.getByLabel('Valid JSON').check();
      await page.getByLabel('Gate retries').fill('1');
      await page.getByLabel('Exact cache').selectOption('always');
      await page.getByRole('button', { name: 'Save routes' }).click();
      await page.getByRole('status').filter({ hasText: 'Routes saved' }).waitFor();
      const yaml = await page.getByLabel('config.yaml').inputValue();
      expect(yaml).toContain('name: ui-fast');
      expect(yaml).toMatch(/gates:\s+json: true\s+retries: 1/);
      expect(yaml).toMatch(/cache:\s+exact:\s+enabled: true\s+always: true/);
      // the user's comments survive the edit
      expect(yaml).toContain('# Switchboard configuration.');

      await page.getByRole('button', { name: 'Explain' }).click();
      await poll(() => page.getByTestId('explain-route').textContent()).toBe('ui-fast');
      const first = page.getByTestId('explain-eligible').first();
      expect(await first.textContent()).toContain('demo/gpt-4.1-nano');
      expect(await first.textContent()).toContain('picked');
      expect(await page.getByTestId('explain-eligible').count()).toBe(2);
      await shot('routing');
    });

    it('finds the playground requests in history and opens the attempt timeline', async () => {
      await open('History');
      await page.getByRole('combobox', { name: 'Client' }).selectOption('playground');
      const rows = page.getByTestId('history-row');
      await poll(() => page.getByTestId('history-total').textContent()).toBe('4 requests');
      expect((await rows.allTextContents()).every((text) => text.includes('playground'))).toBe(true);
      await page.getByRole('combobox', { name: 'Status' }).selectOption('ok');
      await poll(() => page.getByTestId('history-total').textContent()).toBe('3 requests');
      await page.getByTestId('history-charts').waitFor();
      await rows.filter({ hasText: 'demo/gpt-4.1-nano' }).first().click();
      const drawer = page.getByTestId('request-drawer');
      const attempt = drawer.getByTestId('attempt');
      await poll(() => attempt.count()).toBe(1);
      expect(await attempt.textContent()).toMatch(/#1 demo\/gpt-4\.1-nano · ok/);
      expect(await drawer.textContent()).toContain('reported by the provider');
      await shot('history');
      await page.keyboard.press('Escape');
      await poll(() => drawer.count()).toBe(0);

      // re-pricing covers what the filters show (status ok): the 3 answers, not the failed retry
      await page.getByLabel('What-if model').fill('openai/gpt-4o-mini');
      await page.getByRole('button', { name: 'Re-price' }).click();
      await poll(() => page.getByTestId('what-if-result').textContent()).toMatch(
        /^3 answered requests matching the filters cost \$0\.\d+ \(\+1 unpriced\); on openai\/gpt-4o-mini they would have cost \$0\.\d+/,
      );
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: /Export CSV/ }).click(),
      ]);
      const csv = readFileSync((await download.path())!, 'utf8').split('\r\n');
      expect(csv[0]).toMatch(/^id,time,client,requested_model,provider/);
      expect(csv.slice(1).map((line) => line.split(',')[2])).toEqual([
        'playground',
        'playground',
        'playground',
      ]);
    });

    it('adds a provider, stores, tests and removes its key without ever showing it whole', async () => {
      const key = 'sk-uitest-0123456789abcdefWXYZ';
      await open('Providers');
      await page.getByLabel('Preset').selectOption('openai');
      await page.getByLabel('Provider id').fill('uitest');
      await page.getByLabel('Provider base URL').fill(`${emulatorOrigin}/v1`);
      await page.getByRole('button', { name: 'Add provider' }).click();
      const card = page.locator('[data-testid=provider-admin-card][data-provider=uitest]');
      await poll(() => card.getByTestId('provider-key-status').textContent()).toBe('No key yet');

      await card.getByLabel('API key for uitest').fill(key);
      await card.getByRole('button', { name: 'Save key' }).click();
      await poll(() => card.getByTestId('provider-key-status').textContent()).toMatch(/^Key …WXYZ from the /);
      expect(await card.getByLabel('API key for uitest').inputValue()).toBe('');
      expect(await page.content()).not.toContain(key);
      await card.getByRole('button', { name: 'Test' }).click();
      await poll(() => card.getByTestId('provider-outcome').textContent()).toMatch(/the key works/);
      await shot('providers');

      await card.getByRole('button', { name: 'Remove key' }).click();
      await page
        .getByRole('dialog', { name: 'Remove the key of uitest?' })
        .getByRole('button', { name: 'Remove key' })
        .click();
      await poll(() => card.getByTestId('provider-key-status').textContent()).toBe('No key yet');
      await card.locator('summary', { hasText: 'Region and base URL' }).click();
      await card.getByRole('button', { name: 'Remove provider' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Remove provider' }).click();
      await poll(() => card.count()).toBe(0);
      expect(await page.content()).not.toContain(key);
    });

    it("adds and removes a provider's named key, shown by name and last four characters only", async () => {
      const key = 'sk-uitest-work-0123456789abcdKEY2';
      await open('Providers');
      await page.getByLabel('Preset').selectOption('openai');
      await page.getByLabel('Provider id').fill('uikeys');
      await page.getByLabel('Provider base URL').fill(`${emulatorOrigin}/v1`);
      await page.getByRole('button', { name: 'Add provider' }).click();
      const card = page.locator('[data-testid=provider-admin-card][data-provider=uikeys]');
      await poll(() => card.getByTestId('provider-key-status').textContent()).toBe('No key yet');
      await card.locator('summary', { hasText: /^Keys/ }).click();
      await card.getByLabel('Name of a key to add to uikeys').fill('work');
      await card.getByLabel('Key to add to uikeys', { exact: true }).fill(key);
      await card.getByRole('button', { name: 'Add key' }).click();
      const row = card.getByTestId('provider-key').filter({ hasText: 'work' });
      await poll(() => row.textContent()).toContain('…KEY2');
      // a provider with only named keys answers with them
      await poll(() => card.getByTestId('provider-key-status').textContent()).toMatch(/^Key …KEY2 from the /);
      expect(await page.content()).not.toContain(key);
      await shot('named-keys');
      await card.getByRole('button', { name: 'Remove the work key of uikeys' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Remove key' }).click();
      await poll(() => row.count()).toBe(0);
      await poll(() => card.getByTestId('provider-key-status').textContent()).toBe('No key yet');
      expect(await page.content()).not.toContain(key);
      await card.locator('summary', { hasText: 'Region and base URL' }).click();
      await card.getByRole('button', { name: 'Remove provider' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Remove provider' }).click();
      await poll(() => card.count()).toBe(0);
    });

    it('creates and revokes a client key and shows setup snippets', async () => {
      await open('Clients');
      await page.getByLabel('Client name').fill('ui-laptop');
      await page.getByRole('button', { name: 'Create client key' }).click();
      const created = await page.getByTestId('created-key').locator('code').textContent();
      expect(created).toMatch(/^sb-/);
      const check = await fetch(`${relay.url}/v1/models`, {
        headers: { authorization: `Bearer ${created!}` },
      });
      expect(check.status).toBe(200);
      const row = page.getByTestId('client-keys').locator('tr', { hasText: 'ui-laptop' });
      await row.waitFor();
      expect(await page.getByTestId('getting-started').textContent()).toContain(
        `ANTHROPIC_BASE_URL=${relay.url}`,
      );
      await row.getByRole('button', { name: 'Edit limits' }).click();
      await page.getByLabel('USD per day').fill('3');
      await page.getByLabel('Requests per minute').fill('60');
      await page.getByRole('button', { name: 'Save limits' }).click();
      await poll(() => row.locator('td:nth-child(7)').textContent()).toBe('$3/day · 60 req/min');
      await shot('clients');
      await row.getByRole('button', { name: 'Revoke' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Revoke key' }).click();
      await poll(() => row.count()).toBe(0);
      const revoked = await fetch(`${relay.url}/v1/models`, {
        headers: { authorization: `Bearer ${created!}` },
      });
      expect(revoked.status).toBe(401);
    });

    it('switches to the dark theme from the keyboard-reachable toggle', async () => {
      await open('Overview');
      await page
        .getByRole('button', { name: 'Switch to dark theme' })
        .or(page.getByRole('button', { name: 'Switch to light theme' }))
        .first()
        .waitFor();
      if ((await page.evaluate(() => document.documentElement.dataset.theme)) !== 'dark')
        await page.getByRole('button', { name: 'Switch to dark theme' }).click();
      expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
      await page.keyboard.press('Alt+5');
      await poll(() => page.getByRole('link', { name: 'History' }).getAttribute('aria-current')).toBe('page');
      await poll(() => page.getByTestId('history-total').textContent()).toMatch(/^\d+ requests$/);
      await page.getByTestId('history-charts').waitFor();
      await shot('history-dark');
      await open('Overview');
      await shot('overview');
    });

    it(
      'scrolls a large history end to end: the last row is the oldest request',
      { timeout: 120_000 },
      async () => {
        // past ~266,000 rows the table maps its scrollbar onto rows (browsers cap element height)
        const count = 300_000;
        const now = Date.now();
        const db = new Database(join(relay.home, 'switchboard.db'), { timeout: 10_000 });
        const write = createBatchWrite(db);
        const seeded = (i: number): RequestRecord => ({
          id: `req_seed_${i}`,
          createdAt: now - 6 * 24 * 3600_000 + i,
          client: 'seeded',
          dialect: 'openai-chat',
          requestedModel: `seed-${i}`,
          provider: 'demo',
          status: 'ok',
          stream: false,
          latencyMs: 100 + (i % 400),
          usageEstimated: false,
          costUsd: 0.0001,
          unpriced: false,
          cache: 'miss',
          attemptCount: 0,
          attempts: [],
        });
        for (let start = 0; start < count; start += 20_000)
          write(Array.from({ length: 20_000 }, (_, offset) => seeded(start + offset)));
        db.close();

        await open('History');
        await page.getByRole('combobox', { name: 'Client' }).selectOption('seeded');
        await poll(() => page.getByTestId('history-total').textContent()).toBe('300,000 requests');
        const rows = page.getByTestId('history-row');
        await poll(() => rows.first().textContent()).toContain(`seed-${count - 1}`);
        // only the rows in view are in the page
        expect(await rows.count()).toBeLessThan(60);
        await page.getByTestId('history-table').evaluate((element) => {
          element.scrollTop = element.scrollHeight;
        });
        await poll(() => rows.last().textContent()).toContain('seed-0');
        await page
          .getByTestId('history-table')
          .evaluate((element) => (element.scrollTop = element.scrollHeight / 2));
        await poll(async () => {
          const model = (await rows.nth(20).getByRole('cell').nth(2).textContent()) ?? '';
          return Math.abs(Number(model.replace('seed-', '')) - count / 2) < count / 100;
        }).toBe(true);
      },
    );
  },
);
