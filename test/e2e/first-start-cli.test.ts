import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../../relay-core/src/emulator/index.js';
import type { Emulator } from '../../relay-core/src/emulator/index.js';
import { closedPort, freePort } from '../helpers/free-port.js';
import { providerKey } from '../helpers/relay-harness.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
let emulator: Emulator;
let home: string;

beforeAll(async () => {
  emulator = await startEmulator({ expectedKey: providerKey });
  home = mkdtempSync(join(tmpdir(), 'switchboard-first-cli-'));
});

afterAll(async () => {
  await emulator?.close();
  rmSync(home, { recursive: true, force: true });
});

/** cli.ts as `npm run relay` runs it, with only these variables (none of the machine's keys). */
async function runRelay(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'relay-core/src/cli.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: home, SWITCHBOARD_HOME: join(home, 'data'), ...env },
  });
  let output = '';
  for await (const chunk of child.stdout) {
    output += String(chunk);
    if (/^UI: /m.test(output)) break;
  }
  child.stdout.resume();
  return { output, stop: () => new Promise((resolve) => child.once('exit', resolve).kill('SIGTERM')) };
}

describe('npm run relay on a machine with a key and no config.yaml', () => {
  it('prints what it found, never the key, and serves the models at once', async () => {
    const port = await freePort();
    const down = await closedPort();
    const { output, stop } = await runRelay({
      SWITCHBOARD_PORT: String(port),
      OPENAI_API_KEY: providerKey,
      OPENAI_BASE_URL: `${emulator.url}/v1`,
      OLLAMA_HOST: `127.0.0.1:${down}`,
      SWITCHBOARD_BASE_URL_LMSTUDIO: `http://127.0.0.1:${down}/v1`,
      SWITCHBOARD_SECRETS_PASSPHRASE: 'first-start-cli',
    });
    try {
      expect(output).toContain(
        `First start: wrote ${join(home, 'data', 'config.yaml')} with what this machine has:`,
      );
      expect(output).toMatch(/^ {2}openai +key from OPENAI_API_KEY, base URL from OPENAI_BASE_URL$/m);
      expect(output).not.toMatch(/^ {2}(ollama|lmstudio) /m);
      expect(output).not.toContain(providerKey);
      const clientKey = /\(shown only now\):\s+(sb-\S+)/.exec(output)?.[1];
      const models = await fetch(`http://127.0.0.1:${port}/v1/models`, {
        headers: { authorization: `Bearer ${clientKey}` },
      });
      const ids = ((await models.json()) as { data: Array<{ id: string }> }).data.map((model) => model.id);
      expect(ids).toContain('openai/gpt-4o-mini');
      const answer = await fetch(`http://127.0.0.1:${port}/v1/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${clientKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'openai/gpt-4.1-nano', messages: [{ role: 'user', content: 'hi' }] }),
      });
      expect(answer.status).toBe(200);
    } finally {
      await stop();
    }
    const written = readFileSync(join(home, 'data', 'config.yaml'), 'utf8');
    expect(written).not.toContain(providerKey);

    // the next start finds the file and says nothing of a first start
    const again = await runRelay({
      SWITCHBOARD_PORT: String(port),
      OPENAI_API_KEY: providerKey,
      SWITCHBOARD_SECRETS_PASSPHRASE: 'first-start-cli',
    });
    await again.stop();
    expect(again.output).not.toContain('First start');
    expect(readFileSync(join(home, 'data', 'config.yaml'), 'utf8')).toBe(written);
    // two relay processes start under tsx, each probing the keychain
  }, 60_000);
});
