import { describe, expect, it } from 'vitest';
import type { CanonicalRequest } from '../../canonical/types.js';
import { convertToAnthropicRequest } from '../anthropic/convert-to-anthropic-request.js';
import { convertToGeminiRequest } from '../gemini/convert-to-gemini-request.js';
import { convertToOpenAIRequest } from '../openai-compatible/convert-to-openai-request.js';

// A second turn after a tool call: what each upstream needs back from the first turn.
const secondTurn: CanonicalRequest = {
  model: 'm',
  stream: false,
  includeUsage: false,
  messages: [
    { role: 'system', content: [{ type: 'text', text: 'Be brief.' }] },
    { role: 'user', content: [{ type: 'text', text: 'Weather in Paris?' }] },
    {
      role: 'assistant',
      content: [
        { type: 'reasoning', text: 'Need the tool.', signature: 'sig-anthropic', provider: 'anthropic' },
        { type: 'reasoning', text: '', redacted: true, data: 'opaque', provider: 'anthropic' },
        { type: 'reasoning', text: 'Gemini thought', provider: 'gemini' },
        {
          type: 'tool_call',
          id: 'call_1',
          name: 'weather',
          arguments: '{"city":"Paris"}',
          providerData: { thoughtSignature: 'sig-gemini', provider: 'gemini' },
        },
      ],
    },
    {
      role: 'tool',
      content: [
        { type: 'tool_result', toolCallId: 'call_1', content: [{ type: 'text', text: '{"temp":21}' }] },
      ],
    },
  ],
};

describe('multi-turn requests carry what each provider needs back', () => {
  it("Anthropic: its own thinking with signature and redacted thinking, not other providers' thoughts", () => {
    const body = convertToAnthropicRequest(secondTurn, 'claude', 'anthropic') as {
      system: unknown;
      messages: Array<{ role: string; content: unknown[] }>;
    };
    expect(body.system).toEqual([{ type: 'text', text: 'Be brief.' }]);
    expect(body.messages[1]).toEqual({
      role: 'assistant',
      content: [
        { type: 'thinking', thinking: 'Need the tool.', signature: 'sig-anthropic' },
        { type: 'redacted_thinking', data: 'opaque' },
        { type: 'tool_use', id: 'call_1', name: 'weather', input: { city: 'Paris' } },
      ],
    });
    expect(body.messages[2]).toEqual({
      role: 'user',
      content: [
        { type: 'tool_result', tool_use_id: 'call_1', content: [{ type: 'text', text: '{"temp":21}' }] },
      ],
    });
  });

  it('Gemini: the function call with its thought signature, and the result named after the call', () => {
    const body = convertToGeminiRequest(secondTurn, 'gemini') as {
      contents: Array<{ role: string; parts: unknown[] }>;
    };
    expect(body.contents[1]).toEqual({
      role: 'model',
      parts: [{ functionCall: { name: 'weather', args: { city: 'Paris' } }, thoughtSignature: 'sig-gemini' }],
    });
    expect(body.contents[2]).toEqual({
      role: 'user',
      parts: [{ functionResponse: { name: 'weather', response: { temp: 21 } } }],
    });
  });

  it('OpenAI-compatible: tool_calls and a tool message, and no reasoning sent back', () => {
    const body = convertToOpenAIRequest(secondTurn, 'gpt', { maxTokensField: 'max_tokens' }) as {
      messages: unknown[];
    };
    expect(body.messages.slice(2)).toEqual([
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          { id: 'call_1', type: 'function', function: { name: 'weather', arguments: '{"city":"Paris"}' } },
        ],
      },
      { role: 'tool', tool_call_id: 'call_1', content: '{"temp":21}' },
    ]);
  });
});
