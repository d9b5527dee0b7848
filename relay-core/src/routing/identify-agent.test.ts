import { describe, expect, it } from 'vitest';
import { capturedHeaders } from './captured-headers.fixture.js';
import { identifyAgent, readClientSignals } from './identify-agent.js';

describe('identifyAgent', () => {
  it("tells each CLI by the user-agent it sends, whatever its key's name", () => {
    for (const [agent, headers] of Object.entries(capturedHeaders))
      expect(identifyAgent(readClientSignals(headers), 'env')?.agent).toBe(agent);
  });

  it("falls back to the client key's name, and says what told", () => {
    const sdk = readClientSignals({ 'user-agent': 'OpenAI/Python 1.99.0' });
    expect(identifyAgent(sdk, 'aider')).toEqual({ agent: 'aider', source: "client key 'aider'" });
    expect(identifyAgent(sdk, 'Claude')?.agent).toBe('claude-code');
    expect(identifyAgent(sdk, 'laptop')).toBeUndefined();
    expect(identifyAgent(undefined, undefined)).toBeUndefined();
    expect(identifyAgent(readClientSignals(capturedHeaders.opencode), 'aider')?.source).toBe(
      "user-agent 'opencode/1.18.33 ai-sdk/provider-utils/4.0.23 runtime/bun/1.3.14'",
    );
    expect(identifyAgent(readClientSignals({ 'x-title': 'Aider' }), undefined)?.agent).toBe('aider');
  });

  it('keeps only the headers that mark a call, never the key', () => {
    const signals = readClientSignals({ ...capturedHeaders.codex, authorization: 'Bearer sb-test' });
    expect(Object.keys(signals.marks)).toEqual(['originator', 'x-codex-turn-metadata']);
  });
});
