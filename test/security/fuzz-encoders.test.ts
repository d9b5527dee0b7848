import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { accumulateStream } from '../../relay-core/src/canonical/accumulate-stream.js';
import { RelayError } from '../../relay-core/src/canonical/errors.js';
import type { StreamEvent } from '../../relay-core/src/canonical/types.js';
import { anthropicMessagesCodec } from '../../relay-core/src/dialects/anthropic-messages/anthropic-messages-codec.js';
import type { DialectCodec } from '../../relay-core/src/dialects/dialect-codec.js';
import { openAIChatCodec } from '../../relay-core/src/dialects/openai-chat/openai-chat-codec.js';
import { createResponsesCodec } from '../../relay-core/src/dialects/openai-responses/responses-codec.js';

// The converters promise well-formed event sequences (every part opened before its deltas, closed
// before `finish`), but an upstream can break the order of its own events, and the converters
// pass much of it on. Whatever order well-typed events come in, each client dialect's encoder
// writes SSE whose every data line is JSON, ends the stream when told to, and never throws; the
// whole answer built from the same events encodes too.

const clients: Array<{ name: string; codec: DialectCodec; body: Record<string, unknown> }> = [
  { name: 'chat completions', codec: openAIChatCodec, body: { messages: [{ role: 'user', content: 'hi' }] } },
  {
    name: 'messages',
    codec: anthropicMessagesCodec,
    body: { max_tokens: 100, messages: [{ role: 'user', content: 'hi' }] },
  },
  {
    name: 'responses',
    codec: createResponsesCodec({ save: () => undefined, load: () => undefined }),
    body: { input: 'hi' },
  },
];

const index = fc.nat({ max: 3 });
const text = fc.string({ maxLength: 8 });
const count = fc.nat({ max: 1000 });
const logprob = fc.record({
  token: text,
  logprob: fc.double({ max: 0, noNaN: true }),
  bytes: fc.constant(null),
  top_logprobs: fc.constant([]),
});

const event: fc.Arbitrary<StreamEvent> = fc.oneof(
  fc.record({ type: fc.constant('message_start' as const), id: text, model: text, created: count }),
  fc.record({
    type: fc.constant('part_start' as const),
    index,
    part: fc.oneof(
      fc.record({ type: fc.constant('text' as const), refusal: fc.boolean() }),
      fc.record({ type: fc.constant('reasoning' as const), redacted: fc.boolean(), data: text }),
      fc.record({ type: fc.constant('tool_call' as const), id: text, name: text }),
    ),
  }),
  fc.record({
    type: fc.constant('text_delta' as const),
    index,
    text,
    logprobs: fc.option(fc.array(logprob, { maxLength: 2 }), { nil: undefined }),
  }),
  fc.record({ type: fc.constant('reasoning_delta' as const), index, text }),
  fc.record({ type: fc.constant('signature_delta' as const), index, signature: text }),
  fc.record({ type: fc.constant('tool_arguments_delta' as const), index, arguments: text }),
  fc.record({ type: fc.constant('part_end' as const), index }),
  fc.record({
    type: fc.constant('usage' as const),
    usage: fc.record({
      inputTokens: count,
      outputTokens: count,
      cacheReadTokens: count,
      cacheWriteTokens: count,
      reasoningTokens: count,
    }),
  }),
  fc.record({
    type: fc.constant('finish' as const),
    reason: fc.constantFrom('stop', 'length', 'tool_calls', 'content_filter', 'error', 'other'),
  }),
) as fc.Arbitrary<StreamEvent>;

/** Every `data:` line of an SSE text parses as JSON (or is OpenAI's `[DONE]`). */
function expectJsonData(sse: string): void {
  for (const line of sse.split('\n')) {
    if (!line.startsWith('data: ')) continue;
    const data = line.slice('data: '.length);
    if (data === '[DONE]') continue;
    expect(() => JSON.parse(data), data).not.toThrow();
  }
}

describe('fuzzing the client encoders with events in any order', () => {
  it.each(clients)('$name: every data line is JSON, and nothing throws', ({ codec, body }) => {
    fc.assert(
      fc.property(fc.array(event, { maxLength: 24 }), fc.boolean(), (events, includeUsage) => {
        const streamed = codec.parse({
          model: 'any',
          stream: true,
          ...(codec === openAIChatCodec && includeUsage ? { stream_options: { include_usage: true } } : {}),
          ...body,
        });
        const encoder = codec.createStreamEncoder(streamed);
        let sse = events.map((item) => encoder.encode(item)).join('');
        sse += encoder.encodeError(new RelayError('UPSTREAM_STREAM_ERROR', 'cut off'), 'cut off');
        expectJsonData(sse);
        const whole = codec.parse({ model: 'any', ...body });
        const answer = accumulateStream(events);
        expect(() => JSON.stringify(codec.encodeResponse(answer, whole))).not.toThrow();
      }),
      { numRuns: 400 },
    );
  });
});
