import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createEncryptedFileStore } from './encrypted-file-store.js';

const dirs: string[] = [];
function tempHome(): string {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-secrets-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const secret = 'sk-file-secret-0123456789';

describe('encrypted file store', () => {
  it('round-trips keys, across instances, without writing them in the clear', async () => {
    const home = tempHome();
    const store = createEncryptedFileStore(home, {});
    await store.set('openai', secret);
    await store.set('groq', 'gsk_another-secret-value');
    expect(await createEncryptedFileStore(home, {}).get('openai')).toBe(secret);
    expect(await store.list()).toEqual(['groq', 'openai']);
    const bytes = readFileSync(join(home, 'secrets.enc.json'));
    expect(bytes.includes('sk-file-secret')).toBe(false);
    expect(bytes.includes('another-secret')).toBe(false);
    expect(await store.delete('openai')).toBe(true);
    expect(await store.delete('openai')).toBe(false);
    expect(await store.get('openai')).toBeUndefined();
    expect(await store.get('groq')).toBe('gsk_another-secret-value');
  });

  it('creates the sealed file and the key file with mode 0600', async () => {
    const home = tempHome();
    await createEncryptedFileStore(home, {}).set('openai', secret);
    expect(statSync(join(home, 'secrets.enc.json')).mode & 0o777).toBe(0o600);
    expect(statSync(join(home, 'secrets.key')).mode & 0o777).toBe(0o600);
  });

  it('uses the passphrase instead of a key file when one is set', async () => {
    const home = tempHome();
    const env = { SWITCHBOARD_SECRETS_PASSPHRASE: 'correct horse' };
    await createEncryptedFileStore(home, env).set('openai', secret);
    expect(() => statSync(join(home, 'secrets.key'))).toThrow();
    expect(await createEncryptedFileStore(home, env).get('openai')).toBe(secret);
  });

  it('refuses to decrypt with the wrong passphrase instead of returning garbage', async () => {
    const home = tempHome();
    await createEncryptedFileStore(home, { SWITCHBOARD_SECRETS_PASSPHRASE: 'right' }).set('groq', secret);
    const wrong = createEncryptedFileStore(home, { SWITCHBOARD_SECRETS_PASSPHRASE: 'wrong' });
    await expect(wrong.get('groq')).rejects.toThrow(
      /cannot decrypt the stored key for 'groq' .*wrong SWITCHBOARD_SECRETS_PASSPHRASE/,
    );
    // and will not add an entry sealed under a second key to the same file
    await expect(wrong.set('openai', secret)).rejects.toThrow(/cannot decrypt/);
    await expect(createEncryptedFileStore(home, {}).get('groq')).rejects.toThrow(
      /sealed with SWITCHBOARD_SECRETS_PASSPHRASE, which is not set/,
    );
  });

  it('reports a replaced or missing key file, and a damaged file, clearly', async () => {
    const home = tempHome();
    await createEncryptedFileStore(home, {}).set('openai', secret);
    writeFileSync(join(home, 'secrets.key'), 'another key');
    await expect(createEncryptedFileStore(home, {}).get('openai')).rejects.toThrow(
      /secrets\.key has changed/,
    );
    rmSync(join(home, 'secrets.key'));
    await expect(createEncryptedFileStore(home, {}).get('openai')).rejects.toThrow(/secrets\.key is missing/);
    writeFileSync(join(home, 'secrets.enc.json'), '{"version": 1, "salt": ');
    await expect(createEncryptedFileStore(home, {}).list()).rejects.toThrow(
      /secrets\.enc\.json is not a readable Switchboard secrets file/,
    );
  });

  it('binds each entry to its provider id', async () => {
    const home = tempHome();
    await createEncryptedFileStore(home, {}).set('openai', secret);
    const file = join(home, 'secrets.enc.json');
    const sealed = JSON.parse(readFileSync(file, 'utf8')) as { entries: Record<string, unknown> };
    sealed.entries.deepseek = sealed.entries.openai;
    writeFileSync(file, JSON.stringify(sealed));
    await expect(createEncryptedFileStore(home, {}).get('deepseek')).rejects.toThrow(/cannot decrypt/);
  });
});
