import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { browserTestsEnabled } from '../helpers/launch-chromium.js';
import { useUiSession } from '../helpers/ui-session.js';

// The Providers page's import panel against `npm run relay -- --demo`: a cc-switch provider list
// (the tool's own presets, one key filled in) chosen as a file, reviewed as a diff, applied.
const fixture = fileURLToPath(
  new URL('../../relay-core/src/config/import/__fixtures__/cc-switch-config.json', import.meta.url),
);
const fixtureKey = 'sk-ccswitch-fixture-deepseek-7f3a9c';
const session = useUiSession();
let page: Page;

beforeAll(async () => {
  if (!browserTestsEnabled) return;
  page = await session.newPage({ width: 1280, height: 900 });
}, 60_000);

const screenshots = fileURLToPath(new URL('../../artifacts/screenshots/', import.meta.url));
const shot = async (name: string) => {
  mkdirSync(screenshots, { recursive: true });
  await page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: true });
};

describe.skipIf(!browserTestsEnabled)(
  'importing another relay in the window (headless Chromium)',
  { timeout: 60_000 },
  () => {
    it('shows the change to config.yaml, applies it and stores the key only in the secret store', async () => {
      await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Providers' }).click();
      await page.getByLabel('Configuration file to import').setInputFiles(fixture);
      const preview = page.getByTestId('import-preview');
      await expect.poll(() => page.getByTestId('import-diff').textContent()).toContain('+  - id: deepseek');
      expect(await preview.textContent()).toContain('settings of the tool itself, not translated');
      expect(await preview.textContent()).not.toContain(fixtureKey);
      await shot('providers-import-preview');
      await preview.getByRole('button', { name: 'Apply to config.yaml' }).click();
      await page.getByText('Imported into config.yaml. Keys stored for deepseek.').waitFor();
      const deepseek = page.getByTestId('provider-admin-card').filter({ hasText: 'deepseek' });
      await expect.poll(() => deepseek.textContent()).toContain('…3a9c');
      const config = readFileSync(join(session.relay.home, 'config.yaml'), 'utf8');
      expect(config).toContain('- id: deepseek');
      expect(config).not.toContain(fixtureKey);
      expect(await page.content()).not.toContain(fixtureKey);
    });

    it('exports the result as a LiteLLM config with key references', async () => {
      await page.getByRole('button', { name: 'Export as LiteLLM config.yaml' }).click();
      const exported = page.getByTestId('litellm-export');
      await expect.poll(() => exported.textContent()).toContain('model_name: cc-switch');
      expect(await exported.textContent()).toContain('os.environ/OPENROUTER_API_KEY');
      await shot('providers-export-litellm');
    });
  },
);
