import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { mergeYamlList } from './merge-yaml.js';

const original = `# my relay
routes:
  # the default for chat tools
  - name: fast
    strategy: cheapest # cheapest wins here
    targets:
      - deepseek/deepseek-chat
      - openai/gpt-4.1-nano
    when:
      # short prompts only
      max_input_tokens: 2000
  # code goes to the big models
  - name: code
    targets: [anthropic/claude-sonnet-4-5]
  # an old experiment
  - name: old
    targets: [groq/llama-3.3-70b]
providers: []
`;

function merged(routes: unknown[]): string {
  const document = parseDocument(original);
  mergeYamlList(document, 'routes', routes, 'name');
  return document.toString();
}

describe('mergeYamlList', () => {
  it('keeps comments on routes and keys that did not change while editing, adding and removing others', () => {
    const text = merged([
      {
        name: 'fast',
        strategy: 'cheapest',
        targets: ['deepseek/deepseek-chat', 'openai/gpt-4.1-nano'],
        when: { max_input_tokens: 4000 },
      },
      { name: 'code', targets: ['anthropic/claude-sonnet-4-5'], hedge_delay_ms: 800 },
      { name: 'new', targets: ['openai/gpt-5'] },
    ]);
    for (const kept of [
      '# my relay',
      '# the default for chat tools',
      'strategy: cheapest # cheapest wins here',
      '# short prompts only',
      '# code goes to the big models',
    ])
      expect(text).toContain(kept);
    expect(text).toContain('max_input_tokens: 4000');
    expect(text).toMatch(
      /- name: code\n\s+targets: \[ anthropic\/claude-sonnet-4-5 \]\n\s+hedge_delay_ms: 800/,
    );
    expect(text).toMatch(/- name: new\n\s+targets:\n\s+- openai\/gpt-5/);
    expect(text).not.toContain('old');
    expect(
      parseDocument(text)
        .toJS()
        .routes.map((route: { name: string }) => route.name),
    ).toEqual(['fast', 'code', 'new']);
  });

  it('reorders routes with their comments, and drops keys the form removed', () => {
    const text = merged([
      { name: 'code', targets: ['anthropic/claude-sonnet-4-5'] },
      { name: 'fast', targets: ['deepseek/deepseek-chat', 'openai/gpt-4.1-nano'] },
    ]);
    expect(text.indexOf('# code goes to the big models')).toBeLessThan(text.indexOf('- name: fast'));
    expect(text).toContain('# the default for chat tools\n  - name: fast');
    expect(text).not.toContain('strategy');
    expect(text).not.toContain('when:');
    expect(parseDocument(text).toJS().providers).toEqual([]);
  });

  it('matches repeated names in order (a route name may appear with different conditions)', () => {
    const document = parseDocument(
      'routes:\n  # small\n  - name: auto\n    when: { max_input_tokens: 100 }\n    targets: [a/b]\n  # any\n  - name: auto\n    targets: [c/d]\n',
    );
    mergeYamlList(
      document,
      'routes',
      [
        { name: 'auto', when: { max_input_tokens: 100 }, targets: ['a/b'] },
        { name: 'auto', targets: ['e/f'] },
      ],
      'name',
    );
    const text = document.toString();
    expect(text).toContain('# small\n  - name: auto\n    when: { max_input_tokens: 100 }');
    expect(text).toContain('# any\n  - name: auto');
    expect(document.toJS().routes[1].targets).toEqual(['e/f']);
  });

  it('writes a block list where there was none or an empty flow one', () => {
    const document = parseDocument('routes: []\n');
    mergeYamlList(document, 'routes', [{ name: 'a', targets: ['x/y'] }], 'name');
    expect(document.toString()).toBe('routes:\n  - name: a\n    targets:\n      - x/y\n');
    const empty = parseDocument('providers: []\n');
    mergeYamlList(empty, 'routes', [{ name: 'a', targets: ['x/y'] }], 'name');
    expect(empty.toJS().routes).toEqual([{ name: 'a', targets: ['x/y'] }]);
  });
});
