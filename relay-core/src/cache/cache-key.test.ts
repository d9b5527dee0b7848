import { describe, expect, it } from 'vitest';
import type { CanonicalRequest } from '../canonical/types.js';
import { parseAnthropicRequest } from '../dialects/anthropic-messages/parse-anthropic-request.js';
import { readCacheDirective } from './cache-directive.js';
import { exactCacheKey, isDeterministic, stableStringify } from './cache-key.js';

const base: CanonicalRequest = {
  model: 'auto',
  stream: false,
  includeUsage: false,
  temperature: 0,
  messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
};

describe('exactCacheKey', () => {
  it('ignores how the answer is delivered, not what decides it', () => {
    const key = exactCacheKey(base);
    expect(exactCacheKey({ ...base, stream: true, includeUsage: true, user: 'u1' })).toBe(key);
    expect(exactCacheKey({ ...base, model: 'other-route' })).not.toBe(key);
    expect(exactCacheKey({ ...base, temperature: 0.5 })).not.toBe(key);
    expect(exactCacheKey({ ...base, maxOutputTokens: 10 })).not.toBe(key);
    expect(exactCacheKey({ ...base, responseFormat: { type: 'json_object' } })).not.toBe(key);
    expect(exactCacheKey({ ...base, tools: [{ name: 'f', parameters: {} }] })).not.toBe(key);
    expect(
      exactCacheKey({ ...base, messages: [{ role: 'user', content: [{ type: 'text', text: 'hi!' }] }] }),
    ).not.toBe(key);
  });

  it('tells apart Anthropic requests that differ only in fields the canonical form does not model', () => {
    // such fields reach an Anthropic upstream in the client's own body, so they decide the answer
    const anthropic = (extra: Record<string, unknown>) =>
      exactCacheKey(
        parseAnthropicRequest({
          model: 'claude-sonnet-4-5',
          max_tokens: 100,
          temperature: 0,
          messages: [{ role: 'user', content: 'hi' }],
          ...extra,
        }),
      );
    const plain = anthropic({});
    expect(anthropic({})).toBe(plain);
    expect(anthropic({ top_k: 5 })).not.toBe(plain);
    expect(anthropic({ top_k: 5 })).not.toBe(anthropic({ top_k: 6 }));
    expect(anthropic({ context_management: { edits: [] } })).not.toBe(plain);
    // nor blocks and tools it does not model: a server tool, a PDF
    const webSearch = (uses: number) => ({
      tools: [{ type: 'web_search_20250305', name: 'web_search', max_uses: uses }],
    });
    expect(anthropic(webSearch(5))).not.toBe(plain);
    expect(anthropic(webSearch(5))).not.toBe(anthropic(webSearch(6)));
    const pdf = (data: string) => ({
      messages: [
        {
          role: 'user',
          content: [
            { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data } },
            { type: 'text', text: 'hi' },
          ],
        },
      ],
    });
    expect(anthropic(pdf('JVBERi0x'))).not.toBe(anthropic(pdf('JVBERi0y')));
  });

  it('serialises objects with sorted keys', () => {
    expect(stableStringify({ b: 1, a: [{ d: 2, c: undefined, e: null }] })).toBe(
      '{"a":[{"d":2,"e":null}],"b":1}',
    );
  });

  it('calls temperature 0 or a seed deterministic', () => {
    expect(isDeterministic(base)).toBe(true);
    expect(isDeterministic({ ...base, temperature: 0.7, seed: 42 })).toBe(true);
    expect(isDeterministic({ ...base, temperature: undefined })).toBe(false);
  });
});

describe('readCacheDirective', () => {
  it('reads Cache-Control and x-relay-cache', () => {
    expect(readCacheDirective({})).toBeUndefined();
    expect(readCacheDirective({ 'cache-control': 'max-age=0, no-cache' })).toBe('skip-lookup');
    expect(readCacheDirective({ 'cache-control': 'no-store' })).toBe('off');
    expect(readCacheDirective({ 'x-relay-cache': 'OFF' })).toBe('off');
    expect(readCacheDirective({ 'x-relay-cache': 'on' })).toBe('on');
    expect(readCacheDirective({ 'x-relay-cache': 'on', 'cache-control': 'no-store' })).toBe('off');
  });
});
