import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import Database from 'better-sqlite3';
import OpenAI from 'openai';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../helpers/free-port.js';

const root = new URL('../../', import.meta.url);
const home = mkdtempSync(join(tmpdir(), 'switchboard-demo-'));
let child: ChildProcessWithoutNullStreams | undefined;

afterAll(() => {
  child?.kill('SIGKILL');
  rmSync(home, { recursive: true, force: true });
});

/** Waits until the child printed a line matching `pattern`. */
async function waitForOutput(
  process: ChildProcessWithoutNullStreams,
  pattern: RegExp,
): Promise<RegExpExecArray> {
  let output = '';
  for await (const chunk of process.stdout) {
    output += String(chunk);
    const match = pattern.exec(output);
    if (match) return match;
  }
  throw new Error(`relay exited before printing ${pattern}: ${output}`);
}

describe('npm run relay -- --demo', () => {
  it('serves the official openai SDK offline and records each request in SQLite', async () => {
    const port = await freePort();
    child = spawn(process.execPath, ['--import', 'tsx', 'relay-core/src/cli.ts', '--demo'], {
      cwd: root,
      env: {
        ...process.env,
        SWITCHBOARD_HOME: home,
        SWITCHBOARD_PORT: String(port),
        SWITCHBOARD_API_KEY: '',
      },
    });
    const stderr: string[] = [];
    child.stderr.on('data', (chunk) => stderr.push(String(chunk)));
    const [, key] = await waitForOutput(
      child,
      /created client key 'default' \(shown only now\):\s+(sb-\S+)[\s\S]*UI:\s+\S+#token=\S+/,
    );
    const client = new OpenAI({ baseURL: `http://127.0.0.1:${port}/v1`, apiKey: key!, maxRetries: 0 });

    const whole = await client.chat.completions.create({
      model: 'demo/gpt-4.1-nano',
      messages: [{ role: 'user', content: 'Invent a holiday.' }],
    });
    expect(whole.choices[0]!.message.content?.length).toBeGreaterThan(100);

    const stream = await client.chat.completions.create({
      model: 'demo/gpt-4.1-nano',
      messages: [{ role: 'user', content: 'Invent a holiday.' }],
      stream: true,
    });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
    expect(text.length).toBeGreaterThan(100);

    // a graceful stop flushes the history
    child.kill('SIGTERM');
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code, stderr.join('')).toBe(0);

    const dbPath = join(home, 'switchboard.db');
    expect(existsSync(dbPath)).toBe(true);
    const db = new Database(dbPath, { readonly: true });
    const rows = db
      .prepare(
        'SELECT stream, status, input_tokens, output_tokens, cost_usd, ttft_ms, latency_ms FROM requests ORDER BY created_at',
      )
      .all() as Array<Record<string, number | string | null>>;
    db.close();
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row.status).toBe('ok');
      expect(row.input_tokens).toBeGreaterThan(0);
      expect(row.output_tokens).toBeGreaterThan(0);
      expect(row.cost_usd).toBeGreaterThan(0);
      expect(row.latency_ms).toBeGreaterThan(0);
    }
    expect(rows.map((row) => row.stream)).toEqual([0, 1]);
    expect(rows[1]!.ttft_ms).toBeGreaterThan(0);
    // the default config was written on first start, without any key in it
    expect(readFileSync(join(home, 'config.yaml'), 'utf8')).not.toMatch(/sb-|sk-/);
  });
});
