import { describe, expect, it } from 'vitest';
import type { CanonicalRequest } from '../canonical/types.js';
import { describeRequest, matchesConditions } from './match-route.js';

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
});
