import { describe, expect, it } from 'vitest';
import { ConfigError } from './config-error.js';
import { parseConfig } from './load-config.js';

function issuesOf(text: string) {
  try {
    parseConfig(text);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).issues;
  }
  throw new Error('expected a ConfigError');
}

describe('cache and gates in config.yaml', () => {
  it('defaults to an exact cache of 256 MB, semantic off', () => {
    expect(parseConfig('{}').cache).toEqual({ exact: {}, semantic: {}, max_size_mb: 256, shared: false });
  });

  it('accepts a global block and per-route overrides and gates', () => {
    const config = parseConfig(`
cache:
  max_size_mb: 64
  exact: { ttl_seconds: 3600 }
  semantic: { embedding_model: openai/text-embedding-3-small, threshold: 0.93 }
routes:
  - name: faq
    targets: [openai/gpt-4o-mini, anthropic/claude-haiku-4-5]
    cache: { semantic: { enabled: true }, exact: { always: true } }
    gates:
      min_length: 20
      json: true
      forbidden: ["^I can(no|')t help"]
      evaluator: { model: openai/gpt-4o-mini, threshold: 0.7 }
      retries: 1
`);
    expect(config.routes[0]!.gates).toMatchObject({ retries: 1, escalations: 1, buffer_streams: false });
    expect(config.routes[0]!.gates!.evaluator!.prompt).toMatch(/Rate/);
  });

  it('names the path and the problem of a bad setting', () => {
    const issues = issuesOf(`
cache:
  max_size_mb: -1
  semantic: { enabled: true, threshold: 1.5, embedding_model: openai/text-embedding-3-small }
routes:
  - name: r
    targets: [openai/gpt-4o-mini]
    gates: { forbidden: ['(unclosed'], retries: 9, buffer: true }
`);
    const byPath = Object.fromEntries(issues.map((issue) => [issue.path, issue.message]));
    expect(Object.keys(byPath).sort()).toEqual([
      'cache.max_size_mb',
      'cache.semantic.threshold',
      'routes[0].gates',
      'routes[0].gates.forbidden[0]',
      'routes[0].gates.retries',
    ]);
    expect(byPath['routes[0].gates']).toMatch(/buffer/);
    expect(byPath['routes[0].gates.forbidden[0]']).toBe('is not a valid regular expression');
    expect(byPath['routes[0].gates.retries']).toMatch(/5/);
  });

  it('asks for an embedding model where the semantic cache is turned on', () => {
    expect(issuesOf('cache:\n  semantic: { enabled: true }\n')).toEqual([
      { path: 'cache.semantic.embedding_model', message: expect.stringMatching(/embedding_model/) },
    ]);
    expect(
      issuesOf(`routes:
  - name: r
    targets: [openai/gpt-4o-mini]
    cache: { semantic: { enabled: true } }
`),
    ).toEqual([
      {
        path: 'routes[0].cache.semantic.embedding_model',
        message: 'the semantic cache needs an embedding_model here or in the global cache block',
      },
    ]);
  });
});
