import { describe, expect, it } from 'vitest';
import { wrapCustomInput } from '../../canonical/custom-tool-input.js';
import type { CanonicalRequest, StreamEvent } from '../../canonical/types.js';
import { encodeOpenAIChatResponse } from './encode-openai-chat-response.js';
import { OpenAIChatStreamEncoder } from './encode-openai-chat-stream.js';

const request: CanonicalRequest = {
  model: 'm',
  stream: true,
  includeUsage: false,
  messages: [{ role: 'user', content: [{ type: 'text', text: 'Query the users.' }] }],
  tools: [
    {
      name: 'sql',
      parameters: {},
      kind: 'custom',
      chatTool: { type: 'custom', custom: { name: 'sql' } },
    },
  ],
};
const query = 'SELECT * FROM "users"';
const args = wrapCustomInput(query);

describe("a call to a Chat client's custom tool", () => {
  it('is answered as a custom call with its text, streamed', () => {
    const encoder = new OpenAIChatStreamEncoder(false, undefined, request);
    const events: StreamEvent[] = [
      { type: 'message_start', id: 'x', model: 'm', created: 1 },
      { type: 'part_start', index: 0, part: { type: 'tool_call', id: 'call_1', name: 'sql' } },
      { type: 'tool_arguments_delta', index: 0, arguments: args.slice(0, 12) },
      { type: 'tool_arguments_delta', index: 0, arguments: args.slice(12) },
      { type: 'part_end', index: 0 },
      { type: 'finish', reason: 'tool_calls' },
    ];
    const calls = events
      .map((event) => encoder.encode(event))
      .join('')
      .split('\n\n')
      .filter((frame) => frame.startsWith('data: {'))
      .flatMap(
        (frame) =>
          (JSON.parse(frame.slice(6)) as { choices: Array<{ delta: { tool_calls?: unknown[] } }> }).choices,
      )
      .flatMap((choice) => choice.delta.tool_calls ?? []);
    expect(calls).toEqual([
      { index: 0, id: 'call_1', type: 'custom', custom: { name: 'sql', input: query } },
    ]);
  });

  it('is answered as a custom call with its text, whole', () => {
    const body = encodeOpenAIChatResponse(
      {
        id: 'x',
        model: 'm',
        created: 1,
        finishReason: 'tool_calls',
        content: [{ type: 'tool_call', id: 'call_1', name: 'sql', arguments: args }],
      },
      request,
    ) as { choices: Array<{ message: { tool_calls: unknown[] } }> };
    expect(body.choices[0]!.message.tool_calls).toEqual([
      { id: 'call_1', type: 'custom', custom: { name: 'sql', input: query } },
    ]);
  });
});
