import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = new URL('../../', import.meta.url);
const home = mkdtempSync(join(tmpdir(), 'switchboard-cli-'));
const provider = `cli-test-${process.pid}`;

afterAll(() => rmSync(home, { recursive: true, force: true }));

/** Runs `npm run relay -- <args>` the way a user does (cli.ts under tsx), optionally with stdin. */
function relay(args: string[], input?: string) {
  const child = run(process.execPath, ['--import', 'tsx', 'relay-core/src/cli.ts', ...args], {
    cwd: root,
    env: { ...process.env, SWITCHBOARD_HOME: home },
  });
  if (input !== undefined) {
    child.child.stdin?.end(input);
  }
  return child;
}

describe('relay command line', () => {
  it('creates a client key once, lists it without the key, and revokes it', async () => {
    const created = await relay(['keys', 'create', 'laptop']);
    const key = /(sb-[A-Za-z0-9_-]+)/.exec(created.stdout)?.[1];
    expect(key).toBeDefined();
    const listed = await relay(['keys', 'list']);
    expect(listed.stdout).toMatch(/^laptop\tsb-\S{7}…\tactive/m);
    expect(listed.stdout).not.toContain(key!);
    await expect(relay(['keys', 'create', 'laptop'])).rejects.toMatchObject({
      stderr: expect.stringContaining('already exists'),
    });
    expect((await relay(['keys', 'revoke', 'laptop'])).stdout).toContain("Revoked client key 'laptop'");
    expect((await relay(['keys', 'list'])).stdout).toMatch(/^laptop\t.*\trevoked/m);
  });

  it('stores a provider key read from stdin, says where, and never prints or writes it in the clear', async () => {
    const secret = 'sk-cli-test-0123456789abcdefghij';
    const stored = await relay(['secrets', 'set', provider], secret);
    expect(stored.stdout).toMatch(
      new RegExp(`Stored the key for '${provider}' in the (OS keychain|encrypted-file)`),
    );
    const listed = await relay(['secrets', 'list']);
    expect(listed.stdout).toMatch(new RegExp(`^${provider}\\t(keychain|encrypted-file)$`, 'm'));
    for (const output of [stored.stdout, stored.stderr, listed.stdout, listed.stderr])
      expect(output).not.toContain(secret);
    for (const name of readdirSync(home))
      expect(readFileSync(join(home, name)).toString('latin1')).not.toContain(secret);
    expect((await relay(['secrets', 'delete', provider])).stdout).toContain(
      `Deleted the key for '${provider}'`,
    );
  });

  it('rejects an unknown command with the usage', async () => {
    await expect(relay(['frobnicate'])).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('Usage:'),
    });
  });
});
