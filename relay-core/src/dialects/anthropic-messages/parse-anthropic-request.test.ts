import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RelayError } from '../../canonical/errors.js';
import { parseAnthropicRequest } from './parse-anthropic-request.js';

const claudeCode = JSON.parse(
  readFileSync(new URL('__fixtures__/claude-code-first-turn.json', import.meta.url), 'utf8'),
) as { body: Record<string, unknown> };

const tool = { name: 'read', input_schema: { type: 'object', properties: { path: { type: 'string' } } } };
const base = { model: 'claude-sonnet-4-5', max_tokens: 100 };
const ask = (content: unknown) => parseAnthropicRequest({ ...base, messages: [{ role: 'user', content }] });

function refusal(body: unknown): { param?: string; message: string } {
  try {
    parseAnthropicRequest(body);
  } catch (error) {
    expect(error).toBeInstanceOf(RelayError);
    expect((error as RelayError).status).toBe(400);
    return { param: (error as RelayError).param, message: (error as RelayError).message };
  }
  throw new Error('not refused');
}

describe('parseAnthropicRequest', () => {
  it("takes Claude Code's first turn: a system message among the messages, adaptive thinking, deferred tools", () => {
    const request = parseAnthropicRequest(claudeCode.body);
    expect(request.messages.map((message) => message.role)).toEqual(['system', 'user', 'system']);
    expect(request.messages[2]!.content[0]).toMatchObject({
      type: 'text',
      cacheControl: { type: 'ephemeral' },
    });
    expect(request.tools?.map((t) => t.name)).toEqual(['Bash', 'Read', 'DeferredToolPlaceholder']);
    expect(request.reasoning).toEqual({ effort: 'high' });
    // the JSON text Claude Code sends as its user id is one id, short enough for any provider
    expect(request.user).toMatch(/^[0-9a-f]{64}$/);
    expect(request.unmodeled).toEqual({
      context_management: { edits: [{ type: 'clear_thinking_20251015', keep: 'all' }] },
      output_config: { effort: 'high' },
    });
    expect(request.unmodeledContent).toBeUndefined();
  });

  it('accepts fields it does not model, and takes a tool input schema as the client wrote it', () => {
    const request = parseAnthropicRequest({
      ...base,
      service_tier: 'auto',
      context_management: { edits: [] },
      messages: [{ role: 'user', content: [{ type: 'text', text: 'hi', citations: null }] }],
      tools: [{ ...tool, type: 'custom', defer_loading: true, input_examples: [{ path: 'a' }] }],
    });
    expect(request.messages).toEqual([{ role: 'user', content: [{ type: 'text', text: 'hi' }] }]);
    expect(request.tools).toEqual([{ name: 'read', parameters: tool.input_schema }]);
    // kept apart, so that they are part of the exact cache key
    expect(request.unmodeled).toEqual({ service_tier: 'auto', context_management: { edits: [] } });
  });

  it('takes output_config.effort level for level, with or without a thinking budget', () => {
    const reasoning = (thinking: unknown, effort?: string) =>
      parseAnthropicRequest({
        ...base,
        messages: [{ role: 'user', content: 'hi' }],
        thinking,
        ...(effort ? { output_config: { effort } } : {}),
      }).reasoning;
    expect(reasoning({ type: 'adaptive', display: 'omitted' }, 'low')).toEqual({ effort: 'low' });
    expect(reasoning({ type: 'adaptive' }, 'medium')).toEqual({ effort: 'medium' });
    expect(reasoning({ type: 'adaptive' }, 'high')).toEqual({ effort: 'high' });
    expect(reasoning({ type: 'adaptive' }, 'max')).toEqual({ effort: 'max' });
    // Anthropic's default effort
    expect(reasoning({ type: 'adaptive' })).toEqual({ effort: 'high' });
    expect(reasoning({ type: 'enabled', budget_tokens: 2048 }, 'low')).toEqual({
      budgetTokens: 2048,
      effort: 'low',
    });
    expect(reasoning({ type: 'enabled', budget_tokens: 2048 })).toEqual({ budgetTokens: 2048 });
    expect(reasoning({ type: 'disabled' }, 'high')).toBeUndefined();
    // a thinking type added later is still thinking, at the client's effort
    expect(reasoning({ type: 'between_tools', depth: 2 }, 'low')).toEqual({
      effort: 'low',
      unmodeledForm: true,
    });
  });

  it('maps the blocks other providers can take: a text document, a search result, a loaded tool', () => {
    const request = ask([
      {
        type: 'document',
        title: 'Notes',
        source: { type: 'text', media_type: 'text/plain', data: 'The sky is blue.' },
        citations: { enabled: true },
      },
      {
        type: 'search_result',
        source: 'https://example.com/a',
        title: 'A page',
        content: [{ type: 'text', text: 'Found text.' }],
      },
      {
        type: 'tool_result',
        tool_use_id: 'toolu_1',
        content: [{ type: 'tool_reference', tool_name: 'Read' }],
      },
    ]);
    expect(request.messages[0]!.content).toEqual([
      { type: 'text', text: 'Notes\n\nThe sky is blue.' },
      { type: 'text', text: 'A page\nhttps://example.com/a\n\nFound text.' },
      { type: 'tool_result', toolCallId: 'toolu_1', content: [{ type: 'text', text: 'Tool loaded: Read' }] },
    ]);
    expect(request.unmodeledContent).toBeUndefined();
  });

  it("notes what only Anthropic can honour, refused elsewhere in Anthropic's words, and its bookkeeping", () => {
    const request = parseAnthropicRequest({
      ...base,
      messages: [
        {
          role: 'user',
          content: [
            { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: 'JVBE' } },
            { type: 'image', source: { type: 'file', file_id: 'file_1' } },
            { type: 'hologram', depth: 3 },
          ],
        },
        {
          role: 'assistant',
          content: [
            { type: 'server_tool_use', id: 'srvtoolu_1', name: 'web_search', input: { query: 'x' } },
            { type: 'web_search_tool_result', tool_use_id: 'srvtoolu_1', content: [] },
            { type: 'text', text: 'Found it.' },
          ],
        },
      ],
      tools: [
        { type: 'web_search_20250305', name: 'web_search', max_uses: 5 },
        { type: 'tool_search_tool_regex_20251119', name: 'tool_search' },
      ],
    });
    expect(request.unmodeledContent?.map(({ param, refusal }) => [param, refusal])).toEqual([
      [
        'messages.0.content.0.document.source',
        "messages.0.content.0.document.source: Input tag 'base64' found using 'type' does not match any of the expected tags: 'text', 'content'",
      ],
      [
        'messages.0.content.1.image.source',
        "messages.0.content.1.image.source: Input tag 'file' found using 'type' does not match any of the expected tags: 'base64', 'url'",
      ],
      [
        'messages.0.content.2',
        expect.stringMatching(/^messages\.0\.content\.2: Input tag 'hologram' found using 'type'/),
      ],
      ['messages.1.content.0', undefined],
      ['messages.1.content.1', undefined],
      [
        'tools.0',
        "tools.0: Input tag 'web_search_20250305' found using 'type' does not match any of the expected tags: 'custom'",
      ],
      ['tools.1', undefined],
    ]);
    expect(request.messages[1]!.content).toEqual([{ type: 'text', text: 'Found it.' }]);
    // kept as the client wrote it, so that two such requests do not share a cached answer
    expect(request.unmodeledContent?.[2]?.value).toEqual({ type: 'hologram', depth: 3 });
  });

  it('accepts cache_control in shapes it does not model', () => {
    const request = ask([
      { type: 'text', text: 'a', cache_control: { type: 'ephemeral', ttl: '30m' } },
      { type: 'text', text: 'b', cache_control: { type: 'persistent' } },
    ]);
    expect(request.messages[0]!.content).toEqual([
      { type: 'text', text: 'a', cacheControl: { type: 'ephemeral' } },
      { type: 'text', text: 'b' },
    ]);
  });

  it('refuses what it must in the words Anthropic uses for it', () => {
    const messages = [{ role: 'user', content: 'hi' }];
    expect(refusal({ model: 'm', messages })).toEqual({
      param: 'max_tokens',
      message: 'max_tokens: Field required',
    });
    expect(refusal({ ...base, messages: [] }).message).toBe('messages: at least one message is required');
    expect(refusal({ ...base, messages, temperature: 2 }).message).toBe(
      'temperature: Input should be less than or equal to 1',
    );
    expect(refusal({ ...base, messages, thinking: { type: 'enabled', budget_tokens: 100 } }).message).toBe(
      'thinking.enabled.budget_tokens: Input should be greater than or equal to 1024',
    );
    expect(refusal({ ...base, messages: [{ role: 'user', content: [{ type: 'text' }] }] }).message).toBe(
      'messages.0.content.0.text.text: Field required',
    );
    expect(refusal({ ...base, messages: [{ role: 'user', content: [{ text: 'hi' }] }] }).message).toBe(
      'messages.0.content.0.type: Field required',
    );
    for (const inputSchema of ['object', ['type'], null]) {
      expect(refusal({ ...base, messages, tools: [{ ...tool, input_schema: inputSchema }] })).toEqual({
        param: 'tools.0.custom.input_schema',
        message: 'tools.0.custom.input_schema: Input should be a valid dictionary',
      });
    }
  });
});
