import {
  chmodSync,
  existsSync,
  lstatSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { listClientKeys, verifyClientKey } from '../store/client-keys.js';
import { formatNamed } from './apply-settings.js';
import { codingTools, findTool } from './coding-tools.js';
import { createTestPlace, toolFixtures } from './connect-place.fixture.js';
import type { TestPlace } from './connect-place.fixture.js';
import { clientKeysIn, connectTool } from './connect-tool.js';
import { readRecord } from './connection-state.js';
import { disconnectTool } from './disconnect-tool.js';
import { valueAt, withValueAt } from './settings-path.js';

const origin = 'http://127.0.0.1:4141';
let test: TestPlace;
afterEach(() => test?.close());

function connect(toolId: string, model = 'coding', smallModel = 'coding-small') {
  const tool = findTool(toolId);
  return connectTool({
    tool,
    place: test.place,
    dataHome: test.dataHome,
    db: test.db,
    origin,
    model,
    smallModel,
  });
}
const disconnect = (toolId: string) =>
  disconnectTool({ tool: findTool(toolId), place: test.place, dataHome: test.dataHome, db: test.db });

/** The settings the tool's files hold now, read as the tool would. */
function settingsOf(toolId: string) {
  const record = readRecord(test.dataHome, toolId)!;
  return record.files.map((file) => formatNamed(file.format).parse(readFileSync(file.path, 'utf8')));
}

describe.each(codingTools.map((tool) => tool.id))('connect and disconnect %s', (toolId) => {
  it("round-trips the user's own file byte for byte, mode included", () => {
    test = createTestPlace();
    const paths = toolFixtures[toolId]!.map(([fixture, path]) => test.install(fixture, path));
    for (const path of paths) chmodSync(path, 0o640);
    const originals = paths.map((path) => readFileSync(path));
    const report = connect(toolId);
    expect(report.key).toBe('created');
    expect(report.files.map((file) => file.action)).toEqual(paths.map(() => 'updated'));
    // every setting written is there, the key is the tool's own and works
    const tool = findTool(toolId);
    const planned = tool.files(test.place, { origin, key: '', model: 'coding', smallModel: 'coding-small' });
    const held = settingsOf(toolId);
    const keys = planned.flatMap((file, index) => clientKeysIn(file, held[index]));
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) expect(verifyClientKey(test.db, key as string)?.name).toBe(toolId);
    for (const [index, file] of planned.entries())
      for (const setting of file.settings.filter((entry) => entry.clientKey?.length !== 0))
        expect(valueAt(held[index], setting.path)).toEqual(
          setting.clientKey
            ? withValueAt(
                setting.value,
                setting.clientKey,
                valueAt(held[index], [...setting.path, ...setting.clientKey]),
              )
            : setting.value,
        );
    for (const path of paths) expect(statSync(path).mode & 0o777).toBe(0o640);

    const undone = disconnect(toolId);
    expect(undone.files.map((file) => file.action)).toEqual(paths.map(() => 'restored'));
    expect(undone.keyRevoked).toBe(true);
    paths.forEach((path, index) => expect(readFileSync(path).equals(originals[index]!)).toBe(true));
    for (const path of paths) expect(statSync(path).mode & 0o777).toBe(0o640);
    for (const key of keys) expect(verifyClientKey(test.db, key as string)).toBeUndefined();
    expect(readRecord(test.dataHome, toolId)).toBeUndefined();
  });

  it('creates missing files (the key only for the user) and removes them and their folders again', () => {
    test = createTestPlace();
    const report = connect(toolId);
    expect(report.files.every((file) => file.action === 'created')).toBe(true);
    const record = readRecord(test.dataHome, toolId)!;
    for (const file of record.files) {
      const holdsKey = findTool(toolId)
        .files(test.place, { origin, key: '', model: 'm', smallModel: 'm' })
        .find((planned) => planned.path === file.path)!
        .settings.some((setting) => setting.clientKey !== undefined);
      if (holdsKey) expect(statSync(file.path).mode & 0o077).toBe(0);
    }
    disconnect(toolId);
    for (const file of record.files) expect(existsSync(file.path)).toBe(false);
    for (const file of record.files)
      for (const folder of file.createdFolders) expect(existsSync(folder)).toBe(false);
    expect(existsSync(test.home)).toBe(true);
  });

  it('connects again without a new key or a second backup, and still gives back the first file', () => {
    test = createTestPlace();
    const paths = toolFixtures[toolId]!.map(([fixture, path]) => test.install(fixture, path));
    const originals = paths.map((path) => readFileSync(path));
    connect(toolId);
    const first = paths.map((path) => readFileSync(path));
    const again = connect(toolId);
    expect(again.key).toBe('reused');
    expect(again.files.every((file) => file.action === 'unchanged')).toBe(true);
    expect(listClientKeys(test.db).filter((key) => key.name === toolId)).toHaveLength(1);
    const other = connect(toolId, 'openai/gpt-5', 'openai/gpt-5-mini');
    expect(other.key).toBe('reused');
    expect(paths.some((path, index) => !readFileSync(path).equals(first[index]!))).toBe(true);
    disconnect(toolId);
    paths.forEach((path, index) => expect(readFileSync(path).equals(originals[index]!)).toBe(true));
  });
});

describe('connect', () => {
  it('rotates the key when the one in the file is no longer valid, leaving no second active key', () => {
    test = createTestPlace();
    connect('aider');
    writeFileSync(join(test.home, '.aider.conf.yml'), 'openai-api-key: sb-typed-by-hand\n');
    expect(connect('aider').key).toBe('rotated');
    expect(listClientKeys(test.db).filter((key) => key.name === 'aider' && !key.revokedAt)).toHaveLength(1);
  });

  it('writes nothing and makes no key when a file does not parse', () => {
    test = createTestPlace();
    const path = join(test.home, '.codex', 'config.toml');
    test.install('codex-config.toml', '.codex/config.toml');
    writeFileSync(path, 'model = "unterminated\n');
    expect(() => connect('codex')).toThrow(/~\/\.codex\/config\.toml is not valid TOML/);
    expect(readFileSync(path, 'utf8')).toBe('model = "unterminated\n');
    expect(listClientKeys(test.db)).toHaveLength(0);
    expect(readRecord(test.dataHome, 'codex')).toBeUndefined();
  });

  it('writes through a symbolic link and leaves it a link', () => {
    test = createTestPlace();
    const real = test.install('claude-settings.json', 'dotfiles/claude-settings.json');
    const original = readFileSync(real);
    test.install('aider.conf.yml', '.claude/placeholder');
    symlinkSync(real, join(test.home, '.claude', 'settings.json'));
    connect('claude-code');
    expect(lstatSync(join(test.home, '.claude', 'settings.json')).isSymbolicLink()).toBe(true);
    expect(readFileSync(real, 'utf8')).toContain('ANTHROPIC_AUTH_TOKEN');
    disconnect('claude-code');
    expect(lstatSync(join(test.home, '.claude', 'settings.json')).isSymbolicLink()).toBe(true);
    expect(readFileSync(real).equals(original)).toBe(true);
  });
});
