import { describe, expect, it } from 'vitest';
import type { CanonicalRequest, StreamEvent, Usage } from '../../canonical/types.js';
import { readThinkingSignature } from '../../canonical/reasoning-signature.js';
import { AnthropicStreamEncoder } from './encode-anthropic-stream.js';

const request: CanonicalRequest = {
  model: 'agent-route',
  stream: true,
  includeUsage: true,
  messages: [{ role: 'user', content: [{ type: 'text', text: 'x'.repeat(4000) }] }],
};
const usage: Usage = { inputTokens: 1200, outputTokens: 40, cacheReadTokens: 1000, cacheWriteTokens: 100 };

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
    // what the upstream did not say (how long the writes are kept, the thinking) is null, as Anthropic types it
    expect(out[0]!.message.usage).toEqual({
      input_tokens: 100,
      cache_read_input_tokens: 1000,
      cache_creation_input_tokens: 100,
      cache_creation: null,
      output_tokens: 1,
      output_tokens_details: null,
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

  it("marks a signature another provider issued, and leaves Anthropic's own as it came", () => {
    const thinking = (index: number, provider?: string): StreamEvent[] => [
      { type: 'part_start', index, part: { type: 'reasoning', ...(provider ? { provider } : {}) } },
      { type: 'signature_delta', index, signature: 'c2lnbmVk' },
      { type: 'signature_delta', index, signature: 'bW9yZQ==' },
      { type: 'part_end', index },
    ];
    const out = frames([
      { type: 'message_start', id: 'msg_1', model: 'claude', created: 0 },
      ...thinking(0, 'bedrock'),
      ...thinking(1),
      {
        type: 'part_start',
        index: 2,
        part: { type: 'reasoning', redacted: true, data: 'b3BhcXVl', provider: 'bedrock' },
      },
      { type: 'part_end', index: 2 },
      ...finish,
    ]);
    const signature = (index: number) =>
      out
        .filter((frame) => frame.index === index && frame.delta?.type === 'signature_delta')
        .map((frame) => frame.delta.signature as string)
        .join('');
    expect(readThinkingSignature(signature(0))).toEqual({
      provider: 'bedrock',
      signature: 'c2lnbmVkbW9yZQ==',
    });
    expect(signature(1)).toBe('c2lnbmVkbW9yZQ==');
    const redacted = out.find((frame) => frame.content_block?.type === 'redacted_thinking')!;
    expect(readThinkingSignature(redacted.content_block.data)).toEqual({
      provider: 'bedrock',
      signature: 'b3BhcXVl',
    });
  });
});
