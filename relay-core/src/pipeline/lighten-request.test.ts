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
    const light = lightenRequest(request);
    expect(light.messages).toEqual([]);
    expect(light).not.toHaveProperty('tools');
    expect(light).toMatchObject({
      model: 'claude-sonnet-4-5',
      stream: true,
      includeUsage: true,
      temperature: 0,
    });
    // the whole request is untouched: an attempt still sending it reads it as it was
    expect(request.messages).toHaveLength(2);
    const output = { text: 'Fixed.', reasoning: '' };
    expect(await estimateUsage(light, output)).toEqual(await estimateUsage(request, output));
  });
});
