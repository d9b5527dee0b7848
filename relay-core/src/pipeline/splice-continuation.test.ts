import { MessageStream } from '@anthropic-ai/sdk/lib/MessageStream';
import fc from 'fast-check';
import { ChatCompletionStream } from 'openai/lib/ChatCompletionStream';
import { ResponseStream } from 'openai/lib/responses/ResponseStream';
import { describe, expect, it } from 'vitest';
import type { StreamEvent, Usage } from '../canonical/types.js';
import { anthropicMessagesCodec } from '../dialects/anthropic-messages/anthropic-messages-codec.js';
import type { DialectCodec } from '../dialects/dialect-codec.js';
import { createGeminiApiCodec } from '../dialects/gemini-api/gemini-api-codec.js';
import { openAIChatCodec } from '../dialects/openai-chat/openai-chat-codec.js';
import { createResponsesCodec } from '../dialects/openai-responses/responses-codec.js';
import { ContinuationSplice } from './splice-continuation.js';
import { StreamProgress } from './stream-progress.js';

const usage = (inputTokens: number, outputTokens: number): Usage => ({
  inputTokens,
  outputTokens,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
  reasoningTokens: 0,
});

/** One attempt's stream: an opening, optional reasoning, then text in pieces. */
function answer(id: string, pieces: string[], options: { reasoning?: boolean } = {}): StreamEvent[] {
  const events: StreamEvent[] = [{ type: 'message_start', id, model: `model-${id}`, created: 1 }];
  let index = 0;
  if (options.reasoning) {
    events.push(
      { type: 'part_start', index, part: { type: 'reasoning' } },
      { type: 'reasoning_delta', index, text: 'Let me think.' },
      { type: 'part_end', index },
    );
    index += 1;
  }
  events.push({ type: 'part_start', index, part: { type: 'text' } });
  for (const text of pieces) events.push({ type: 'text_delta', index, text });
  events.push({ type: 'part_end', index });
  return events;
}

function ending(reported: Usage): StreamEvent[] {
  return [
    { type: 'usage', usage: reported },
    { type: 'finish', reason: 'stop', raw: 'stop' },
  ];
}

interface Dialect {
  name: string;
  codec: DialectCodec;
  body: unknown;
  /** The answer text and usage a client of the dialect reads from the stream, checked for validity. */
  read(stream: string): Promise<{ text: string; output: number | undefined }>;
}

/** The `data:` payloads of a server-sent event stream, as the SDKs' JSON-lines readers take them. */
function jsonLines(stream: string): ReadableStream<Uint8Array> {
  const lines = stream
    .split(/\r?\n/)
    .filter((line) => line.startsWith('data: ') && line !== 'data: [DONE]')
    .map((line) => line.slice(6));
  return new ReadableStream({
    start(controller) {
      controller.enqueue(new TextEncoder().encode(lines.join('\n') + '\n'));
      controller.close();
    },
  });
}

/** The named events of an SSE stream, in order. */
function eventTypes(stream: string): string[] {
  return [...stream.matchAll(/^event: (.+)$/gm)].map((match) => match[1]!);
}

