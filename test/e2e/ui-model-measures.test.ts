import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { measuredHistory } from '../../relay-core/src/store/measured-history.fixture.js';
import { openDatabase } from '../../relay-core/src/store/open-database.js';
import { createBatchWrite } from '../../relay-core/src/store/write-history-batch.js';
import { browserTestsEnabled } from '../helpers/launch-chromium.js';
import { useUiSession } from '../helpers/ui-session.js';

// The model browser shows the user's own figures beside the catalog's prices, sortable, from a
// history whose figures are worked out by hand (measured-history.fixture.ts).
const session = useUiSession();
let page: Page;

beforeAll(async () => {
  if (!browserTestsEnabled) return;
  // a second writer on the relay's own database, as another Switchboard process would be
  const db = openDatabase(join(session.relay.home, 'switchboard.db'));
  createBatchWrite(db)(measuredHistory(Date.now()));
  db.close();
  page = await session.newPage({ width: 1600, height: 900 });
  await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Models' }).click();
}, 60_000);

const rows = () => page.getByTestId('model-row');
/** Column positions as the header names them. */
async function cellOf(row: Locator, header: string): Promise<string> {
  const headers = await page.getByRole('columnheader').allTextContents();
  const index = headers.findIndex((text) => text.replace(/ [▲▼]$/, '') === header);
  return (await row.getByRole('cell').nth(index).textContent()) ?? '';
}
/** The first rows as a user reads them: model and time to first token. */
async function firstRows(count: number): Promise<string[]> {
  const shown: string[] = [];
  for (let index = 0; index < count; index++) {
    const row = rows().nth(index);
    shown.push(`${await row.locator('.model-name').textContent()} ${await cellOf(row, 'TTFT p50')}`);
  }
  return shown;
}

describe.skipIf(!browserTestsEnabled)(
  'the model browser: your own numbers (headless Chromium)',
  { timeout: 60_000 },
  () => {
    it('sorts by measured time to first token, models with no data last', async () => {
      // the last 7 days leave out the fixture's 8-day-old request
      await page.getByLabel('Your numbers over').selectOption('7d');
      const sortButton = page.getByRole('button', { name: 'TTFT p50' });
      await sortButton.click();
      await expect
        .poll(() => firstRows(3))
        .toEqual(['claude-sonnet-4-5 400 ms', 'gpt-4o-mini 500 ms', 'deepseek-chat 700 ms']);
      expect(await page.getByRole('columnheader', { name: /TTFT p50/ }).getAttribute('aria-sort')).toBe(
        'ascending',
      );
      const mini = rows().nth(1);
      expect(await cellOf(mini, 'Requests')).toBe('24');
      expect(await cellOf(mini, 'TTFT p95')).toBe('950 ms');
      expect(await cellOf(mini, 'Tok/s')).toBe('100');
      expect(await cellOf(mini, 'Errors')).toBe('20%');
      expect(await cellOf(mini, 'Spend')).toBe('$0.0200');
      expect(await cellOf(mini, 'Saved')).toBe('$0.0020');
      expect(await cellOf(rows().nth(2), 'Spend')).toBe('unpriced');
      expect(await rows().nth(3).textContent()).toContain('no data yet');

      await sortButton.click();
      await expect
        .poll(() => firstRows(3))
        .toEqual(['deepseek-chat 700 ms', 'gpt-4o-mini 500 ms', 'claude-sonnet-4-5 400 ms']);
      expect(await rows().nth(3).textContent()).toContain('no data yet');
    });

    it('measures over the window chosen: the old request in 30 days, nothing in the last 24 hours', async () => {
      await page.getByRole('button', { name: 'Requests' }).click();
      await page.getByLabel('Your numbers over').selectOption('30d');
      await expect.poll(() => cellOf(rows().first(), 'Requests')).toBe('25');
      expect(await rows().first().locator('.model-name').textContent()).toBe('gpt-4o-mini');
      await page.getByLabel('Your numbers over').selectOption('24h');
      await expect.poll(() => rows().first().textContent()).toContain('no data yet');
    });
  },
);
