import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './free-port.js';

/** `npm run relay -- --demo` in a child process with its own data folder. */
export interface DemoRelay {
  url: string;
  /** The UI link the relay printed, with the admin token in the fragment. */
  uiUrl: string;
  adminToken: string;
  /** The client key printed on first start. */
  clientKey: string;
  home: string;
  /** Admin API call with the admin token (test set-up and checks). */
  admin<T>(path: string, body?: unknown): Promise<T>;
  close(): Promise<void>;
}

const root = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Starts the headless relay exactly as a user would (`npm run relay -- --demo`: the built-in
 * emulator as provider `demo`), in a temporary SWITCHBOARD_HOME, and reads the client key and the
 * UI link from what it prints.
 */
export async function startDemoRelay(
  /** Extra environment for the relay, e.g. a HOME whose tools' settings a test may change. */
  env: Record<string, string> = {},
): Promise<DemoRelay> {
  const home = mkdtempSync(join(tmpdir(), 'switchboard-ui-'));
  const port = await freePort();
  const child: ChildProcessWithoutNullStreams = spawn('npm', ['run', '--silent', 'relay', '--', '--demo'], {
    cwd: root,
    // its own process group, so closing stops npm and the relay under it
    detached: true,
    env: {
      ...process.env,
      SWITCHBOARD_HOME: home,
      SWITCHBOARD_PORT: String(port),
      SWITCHBOARD_API_KEY: '',
      SWITCHBOARD_SECRETS_PASSPHRASE: 'ui-test-passphrase',
      ...env,
    },
  });
  const stderr: string[] = [];
  child.stderr.on('data', (chunk) => stderr.push(String(chunk)));
  let output = '';
  let match: RegExpExecArray | null = null;
  for await (const chunk of child.stdout) {
    output += String(chunk);
    match = /\(shown only now\):\s+(sb-\S+)[\s\S]*UI:\s+(\S+#token=(\S+))/.exec(output);
    if (match) break;
  }
  if (!match) throw new Error(`the relay exited before printing its UI link:\n${output}\n${stderr.join('')}`);
  child.stdout.resume();
  const [, clientKey, uiUrl, adminToken] = match;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    uiUrl: uiUrl!,
    adminToken: adminToken!,
    clientKey: clientKey!,
    home,
    async admin<T>(path: string, body?: unknown) {
      const response = await fetch(`${url}${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: { authorization: `Bearer ${adminToken!}`, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      if (!response.ok) throw new Error(`${path}: HTTP ${response.status} ${await response.text()}`);
      return (await response.json()) as T;
    },
    async close() {
      if (child.exitCode === null) {
        const exited = once(child, 'exit');
        process.kill(-child.pid!, 'SIGTERM');
        await exited;
      }
      rmSync(home, { recursive: true, force: true });
    },
  };
}