const dialects: Dialect[] = [
  {
    name: 'OpenAI Chat',
    codec: openAIChatCodec,
    body: {
      model: 'm',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
      stream_options: { include_usage: true },
    },
    async read(stream) {
      expect(stream.match(/"role":"assistant"/g)).toHaveLength(1);
      expect(stream.trimEnd().endsWith('data: [DONE]')).toBe(true);
      const completion = await ChatCompletionStream.fromReadableStream(
        jsonLines(stream),
      ).finalChatCompletion();
      return {
        text: completion.choices[0]!.message.content ?? '',
        output: completion.usage?.completion_tokens,
      };
    },
  },
  {
    name: 'OpenAI Responses',
    codec: createResponsesCodec({ save: () => undefined, load: () => undefined }),
    body: { model: 'm', input: 'hi', stream: true },
    async read(stream) {
      const numbers = [...stream.matchAll(/"sequence_number":(\d+)/g)].map((match) => Number(match[1]));
      expect(numbers).toEqual(numbers.map((_, i) => i));
      expect(eventTypes(stream).filter((type) => type === 'response.created')).toHaveLength(1);
      const response = await ResponseStream.fromReadableStream(jsonLines(stream)).finalResponse();
      return { text: response.output_text, output: response.usage?.output_tokens };
    },
  },
  {
    name: 'Anthropic Messages',
    codec: anthropicMessagesCodec,
    body: { model: 'm', max_tokens: 100, messages: [{ role: 'user', content: 'hi' }], stream: true },
    async read(stream) {
      const types = eventTypes(stream);
      expect(types.filter((type) => type === 'message_start')).toHaveLength(1);
      expect(types.at(-1)).toBe('message_stop');
      // every block starts once and stops once, numbered from 0 without gaps
      const starts = [...stream.matchAll(/"type":"content_block_start","index":(\d+)/g)].map((m) =>
        Number(m[1]),
      );
      const stops = [...stream.matchAll(/"type":"content_block_stop","index":(\d+)/g)].map((m) =>
        Number(m[1]),
      );
      expect(starts).toEqual(starts.map((_, i) => i));
      expect(stops.sort()).toEqual(starts);
      const message = await MessageStream.fromReadableStream(jsonLines(stream)).finalMessage();
      const text = message.content.flatMap((block) => (block.type === 'text' ? [block.text] : [])).join('');
      return { text, output: message.usage.output_tokens };
    },
  },
  {
    name: 'Gemini API',
    codec: createGeminiApiCodec({ model: 'm', stream: true, sse: true }),
    body: { contents: [{ role: 'user', parts: [{ text: 'hi' }] }] },
    // @google/genai's stream yields each chunk as it is: the client's text is every chunk's text
    async read(stream) {
      const chunks = jsonLinesOf(stream) as Array<{
        candidates?: Array<{
          content?: { parts?: Array<{ text?: string; thought?: boolean }> };
          finishReason?: string;
        }>;
        usageMetadata?: { candidatesTokenCount?: number };
      }>;
      expect(chunks.filter((chunk) => chunk.candidates?.[0]?.finishReason)).toHaveLength(1);
      const text = chunks
        .flatMap((chunk) => chunk.candidates?.[0]?.content?.parts ?? [])
        .map((part) => (part.thought ? '' : (part.text ?? '')))
        .join('');
      return { text, output: chunks.at(-1)?.usageMetadata?.candidatesTokenCount };
    },
  },
];

function jsonLinesOf(stream: string): unknown[] {
  return stream
    .split(/\r?\n/)
    .filter((line) => line.startsWith('data: '))
    .map((line) => JSON.parse(line.slice(6)) as unknown);
}

/**
 * What the client's encoder is given: the first attempt's events up to its break, then the
 * continuation's through the splice (or, with no break, the first attempt whole).
 */
function spliced(
  first: StreamEvent[],
  breakAt: number,
  continuation: StreamEvent[],
  skip = '',
): StreamEvent[] {
  const progress = new StreamProgress();
  const sent = first.slice(0, breakAt);
  for (const event of sent) progress.observe(event);
  const point = progress.resumePoint();
  if (!point) throw new Error('not resumable');
  const splice = new ContinuationSplice(point, usage(10, 3), skip);
  return [...sent, ...continuation.flatMap((event) => splice.map(event))];
}

async function encode(
  dialect: Dialect,
  events: StreamEvent[],
): Promise<{ text: string; output: number | undefined }> {
  const request = dialect.codec.parse(dialect.body);
  const encoder = dialect.codec.createStreamEncoder(request);
  return dialect.read(events.map((event) => encoder.encode(event)).join(''));
}

