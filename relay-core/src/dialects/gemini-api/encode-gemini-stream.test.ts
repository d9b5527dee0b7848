import { describe, expect, it } from 'vitest';
import { RelayError } from '../../canonical/errors.js';
import type { CanonicalRequest, StreamEvent } from '../../canonical/types.js';
import { createGeminiApiCodec } from './gemini-api-codec.js';

const request: CanonicalRequest = { model: 'agent-route', messages: [], stream: true, includeUsage: true };
const usage = {
  inputTokens: 100,
  outputTokens: 40,
  cacheReadTokens: 20,
  cacheWriteTokens: 0,
  reasoningTokens: 15,
};

/** An Anthropic-style answer: signed thinking, text, a tool call whose arguments come in pieces. */
const thinkingToolCall: StreamEvent[] = [
  { type: 'message_start', id: 'msg_1', model: 'claude-sonnet-4-5', created: 0 },
  { type: 'part_start', index: 0, part: { type: 'reasoning' } },
  { type: 'reasoning_delta', index: 0, text: 'Read it first.' },
  { type: 'signature_delta', index: 0, signature: 'sig-anthropic' },
  { type: 'part_end', index: 0 },
  { type: 'part_start', index: 1, part: { type: 'text' } },
  { type: 'text_delta', index: 1, text: 'Reading' },
  { type: 'text_delta', index: 1, text: ' it.' },
  { type: 'part_end', index: 1 },
  { type: 'part_start', index: 2, part: { type: 'tool_call', id: 'toolu_1', name: 'read_file' } },
  { type: 'tool_arguments_delta', index: 2, arguments: '{"file_' },
  { type: 'tool_arguments_delta', index: 2, arguments: 'path":"a.txt"}' },
  { type: 'part_end', index: 2 },
  { type: 'usage', usage },
  { type: 'finish', reason: 'tool_calls', raw: 'tool_use' },
];

function encode(events: StreamEvent[], sse: boolean, includeThoughts = true): string {
  const codec = createGeminiApiCodec({ model: 'agent-route', stream: true, sse });
  codec.parse({
    contents: [{ role: 'user', parts: [{ text: 'q' }] }],
    generationConfig: { thinkingConfig: { includeThoughts } },
  });
  const encoder = codec.createStreamEncoder(request);
  return events.map((event) => encoder.encode(event)).join('');
}

type Chunk = {
  candidates: Array<{ content: { parts: Array<Record<string, unknown>> }; finishReason?: string }>;
  usageMetadata?: Record<string, number>;
  modelVersion?: string;
};
const sseChunks = (text: string): Chunk[] =>
  text
    .split('\r\n\r\n')
    .filter(Boolean)
    .map((frame) => JSON.parse(frame.replace(/^data: /, '')) as Chunk);
const partsOf = (chunks: Chunk[]) => chunks.flatMap((chunk) => chunk.candidates[0]!.content.parts);

describe('Gemini stream encoder', () => {
  it('streams text as it comes, a function call whole, and ends with the finish reason and usage', () => {
    const chunks = sseChunks(encode(thinkingToolCall, true));
    const parts = partsOf(chunks);
    expect(parts[0]).toEqual({ text: 'Read it first.', thought: true });
    expect(parts.slice(1, 3).map((part) => part.text)).toEqual(['Reading', ' it.']);
    expect(parts[3]).toEqual({
      functionCall: { id: 'toolu_1', name: 'read_file', args: { file_path: 'a.txt' } },
    });
    const last = chunks.at(-1)!;
    expect(last.candidates[0]!.finishReason).toBe('STOP');
    expect(last.usageMetadata).toEqual({
      promptTokenCount: 100,
      candidatesTokenCount: 25,
      thoughtsTokenCount: 15,
      cachedContentTokenCount: 20,
      totalTokenCount: 140,
    });
    // the answer speaks of the model the client asked for
    expect(chunks.every((chunk) => chunk.modelVersion === 'agent-route')).toBe(true);
  });

  it("carries the signed thinking on the next part's thoughtSignature, which parses back to the same reasoning", () => {
    const parts = partsOf(sseChunks(encode(thinkingToolCall, true, false)));
    // thoughts not asked for are not shown, but still carried
    expect(parts.some((part) => part.thought)).toBe(false);
    expect(parts[0]).toMatchObject({ text: 'Reading', thoughtSignature: expect.any(String) });
    const codec = createGeminiApiCodec({ model: 'agent-route', stream: false, sse: false });
    const next = codec.parse({
      contents: [
        { role: 'user', parts: [{ text: 'q' }] },
        {
          role: 'model',
          parts: [{ text: 'Reading it.', thoughtSignature: parts[0]!.thoughtSignature }, parts.at(-1)],
        },
      ],
    });
    expect(next.messages[1]!.content.slice(0, 2)).toEqual([
      { type: 'reasoning', text: 'Read it first.', signature: 'sig-anthropic' },
      { type: 'text', text: 'Reading it.' },
    ]);
  });

  it("keeps a Gemini upstream's own signature on its function call, and Gemini's own finish reason", () => {
    const events: StreamEvent[] = [
      { type: 'message_start', id: 'r1', model: 'gemini-3-pro-preview', created: 0 },
      {
        type: 'part_start',
        index: 0,
        part: {
          type: 'tool_call',
          id: 'call_0',
          name: 'ls',
          providerData: { thoughtSignature: 'Q2lj', provider: 'gemini' },
        },
      },
      { type: 'tool_arguments_delta', index: 0, arguments: '{}' },
      { type: 'part_end', index: 0 },
      { type: 'finish', reason: 'error', raw: 'MALFORMED_FUNCTION_CALL' },
    ];
    const chunks = sseChunks(encode(events, true));
    expect(partsOf(chunks)[0]).toEqual({
      functionCall: { id: 'call_0', name: 'ls', args: {} },
      thoughtSignature: 'Q2lj',
    });
    expect(chunks.at(-1)!.candidates[0]!.finishReason).toBe('MALFORMED_FUNCTION_CALL');
  });

  it('without alt=sse, writes one JSON array as it grows, closed at the end or by an error', () => {
    const text = encode(thinkingToolCall, false);
    expect(text.startsWith('[{')).toBe(true);
    const array = JSON.parse(text) as Chunk[];
    expect(partsOf(array)).toEqual(partsOf(sseChunks(encode(thinkingToolCall, true))));

    const codec = createGeminiApiCodec({ model: 'm', stream: true, sse: false });
    const encoder = codec.createStreamEncoder(request);
    expect(encoder.contentType).toMatch(/^application\/json/);
    const cut =
      encoder.encode(thinkingToolCall[0]!) +
      encoder.encode({ type: 'part_start', index: 0, part: { type: 'text' } }) +
      encoder.encode({ type: 'text_delta', index: 0, text: 'Hel' }) +
      encoder.encode({ type: 'text_delta', index: 0, text: 'lo' });
    const broken = JSON.parse(
      cut + encoder.encodeError(new RelayError('UPSTREAM_STREAM_ERROR', 'gone'), 'gone'),
    );
    expect(broken.at(-1)).toEqual({ error: { code: 502, message: 'gone', status: 'UNAVAILABLE' } });
  });
});
