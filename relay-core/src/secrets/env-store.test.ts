import { describe, expect, it } from 'vitest';
import { createEnvStore, keyVariables } from './env-store.js';

describe('environment store', () => {
  it("reads the preset's usual variables, first wins", async () => {
    const store = createEnvStore({ GOOGLE_API_KEY: 'google-key', GEMINI_API_KEY: 'gemini-key' });
    expect(await store.get('gemini')).toBe('gemini-key');
    expect(await createEnvStore({ GOOGLE_API_KEY: 'google-key' }).get('gemini')).toBe('google-key');
    expect(await store.get('anthropic')).toBeUndefined();
  });

  it('reads SWITCHBOARD_KEY_<ID> for custom providers, with - as _', async () => {
    expect(keyVariables('my-vllm')).toEqual(['SWITCHBOARD_KEY_MY_VLLM']);
    expect(keyVariables('openai')).toEqual(['OPENAI_API_KEY', 'SWITCHBOARD_KEY_OPENAI']);
    const store = createEnvStore({ SWITCHBOARD_KEY_MY_VLLM: 'k-custom', SWITCHBOARD_KEY_EMPTY: '  ' });
    expect(await store.get('my-vllm')).toBe('k-custom');
    expect(await store.get('empty')).toBeUndefined();
  });

  it('joins the AWS variables into an IAM pair for Bedrock only', async () => {
    const env = { AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE', AWS_SECRET_ACCESS_KEY: 'secret' };
    expect(await createEnvStore(env).get('bedrock')).toBe('AKIAEXAMPLE:secret');
    expect(await createEnvStore(env).get('openai')).toBeUndefined();
  });

  it('lists providers with a key, never the keys', async () => {
    const store = createEnvStore({
      OPENAI_API_KEY: 'sk-env',
      MISTRAL_API_KEY: '',
      SWITCHBOARD_KEY_MY_VLLM: 'k-custom',
      PATH: '/usr/bin',
    });
    expect(await store.list()).toEqual(['my-vllm', 'openai']);
  });

  it('is read-only and says which variable to change', async () => {
    const store = createEnvStore({ OPENAI_API_KEY: 'sk-env' });
    await expect(store.set('openai', 'x')).rejects.toThrow(/read-only; change OPENAI_API_KEY/);
    await expect(store.set('my-vllm', 'x')).rejects.toThrow(/change SWITCHBOARD_KEY_MY_VLLM/);
    expect(await store.delete('openai')).toBe(false);
    expect(await store.get('openai')).toBe('sk-env');
  });

  it('reads the variable config.yaml names for a provider first (an imported os.environ/NAME)', async () => {
    const env = { AZURE_API_KEY_EU: 'k-eu', AZURE_OPENAI_API_KEY: 'k-usual' };
    const keyEnv = (id: string) => (id === 'azure-eu' ? 'AZURE_API_KEY_EU' : undefined);
    expect(await createEnvStore(env, keyEnv).get('azure-eu')).toBe('k-eu');
    expect(await createEnvStore(env).get('azure-eu')).toBeUndefined();
    expect(keyVariables('azure-eu', keyEnv)[0]).toBe('AZURE_API_KEY_EU');
  });
});
