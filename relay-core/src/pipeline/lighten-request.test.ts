import { describe, expect, it } from 'vitest';
import type { CanonicalRequest } from '../canonical/types.js';
import { loadCatalog } from '../catalog/load-catalog.js';
import { estimateUsage } from '../tokens/estimate-tokens.js';
import { fitRequest } from './fit-request.js';
import { lightenRequest } from './lighten-request.js';

describe('lightenRequest', () => {
  const agentRequest = (): CanonicalRequest => ({
    model: 'claude-sonnet-4-5',
    stream: true,
    includeUsage: true,
    maxOutputTokens: 32000,
    temperature: 0,
    messages: [
      { role: 'system', content: [{ type: 'text', text: 'You are a coding agent. '.repeat(2000) }] },
      { role: 'user', content: [{ type: 'text', text: 'Fix the bug.' }] },
    ],
    tools: [{ name: 'read', parameters: { type: 'object' } }],
  });

  it('lets the messages and tools go, and keeps what encoders and a usage estimate read', async () => {
    const request = agentRequest();
    const output = { text: 'Fixed.', reasoning: '' };
    const whole = await estimateUsage(request, output);
    lightenRequest(request);
    expect(request.messages).toEqual([]);
    expect(request).not.toHaveProperty('tools');
    expect(request).toMatchObject({
      model: 'claude-sonnet-4-5',
      stream: true,
      includeUsage: true,
      temperature: 0,
    });
    expect(await estimateUsage(request, output)).toEqual(whole);
  });

  it('lets them go from a copy fitted to the target too, which the adapter may still hold', () => {
    const sent = agentRequest();
    // gpt-4o-mini writes at most 16,384 tokens: the adapter is given a copy with that limit
    const fitted = fitRequest(sent, {
      name: 'openai/gpt-4o-mini',
      model: 'gpt-4o-mini',
      adapter: 'openai-compatible',
      entry: loadCatalog().find('openai', 'gpt-4o-mini'),
    }).request;
    expect(fitted).not.toBe(sent);
    lightenRequest(sent);
    expect(fitted.messages).toEqual([]);
    expect(fitted.tools).toEqual([]);
  });
});
