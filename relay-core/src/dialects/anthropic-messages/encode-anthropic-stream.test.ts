import { describe, expect, it } from 'vitest';
import type { CanonicalRequest, StreamEvent, Usage } from '../../canonical/types.js';
import { AnthropicStreamEncoder } from './encode-anthropic-stream.js';

const request: CanonicalRequest = {
  model: 'agent-route',
  stream: true,
  includeUsage: true,
  messages: [{ role: 'user', content: [{ type: 'text', text: 'x'.repeat(4000) }] }],
};
const usage: Usage = {
  inputTokens: 1200,
  outputTokens: 40,
  cacheReadTokens: 1000,
  cacheWriteTokens: 100,
  reasoningTokens: 0,
};

/** The data of each SSE frame the encoder writes for `events`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function frames(events: StreamEvent[]): Array<Record<string, any>> {
  const encoder = new AnthropicStreamEncoder(request);
  return events
    .map((event) => encoder.encode(event))
    .join('')
    .split('\n\n')
    .filter((frame) => frame.startsWith('event: '))
    .map((frame) => JSON.parse(frame.split('\ndata: ')[1]!) as Record<string, any>); // eslint-disable-line @typescript-eslint/no-explicit-any
}

const finish: StreamEvent[] = [
  { type: 'usage', usage },
  { type: 'finish', reason: 'stop' },
];

describe('AnthropicStreamEncoder usage', () => {
  it("message_start carries the input usage the upstream reported at the start, message_delta the end's", () => {
    const out = frames([
      {
        type: 'message_start',
        id: 'msg_1',
        model: 'claude',
        created: 0,
        usage: { ...usage, outputTokens: 1 },
      },
      ...finish,
    ]);
    expect(out[0]!.message.usage).toEqual({
      input_tokens: 100,
      cache_read_input_tokens: 1000,
      cache_creation_input_tokens: 100,
      output_tokens: 1,
    });
    expect(out.find((frame) => frame.type === 'message_delta')!.usage).toMatchObject({
      input_tokens: 100,
      output_tokens: 40,
    });
  });

  it('estimates the input for an upstream that reports usage only at the end, whose figures message_delta carries', () => {
    const out = frames([{ type: 'message_start', id: 'msg_1', model: 'gpt', created: 0 }, ...finish]);
    // 4,000 characters at 4 a token, and the message's own
    expect(out[0]!.message.usage).toMatchObject({ input_tokens: 1004, output_tokens: 0 });
    expect(out.find((frame) => frame.type === 'message_delta')!.usage).toMatchObject({ input_tokens: 100 });
  });
});
