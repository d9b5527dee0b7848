import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { listClientKeys } from '../store/client-keys.js';
import { findTool } from './coding-tools.js';
import { createTestPlace } from './connect-place.fixture.js';
import type { TestPlace } from './connect-place.fixture.js';
import { connectTool } from './connect-tool.js';
import { readRecord } from './connection-state.js';
import { disconnectTool } from './disconnect-tool.js';
import { jsoncFormat } from './formats/jsonc-format.js';
import { tomlFormat } from './formats/toml-format.js';

let test: TestPlace;
afterEach(() => test?.close());

function connect(toolId: string) {
  const tool = findTool(toolId);
  const request = { tool, place: test.place, dataHome: test.dataHome, db: test.db };
  return connectTool({ ...request, origin: 'http://127.0.0.1:4141', model: 'coding', smallModel: 'coding' });
}
const disconnect = (toolId: string) =>
  disconnectTool({ tool: findTool(toolId), place: test.place, dataHome: test.dataHome, db: test.db });

/** Edits a file as the user would, in their editor. */
function userEdits(path: string, change: (text: string) => string) {
  writeFileSync(path, change(readFileSync(path, 'utf8')));
}

describe('disconnect after the user edited the file', () => {
  it('takes out only the relay settings, puts back the values they replaced, and keeps the edits', () => {
    test = createTestPlace();
    const path = test.install('claude-settings.json', '.claude/settings.json');
    const original = jsoncFormat.parse(readFileSync(path, 'utf8')) as Record<string, Record<string, unknown>>;
    connect('claude-code');
    userEdits(path, (text) =>
      jsoncFormat.edit(jsoncFormat.edit(text, ['theme'], 'light'), ['env', 'ANTHROPIC_MODEL'], 'my-own-pick'),
    );
    const report = disconnect('claude-code');
    expect(report.files).toEqual([
      { path: '~/.claude/settings.json', action: 'kept-edits', kept: ['env.ANTHROPIC_MODEL'] },
    ]);
    expect(jsoncFormat.parse(readFileSync(path, 'utf8'))).toEqual({
      ...original,
      env: { ...original.env, ANTHROPIC_MODEL: 'my-own-pick' },
      theme: 'light',
    });
    expect(report.keyRevoked).toBe(true);
  });

  it('keeps the comments and layout of a TOML file the user added a table to', () => {
    test = createTestPlace();
    const path = test.install('codex-config.toml', '.codex/config.toml');
    const original = readFileSync(path, 'utf8');
    connect('codex');
    userEdits(path, (text) => `${text}\n[history]\npersistence = "none" # mine\n`);
    expect(disconnect('codex').files[0]!.action).toBe('kept-edits');
    // the relay's table goes with its header; what the user added stays as typed
    expect(readFileSync(path, 'utf8')).toBe(`${original}\n[history]\npersistence = "none" # mine\n`);
    expect(tomlFormat.parse(readFileSync(path, 'utf8'))).not.toHaveProperty('model_providers');
  });

  it('leaves a created file the user added to with only their settings, and deletes one left untouched', () => {
    test = createTestPlace();
    connect('gemini');
    const settings = join(test.home, '.gemini', 'settings.json');
    userEdits(settings, (text) => jsoncFormat.edit(text, ['ui', 'theme'], 'GitHub'));
    const report = disconnect('gemini');
    expect(report.files.map((file) => file.action)).toEqual(['kept-edits', 'deleted']);
    expect(jsoncFormat.parse(readFileSync(settings, 'utf8'))).toEqual({ ui: { theme: 'GitHub' } });
    expect(existsSync(join(test.home, '.gemini', '.env'))).toBe(false);
  });

  it('gives back a file the user deleted since', () => {
    test = createTestPlace();
    const path = test.install('aider.conf.yml', '.aider.conf.yml');
    const original = readFileSync(path);
    connect('aider');
    rmSync(path);
    expect(disconnect('aider').files).toEqual([{ path: '~/.aider.conf.yml', action: 'restored' }]);
    expect(readFileSync(path).equals(original)).toBe(true);
  });
});

describe('disconnect refuses', () => {
  it('a tool it did not connect', () => {
    test = createTestPlace();
    expect(() => disconnect('opencode')).toThrow('opencode was not connected by Switchboard');
  });

  it('while a file no longer parses, changing nothing (the key stays, so the tool keeps working)', () => {
    test = createTestPlace();
    connect('gemini');
    const settings = join(test.home, '.gemini', 'settings.json');
    const env = join(test.home, '.gemini', '.env');
    userEdits(settings, (text) => text.replace('{', '{ oops'));
    const envBefore = readFileSync(env);
    expect(() => disconnect('gemini')).toThrow(/~\/\.gemini\/settings\.json is not valid JSON/);
    expect(readFileSync(env).equals(envBefore)).toBe(true);
    expect(readRecord(test.dataHome, 'gemini')).toBeDefined();
    expect(listClientKeys(test.db).filter((key) => !key.revokedAt)).toHaveLength(1);
  });
});
