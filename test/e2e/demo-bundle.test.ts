import { execFile, spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../helpers/free-port.js';

// The relay's bundle with `--demo`, laid out as electron-builder packages the app: dist/,
// resources/, package.json and node_modules, without relay-core's sources or test/. It runs under
// plain Node with the command `npm run relay` uses, so the emulator and its recordings must come
// from the bundle and resources/ alone.
const root = fileURLToPath(new URL('../../', import.meta.url));
const app = mkdtempSync(join(tmpdir(), 'switchboard-demo-bundle-'));
const clientKey = 'sb-demo-bundle-test';
let child: ChildProcessWithoutNullStreams | undefined;
let url = '';

/** Builds dist/relay/cli.js when stale, as `npm run relay` does (`--help` only prints the usage). */
async function buildRelayBundle(): Promise<void> {
  await promisify(execFile)(process.execPath, ['scripts/run-relay.mjs', '--help'], { cwd: root });
}

beforeAll(async () => {
  await buildRelayBundle();
  mkdirSync(join(app, 'dist', 'relay'), { recursive: true });
  copyFileSync(join(root, 'dist', 'relay', 'cli.js'), join(app, 'dist', 'relay', 'cli.js'));
  copyFileSync(join(root, 'package.json'), join(app, 'package.json'));
  symlinkSync(join(root, 'resources'), join(app, 'resources'));
  symlinkSync(join(root, 'node_modules'), join(app, 'node_modules'));

  // @ts-expect-error: a plain JavaScript script, without types
  const { relayCommand } = (await import('../../scripts/relay-command.mjs')) as {
    relayCommand: (root: string, args: string[]) => string[];
  };
  const port = await freePort();
  child = spawn(process.execPath, relayCommand(app, ['--demo']), {
    cwd: app,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: app,
      SWITCHBOARD_HOME: join(app, 'data'),
      SWITCHBOARD_PORT: String(port),
      SWITCHBOARD_API_KEY: clientKey,
      SWITCHBOARD_SECRETS_PASSPHRASE: 'demo-bundle-test',
    },
  });
  const stderr: string[] = [];
  child.stderr.on('data', (chunk) => stderr.push(String(chunk)));
  let output = '';
  for await (const chunk of child.stdout) {
    output += String(chunk);
    if (/^UI: /m.test(output)) break;
  }
  if (!/^UI: /m.test(output))
    throw new Error(`the bundle exited before serving:\n${output}\n${stderr.join('')}`);
  child.stdout.resume();
  url = `http://127.0.0.1:${port}`;
}, 120_000);

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    await exited;
  }
  rmSync(app, { recursive: true, force: true });
});

/** A chat completion from the demo model, through the relay. */
function askDemo(stream: boolean): Promise<Response> {
  return fetch(`${url}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${clientKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      model: 'demo/gpt-4.1-nano',
      messages: [{ role: 'user', content: 'Invent a holiday.' }],
      stream,
    }),
  });
}

describe('the relay bundle with --demo, packaged without sources', () => {
  it('answers from a recorded demo model whole', async () => {
    const response = await askDemo(false);
    expect(response.status).toBe(200);
    expect(response.headers.get('x-relay-provider')).toBe('demo');
    const answer = (await response.json()) as {
      model: string;
      choices: Array<{ message: { content: string } }>;
    };
    expect(answer.model).toBe('demo/gpt-4.1-nano');
    expect(answer.choices[0]!.message.content.length).toBeGreaterThan(100);
  });

  it('streams the same recording', async () => {
    const response = await askDemo(true);
    expect(response.status).toBe(200);
    const events = (await response.text())
      .split('\n')
      .filter((line) => line.startsWith('data: '))
      .map((line) => line.slice('data: '.length));
    expect(events.at(-1)).toBe('[DONE]');
    const text = events
      .slice(0, -1)
      .map(
        (event) =>
          (JSON.parse(event) as { choices: Array<{ delta?: { content?: string } }> }).choices[0]?.delta
            ?.content ?? '',
      )
      .join('');
    expect(text.length).toBeGreaterThan(100);
  });
});