describe.each(dialects)('a continuation spliced into a $name stream', (dialect) => {
  it('reads as one answer: the text sent before the break, then the continuation', async () => {
    const first = answer('a', ['The quick ', 'brown ', 'fox']);
    // broken after "The quick brown ", inside the open text part
    const events = spliced(first, 4, [...answer('b', ['jumps ', 'over.']), ...ending(usage(30, 4))]);
    const read = await encode(dialect, events);
    expect(read.text).toBe('The quick brown jumps over.');
    // the client consumed both attempts: 3 output tokens before the break, 4 after
    expect(read.output).toBe(7);
  });

  it("leaves out the continuation's reasoning and goes on in the text part the break left open", async () => {
    const first = answer('a', ['One, ', 'two, '], { reasoning: true });
    const continuation = [...answer('b', ['three.'], { reasoning: true }), ...ending(usage(30, 20))];
    const read = await encode(dialect, spliced(first, 7, continuation));
    expect(read.text).toBe('One, two, three.');
  });

  it('opens a new text part when the break came after the last one ended', async () => {
    const first = answer('a', ['Done.']);
    const read = await encode(
      dialect,
      spliced(first, first.length, [...answer('b', [' More.']), ...ending(usage(1, 1))]),
    );
    expect(read.text).toBe('Done. More.');
  });

  it('keeps the stream valid at every break point and for any text', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.string({ minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 8 }),
        fc.array(fc.string({ minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 8 }),
        fc.nat(),
        fc.boolean(),
        async (before, after, cut, reasoning) => {
          const first = answer('a', before, { reasoning });
          const textStart = reasoning ? 5 : 2;
          // somewhere after the first text and before the attempt's end
          const breakAt = textStart + 1 + (cut % (first.length - textStart));
          const sentText = first
            .slice(0, breakAt)
            .flatMap((event) => (event.type === 'text_delta' ? [event.text] : []))
            .join('');
          const read = await encode(
            dialect,
            spliced(first, breakAt, [...answer('b', after), ...ending(usage(5, 5))]),
          );
          expect(read.text).toBe(sentText + after.join(''));
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('a continuation', () => {
  it('does not send again the whitespace a prefill left out', () => {
    const progress = new StreamProgress();
    const first = answer('a', ['Hello, ']);
    for (const event of first.slice(0, 3)) progress.observe(event);
    const splice = new ContinuationSplice(progress.resumePoint()!, usage(1, 1), ' ');
    const texts = [...answer('b', [' ', ' world', '!'])].flatMap((event) =>
      splice.map(event).flatMap((mapped) => (mapped.type === 'text_delta' ? [mapped.text] : [])),
    );
    expect(texts).toEqual([' world', '!']);
  });

  it('numbers a tool call it makes after the parts the client has', () => {
    const progress = new StreamProgress();
    for (const event of answer('a', ['Let me look.']).slice(0, 3)) progress.observe(event);
    const splice = new ContinuationSplice(progress.resumePoint()!, usage(1, 1), '');
    const mapped = [
      { type: 'part_start', index: 0, part: { type: 'tool_call', id: 'c1', name: 'read' } },
      { type: 'tool_arguments_delta', index: 0, arguments: '{}' },
      { type: 'part_end', index: 0 },
    ].flatMap((event) => splice.map(event as StreamEvent));
    // the open text part ends before the call opens, at the next index
    expect(mapped).toEqual([
      { type: 'part_end', index: 0 },
      { type: 'part_start', index: 1, part: { type: 'tool_call', id: 'c1', name: 'read' } },
      { type: 'tool_arguments_delta', index: 1, arguments: '{}' },
      { type: 'part_end', index: 1 },
    ]);
  });

  it('reports at least the usage before it when it reports none of its own', () => {
    const progress = new StreamProgress();
    for (const event of answer('a', ['Hi']).slice(0, 3)) progress.observe(event);
    const splice = new ContinuationSplice(progress.resumePoint()!, usage(10, 3), '');
    const out = [...answer('b', ['!']), { type: 'finish', reason: 'stop' } as StreamEvent].flatMap((event) =>
      splice.map(event),
    );
    expect(out.filter((event) => event.type === 'usage')).toEqual([{ type: 'usage', usage: usage(10, 3) }]);
  });
});
