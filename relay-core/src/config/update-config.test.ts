import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError } from './config-error.js';
import { loadConfig, parseConfig } from './load-config.js';
import { updateConfigFile } from './update-config.js';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-update-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('updateConfigFile', () => {
  it("edits round-trip, keeping the user's comments", () => {
    const path = join(tempDir(), 'config.yaml');
    writeFileSync(path, '# my relay\nproviders:\n  - id: openai # work account\n');
    const config = updateConfigFile(path, (document) => {
      document.addIn(['providers'], document.createNode({ id: 'deepseek' }));
    });
    const text = readFileSync(path, 'utf8');
    expect(text).toContain('# my relay');
    expect(text).toContain('# work account');
    expect(config.providers.map((provider) => provider.id)).toEqual(['openai', 'deepseek']);
    expect(parseConfig(text).providers.map((provider) => provider.id)).toEqual(['openai', 'deepseek']);
  });

  it('keeps the comments of the default file through an edit', () => {
    const { path } = loadConfig(tempDir(), {});
    updateConfigFile(path, (document) => document.setIn(['server', 'port'], 5252));
    const text = readFileSync(path, 'utf8');
    expect(text).toContain('port: 5252');
    expect(text).toContain('# SWITCHBOARD_PORT overrides');
    expect(text).toContain('#  - id: local-ollama');
  });

  it('leaves every section the edit did not change byte for byte, aligned comments included', () => {
    const { path } = loadConfig(tempDir(), {});
    const before = readFileSync(path, 'utf8');
    updateConfigFile(path, (document) =>
      document.set('routes', document.createNode([{ name: 'fast', targets: ['openai/gpt-4o-mini'] }])),
    );
    const after = readFileSync(path, 'utf8');
    expect(after).toContain('- name: fast');
    const section = (text: string, key: string) => {
      const start = text.indexOf(`\n${key}:`);
      return text.slice(start, text.indexOf('\n\n', start + 1));
    };
    for (const key of ['server', 'fallback', 'cache', 'responses'])
      expect(section(after, key)).toBe(section(before, key));
    expect(after).toContain('host: 127.0.0.1        # loopback only');
    expect(after.startsWith(before.slice(0, before.indexOf('\nserver:')))).toBe(true);
  });

  it('refuses an invalid edit and leaves the file untouched', () => {
    const home = tempDir();
    const path = join(home, 'config.yaml');
    writeFileSync(path, '# keep me\nserver:\n  port: 4141\n');
    const error = (() => {
      try {
        updateConfigFile(path, (document) => document.setIn(['server', 'port'], -1));
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues[0]?.path).toBe('server.port');
    expect(readFileSync(path, 'utf8')).toBe('# keep me\nserver:\n  port: 4141\n');
    expect(readdirSync(home)).toEqual(['config.yaml']);
  });
});
