import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent } from 'undici';
import { afterAll, describe, expect, it } from 'vitest';
import { closedPort } from '../../../test/helpers/free-port.js';
import { providerPresets } from '../config/presets.js';
import { createSecretStore } from '../secrets/create-secret-store.js';
import { createMemoryStore } from '../secrets/memory-store.js';
import { baseUrlFrom, detectProviders } from './detect-providers.js';

const home = mkdtempSync(join(tmpdir(), 'switchboard-detect-'));
const dispatcher = new Agent();
afterAll(async () => {
  await dispatcher.close();
  rmSync(home, { recursive: true, force: true });
});

describe('baseUrlFrom: the base URL a provider SDK or CLI variable gives', () => {
  it("adds the path the provider's SDK adds, once", () => {
    const anthropic = providerPresets.anthropic!;
    expect(baseUrlFrom(anthropic, { ANTHROPIC_BASE_URL: 'https://proxy.example/' })?.url).toBe(
      'https://proxy.example/v1',
    );
    expect(baseUrlFrom(anthropic, { ANTHROPIC_BASE_URL: 'https://proxy.example/v1' })?.url).toBe(
      'https://proxy.example/v1',
    );
    expect(baseUrlFrom(providerPresets.openai!, { OPENAI_BASE_URL: 'https://gw.example/openai/v1' })).toEqual(
      {
        url: 'https://gw.example/openai/v1',
        variable: 'OPENAI_BASE_URL',
      },
    );
  });

  it("reads OLLAMA_HOST as the ollama CLI does: a bind address or host:port, Ollama's port by default", () => {
    const ollama = providerPresets.ollama!;
    expect(baseUrlFrom(ollama, { OLLAMA_HOST: '0.0.0.0' })?.url).toBe('http://127.0.0.1:11434/v1');
    expect(baseUrlFrom(ollama, { OLLAMA_HOST: 'gpu-box:8080' })?.url).toBe('http://gpu-box:8080/v1');
    expect(baseUrlFrom(ollama, {})).toBeUndefined();
  });

  it('takes SWITCHBOARD_BASE_URL_<ID> as it is, for any preset', () => {
    expect(
      baseUrlFrom(providerPresets.deepseek!, { SWITCHBOARD_BASE_URL_DEEPSEEK: 'http://10.0.0.2:9000/v1' }),
    ).toEqual({ url: 'http://10.0.0.2:9000/v1', variable: 'SWITCHBOARD_BASE_URL_DEEPSEEK' });
  });
});

describe('detectProviders', () => {
  it('leaves out what would be wrong to write: a loop to the relay, AWS credentials, Azure without endpoint', async () => {
    const port = await closedPort();
    const env = {
      // a shell set up for the relay: the variable points at it, the key is a client key
      OPENAI_API_KEY: 'sb-client-key-for-the-relay',
      OPENAI_BASE_URL: 'http://127.0.0.1:4141/v1',
      AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'aws-secret-example',
      AZURE_OPENAI_API_KEY: 'azure-key-example',
      MISTRAL_API_KEY: 'mistral-key-example',
      OLLAMA_HOST: `127.0.0.1:${port}`,
      SWITCHBOARD_BASE_URL_LMSTUDIO: `http://127.0.0.1:${port}/v1`,
    };
    const secrets = await createSecretStore({
      home,
      env,
      keychain: createMemoryStore({ 'groq:work': 'gsk-a', 'groq:personal': 'gsk-b' }, 'keychain'),
    });
    const report = await detectProviders({ secrets, env, dispatcher, relayPort: 4141 });
    expect(report.providers).toEqual([
      { id: 'groq', found: 'key in the OS keychain' },
      { id: 'mistral', found: 'key from MISTRAL_API_KEY' },
    ]);
    expect(report.notes).toEqual([
      'azure: a key was found but no endpoint; set AZURE_OPENAI_ENDPOINT or add azure with its base_url',
      'bedrock: AWS credentials found; add `- id: bedrock` to config.yaml to use Bedrock',
      "openai: OPENAI_BASE_URL points at this relay: its key is one of the relay's, not OpenAI's",
    ]);
    expect(JSON.stringify(report)).not.toMatch(/sb-client|aws-secret|azure-key|mistral-key|gsk-/);
  });
});
