import { describe, expect, it } from 'vitest';
import { ConfigError } from './config-error.js';
import { parseConfig } from './load-config.js';

const providers = `providers:
  - id: eu
    preset: mistral
  - id: us
    preset: openai
`;

function issuesOf(text: string) {
  try {
    parseConfig(text);
  } catch (error) {
    if (error instanceof ConfigError) return error.issues;
    throw error;
  }
  return [];
}

describe('side calls and data residency at validation', () => {
  it('refuses an eu-only route whose evaluator, embedding or rewrite model only a us provider serves', () => {
    const issues = issuesOf(`${providers}routes:
  - name: eu-only
    targets: [eu/mistral-small-latest]
    policy: { regions: [eu] }
    gates: { evaluator: { model: us/gpt-4o-mini } }
    cache:
      semantic: { enabled: true, embedding_model: us/text-embedding-3-small, rewrite_model: us/gpt-4o-mini }
`);
    expect(issues.map((issue) => issue.path)).toEqual([
      'routes[0].gates.evaluator.model',
      'routes[0].cache.semantic.embedding_model',
      'routes[0].cache.semantic.rewrite_model',
    ]);
    expect(issues[0]!.message).toBe(
      "the evaluator 'us/gpt-4o-mini' would send each request's content outside the policy (regions: eu): it is served by us (us); name a model a provider inside the policy serves",
    );
  });

  it('refuses a global semantic cache whose embedding model is outside the global policy', () => {
    const issues = issuesOf(`${providers}policy: { regions: [eu] }
cache:
  semantic: { enabled: true, embedding_model: us/text-embedding-3-small }
`);
    expect(issues.map((issue) => issue.path)).toEqual(['cache.semantic.embedding_model']);
  });

  it('accepts side models inside the policy, bare names some provider inside may serve, and routes without a policy', () => {
    expect(
      issuesOf(`${providers}routes:
  - name: eu-only
    targets: [eu/mistral-small-latest]
    policy: { regions: [eu] }
    gates: { evaluator: { model: eu/mistral-small-latest } }
    cache:
      semantic: { enabled: true, embedding_model: mistral-embed }
  - name: anywhere
    targets: [us/gpt-4o-mini]
    gates: { evaluator: { model: us/gpt-4o-mini } }
`),
    ).toEqual([]);
  });
});
