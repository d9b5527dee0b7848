import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { startRelay } from '../../relay-core/src/index.js';
import type { RelayHandle } from '../../relay-core/src/index.js';
import { createSecretStore } from '../../relay-core/src/secrets/create-secret-store.js';
import { startEmulator } from '../../relay-core/src/emulator/index.js';
import type { Emulator } from '../../relay-core/src/emulator/index.js';

/**
 * A provider key that must never show up anywhere the relay writes. Random-looking, as real keys
 * are: any 8 characters of a key are scrubbed from logs and errors, and a key with the word
 * "provider" in it would scrub that word from every message.
 */
export const providerKey = 'sk-proj-Hq7Xk2Vb9Kp4Tz8Lw3Nc6Rf1Yd5Gs0Aj2Ue7Io4Pk9Mb3';
export const clientKey = 'sb-harness-client-key';

/** A history row as stored (snake_case columns). */
export type StoredRequest = Record<string, unknown>;

export interface Harness {
  /** The history row of a request, once the relay has recorded it (recording is asynchronous). */
  waitForRequest(id: string | null): Promise<StoredRequest>;
  relay: RelayHandle;
  emulator: Emulator;
  backup: Emulator;
  home: string;
  logs: string[];
  openai: OpenAI;
  close(): Promise<void>;
}

/**
 * Starts two emulators (primary `openai` and a `backup` OpenAI-compatible provider; the first also
 * answers as `anthropic` and `gemini`) and a relay
 * in a temporary data folder, configured through a real config.yaml and environment keys.
 */
export async function startHarness(
  options: {
    extraProviders?: (emulatorUrl: string) => string;
    extraConfig?: string;
    /** fallback.first_token_timeout_ms (default 5000). */
    firstTokenTimeoutMs?: number;
    /** fallback.first_byte_timeout_ms (default: the relay's). */
    firstByteTimeoutMs?: number;
    /** fallback.on (default: every class but content_policy). */
    fallbackOn?: string[];
  } = {},
): Promise<Harness> {
  const emulator = await startEmulator({ expectedKey: providerKey });
  const backup = await startEmulator({ expectedKey: providerKey });
  const home = mkdtempSync(join(tmpdir(), 'switchboard-test-'));
  writeFileSync(
    join(home, 'config.yaml'),
    `# test config
providers:
  - id: openai
    base_url: ${emulator.url}/v1
  - id: backup
    preset: openai
    base_url: ${backup.url}/v1
  - id: anthropic
    base_url: ${emulator.url}/v1
  - id: gemini
    base_url: ${emulator.url}/v1beta
${options.extraProviders?.(emulator.url) ?? ''}fallback:
  on: [${(options.fallbackOn ?? ['rate_limit', 'overloaded', 'server_error', 'timeout', 'connect_error', 'context_length']).join(', ')}]
  first_token_timeout_ms: ${options.firstTokenTimeoutMs ?? 5000}
${options.firstByteTimeoutMs === undefined ? '' : `  first_byte_timeout_ms: ${options.firstByteTimeoutMs}\n`}  max_attempts: 3
${options.extraConfig ?? ''}`,
  );
  const env = {
    // coding tools' settings (the admin API's Connect) live under the temporary folder, never the real home
    HOME: home,
    USERPROFILE: home,
    SWITCHBOARD_API_KEY: clientKey,
    OPENAI_API_KEY: providerKey,
    SWITCHBOARD_KEY_BACKUP: providerKey,
    ANTHROPIC_API_KEY: providerKey,
    GEMINI_API_KEY: providerKey,
    AZURE_OPENAI_API_KEY: providerKey,
    SWITCHBOARD_KEY_EU_BACKUP: providerKey,
    SWITCHBOARD_KEY_FLAKY: providerKey,
    AWS_ACCESS_KEY_ID: 'AKIAHARNESSKEY000001',
    AWS_SECRET_ACCESS_KEY: providerKey,
  };
  const logs: string[] = [];
  const secrets = await createSecretStore({ home, env, useKeychain: false });
  const relay = await startRelay({ home, port: 0, env, secrets, log: (line) => logs.push(line) });
  // the start-up look at the providers' model lists is not a call of any test
  await relay.discovery.settled();
  emulator.reset();
  backup.reset();
  const openai = new OpenAI({ baseURL: `${relay.url}/v1`, apiKey: clientKey, maxRetries: 0 });
  return {
    relay,
    emulator,
    backup,
    home,
    logs,
    openai,
    async waitForRequest(id) {
      for (let tries = 0; tries < 200; tries++) {
        relay.flushHistory();
        const row = relay.db.prepare('SELECT * FROM requests WHERE id = ?').get(id) as
          StoredRequest | undefined;
        if (row) return row;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      throw new Error(`request ${id} was never recorded`);
    },
    async close() {
      await relay.close();
      await emulator.close();
      await backup.close();
      rmSync(home, { recursive: true, force: true });
    },
  };
}

/**
 * Starts a harness for a test file (and closes it after), resetting both emulators' calls and
 * faults before each test. Returns the harness itself, usable once the file's tests run.
 */
export function useHarness(options: Parameters<typeof startHarness>[0] = {}): Harness {
  let harness: Harness | undefined;
  beforeAll(async () => {
    harness = await startHarness(options);
  });
  afterAll(async () => {
    await harness?.close();
  });
  beforeEach(() => {
    harness?.emulator.reset();
    harness?.backup.reset();
    // each test starts with healthy upstreams: no open circuits or Retry-After from the last one
    harness?.relay.runtime.health.reset();
    harness?.relay.runtime.latency.reset();
  });
  return new Proxy({} as Harness, {
    get(_target, property) {
      if (!harness) throw new Error('the harness starts in beforeAll; use it inside tests');
      return harness[property as keyof Harness];
    },
  });
}
