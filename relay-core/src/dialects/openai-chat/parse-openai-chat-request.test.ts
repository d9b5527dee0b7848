import { describe, expect, it } from 'vitest';
import { refusedParam } from '../../../../test/helpers/refused-param.js';
import { RelayError } from '../../canonical/errors.js';
import { convertToAnthropicRequest } from '../../providers/anthropic/convert-to-anthropic-request.js';
import { convertToOpenAIRequest } from '../../providers/openai-compatible/convert-to-openai-request.js';
import { convertToResponsesRequest } from '../../providers/openai-responses/convert-to-responses-request.js';
import { parseOpenAIChatRequest } from './parse-openai-chat-request.js';

function expectBadRequest(body: unknown, param: string | undefined) {
  try {
    parseOpenAIChatRequest(body);
  } catch (error) {
    expect(error).toBeInstanceOf(RelayError);
    expect((error as RelayError).status).toBe(400);
    expect((error as RelayError).param).toBe(param);
    return;
  }
  throw new Error('expected a 400');
}

describe('parseOpenAIChatRequest', () => {
  it('converts a full request: system, images, tool history, tools, format and sampling', () => {
    const request = parseOpenAIChatRequest({
      model: 'gpt-4o-mini',
      stream: true,
      stream_options: { include_usage: true },
      messages: [
        { role: 'developer', content: 'Be brief.' },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is here?' },
            { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=', detail: 'low' } },
          ],
        },
        {
          role: 'assistant',
          content: null,
          tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'look', arguments: '{"x":1}' } }],
        },
        { role: 'tool', tool_call_id: 'call_1', content: 'a cat' },
      ],
      tools: [{ type: 'function', function: { name: 'look', parameters: { type: 'object' } } }],
      tool_choice: { type: 'function', function: { name: 'look' } },
      response_format: {
        type: 'json_schema',
        json_schema: { name: 'out', schema: { type: 'object' }, strict: true },
      },
      max_tokens: 100,
      temperature: 0,
      stop: 'END',
      frequency_penalty: 0.5,
    });
    expect(request.stream).toBe(true);
    expect(request.includeUsage).toBe(true);
    expect(request.messages[0]).toMatchObject({
      role: 'system',
      content: [{ type: 'text', text: 'Be brief.' }],
    });
    expect(request.messages[1]!.content[1]).toEqual({
      type: 'image',
      source: { kind: 'base64', mediaType: 'image/png', data: 'iVBORw0KGgo=' },
      detail: 'low',
    });
    expect(request.messages[2]!.content).toEqual([
      { type: 'tool_call', id: 'call_1', name: 'look', arguments: '{"x":1}' },
    ]);
    expect(request.messages[3]!.content[0]).toMatchObject({ type: 'tool_result', toolCallId: 'call_1' });
    expect(request.toolChoice).toEqual({ name: 'look' });
    expect(request.responseFormat).toMatchObject({ type: 'json_schema', name: 'out', strict: true });
    expect(request.maxOutputTokens).toBe(100);
    expect(request.temperature).toBe(0);
    expect(request.stop).toEqual(['END']);
    // fields the relay does not model still reach OpenAI-compatible upstreams
    expect(request.passthrough).toEqual({ frequency_penalty: 0.5 });
  });

  it('does not report usage to a streaming client that did not ask for it', () => {
    const request = parseOpenAIChatRequest({
      model: 'm',
      stream: true,
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(request.includeUsage).toBe(false);
  });

  it('names the parameter at fault, as OpenAI does', () => {
    expectBadRequest({ messages: [{ role: 'user', content: 'hi' }] }, 'model');
    expectBadRequest({ model: 'm', messages: [] }, 'messages');
    expectBadRequest({ model: 'm', messages: [{ role: 'robot', content: 'hi' }] }, 'messages[0].role');
    expectBadRequest(
      { model: 'm', messages: [{ role: 'user', content: 'hi' }], temperature: 3 },
      'temperature',
    );
    expectBadRequest({ model: 'm', messages: [{ role: 'user', content: 'hi' }], n: 2 }, 'n');
    expectBadRequest(
      {
        model: 'm',
        messages: [
          { role: 'user', content: [{ type: 'image_url', image_url: { url: 'file:///etc/passwd' } }] },
        ],
      },
      'messages[0].content[0].image_url.url',
    );
  });

  it('rejects a body that is not an object', () => {
    expectBadRequest([1, 2], undefined);
  });
});

