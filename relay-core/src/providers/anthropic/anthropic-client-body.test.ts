import { describe, expect, it } from 'vitest';
import { markSignature } from '../../canonical/reasoning-signature.js';
import { encodeToolCallId, restoreToolCallIds } from '../../canonical/tool-call-id.js';
import { parseAnthropicRequest } from '../../dialects/anthropic-messages/parse-anthropic-request.js';
import { encodeClientBody } from './anthropic-client-body.js';
import { convertToAnthropicRequest } from './convert-to-anthropic-request.js';

const tools = [
  { name: 'read', input_schema: { type: 'object' }, defer_loading: true },
  { type: 'web_search_20250305', name: 'web_search' },
];
const question = { role: 'user', content: 'Read a.txt' };
const result = (id: string) => ({
  role: 'user',
  content: [{ type: 'tool_result', tool_use_id: id, content: 'hi', cache_control: { type: 'ephemeral' } }],
});

/** What Anthropic is sent for a client's body, as the relay parses and sends it. */
function sent(body: Record<string, unknown>): Record<string, unknown> {
  const request = parseAnthropicRequest(body);
  restoreToolCallIds(request);
  const encoded = encodeClientBody(request, Buffer.from(JSON.stringify(body)), 'claude-sonnet-4-5');
  return JSON.parse(encoded.toString()) as Record<string, unknown>;
}

describe("an Anthropic client's body for an Anthropic upstream", () => {
  it('is the bytes as they came, only the model replaced, when the relay changed nothing else', () => {
    const text =
      '{"model":"route", "max_tokens":9,"messages":[{"role":"user","content":"hi"}],"x_new":{"a":1}}';
    const request = parseAnthropicRequest(JSON.parse(text));
    expect(encodeClientBody(request, Buffer.from(text), 'claude-sonnet-4-5').toString()).toBe(
      text.replace('"route"', '"claude-sonnet-4-5"'),
    );
  });

  it("restores tool ids that carried Gemini's signature, and keeps everything it does not model", () => {
    const id = encodeToolCallId('toolu_1', { thoughtSignature: 'c2ln', provider: 'gemini' });
    const body = {
      model: 'route',
      max_tokens: 100,
      thinking: { type: 'adaptive', display: 'omitted' },
      context_management: { edits: [{ type: 'clear_thinking_20251015', keep: 'all' }] },
      tools,
      messages: [
        question,
        { role: 'assistant', content: [{ type: 'tool_use', id, name: 'read', input: { path: 'a.txt' } }] },
        result(id),
        { role: 'system', content: 'Be brief.' },
      ],
    };
    expect(sent(body)).toEqual({
      ...body,
      model: 'claude-sonnet-4-5',
      messages: [
        question,
        {
          role: 'assistant',
          content: [{ type: 'tool_use', id: 'toolu_1', name: 'read', input: { path: 'a.txt' } }],
        },
        result('toolu_1'),
        { role: 'system', content: 'Be brief.' },
      ],
    });
  });

  it("leaves out thinking Anthropic did not sign and keeps Anthropic's own, signed or redacted", () => {
    const own = { type: 'thinking', thinking: 'Mine.', signature: 'RXVhbnRocm9waWM=' };
    const redacted = { type: 'redacted_thinking', data: 'ZW5jcnlwdGVk' };
    const body = {
      model: 'route',
      max_tokens: 100,
      thinking: { type: 'enabled', budget_tokens: 2048 },
      messages: [
        question,
        {
          role: 'assistant',
          content: [
            own,
            redacted,
            { type: 'thinking', thinking: 'From Gemini.', signature: '' },
            {
              type: 'thinking',
              thinking: 'From Bedrock.',
              signature: markSignature('YmVkcm9jaw==', 'bedrock'),
            },
            { type: 'text', text: 'Done.' },
          ],
        },
        { role: 'user', content: 'Thanks.' },
      ],
    };
    const patched = sent(body);
    expect((patched.messages as Array<{ content: unknown }>)[1]!.content).toEqual([
      own,
      redacted,
      { type: 'text', text: 'Done.' },
    ]);
    // no tool loop is open: thinking stays on
    expect(patched.thinking).toEqual(body.thinking);
  });

  it('turns thinking off rather than send a tool loop whose thinking was left out', () => {
    const body = {
      model: 'route',
      max_tokens: 100,
      thinking: { type: 'adaptive' },
      context_management: {
        edits: [{ type: 'clear_thinking_20251015', keep: 'all' }, { type: 'clear_tool_uses_20250919' }],
      },
      messages: [
        question,
        {
          role: 'assistant',
          content: [
            { type: 'thinking', thinking: 'Read it.', signature: '' },
            { type: 'tool_use', id: 'toolu_1', name: 'read', input: {} },
          ],
        },
        result('toolu_1'),
      ],
    };
    const patched = sent(body);
    expect(patched).not.toHaveProperty('thinking');
    expect(patched.context_management).toEqual({ edits: [{ type: 'clear_tool_uses_20250919' }] });
    expect((patched.messages as Array<{ content: unknown[] }>)[1]!.content).toEqual([
      { type: 'tool_use', id: 'toolu_1', name: 'read', input: {} },
    ]);
  });

  it("is converted, for another dialect's client, without thinking a tool loop cannot start with", () => {
    const converted = convertToAnthropicRequest(
      {
        model: 'm',
        stream: false,
        includeUsage: false,
        reasoning: { effort: 'high' },
        tools: [{ name: 'read', parameters: { type: 'object' } }],
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'Read a.txt' }] },
          {
            role: 'assistant',
            content: [
              { type: 'reasoning', text: 'From an OpenAI model.' },
              { type: 'tool_call', id: 'call_1', name: 'read', arguments: '{}' },
            ],
          },
          {
            role: 'tool',
            content: [{ type: 'tool_result', toolCallId: 'call_1', content: [{ type: 'text', text: 'hi' }] }],
          },
        ],
      },
      'claude-sonnet-4-5',
      'anthropic',
    );
    expect(converted).not.toHaveProperty('thinking');
  });
});
