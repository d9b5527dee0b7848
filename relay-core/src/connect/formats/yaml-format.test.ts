import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sameSettings, valueAt, withValueAt } from '../settings-path.js';
import type { SettingPath } from '../settings-path.js';
import { yamlFormat } from './yaml-format.js';

const fixture = (name: string) => readFileSync(new URL(`../__fixtures__/${name}`, import.meta.url), 'utf8');

/** Edits and checks the edit amounts to exactly that change. */
function edited(text: string, path: SettingPath, value: unknown): string {
  const result = yamlFormat.edit(text, path, value);
  expect(sameSettings(yamlFormat.parse(result), withValueAt(yamlFormat.parse(text), path, value))).toBe(true);
  return result;
}

const item = {
  name: 'Switchboard',
  provider: 'openai',
  model: 'coding',
  apiBase: 'http://127.0.0.1:4141/v1',
};
const match = { key: 'name', equals: 'Switchboard' };

describe('YAML settings', () => {
  it('sets top-level keys of aider.conf.yml and changes no other line', () => {
    const text = fixture('aider.conf.yml');
    let result = edited(text, ['model'], 'openai/coding');
    result = edited(result, ['openai-api-base'], 'http://127.0.0.1:4141/v1');
    const lines = result.split('\n');
    expect(lines).toContain('model:   openai/coding          # my usual model');
    expect(lines).toContain('read: [CONVENTIONS.md,   README.md]');
    // a new key goes after the last setting, before the comments that close the file
    expect(result).toContain(
      '\n- "python: flake8 --select=E9,F821"\nopenai-api-base: http://127.0.0.1:4141/v1\n\n##',
    );
    // undoing both edits gives the file back byte for byte
    const undone = edited(edited(result, ['openai-api-base'], undefined), ['model'], 'sonnet');
    expect(undone).toBe(text);
  });

  it('adds, replaces and removes an item of a block list, keeping the other items as written', () => {
    const text = fixture('continue-config.yaml');
    const added = edited(text, ['models', match], item);
    expect(added).toContain(
      '      - autocomplete\n  - name: Switchboard\n    provider: openai\n    model: coding\n',
    );
    expect(added).toContain('    roles: [chat, edit]\n');
    const replaced = edited(added, ['models', match], { ...item, model: 'openai/gpt-5' });
    expect(valueAt(yamlFormat.parse(replaced), ['models', match, 'model'])).toBe('openai/gpt-5');
    expect(edited(replaced, ['models', match], undefined)).toBe(text);
  });

  it('creates missing lists and maps in block style, in an empty file too', () => {
    expect(edited('', ['models', match], item)).toBe(
      'models:\n  - name: Switchboard\n    provider: openai\n    model: coding\n    apiBase: http://127.0.0.1:4141/v1\n',
    );
    expect(edited('# only a comment\n', ['model'], 'x')).toBe('# only a comment\nmodel: x\n');
    expect(edited('a: 1', ['b'], 'two words: here')).toBe('a: 1\nb: "two words: here"\n');
  });

  it('edits flow collections through the document, still keeping every other setting', () => {
    const text = '# mine\nmodels: [{name: A, model: a}]\nother: {x: 1}\n';
    const result = edited(text, ['models', match], item);
    expect(result).toContain('# mine');
    expect(valueAt(yamlFormat.parse(result), ['other', 'x'])).toBe(1);
  });

  it('refuses a path through a scalar and invalid YAML', () => {
    expect(() => yamlFormat.edit('models: none\n', ['models', match], item)).toThrow('models is not a list');
    expect(() => yamlFormat.parse('a: [1\n')).toThrow();
  });
});
