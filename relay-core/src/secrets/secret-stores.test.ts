import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSecretStore } from './create-secret-store.js';
import { createEncryptedFileStore } from './encrypted-file-store.js';
import { createEnvStore } from './env-store.js';
import { createMemoryStore } from './memory-store.js';
import { createRedactor } from './redact.js';

const dirs: string[] = [];
function tempHome() {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-secrets-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('encrypted file store', () => {
  it('round-trips keys without writing them in the clear, in a 0600 file', async () => {
    const home = tempHome();
    const store = createEncryptedFileStore(home, {});
    await store.set('openai', 'sk-file-secret-0123456789');
    expect(await store.get('openai')).toBe('sk-file-secret-0123456789');
    expect(await store.list()).toEqual(['openai']);
    const file = join(home, 'secrets.enc.json');
    expect(readFileSync(file, 'utf8')).not.toContain('sk-file-secret');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(await store.delete('openai')).toBe(true);
    expect(await store.get('openai')).toBeUndefined();
  });

  it('refuses to decrypt with the wrong passphrase instead of returning garbage', async () => {
    const home = tempHome();
    await createEncryptedFileStore(home, { SWITCHBOARD_SECRETS_PASSPHRASE: 'right' }).set(
      'groq',
      'gsk_abcdefghijklmnopqrstuvwx',
    );
    await expect(
      createEncryptedFileStore(home, { SWITCHBOARD_SECRETS_PASSPHRASE: 'wrong' }).get('groq'),
    ).rejects.toThrow(/cannot decrypt the stored key for 'groq'/);
  });
});

describe('environment store', () => {
  it('reads the usual variable and SWITCHBOARD_KEY_<ID>, and is read-only', async () => {
    const store = createEnvStore({ OPENAI_API_KEY: 'sk-env', SWITCHBOARD_KEY_MY_VLLM: 'k-custom' });
    expect(await store.get('openai')).toBe('sk-env');
    expect(await store.get('my-vllm')).toBe('k-custom');
    expect(await store.get('anthropic')).toBeUndefined();
    await expect(store.set('openai', 'x')).rejects.toThrow(/read-only; change OPENAI_API_KEY/);
  });
});

describe('secret resolver', () => {
  it('looks in the keychain, then the environment, then the encrypted file', async () => {
    const home = tempHome();
    await createEncryptedFileStore(home, {}).set('openai', 'sk-from-file-000000');
    await createEncryptedFileStore(home, {}).set('mistral', 'from-file-mistral');
    const keychain = createMemoryStore({ openai: 'sk-from-keychain-0000' }, 'keychain');
    const env = { OPENAI_API_KEY: 'sk-from-env-000000', MISTRAL_API_KEY: 'from-env-mistral' };
    const resolver = await createSecretStore({ home, env, keychain, redactor: createRedactor() });
    expect(await resolver.resolve('openai')).toEqual({ key: 'sk-from-keychain-0000', source: 'keychain' });
    expect(await resolver.resolve('mistral')).toEqual({ key: 'from-env-mistral', source: 'env' });
    const noKeychain = await createSecretStore({ home, env: {}, keychain: null, redactor: createRedactor() });
    expect(await noKeychain.resolve('mistral')).toEqual({
      key: 'from-file-mistral',
      source: 'encrypted-file',
    });
    expect(await noKeychain.resolve('anthropic')).toBeUndefined();
  });

  it('writes to the keychain when there is one, else to the encrypted file with a warning', async () => {
    const keychain = createMemoryStore({}, 'keychain');
    const warnings: string[] = [];
    const withKeychain = await createSecretStore({
      home: tempHome(),
      env: {},
      keychain,
      onWarning: (m) => warnings.push(m),
      redactor: createRedactor(),
    });
    await withKeychain.set('deepseek', 'sk-deepseek-000000000000');
    expect(await keychain.get('deepseek')).toBe('sk-deepseek-000000000000');
    expect(warnings).toEqual([]);
    const withoutKeychain = await createSecretStore({
      home: tempHome(),
      env: {},
      keychain: null,
      onWarning: (m) => warnings.push(m),
      redactor: createRedactor(),
    });
    await withoutKeychain.set('deepseek', 'sk-deepseek-000000000000');
    expect(warnings[0]).toMatch(/no OS keychain available; keys are stored in an encrypted file/);
    expect(await withoutKeychain.describe()).toEqual([{ provider: 'deepseek', source: 'encrypted-file' }]);
  });

  it('registers every key it hands out with the redactor', async () => {
    const redactor = createRedactor();
    const resolver = await createSecretStore({
      home: tempHome(),
      env: { SWITCHBOARD_KEY_LOCAL: 'plainlocalsecret' },
      keychain: null,
      redactor,
    });
    expect(redactor.redact('key plainlocalsecret here')).toBe('key plainlocalsecret here');
    await resolver.resolve('local');
    expect(redactor.redact('key plainlocalsecret here')).toBe('key [redacted] here');
  });
});

describe('redactor', () => {
  it('scrubs registered secrets, including regexp metacharacters, and known key shapes', () => {
    const redactor = createRedactor();
    redactor.add('a.b*c+d?(e)');
    redactor.add('short');
    expect(redactor.redact('x a.b*c+d?(e) y short')).toBe('x [redacted] y short');
    expect(redactor.redact('Incorrect API key provided: sk-proj-abcdefghijklmnop1234.')).toBe(
      'Incorrect API key provided: [redacted].',
    );
    expect(redactor.redact('AIzaSyA1234567890abcdefghijk gsk_ABCDEFGHIJKLMNOPQRST')).toBe(
      '[redacted] [redacted]',
    );
  });
});
