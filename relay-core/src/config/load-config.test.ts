import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError } from './config-error.js';
import { defaultHome } from './default-home.js';
import { loadConfig, parseConfig } from './load-config.js';
import { updateConfigFile } from './update-config.js';
import { watchConfig } from './watch-config.js';
import type { Config } from './schema.js';

const dirs: string[] = [];
function tempHome() {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-config-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function messageOf(text: string): string {
  try {
    parseConfig(text);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('config.yaml', () => {
  it('is written with comments on first start and loads with defaults', () => {
    const home = tempHome();
    const { config, path } = loadConfig(home, {});
    expect(readFileSync(path, 'utf8')).toContain('# Provider keys are NOT stored here');
    expect(config.server).toEqual({
      host: '127.0.0.1',
      port: 4141,
      max_body_bytes: 10485760,
      allowed_hosts: [],
      expose_lan: false,
    });
    expect(config.fallback.max_attempts).toBe(3);
  });

  it('names the path and the problem of an invalid value', () => {
    expect(messageOf('server:\n  port: 99999\n')).toMatch(/config\.yaml: server\.port: .*65535/);
    expect(messageOf('providers:\n  - id: x\n    preset: nonsense\n')).toMatch(
      /providers\[0\]\.preset: unknown preset 'nonsense'/,
    );
    expect(messageOf('providers:\n  - id: openai\n    base_url: ftp://x\n')).toMatch(
      /providers\[0\]\.base_url: must be an http\(s\) URL/,
    );
    expect(messageOf('provders: []\n')).toMatch(/provders/);
    expect(messageOf('providers:\n  - id: azure\n')).toMatch(
      /providers\[0\]\.base_url: Azure OpenAI needs base_url/,
    );
    expect(messageOf('routes:\n  - name: a/b\n    targets: [x]\n')).toMatch(/routes\[0\]\.name/);
    expect(
      messageOf('routes:\n  - name: w\n    strategy: weighted\n    targets: [x, y]\n    weights: [1]\n'),
    ).toMatch(/routes\[0\]\.weights: a weighted route needs one weight per target/);
    expect(messageOf('routes:\n  - name: a\n    targets: [x]\n  - name: a\n    targets: [y]\n')).toMatch(
      /routes\[1\]\.name: route 'a' can never match/,
    );
    expect(messageOf('routes:\n  - name: a\n    targets: [x]\n    when: { regex: "(" }\n')).toMatch(
      /routes\[0\]\.when\.regex: is not a valid regular expression/,
    );
    expect(messageOf('providers:\n  - id: openai\n  - id: openai\n')).toMatch(
      /providers\[1\]\.id: duplicate provider id/,
    );
    expect(messageOf('server: [\n')).toMatch(/config\.yaml: /);
  });

  it('applies SWITCHBOARD_HOST and SWITCHBOARD_PORT, and rejects a bad port', () => {
    const home = tempHome();
    expect(
      loadConfig(home, { SWITCHBOARD_PORT: '5000', SWITCHBOARD_HOST: 'localhost' }).config.server,
    ).toMatchObject({
      port: 5000,
      host: 'localhost',
    });
    expect(() => loadConfig(home, { SWITCHBOARD_PORT: 'eighty' })).toThrow(
      /SWITCHBOARD_PORT: 'eighty' is not a port number/,
    );
  });

  it("edits round-trip, keeping the user's comments, and refuses an invalid edit", () => {
    const home = tempHome();
    const path = join(home, 'config.yaml');
    writeFileSync(path, '# my relay\nproviders:\n  - id: openai # work account\n');
    updateConfigFile(path, (doc) => {
      doc.addIn(['providers'], doc.createNode({ id: 'deepseek' }));
    });
    const text = readFileSync(path, 'utf8');
    expect(text).toContain('# my relay');
    expect(text).toContain('# work account');
    expect(parseConfig(text).providers.map((p) => p.id)).toEqual(['openai', 'deepseek']);
    expect(() => updateConfigFile(path, (doc) => doc.setIn(['server', 'port'], -1))).toThrow(ConfigError);
    expect(readFileSync(path, 'utf8')).toBe(text);
  });

  it('delivers valid changes and reports invalid ones while the last good config stays', async () => {
    const home = tempHome();
    const { path } = loadConfig(home, {});
    const changes: Config[] = [];
    const errors: Error[] = [];
    let notify: () => void = () => undefined;
    const watcher = watchConfig(
      path,
      {
        onChange: (config) => {
          changes.push(config);
          notify();
        },
        onError: (error) => {
          errors.push(error);
          notify();
        },
      },
      { debounceMs: 20, env: {} },
    );
    const next = () => new Promise<void>((resolve) => (notify = resolve));
    let event = next();
    writeFileSync(path, 'providers:\n  - id: groq\n');
    await event;
    expect(changes.at(-1)?.providers[0]?.id).toBe('groq');
    event = next();
    writeFileSync(path, 'providers:\n  - id: groq\n    timeout_ms: -5\n');
    await event;
    expect(errors.at(-1)?.message).toMatch(/providers\[0\]\.timeout_ms/);
    watcher.close();
  });
});

describe('defaultHome', () => {
  it('follows SWITCHBOARD_HOME, then each OS convention', () => {
    expect(defaultHome({ SWITCHBOARD_HOME: '/data/sb' }, 'linux')).toBe('/data/sb');
    expect(defaultHome({ HOME: '/home/a' }, 'linux')).toBe('/home/a/.config/Switchboard');
    expect(defaultHome({ HOME: '/home/a', XDG_CONFIG_HOME: '/x' }, 'linux')).toBe('/x/Switchboard');
    expect(defaultHome({ HOME: '/Users/a' }, 'darwin')).toBe(
      '/Users/a/Library/Application Support/Switchboard',
    );
    expect(defaultHome({ HOME: 'C:\\Users\\a', APPDATA: 'C:\\Users\\a\\AppData\\Roaming' }, 'win32')).toMatch(
      /Roaming.Switchboard$/,
    );
  });
});
