import { describe, expect, it } from 'vitest';
import { RelayError } from '../../canonical/errors.js';
import { parseAnthropicRequest } from './parse-anthropic-request.js';

const tool = { name: 'read', input_schema: { type: 'object', properties: { path: { type: 'string' } } } };

describe('parseAnthropicRequest', () => {
  it('accepts fields it does not model, and takes a tool input schema as the client wrote it', () => {
    const request = parseAnthropicRequest({
      model: 'claude-sonnet-4-5',
      max_tokens: 100,
      service_tier: 'auto',
      context_management: { edits: [] },
      messages: [{ role: 'user', content: [{ type: 'text', text: 'hi', citations: null }] }],
      tools: [tool],
    });
    expect(request.messages).toEqual([{ role: 'user', content: [{ type: 'text', text: 'hi' }] }]);
    expect(request.tools).toEqual([{ name: 'read', parameters: tool.input_schema }]);
    // kept apart, so that they are part of the exact cache key
    expect(request.unmodeled).toEqual({ service_tier: 'auto', context_management: { edits: [] } });
  });

  it('refuses a tool input schema that is not an object, naming it', () => {
    for (const inputSchema of ['object', ['type'], null]) {
      let caught: unknown;
      try {
        parseAnthropicRequest({
          model: 'claude-sonnet-4-5',
          max_tokens: 100,
          messages: [{ role: 'user', content: 'hi' }],
          tools: [{ ...tool, input_schema: inputSchema }],
        });
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(RelayError);
      expect((caught as RelayError).status).toBe(400);
      expect((caught as RelayError).param).toBe('tools[0].input_schema');
      expect((caught as RelayError).message).toContain('expected an object');
    }
  });
});