describe('what a Chat client says that the relay does not model', () => {
  const audio = { type: 'input_audio', input_audio: { data: 'UklGRg==', format: 'wav' } };
  const body = (extra: Record<string, unknown> = {}) => ({
    model: 'm',
    messages: [
      { role: 'developer', content: 'Be brief.' },
      {
        role: 'user',
        content: [{ type: 'text', text: 'What is said here?', x_hint: 1 }, audio],
        x_trace: 'abc',
      },
    ],
    ...extra,
  });

  it('an OpenAI-compatible upstream is sent as it came: audio, unknown message and part fields', () => {
    const sent = convertToOpenAIRequest(parseOpenAIChatRequest(body()), 'm', {
      maxTokensField: 'max_tokens',
    });
    expect(sent.messages).toEqual([
      { role: 'system', content: 'Be brief.' },
      {
        role: 'user',
        content: [{ type: 'text', text: 'What is said here?', x_hint: 1 }, audio],
        x_trace: 'abc',
      },
    ]);
  });

  it('a Responses upstream gets the audio in its own shape; Anthropic, which has none, refuses', () => {
    const request = parseOpenAIChatRequest(body());
    expect((convertToResponsesRequest(request, 'm').input as unknown[])[1]).toEqual({
      role: 'user',
      content: [{ type: 'input_text', text: 'What is said here?' }, audio],
    });
    expect(refusedParam(() => convertToAnthropicRequest(request, 'claude', 'anthropic'))).toBe(
      'messages[1].content[1].type',
    );
  });

  it('a custom tool goes as it came to an OpenAI-compatible upstream, as a one-string function elsewhere', () => {
    const custom = {
      type: 'custom',
      custom: {
        name: 'sql',
        format: { type: 'grammar', grammar: { syntax: 'regex', definition: 'SELECT .+' } },
      },
    };
    const request = parseOpenAIChatRequest(
      body({ tools: [custom], tool_choice: { type: 'custom', custom: { name: 'sql' } } }),
    );
    const chat = convertToOpenAIRequest(request, 'm', { maxTokensField: 'max_tokens' });
    expect(chat).toMatchObject({ tools: [custom], tool_choice: { type: 'custom', custom: { name: 'sql' } } });
    const anthropic = convertToAnthropicRequest(
      { ...request, messages: request.messages.slice(0, 1) },
      'c',
      'anthropic',
    );
    expect(anthropic.tools).toEqual([
      {
        name: 'sql',
        input_schema: expect.objectContaining({
          properties: { input: { type: 'string', description: expect.stringContaining('SELECT .+') } },
        }),
      },
    ]);
    expect(convertToResponsesRequest(request, 'm').tools).toEqual([
      { type: 'custom', name: 'sql', format: { type: 'grammar', syntax: 'regex', definition: 'SELECT .+' } },
    ]);
  });

  it("what tunes OpenAI's service reaches OpenAI's Responses API too, in its terms", () => {
    const request = parseOpenAIChatRequest({
      model: 'm',
      messages: [{ role: 'user', content: 'hi' }],
      prompt_cache_key: 'session-1',
      service_tier: 'flex',
      verbosity: 'low',
      store: true,
    });
    const sent = convertToResponsesRequest(request, 'm');
    expect(sent).toMatchObject({
      prompt_cache_key: 'session-1',
      service_tier: 'flex',
      text: { verbosity: 'low' },
    });
    // the relay keeps nothing at OpenAI: it serves previous_response_id itself
    expect(sent.store).toBe(false);
    expect(convertToAnthropicRequest(request, 'claude', 'anthropic')).not.toHaveProperty('prompt_cache_key');
  });

  it('a tool of a type the relay does not model goes to an OpenAI-compatible upstream only', () => {
    const hosted = { type: 'code_search', code_search: { repo: 'x' } };
    const fn = { type: 'function', function: { name: 'f', parameters: { type: 'object' } } };
    const request = parseOpenAIChatRequest({
      model: 'm',
      messages: [{ role: 'user', content: 'hi' }],
      tools: [fn, hosted],
    });
    expect(convertToOpenAIRequest(request, 'm', { maxTokensField: 'max_tokens' }).tools).toEqual([
      fn,
      hosted,
    ]);
    expect(convertToResponsesRequest(request, 'm').tools).toEqual([
      { type: 'function', name: 'f', parameters: { type: 'object' }, strict: false },
    ]);
    expect(convertToAnthropicRequest(request, 'c', 'anthropic').tools).toEqual([
      { name: 'f', input_schema: { type: 'object' } },
    ]);
  });

  it("a text part's cache breakpoint reaches Anthropic", () => {
    const request = parseOpenAIChatRequest({
      model: 'm',
      messages: [
        {
          role: 'user',
          content: [{ type: 'text', text: 'Long context.', cache_control: { type: 'ephemeral' } }],
        },
      ],
    });
    const anthropic = convertToAnthropicRequest(request, 'claude', 'anthropic');
    expect(anthropic.messages).toEqual([
      {
        role: 'user',
        content: [{ type: 'text', text: 'Long context.', cache_control: { type: 'ephemeral' } }],
      },
    ]);
  });
});
