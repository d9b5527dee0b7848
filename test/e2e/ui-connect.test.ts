import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoRelay } from '../helpers/demo-relay.js';
import type { DemoRelay } from '../helpers/demo-relay.js';
import { ensureUiBuilt } from '../helpers/ensure-ui-built.js';
import { browserTestsEnabled, launchChromium } from '../helpers/launch-chromium.js';

// The Connect buttons of the Overview and Clients pages, against `npm run relay -- --demo` whose
// HOME is a temporary folder holding the user's own Claude Code settings.
const userHome = mkdtempSync(join(tmpdir(), 'switchboard-ui-connect-'));
const settingsPath = join(userHome, '.claude', 'settings.json');
let relay: DemoRelay;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  if (!browserTestsEnabled) return;
  mkdirSync(join(userHome, '.claude'), { recursive: true });
  copyFileSync(
    new URL('../../relay-core/src/connect/__fixtures__/claude-settings.json', import.meta.url),
    settingsPath,
  );
  await ensureUiBuilt();
  relay = await startDemoRelay({ HOME: userHome });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.setDefaultTimeout(15_000);
  await page.goto(relay.uiUrl);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await relay?.close();
  rmSync(userHome, { recursive: true, force: true });
});

const screenshots = fileURLToPath(new URL('../../artifacts/screenshots/', import.meta.url));
const shot = async (name: string) => {
  mkdirSync(screenshots, { recursive: true });
  await page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: true });
};
const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 10_000 });
const open = (name: string) =>
  page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name }).click();
const card = (name: string) =>
  page.getByTestId('tool-card').filter({ has: page.getByText(name, { exact: true }) });

describe.skipIf(!browserTestsEnabled)(
  'connecting coding tools in the window (headless Chromium)',
  { timeout: 60_000 },
  () => {
    it('connects Claude Code from the Overview, shows its requests, and disconnects it from Clients', async () => {
      const original = readFileSync(settingsPath);
      const claude = card('Claude Code');
      await poll(() => claude.textContent()).toContain('Not connected');
      await claude.getByRole('button', { name: 'Connect', exact: true }).click();
      await poll(() => claude.getByRole('status').textContent()).toMatch(
        /^Connected with model \S+: updated ~\/\.claude\/settings\.json\./,
      );
      await poll(() => claude.textContent()).toContain('Connected');
      await shot('connect-overview');
      const env = (JSON.parse(readFileSync(settingsPath, 'utf8')) as { env: Record<string, string> }).env;
      expect(env.ANTHROPIC_BASE_URL).toBe(relay.url);
      expect(await claude.locator('code').first().textContent()).toBe(env.ANTHROPIC_MODEL);
      expect(await page.content()).not.toContain(env.ANTHROPIC_AUTH_TOKEN);

      // a request with the key Claude Code now holds shows up as the tool's activity
      const answer = await fetch(`${relay.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${env.ANTHROPIC_AUTH_TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          model: env.ANTHROPIC_MODEL,
          messages: [{ role: 'user', content: 'Say hi.' }],
        }),
      });
      expect(answer.status).toBe(200);
      await open('Clients');
      const onClients = card('Claude Code');
      await poll(() => onClients.getByTestId('tool-activity').textContent()).toMatch(
        /today \$0\.\d+ \(1 request\)/,
      );
      await poll(() => page.getByTestId('client-keys').textContent()).toContain('claude-code');
      await shot('connect-clients');

      await onClients.getByRole('button', { name: 'Disconnect' }).click();
      await poll(() => onClients.getByRole('status').textContent()).toBe(
        "Disconnected: restored ~/.claude/settings.json. Its client key 'claude-code' is revoked.",
      );
      await poll(() => onClients.textContent()).toContain('Not connected');
      expect(readFileSync(settingsPath).equals(original)).toBe(true);
    });

    it('shows snippets with a working model, and a settings file it cannot read as a plain error', async () => {
      await open('Clients');
      const codex = card('Codex CLI');
      const listed = await relay.admin<{ tools: Array<{ id: string; working: Array<{ name: string }> }> }>(
        '/admin/tools',
      );
      const model = listed.tools.find((tool) => tool.id === 'codex')!.working[0]!.name;
      await codex.getByText('Set it up by hand').click();
      const snippet = (await codex.locator('pre').textContent())!;
      expect(snippet).toContain(`base_url = "${relay.url}/v1"`);
      expect(snippet).toContain(`model = "${model}"`);
      expect(snippet).not.toContain('"auto"');

      mkdirSync(join(userHome, '.codex'), { recursive: true });
      writeFileSync(join(userHome, '.codex', 'config.toml'), 'model = \n');
      await codex.getByRole('button', { name: 'Connect', exact: true }).click();
      await poll(() => codex.getByRole('alert').textContent()).toMatch(
        /^~\/\.codex\/config\.toml is not valid TOML \(.+\): fix it or move it away, then try again$/,
      );
      expect(readFileSync(join(userHome, '.codex', 'config.toml'), 'utf8')).toBe('model = \n');
      await poll(() => codex.textContent()).toContain('Not connected');
    });
  },
);
