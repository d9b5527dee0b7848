import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { adminReply } from '../helpers/admin-call.js';
import { providerKey, useHarness } from '../helpers/relay-harness.js';

// The window's Import panel and the LiteLLM export, through the admin API of a running relay: a
// claude-code-router config.json whose provider is the emulator, its key given literally.
const harness = useHarness();

const admin = <T = Record<string, unknown>>(path: string, body?: unknown) =>
  adminReply<T>(harness.relay, path, body);

const ccrConfig = () =>
  JSON.stringify({
    Providers: [
      {
        name: 'imported-up',
        api_base_url: `${harness.emulator.url}/v1/chat/completions`,
        api_key: providerKey,
        models: ['gpt-4.1-nano'],
      },
    ],
    Router: { default: 'imported-up,gpt-4.1-nano' },
  });

describe('importing in the window', () => {
  it('previews the change, applies it, and serves the imported route with the imported key', async () => {
    const configPath = join(harness.home, 'config.yaml');
    const before = readFileSync(configPath, 'utf8');
    const preview = await admin<{ source: string; diff: string; keys: string[] }>('/admin/import/preview', {
      text: ccrConfig(),
    });
    expect(preview.status).toBe(200);
    expect(preview.body.source).toBe('ccr');
    expect(preview.body.diff).toContain('+  - id: imported-up');
    expect(preview.body.keys).toEqual(['imported-up']);
    expect(preview.text).not.toContain(providerKey);
    // a preview writes nothing
    expect(readFileSync(configPath, 'utf8')).toBe(before);

    const applied = await admin('/admin/import/apply', { source: 'ccr', text: ccrConfig() });
    expect(applied.status).toBe(200);
    expect(applied.text).not.toContain(providerKey);
    const after = readFileSync(configPath, 'utf8');
    expect(after).toContain('# test config');
    expect(after).toContain('- id: imported-up');
    expect(after).not.toContain(providerKey);

    // no environment variable holds this provider's key: it can only come from the secret store
    const { data, response } = await harness.openai.chat.completions
      .create({ model: 'ccr', messages: [{ role: 'user', content: 'hi' }] })
      .withResponse();
    expect(data.choices[0]?.message.content).toBeTruthy();
    expect(response.headers.get('x-relay-provider')).toBe('imported-up');
  });

  it('refuses a file of no known tool, naming the three it reads', async () => {
    const refused = await admin<{ error: { message: string } }>('/admin/import/preview', {
      text: '{"a": 1}',
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(/LiteLLM.*claude-code-router.*cc-switch/);
  });

  it('exports an equivalent LiteLLM config with key references, never keys', async () => {
    const exported = await admin<{ yaml: string; notes: string[] }>('/admin/export/litellm');
    expect(exported.status).toBe(200);
    expect(exported.body.yaml).toContain('model_name: ccr');
    expect(exported.body.yaml).toContain('api_key: os.environ/SWITCHBOARD_KEY_IMPORTED_UP');
    expect(exported.text).not.toContain(providerKey);
  });
});
