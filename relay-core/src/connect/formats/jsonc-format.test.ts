import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sameSettings, withValueAt } from '../settings-path.js';
import type { SettingPath } from '../settings-path.js';
import { jsoncFormat } from './jsonc-format.js';

const fixture = (name: string) => readFileSync(new URL(`../__fixtures__/${name}`, import.meta.url), 'utf8');

function edited(text: string, path: SettingPath, value: unknown): string {
  const result = jsoncFormat.edit(text, path, value);
  expect(sameSettings(jsoncFormat.parse(result), withValueAt(jsoncFormat.parse(text), path, value))).toBe(
    true,
  );
  return result;
}

describe('JSON settings', () => {
  it('keeps comments and trailing commas, and undoes an edit byte for byte', () => {
    const text = fixture('opencode.jsonc');
    const result = edited(
      edited(text, ['model'], 'switchboard/coding'),
      ['provider', 'switchboard', 'name'],
      'Switchboard',
    );
    expect(result).toContain('  // the model I use most\n  "model": "switchboard/coding",\n');
    expect(result).toContain('"models": { "llama3.2": {} },');
    const undone = edited(
      edited(result, ['provider', 'switchboard'], undefined),
      ['model'],
      'anthropic/claude-sonnet-4-5',
    );
    expect(undone).toBe(text);
  });

  it('indents new properties like the file does (tabs here)', () => {
    expect(edited('{\n\t"a": 1\n}\n', ['env', 'X'], 'y')).toBe(
      '{\n\t"a": 1,\n\t"env": {\n\t\t"X": "y"\n\t}\n}\n',
    );
  });

  it('starts a missing or empty file as an object', () => {
    expect(edited('', ['env', 'X'], 'y')).toBe('{\n  "env": {\n    "X": "y"\n  }\n}\n');
  });

  it('appends a list item found by its name, and replaces it in place', () => {
    const match = { key: 'title', equals: 'Switchboard' };
    const text = '{\n  "models": [\n    { "title": "Mine", "model": "gpt-4o" }\n  ]\n}\n';
    const added = edited(text, ['models', match], { title: 'Switchboard', model: 'coding' });
    const replaced = edited(added, ['models', match, 'model'], 'other');
    expect(edited(replaced, ['models', match], undefined)).toContain('"title": "Mine"');
  });

  it('names the setting in the way and the line of a syntax error', () => {
    expect(() => jsoncFormat.edit('{"model": "gemini-2.5-pro"}', ['model', 'name'], 'x')).toThrow(
      'model holds "gemini-2.5-pro", not an object',
    );
    expect(() => jsoncFormat.parse('{\n  "a": 1\n  "b": 2\n}')).toThrow('CommaExpected on line 3');
  });
});
