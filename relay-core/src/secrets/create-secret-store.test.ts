import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSecretStore } from './create-secret-store.js';
import { createEncryptedFileStore } from './encrypted-file-store.js';
import { createMemoryStore } from './memory-store.js';
import { createRedactor } from './redact.js';
import type { SecretStore } from './types.js';

const dirs: string[] = [];
function tempHome(): string {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-resolver-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('secret resolver', () => {
  it('looks in the keychain, then the environment, then the encrypted file', async () => {
    const home = tempHome();
    const file = createEncryptedFileStore(home, {});
    await file.set('openai', 'sk-from-file-000000');
    await file.set('mistral', 'from-file-mistral');
    await file.set('groq', 'from-file-groq');
    const keychain = createMemoryStore({ openai: 'sk-from-keychain-0000' }, 'keychain');
    const env = { OPENAI_API_KEY: 'sk-from-env-000000', MISTRAL_API_KEY: 'from-env-mistral' };
    const resolver = await createSecretStore({ home, env, keychain, redactor: createRedactor() });
    expect(await resolver.resolve('openai')).toEqual({ key: 'sk-from-keychain-0000', source: 'keychain' });
    expect(await resolver.resolve('mistral')).toEqual({ key: 'from-env-mistral', source: 'env' });
    expect(await resolver.resolve('groq')).toEqual({ key: 'from-file-groq', source: 'encrypted-file' });
    expect(await resolver.resolve('anthropic')).toBeUndefined();
    expect(await resolver.get('mistral')).toBe('from-env-mistral');
    expect(await resolver.describe()).toEqual([
      { provider: 'groq', source: 'encrypted-file' },
      { provider: 'mistral', source: 'env' },
      { provider: 'openai', source: 'keychain' },
    ]);
    expect(await resolver.list()).toEqual(['groq', 'mistral', 'openai']);
  });

  it("lists a provider's keys: the plain account as default, then <provider>:<name> accounts", async () => {
    const home = tempHome();
    const file = createEncryptedFileStore(home, {});
    await file.set('openai:spare', 'sk-spare-from-file-0000');
    await file.set('openai:work', 'sk-work-from-file-00000');
    await file.set('openai-eu:work', 'sk-other-provider-0000');
    const keychain = createMemoryStore({ 'openai:work': 'sk-work-from-keychain-0' }, 'keychain');
    const env = { OPENAI_API_KEY: 'sk-default-from-env-00' };
    const resolver = await createSecretStore({ home, env, keychain, redactor: createRedactor() });
    expect(await resolver.keysOf('openai')).toEqual([
      { name: 'default', key: 'sk-default-from-env-00', source: 'env' },
      { name: 'spare', key: 'sk-spare-from-file-0000', source: 'encrypted-file' },
      { name: 'work', key: 'sk-work-from-keychain-0', source: 'keychain' },
    ]);
    expect(await resolver.keysOf('anthropic')).toEqual([]);
  });

  it('writes to the keychain when there is one, without a warning', async () => {
    const home = tempHome();
    const keychain = createMemoryStore({}, 'keychain');
    const warnings: string[] = [];
    const resolver = await createSecretStore({
      home,
      env: {},
      keychain,
      onWarning: (message) => warnings.push(message),
      redactor: createRedactor(),
    });
    expect(resolver.source).toBe('keychain');
    await resolver.set('deepseek', 'sk-deepseek-000000000000');
    expect(await keychain.get('deepseek')).toBe('sk-deepseek-000000000000');
    expect(await createEncryptedFileStore(home, {}).list()).toEqual([]);
    expect(warnings).toEqual([]);
    expect(await resolver.delete('deepseek')).toBe(true);
    expect(await keychain.get('deepseek')).toBeUndefined();
  });

  it('writes to the encrypted file with a visible warning when there is no keychain', async () => {
    const home = tempHome();
    const warnings: string[] = [];
    const resolver = await createSecretStore({
      home,
      env: {},
      keychain: null,
      onWarning: (message) => warnings.push(message),
      redactor: createRedactor(),
    });
    expect(resolver.source).toBe('encrypted-file');
    await resolver.set('deepseek', 'sk-deepseek-000000000000');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(
      `no OS keychain available; keys are stored in an encrypted file at ${join(home, 'secrets.enc.json')}`,
    );
    expect(await createEncryptedFileStore(home, {}).get('deepseek')).toBe('sk-deepseek-000000000000');
    expect(await resolver.describe()).toEqual([{ provider: 'deepseek', source: 'encrypted-file' }]);
  });

  it('skips a failing store with a warning so a key elsewhere still works', async () => {
    const broken: SecretStore = {
      ...createMemoryStore({}, 'keychain'),
      get: () => Promise.reject(new Error('the keyring is locked')),
      list: () => Promise.reject(new Error('the keyring is locked')),
    };
    const warnings: string[] = [];
    const resolver = await createSecretStore({
      home: tempHome(),
      env: { OPENAI_API_KEY: 'sk-from-env-000000' },
      keychain: broken,
      onWarning: (message) => warnings.push(message),
      redactor: createRedactor(),
    });
    expect(await resolver.resolve('openai')).toEqual({ key: 'sk-from-env-000000', source: 'env' });
    expect(await resolver.resolve('openai')).toBeDefined();
    expect(await resolver.describe()).toEqual([{ provider: 'openai', source: 'env' }]);
    expect(warnings).toEqual(['keychain secret store failed: the keyring is locked']);
  });

  it('never reaches for the OS keychain when useKeychain is false', async () => {
    const resolver = await createSecretStore({ home: tempHome(), env: {}, useKeychain: false });
    expect(resolver.source).toBe('encrypted-file');
  });

  it('registers every key it hands out or stores with the redactor', async () => {
    const redactor = createRedactor();
    const resolver = await createSecretStore({
      home: tempHome(),
      env: { SWITCHBOARD_KEY_LOCAL: 'plainlocalsecret' },
      keychain: createMemoryStore({}, 'keychain'),
      redactor,
    });
    expect(redactor.redact('key plainlocalsecret here')).toBe('key plainlocalsecret here');
    await resolver.resolve('local');
    expect(redactor.redact('key plainlocalsecret here')).toBe('key [redacted] here');
    await resolver.set('custom', 'anothersecretvalue');
    expect(redactor.redact('anothersecretvalue')).toBe('[redacted]');
  });
});
