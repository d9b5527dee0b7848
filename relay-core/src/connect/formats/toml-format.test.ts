import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sameSettings, valueAt, withValueAt } from '../settings-path.js';
import type { SettingPath } from '../settings-path.js';
import { tomlFormat } from './toml-format.js';

const fixture = (name: string) => readFileSync(new URL(`../__fixtures__/${name}`, import.meta.url), 'utf8');

function edited(text: string, path: SettingPath, value: unknown): string {
  const result = tomlFormat.edit(text, path, value);
  expect(sameSettings(tomlFormat.parse(result), withValueAt(tomlFormat.parse(text), path, value))).toBe(true);
  return result;
}

const provider = ['model_providers', 'switchboard'];

describe('TOML settings', () => {
  it("replaces a top-level key's value in place and adds new ones before the first table", () => {
    const text = fixture('codex-config.toml');
    let result = edited(text, ['model'], 'coding');
    result = edited(result, ['model_provider'], 'switchboard');
    expect(result).toContain('model = "coding"   # the default I like\n');
    expect(result).toContain(
      'model_reasoning_effort = "high"\nmodel_provider = "switchboard"\n\n# MCP servers\n',
    );
    // the key inside the multi-line string and the profile's own model are untouched
    expect(valueAt(tomlFormat.parse(result), ['profiles', 'fast', 'model'])).toBe('gpt-5-mini');
    expect(result).toContain('[not.a.table]\nmodel = "not a key"\n');
    expect(edited(edited(result, ['model_provider'], undefined), ['model'], 'gpt-5-codex')).toBe(text);
  });

  it('adds a table at the end and removes it again byte for byte', () => {
    const text = fixture('codex-config.toml');
    let result = edited(text, [...provider, 'name'], 'Switchboard');
    result = edited(result, [...provider, 'base_url'], 'http://127.0.0.1:4141/v1');
    expect(
      result.endsWith(
        'notifications = true\n\n[model_providers.switchboard]\nname = "Switchboard"\nbase_url = "http://127.0.0.1:4141/v1"\n',
      ),
    ).toBe(true);
    result = edited(edited(result, [...provider, 'base_url'], undefined), [...provider, 'name'], undefined);
    expect(edited(result, provider, undefined)).toBe(text);
  });

  it('writes into an existing table after its last key, and into an empty file', () => {
    const text = '[model_providers.switchboard]\nname = "old" # mine\n\n[tui]\nx = 1\n';
    expect(edited(text, [...provider, 'wire_api'], 'responses')).toBe(
      '[model_providers.switchboard]\nname = "old" # mine\nwire_api = "responses"\n\n[tui]\nx = 1\n',
    );
    expect(edited('', ['model'], 'a "quoted" name')).toBe('model = "a \\"quoted\\" name"\n');
    expect(edited('[tui]\nx = 1\n', ['model'], 'm')).toBe('model = "m"\n\n[tui]\nx = 1\n');
  });

  it('leaves nothing that parses differently when a table is defined as an inline table', () => {
    const text = 'model_providers = { switchboard = { name = "inline" } }\n';
    const result = tomlFormat.edit(text, [...provider, 'base_url'], 'http://x/v1');
    // the text edit cannot express this: parsing the result fails instead of changing the setting silently
    expect(() => tomlFormat.parse(result)).toThrow();
  });
});
