import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { StreamEvent } from '../../canonical/types.js';
import type { SseEvent } from '../shared/parse-sse.js';
import { AnthropicEventConverter } from './convert-anthropic-stream.js';
import { convertAsRelayDoes } from '../shared/upstream-reply.fixture.js';

const convertAnthropicStream = (events: AsyncIterable<SseEvent>, provider: string) =>
  convertAsRelayDoes(events, provider, new AnthropicEventConverter(provider));

// Recorded Anthropic streams (vercel/ai fixtures, Apache-2.0; see resources/recordings/SOURCES.md)
const fixtures = new URL('../../../../resources/recordings/vercel-ai/anthropic/', import.meta.url);

function recorded(name: string): Array<Record<string, unknown>> {
  return readFileSync(new URL(name, fixtures), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

async function* replay(payloads: Array<Record<string, unknown>>): AsyncGenerator<SseEvent> {
  for (const payload of payloads) yield { event: String(payload.type), data: JSON.stringify(payload) };
}

async function convert(payloads: Array<Record<string, unknown>>): Promise<StreamEvent[]> {
  const out: StreamEvent[] = [];
  for await (const event of convertAnthropicStream(replay(payloads), 'anthropic')) out.push(event);
  return out;
}

function upstreamText(payloads: Array<Record<string, unknown>>, deltaType: string, field: string): string {
  return payloads
    .filter((p) => p.type === 'content_block_delta' && (p.delta as Record<string, string>).type === deltaType)
    .map((p) => (p.delta as Record<string, string>)[field])
    .join('');
}

describe('convertAnthropicStream on recorded traffic', () => {
  it('keeps the text exactly and reports cumulative usage and the stop reason', async () => {
    const payloads = recorded('anthropic-text.chunks.txt');
    const events = await convert(payloads);
    const text = events.flatMap((e) => (e.type === 'text_delta' ? [e.text] : [])).join('');
    expect(text).toBe(upstreamText(payloads, 'text_delta', 'text'));
    expect(events.find((e) => e.type === 'usage')).toMatchObject({
      usage: { inputTokens: 12, outputTokens: 30 },
    });
    expect(events.at(-1)).toEqual({ type: 'finish', reason: 'stop', raw: 'end_turn' });
  });

  it("reports message_start's input and cache figures with the start, before any content", async () => {
    const payloads = recorded('anthropic-clear-thinking.1.chunks.txt');
    const reported = (payloads[0]!.message as { usage: Record<string, number> }).usage;
    const [start] = await convert(payloads);
    expect(start).toMatchObject({
      type: 'message_start',
      usage: {
        inputTokens:
          reported.input_tokens! + reported.cache_read_input_tokens! + reported.cache_creation_input_tokens!,
        cacheReadTokens: reported.cache_read_input_tokens,
        cacheWriteTokens: reported.cache_creation_input_tokens,
      },
    });
  });

  it('keeps thinking and its signature, so the next turn can send them back', async () => {
    const payloads = recorded('anthropic-clear-thinking.1.chunks.txt');
    const events = await convert(payloads);
    const thinking = events.flatMap((e) => (e.type === 'reasoning_delta' ? [e.text] : [])).join('');
    const signature = events.flatMap((e) => (e.type === 'signature_delta' ? [e.signature] : [])).join('');
    expect(thinking).toBe(upstreamText(payloads, 'thinking_delta', 'thinking'));
    expect(signature).toBe(upstreamText(payloads, 'signature_delta', 'signature'));
    expect(signature.length).toBeGreaterThan(50);
  });

  it('streams tool input incrementally, byte-identical, and gives a no-argument tool `{}`', async () => {
    const payloads = recorded('anthropic-json-tool.1.chunks.txt');
    const events = await convert(payloads);
    const deltas = events.flatMap((e) => (e.type === 'tool_arguments_delta' ? [e.arguments] : []));
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.join('')).toBe(upstreamText(payloads, 'input_json_delta', 'partial_json'));
    expect(events.at(-1)).toMatchObject({ reason: 'tool_calls' });

    const noArgs = await convert(recorded('anthropic-tool-no-args.chunks.txt'));
    const start = noArgs.find((e) => e.type === 'part_start' && e.part.type === 'tool_call');
    expect(start).toMatchObject({ part: { name: 'updateIssueList' } });
    expect(noArgs.filter((e) => e.type === 'tool_arguments_delta')).toEqual([
      { type: 'tool_arguments_delta', index: 1, arguments: '{}' },
    ]);
  });

  it('turns an in-stream overloaded error into a retryable overloaded error', async () => {
    const payloads = recorded('anthropic-text.chunks.txt').slice(0, 3);
    payloads.push({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } });
    await expect(convert(payloads)).rejects.toMatchObject({ code: 'UPSTREAM_OVERLOADED', isRetryable: true });
  });

  it('reports a stream cut before message_stop', async () => {
    await expect(convert(recorded('anthropic-text.chunks.txt').slice(0, 5))).rejects.toMatchObject({
      code: 'UPSTREAM_STREAM_ERROR',
    });
  });
});
