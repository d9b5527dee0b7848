import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createSecretStore } from '../../relay-core/src/secrets/create-secret-store.js';
import { createMemoryStore } from '../../relay-core/src/secrets/memory-store.js';
import { createRedactor } from '../../relay-core/src/secrets/redact.js';
import type { SecretStore } from '../../relay-core/src/secrets/types.js';
import { openSettingsFile } from './desktop-settings.js';
import { describeEnvKeyImport, importEnvKeysOnFirstStart } from './import-env-keys.js';
import type { FoundEnvKey } from './import-env-keys.js';

const folder = mkdtempSync(join(tmpdir(), 'switchboard-import-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
let runs = 0;

async function firstStart(env: NodeJS.ProcessEnv, answer: boolean, keychain: SecretStore) {
  const home = join(folder, `home-${++runs}`);
  const settings = openSettingsFile(join(home, 'desktop.json'));
  const secrets = await createSecretStore({ home, env, keychain, redactor: createRedactor() });
  const asked: FoundEnvKey[][] = [];
  const start = () =>
    importEnvKeysOnFirstStart({
      secrets,
      env,
      settings,
      ask: async (found) => (asked.push(found), answer),
    });
  return { start, asked, settings };
}

const env = { OPENAI_API_KEY: 'sk-openai-from-env', GOOGLE_API_KEY: 'gm-from-env', PATH: '/usr/bin' };

describe('importing provider keys from environment variables on first start', () => {
  it('asks, naming providers and variables, and stores the keys in the keychain after a yes', async () => {
    const keychain = createMemoryStore({ anthropic: 'sk-ant-already' }, 'keychain');
    const run = await firstStart({ ...env, ANTHROPIC_API_KEY: 'sk-ant-env' }, true, keychain);
    const result = await run.start();
    expect(run.asked).toEqual([
      [
        { provider: 'gemini', variable: 'GOOGLE_API_KEY' },
        { provider: 'openai', variable: 'OPENAI_API_KEY' },
      ],
    ]);
    expect(result).toEqual({ outcome: 'imported', imported: ['gemini', 'openai'], failed: [] });
    expect(await keychain.get('openai')).toBe('sk-openai-from-env');
    expect(await keychain.get('gemini')).toBe('gm-from-env');
    // a key already in the keychain wins over the variable and is left as it was
    expect(await keychain.get('anthropic')).toBe('sk-ant-already');
    expect(await run.start()).toEqual({ outcome: 'already-asked' });
    expect(run.asked).toHaveLength(1);
  });

  it('stores nothing after a no, and does not ask again', async () => {
    const keychain = createMemoryStore({}, 'keychain');
    const run = await firstStart(env, false, keychain);
    expect(await run.start()).toEqual({ outcome: 'declined' });
    expect(await keychain.list()).toEqual([]);
    expect(await run.start()).toEqual({ outcome: 'already-asked' });
    expect(run.asked).toHaveLength(1);
    expect(run.settings.read().envKeyImport).toBe('declined');
  });

  it('does not ask when no key is in the environment, and asks on a later start once one is', async () => {
    const keychain = createMemoryStore({}, 'keychain');
    const run = await firstStart({ PATH: '/usr/bin' }, true, keychain);
    expect(await run.start()).toEqual({ outcome: 'nothing-found' });
    expect(run.asked).toEqual([]);
    expect(run.settings.read().envKeyImport).toBeUndefined();
  });

  it('reports a key the keychain refused and keeps the others', async () => {
    const keychain = createMemoryStore({}, 'keychain');
    const refusing: SecretStore = {
      ...keychain,
      set: async (provider, key) => {
        if (provider === 'gemini') throw new Error('keychain locked');
        await keychain.set(provider, key);
      },
    };
    const run = await firstStart(env, true, refusing);
    expect(await run.start()).toEqual({
      outcome: 'imported',
      imported: ['openai'],
      failed: [{ provider: 'gemini', message: 'keychain locked' }],
    });
  });

  it('words the question without the keys', () => {
    const text = describeEnvKeyImport([{ provider: 'openai', variable: 'OPENAI_API_KEY' }], 'keychain');
    expect(text).toContain('openai  (OPENAI_API_KEY)');
    expect(text).toContain('OS keychain');
    expect(text).not.toContain('sk-');
  });
});
