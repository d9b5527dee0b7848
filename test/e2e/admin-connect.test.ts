import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRelay } from '../../relay-core/src/index.js';
import type { RelayHandle } from '../../relay-core/src/index.js';
import { createSecretStore } from '../../relay-core/src/secrets/create-secret-store.js';
import { startEmulator } from '../../relay-core/src/emulator/index.js';
import type { Emulator } from '../../relay-core/src/emulator/index.js';

// The window's Connect buttons: the admin API lists each tool with its state, last request and
// spend today, writes the tool's own settings file, and gives it back.
const providerKey = 'sk-proj-ADMIN0CONNECT0provider0key0ZZZZZZZZZZZZZZZZ';
const scratch = mkdtempSync(join(tmpdir(), 'switchboard-admin-connect-'));
const userHome = join(scratch, 'home');
const settingsPath = join(userHome, '.claude', 'settings.json');
let emulator: Emulator;
let relay: RelayHandle;

beforeAll(async () => {
  emulator = await startEmulator({ expectedKey: providerKey });
  const home = join(scratch, 'data');
  mkdirSync(home);
  writeFileSync(
    join(home, 'config.yaml'),
    `providers:\n  - id: openai\n    base_url: ${emulator.url}/v1\nroutes:\n  - name: coding\n    targets: [openai/gpt-4.1-nano]\n`,
  );
  mkdirSync(join(userHome, '.claude'), { recursive: true });
  copyFileSync(
    new URL('../../relay-core/src/connect/__fixtures__/claude-settings.json', import.meta.url),
    settingsPath,
  );
  const env = { HOME: userHome, USERPROFILE: userHome, OPENAI_API_KEY: providerKey };
  const secrets = await createSecretStore({ home, env, useKeychain: false });
  relay = await startRelay({ home, port: 0, env, secrets, log: () => undefined });
});

afterAll(async () => {
  await relay?.close();
  await emulator?.close();
  rmSync(scratch, { recursive: true, force: true });
});

async function admin<T = Record<string, unknown>>(path: string, body?: unknown, token = relay.adminToken) {
  const response = await fetch(`${relay.url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as T };
}

interface ToolRow {
  id: string;
  state: string;
  model?: string;
  lastRequestAt?: number;
  spentTodayUsd: number;
  requestsToday: number;
  working: Array<{ name: string }>;
  snippets: Array<{ path: string; text: string }>;
}
const tool = async (id: string) =>
  (await admin<{ tools: ToolRow[] }>('/admin/tools')).body.tools.find((row) => row.id === id)!;

const chat = (key: string, model: string) =>
  fetch(`${relay.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model, messages: [{ role: 'user', content: 'Say hi.' }] }),
  });

describe('coding tools through the admin API', () => {
  it('needs the admin token', async () => {
    expect((await admin('/admin/tools', undefined, 'not-the-token')).status).toBe(401);
    expect((await admin('/admin/tools/connect', { tool: 'claude-code' }, 'not-the-token')).status).toBe(401);
  });

  it('lists every tool with a working model and snippets that use it, never the unconfigured auto', async () => {
    const { body } = await admin<{ endpoint: string; tools: ToolRow[] }>('/admin/tools');
    expect(body.endpoint).toBe(relay.url);
    expect(body.tools.map((row) => row.id)).toEqual([
      'claude-code',
      'codex',
      'gemini',
      'opencode',
      'continue',
      'aider',
    ]);
    for (const row of body.tools) {
      expect(row.working[0]?.name).toBe('coding');
      expect(row.snippets.length).toBeGreaterThan(0);
      const snippets = row.snippets.map((snippet) => snippet.text).join('\n');
      expect(snippets).toContain('coding');
      expect(snippets).toContain(relay.url);
      expect(snippets).not.toMatch(/\bauto\b/);
    }
    expect((await tool('claude-code')).state).toBe('not-connected');
  });

  it('connects a tool, whose key then works and whose requests and spend show, and gives its file back', async () => {
    const original = readFileSync(settingsPath);
    const connected = await admin<{
      model: string;
      key: string;
      files: Array<{ path: string; action: string }>;
    }>('/admin/tools/connect', { tool: 'claude-code' });
    expect(connected.status).toBe(200);
    expect(connected.body).toMatchObject({ model: 'coding', key: 'created' });
    expect(connected.body.files).toEqual([{ path: '~/.claude/settings.json', action: 'updated' }]);
    expect(JSON.stringify(connected.body)).not.toMatch(/sb-[A-Za-z0-9_-]{20,}/);
    const env = (JSON.parse(readFileSync(settingsPath, 'utf8')) as { env: Record<string, string> }).env;
    expect(env.ANTHROPIC_BASE_URL).toBe(relay.url);
    expect(env.ANTHROPIC_MODEL).toBe('coding');
    expect((await tool('claude-code')).state).toBe('connected');

    const answered = await chat(env.ANTHROPIC_AUTH_TOKEN!, env.ANTHROPIC_MODEL!);
    expect(answered.status).toBe(200);
    relay.flushHistory();
    const row = await tool('claude-code');
    expect(row.lastRequestAt).toBeGreaterThan(Date.now() - 60_000);
    expect(row.requestsToday).toBe(1);
    expect(row.spentTodayUsd).toBeGreaterThan(0);

    const undone = await admin<{ files: Array<{ action: string }>; keyRevoked: boolean }>(
      '/admin/tools/disconnect',
      {
        tool: 'claude-code',
      },
    );
    expect(undone.body).toMatchObject({ files: [{ action: 'restored' }], keyRevoked: true });
    expect(readFileSync(settingsPath).equals(original)).toBe(true);
    expect((await chat(env.ANTHROPIC_AUTH_TOKEN!, 'coding')).status).toBe(401);
    expect((await tool('claude-code')).state).toBe('not-connected');
  });

  it('answers plainly when a model does not work, a tool is unknown or not connected', async () => {
    const refused = await admin<{ error: { message: string; param: string } }>('/admin/tools/connect', {
      tool: 'codex',
      model: 'auto',
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ param: 'model' });
    expect(refused.body.error.message).toMatch(
      /'auto' does not work with this relay.*names that work here: coding/,
    );
    expect((await admin('/admin/tools/connect', { tool: 'vim' })).status).toBe(404);
    const notConnected = await admin<{ error: { message: string } }>('/admin/tools/disconnect', {
      tool: 'aider',
    });
    expect(notConnected.status).toBe(400);
    expect(notConnected.body.error.message).toBe('aider was not connected by Switchboard: nothing to undo');
    expect((await admin('/admin/tools/connect', {})).status).toBe(400);
  });
});
