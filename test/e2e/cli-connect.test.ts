import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'smol-toml';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = new URL('../../', import.meta.url);
const scratch = mkdtempSync(join(tmpdir(), 'switchboard-cli-connect-'));
const data = join(scratch, 'data');
const home = join(scratch, 'home');
const fixture = (name: string) =>
  new URL(`../../relay-core/src/connect/__fixtures__/${name}`, import.meta.url);

mkdirSync(data, { recursive: true });
mkdirSync(join(home, '.codex'), { recursive: true });
copyFileSync(fixture('codex-config.toml'), join(home, '.codex', 'config.toml'));
writeFileSync(join(data, 'config.yaml'), 'providers:\n  - id: openai\n  - id: anthropic\n');

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** `npm run relay -- <args>` as a user runs it, with the tools' settings in a temporary home. */
function relay(args: string[]) {
  return run(process.execPath, ['--import', 'tsx', 'relay-core/src/cli.ts', ...args], {
    cwd: root,
    env: {
      ...process.env,
      SWITCHBOARD_HOME: data,
      HOME: home,
      OPENAI_API_KEY: 'sk-cli-connect-test',
      ANTHROPIC_API_KEY: '',
    },
  });
}

describe('connect and disconnect on the command line', { timeout: 60_000 }, () => {
  it("writes Codex's config.toml with a working model and its own key, lists it, and gives the file back", async () => {
    const original = readFileSync(join(home, '.codex', 'config.toml'));
    const connected = await relay(['connect', 'codex']);
    expect(connected.stdout).toContain(
      "Connected Codex CLI to http://127.0.0.1:4141 with model 'openai/gpt-5'",
    );
    expect(connected.stdout).toContain('updated ~/.codex/config.toml');
    const config = parse(readFileSync(join(home, '.codex', 'config.toml'), 'utf8')) as {
      model: string;
      model_provider: string;
      model_providers: { switchboard: { base_url: string; experimental_bearer_token: string } };
    };
    expect(config).toMatchObject({ model: 'openai/gpt-5', model_provider: 'switchboard' });
    expect(config.model_providers.switchboard.base_url).toBe('http://127.0.0.1:4141/v1');
    const key = config.model_providers.switchboard.experimental_bearer_token;
    // the key is written, never printed
    expect(connected.stdout).not.toContain(key);
    expect((await relay(['keys', 'list'])).stdout).toMatch(
      new RegExp(`^codex\\t${key.slice(0, 10)}…\\tactive`, 'm'),
    );

    const listed = await relay(['connect', '--list']);
    expect(listed.stdout).toMatch(/^codex\s+connected\s+openai\/gpt-5\s+-\s+-$/m);
    expect(listed.stdout).toMatch(/^claude-code\s+not connected/m);
    expect(listed.stdout).toContain('Models that work here: openai/gpt-5');

    const undone = await relay(['disconnect', 'codex']);
    expect(undone.stdout).toContain('restored ~/.codex/config.toml');
    expect(undone.stdout).toContain("revoked client key 'codex'");
    expect(readFileSync(join(home, '.codex', 'config.toml')).equals(original)).toBe(true);
    expect((await relay(['keys', 'list'])).stdout).toMatch(/^codex\t.*\trevoked/m);
  });

  it('refuses a model that does not work, with the names that do, and writes nothing', async () => {
    await expect(relay(['connect', 'claude-code', '--model', 'auto'])).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringMatching(
        /'auto' does not work with this relay: .*names that work here: openai\/gpt-5/,
      ),
    });
    await expect(
      relay(['connect', 'claude-code', '--model', 'anthropic/claude-sonnet-4-5']),
    ).rejects.toMatchObject({
      stderr: expect.stringContaining('no key is configured for anthropic'),
    });
    await expect(relay(['disconnect', 'claude-code'])).rejects.toMatchObject({
      stderr: expect.stringContaining('Claude Code was not connected by Switchboard'),
    });
    await expect(relay(['connect', 'vim'])).rejects.toMatchObject({
      stderr: expect.stringContaining("unknown tool 'vim': use one of claude-code, codex, gemini"),
    });
  });

  it('points a tool at a relay started with --demo on its own port, when told so', async () => {
    // the demo's provider exists only in the relay that runs it: without --demo its models do not work
    await expect(relay(['connect', 'opencode', '--model', 'demo/deepseek-chat'])).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('connect with --demo (and its --port) too'),
    });
    const connected = await relay([
      'connect',
      'opencode',
      '--demo',
      '--port',
      '4188',
      '--model',
      'demo/deepseek-chat',
    ]);
    expect(connected.stdout).toContain(
      "Connected opencode to http://127.0.0.1:4188 with model 'demo/deepseek-chat'",
    );
    const settings = JSON.parse(readFileSync(join(home, '.config', 'opencode', 'opencode.json'), 'utf8')) as {
      model: string;
      provider: { switchboard: { options: { baseURL: string } } };
    };
    expect(settings.model).toBe('switchboard/demo/deepseek-chat');
    expect(settings.provider.switchboard.options.baseURL).toBe('http://127.0.0.1:4188/v1');
    await relay(['disconnect', 'opencode']);
    // flags that start a relay mean nothing to the other commands: said, not ignored
    await expect(relay(['keys', 'list', '--demo'])).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--demo, --port and --host are for starting the relay'),
    });
  });
});
