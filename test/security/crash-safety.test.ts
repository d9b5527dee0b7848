import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../../relay-core/src/emulator/index.js';
import type { Emulator } from '../../relay-core/src/emulator/index.js';
import { freePort } from '../helpers/free-port.js';

// kill -9 in the middle of traffic: the history database opens clean and loses at most the
// last batch that had not been written yet.
const root = new URL('../../', import.meta.url);
const home = mkdtempSync(join(tmpdir(), 'switchboard-crash-'));
const key = 'sb-crash-test-key';
let emulator: Emulator | undefined;
const children: ChildProcess[] = [];

afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  await emulator?.close();
  rmSync(home, { recursive: true, force: true });
});

async function startRelayProcess(port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'relay-core/src/cli.ts'], {
    cwd: root,
    env: {
      ...process.env,
      SWITCHBOARD_HOME: home,
      SWITCHBOARD_PORT: String(port),
      SWITCHBOARD_API_KEY: key,
      OPENAI_API_KEY: 'sk-crash',
    },
  });
  children.push(child);
  let output = '';
  for await (const chunk of child.stdout!) {
    output += String(chunk);
    if (output.includes('listening on')) return child;
  }
  throw new Error(`relay did not start: ${output}`);
}

describe('crash safety', () => {
  it('survives kill -9 under load with an intact database and at most one batch lost', async () => {
    emulator = await startEmulator();
    writeFileSync(
      join(home, 'config.yaml'),
      `providers:\n  - id: openai\n    base_url: ${emulator.url}/v1\n`,
    );
    const port = await freePort();
    const relay = await startRelayProcess(port);
    let completed = 0;
    let stop = false;
    const worker = async () => {
      while (!stop) {
        const reply = await fetch(`http://127.0.0.1:${port}/v1/chat/completions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
          body: JSON.stringify({ model: 'openai/gpt-4.1-nano', messages: [{ role: 'user', content: 'hi' }] }),
        }).catch(() => undefined);
        if (reply?.status === 200) {
          await reply.text();
          completed += 1;
        }
      }
    };
    const workers = Array.from({ length: 8 }, worker);
    while (completed < 300) await new Promise((resolve) => setImmediate(resolve));
    relay.kill('SIGKILL');
    await once(relay, 'exit');
    stop = true;
    await Promise.all(workers);

    const db = new Database(join(home, 'switchboard.db'));
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const rows = (db.prepare('SELECT COUNT(*) AS n FROM requests').get() as { n: number }).n;
    db.close();
    expect(rows).toBeLessThanOrEqual(completed);
    // the writer flushes every 50 ms or 256 rows: at most one batch can be lost
    expect(completed - rows).toBeLessThanOrEqual(256);

    // and it starts again on the same files
    const restarted = await startRelayProcess(port);
    expect((await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(200);
    restarted.kill('SIGTERM');
    await once(restarted, 'exit');
  }, 60_000);
});
