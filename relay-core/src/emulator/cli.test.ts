import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';

const root = new URL('../../../', import.meta.url);

/** Runs `npm run emulator -- <args>` (through tsx, as npm would). */
function runCli(...args: string[]) {
  return spawn(process.execPath, ['--import', 'tsx', 'relay-core/src/emulator/cli.ts', ...args], {
    cwd: root,
  });
}

describe('npm run emulator', () => {
  it('prints its URL, serves the OpenAI API there, and exits cleanly on SIGTERM', async () => {
    const child = runCli('--port', '0');
    try {
      let output = '';
      for await (const chunk of child.stdout) {
        output += String(chunk);
        if (/listening on http:\/\/127\.0\.0\.1:\d+/.test(output)) break;
      }
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)![1]!;
      const models = await fetch(`${url}/v1/models`, { headers: { authorization: 'Bearer test' } });
      expect(models.status).toBe(200);
      expect(((await models.json()) as { object: string }).object).toBe('list');
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      expect((await exited)[0]).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });

  it('refuses a port that is not a number', async () => {
    const child = runCli('--port', 'eighty');
    const [code] = await once(child, 'exit');
    expect(code).toBe(2);
  });
});
