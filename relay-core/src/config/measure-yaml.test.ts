import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { ConfigError } from './config-error.js';
import { defaultConfigText } from './default-config.js';
import { maxConfigDepth, parseConfig } from './load-config.js';
import { yamlDepth } from './measure-yaml.js';

/** The depth the parser itself builds: collections inside collections. */
function parsedDepth(text: string): number {
  const depth = (value: unknown): number =>
    value !== null && typeof value === 'object'
      ? 1 + Math.max(0, ...Object.values(value as object).map(depth))
      : 0;
  return depth(parseDocument(text).toJS());
}

describe('yamlDepth', () => {
  it('is at least the depth the parser builds, and near it, for configs as people write them', () => {
    const texts = [
      defaultConfigText,
      'routes:\n  - name: a\n    targets: [x/y, "q[uoted"]\n    when: { keywords: [fix, "it\'s"] }\n',
      'a:\n  b:\n    - c: [1, [2, {d: [3]}]]\n',
      "gates:\n  evaluator:\n    prompt: |\n      Rate it [0-1] {strictly}; don't be kind\n      [[[[[[[[[[\n    threshold: 0.5\n",
      '- - - x\n',
    ];
    for (const text of texts) {
      expect(yamlDepth(text), text).toBeGreaterThanOrEqual(parsedDepth(text));
      expect(yamlDepth(text), text).toBeLessThanOrEqual(parsedDepth(text) + 3);
    }
  });
});

describe('parseConfig with a deeply nested file', () => {
  const bombs: Array<[string, string]> = [
    ['flow sequences', '['.repeat(100_000) + ']'.repeat(100_000)],
    ['unclosed flow sequences', `providers: ${'['.repeat(100_000)}`],
    ['flow mappings', `${'{a: '.repeat(20_000)}1${'}'.repeat(20_000)}`],
    ['compact block sequences', `${'- '.repeat(20_000)}x`],
    ['indentation', `${Array.from({ length: 1_200 }, (_, i) => `${' '.repeat(i)}a:`).join('\n')} 1`],
  ];
  it.each(bombs)('refuses %s in a few milliseconds, naming the depth', (_name, text) => {
    const started = performance.now();
    let error: unknown;
    try {
      parseConfig(text);
    } catch (caught) {
      error = caught;
    }
    const elapsed = performance.now() - started;
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toMatch(
      new RegExp(`nests more than ${maxConfigDepth} levels deep`),
    );
    // the parser alone takes 0.2 to 1.4 s on these
    expect(elapsed).toBeLessThan(100);
  });

  it('refuses a file larger than any config before reading it', () => {
    expect(() => parseConfig(`# ${'x'.repeat(2 * 1024 * 1024)}\n`)).toThrow(/characters long/);
  });
});
