import { describe, expect, it } from 'vitest';
import type { CanonicalRequest } from '../canonical/types.js';
import { parseConfig } from '../config/load-config.js';
import { capturedHeaders } from './captured-headers.fixture.js';
import { readClientSignals } from './identify-agent.js';
import { describeRequest, explainConditions, matchesConditions } from './match-route.js';

const request = (text: string, extra: Partial<CanonicalRequest> = {}): CanonicalRequest => ({
  model: 'auto',
  stream: false,
  includeUsage: false,
  messages: [{ role: 'user', content: [{ type: 'text', text }] }],
  ...extra,
});

describe('route conditions', () => {
  it('match on size, tools, keywords, regex and client', () => {
    const small = describeRequest(request('Fix this bug in my regex parser'), 'laptop');
    expect(matchesConditions({ max_input_tokens: 100, tools: false }, small)).toBe(true);
    expect(matchesConditions({ min_input_tokens: 100 }, small)).toBe(false);
    expect(matchesConditions({ keywords: ['BUG', 'crash'] }, small)).toBe(true);
    expect(matchesConditions({ regex: '\\bregex\\b' }, small)).toBe(true);
    expect(matchesConditions({ clients: ['ci'] }, small)).toBe(false);
    const withTools = describeRequest(request('x', { tools: [{ name: 't', parameters: {} }] }));
    expect(matchesConditions({ tools: false }, withTools)).toBe(false);
    expect(describeRequest(request('a'.repeat(4000))).inputTokens).toBe(1000);
  });

  it('match on the agent that sent the request and on what the call is for', () => {
    const signals = readClientSignals(capturedHeaders['claude-code']);
    const main = describeRequest(
      request('Fix it', { tools: [{ name: 't', parameters: {} }] }),
      'env',
      undefined,
      signals,
    );
    const title = describeRequest(request('Name this chat'), 'env', undefined, signals);
    const background = { agent: ['claude-code' as const], purpose: ['background' as const] };
    expect(matchesConditions(background, title)).toBe(true);
    expect(matchesConditions(background, main)).toBe(false);
    expect(matchesConditions({ agent: ['codex', 'claude-code'] }, main)).toBe(true);
    expect(matchesConditions({ agent: ['codex'] }, main)).toBe(false);
    expect(matchesConditions({ agent: ['codex'] }, describeRequest(request('x')))).toBe(false);
    expect(matchesConditions({ purpose: ['subagent', 'main'] }, main)).toBe(true);
  });

  it('say for explain which condition held, which did not, and what each read', () => {
    const signals = readClientSignals(capturedHeaders['claude-code']);
    const title = describeRequest(request('Name this chat'), 'env', undefined, signals);
    expect(explainConditions({ agent: ['claude-code'], purpose: ['main'], tools: false }, title)).toEqual([
      { condition: 'tools', expected: false, holds: true, observed: 'false' },
      {
        condition: 'agent',
        expected: ['claude-code'],
        holds: true,
        observed: "claude-code (user-agent 'claude-cli/2.1.332 (external, sdk-cli)')",
      },
      {
        condition: 'purpose',
        expected: ['main'],
        holds: false,
        observed: 'background (a claude-code call without tools)',
      },
    ]);
  });

  it('are read from config.yaml as one value or a list; a wrong value is named with its path', () => {
    const config = parseConfig(`routes:
  - name: agent
    when: { agent: claude-code, purpose: [background, subagent] }
    targets: [openai/gpt-4o-mini]
`);
    expect(config.routes[0]!.when).toEqual({ agent: ['claude-code'], purpose: ['background', 'subagent'] });
    expect(() =>
      parseConfig(`routes:
  - name: agent
    when: { agent: [codex, cursor], purpose: chores }
    targets: [openai/gpt-4o-mini]
`),
    ).toThrow(
      /routes\[0\]\.when\.agent\[1\]: must be one of claude-code, codex, gemini-cli, opencode, aider, continue\n.*routes\[0\]\.when\.purpose\[0\]: must be one of main, background, subagent, thinking, long_context/,
    );
  });
});
