import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { browserTestsEnabled } from '../helpers/launch-chromium.js';
import { useUiSession } from '../helpers/ui-session.js';

// The model browser says where each price comes from, and marks where the sources disagree.
const session = useUiSession();
let page: Page;

interface Row {
  provider: string;
  model: string;
  providerIds: string[];
  provenance: Record<string, { source: string; date: string }>;
  disagreements?: Array<{ field: string; figures: Array<{ source: string; date: string; value: number }> }>;
}

beforeAll(async () => {
  if (!browserTestsEnabled) return;
  page = await session.newPage({ width: 1280, height: 800 });
  await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Models' }).click();
}, 60_000);

/** The row of one model once the search shows it. */
async function showRow({ provider, model, providerIds }: Row) {
  // the search matches `provider/model`, whatever the provider filter lists
  await page.getByLabel('Search models').fill(`${provider}/${model}`);
  // a row is named after the configured provider that serves it (the demo serves OpenAI's models)
  const name = `Select ${providerIds[0] ?? provider}/${model}`;
  const row = page
    .getByTestId('model-row')
    .filter({ has: page.getByRole('checkbox', { name, exact: true }) });
  await row.waitFor();
  return row;
}

/** What the catalog API answers for a model (the figures the window must show). */
async function answered(provider: string, model: string): Promise<Row> {
  const page = await session.relay.admin<{ entries: Row[] }>(
    `/admin/catalog?provider=${provider}&model=${model}`,
  );
  return page.entries[0]!;
}

describe.skipIf(!browserTestsEnabled)(
  'the model browser: price sources and disagreements (headless Chromium)',
  { timeout: 60_000 },
  () => {
    it('marks a model its sources disagree on, and opens every figure with its source and date', async () => {
      const entry = await answered('deepseek', 'deepseek-chat');
      expect(entry.disagreements?.length).toBeGreaterThan(0);
      const row = await showRow(entry);
      expect(await row.getByTestId('price-source').textContent()).toBe(
        `${entry.provenance.input!.source} · ${entry.provenance.input!.date}`,
      );
      const mark = row.getByRole('button', { name: 'Sources disagree on deepseek/deepseek-chat' });
      await mark.click();
      const figures = await row.getByTestId('disagreements').textContent();
      for (const disagreement of entry.disagreements!) {
        for (const figure of disagreement.figures) {
          expect(figures).toContain(`(${figure.source}, ${figure.date})`);
          const shown =
            disagreement.field === 'contextWindow'
              ? `${Math.round(figure.value / 1000)}k`
              : `$${(figure.value * 1e6).toFixed(2)} per 1M`;
          expect(figures).toContain(shown);
        }
      }
      expect(await mark.getAttribute('aria-expanded')).toBe('true');
      // the figures open over the page; closing them gives the page back
      await page
        .getByRole('dialog', { name: 'What the sources say of deepseek/deepseek-chat' })
        .getByRole('button', { name: 'Close' })
        .click();
      await expect.poll(() => mark.getAttribute('aria-expanded')).toBe('false');
    });

    it('shows no mark where the sources agree, and names each price’s source in the row', async () => {
      const listed = await session.relay.admin<{ entries: Row[] }>(
        '/admin/catalog?provider=openai&sort=model&limit=1000',
      );
      const entry = listed.entries.find((row) => !row.disagreements && row.provenance.input)!;
      const row = await showRow(entry);
      await expect
        .poll(() => row.getByTestId('price-source').textContent())
        .toBe(`${entry.provenance.input!.source} · ${entry.provenance.input!.date}`);
      expect(await row.getByRole('button', { name: /Sources disagree/ }).count()).toBe(0);
      expect(await row.getByTestId('price-source').getAttribute('title')).toContain(`input, output`);
    });
  },
);
