import { describe, expect, it } from 'vitest';
import type { CanonicalRequest } from '../canonical/types.js';
import { estimateUsage } from '../tokens/estimate-tokens.js';
import { lightenRequest } from './lighten-request.js';

describe('lightenRequest', () => {
  const request: CanonicalRequest = {
    model: 'claude-sonnet-4-5',
    stream: true,
    includeUsage: true,
    maxOutputTokens: 8192,
    temperature: 0,
    messages: [
      { role: 'system', content: [{ type: 'text', text: 'You are a coding agent. '.repeat(2000) }] },
      { role: 'user', content: [{ type: 'text', text: 'Fix the bug.' }] },
    ],
    tools: [{ name: 'read', parameters: { type: 'object' } }],
  };

  it('lets the messages and tools go, and keeps what encoders and a usage estimate read', async () => {
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
});
