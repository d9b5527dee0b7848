import { describe, expect, it } from 'vitest';
import { RelayError } from '../../canonical/errors.js';
import type { StreamEvent } from '../../canonical/types.js';
import type { SseEvent } from '../shared/parse-sse.js';
import { OpenAIChunkConverter } from './convert-openai-stream.js';
import { convertAsRelayDoes } from '../shared/upstream-reply.fixture.js';
import { accumulateStream } from '../../canonical/accumulate-stream.js';

const convertOpenAIStream = (events: AsyncIterable<SseEvent>, provider: string) =>
  convertAsRelayDoes(events, provider, new OpenAIChunkConverter(provider));

async function* sse(...payloads: unknown[]): AsyncGenerator<SseEvent> {
  for (const payload of payloads)
    yield { data: typeof payload === 'string' ? payload : JSON.stringify(payload) };
}

async function collect(events: AsyncIterable<StreamEvent>): Promise<StreamEvent[]> {
  const out: StreamEvent[] = [];
  for await (const event of events) out.push(event);
  return out;
}

const base = { id: 'chatcmpl-1', model: 'm-2025', created: 1 };
const delta = (d: Record<string, unknown>, finish: string | null = null) => ({
  ...base,
  choices: [{ index: 0, delta: d, finish_reason: finish }],
});

describe('convertOpenAIStream', () => {
  it('turns reasoning, text and parallel tool calls into ordered parts, with usage before finish', async () => {
    const events = await collect(
      convertOpenAIStream(
        sse(
          delta({ role: 'assistant', content: '' }),
          delta({ reasoning_content: 'think' }),
          delta({ content: 'Hi' }),
          delta({ tool_calls: [{ index: 0, id: 'a', function: { name: 'f', arguments: '' } }] }),
          delta({ tool_calls: [{ index: 0, function: { arguments: '{"x":' } }] }),
          delta({ tool_calls: [{ index: 0, function: { arguments: '1}' } }] }),
          delta({ tool_calls: [{ index: 1, id: 'b', function: { name: 'g', arguments: '{}' } }] }),
          delta({}, 'tool_calls'),
          {
            ...base,
            choices: [],
            usage: {
              prompt_tokens: 10,
              completion_tokens: 5,
              prompt_tokens_details: { cached_tokens: 4 },
              completion_tokens_details: { reasoning_tokens: 2 },
            },
          },
          '[DONE]',
        ),
        'openai',
      ),
    );
    expect(events).toEqual([
      { type: 'message_start', id: 'chatcmpl-1', model: 'm-2025', created: 1 },
      { type: 'part_start', index: 0, part: { type: 'reasoning' } },
      { type: 'reasoning_delta', index: 0, text: 'think' },
      { type: 'part_end', index: 0 },
      { type: 'part_start', index: 1, part: { type: 'text' } },
      { type: 'text_delta', index: 1, text: 'Hi' },
      { type: 'part_end', index: 1 },
      { type: 'part_start', index: 2, part: { type: 'tool_call', id: 'a', name: 'f' } },
      { type: 'tool_arguments_delta', index: 2, arguments: '{"x":' },
      { type: 'tool_arguments_delta', index: 2, arguments: '1}' },
      { type: 'part_end', index: 2 },
      { type: 'part_start', index: 3, part: { type: 'tool_call', id: 'b', name: 'g' } },
      { type: 'tool_arguments_delta', index: 3, arguments: '{}' },
      { type: 'part_end', index: 3 },
      {
        type: 'usage',
        // the upstream said nothing of cache writes, and nothing is claimed of them
        usage: { inputTokens: 10, outputTokens: 5, cacheReadTokens: 4, reasoningTokens: 2 },
      },
      { type: 'finish', reason: 'tool_calls', raw: 'tool_calls' },
    ]);
  });

  it("keeps each chunk's token log probabilities with its text, and a buffered answer keeps them all", async () => {
    const token = (text: string, logprob: number) => ({
      token: text,
      logprob,
      bytes: [...Buffer.from(text)],
      top_logprobs: [],
    });
    const withLogprobs = (content: string, tokens: ReturnType<typeof token>[]) => ({
      ...base,
      choices: [
        { index: 0, delta: { content }, logprobs: { content: tokens, refusal: null }, finish_reason: null },
      ],
    });
    const events = await collect(
      convertOpenAIStream(
        sse(
          delta({ role: 'assistant', content: '' }),
          withLogprobs('Hello', [token('Hello', -0.1)]),
          withLogprobs(' world', [token(' world', -0.2)]),
          delta({}, 'stop'),
          '[DONE]',
        ),
        'openai',
      ),
    );
    const deltas = events.filter((event) => event.type === 'text_delta');
    expect(deltas.map((event) => event.logprobs?.map((entry) => entry.token))).toEqual([
      ['Hello'],
      [' world'],
    ]);
    expect(accumulateStream(events).logprobs?.map((entry) => entry.logprob)).toEqual([-0.1, -0.2]);
  });

  it("reads Groq's x_groq.usage and DeepSeek's prompt_cache_hit_tokens", async () => {
    const groq = await collect(
      convertOpenAIStream(
        sse(
          delta({ content: 'a' }, 'stop'),
          { ...delta({}), x_groq: { usage: { prompt_tokens: 7, completion_tokens: 3 } } },
          '[DONE]',
        ),
        'groq',
      ),
    );
    expect(groq.find((e) => e.type === 'usage')).toMatchObject({
      usage: { inputTokens: 7, outputTokens: 3 },
    });
    const deepseek = await collect(
      convertOpenAIStream(
        sse(
          delta({ content: 'a' }, 'stop'),
          {
            ...base,
            choices: [],
            usage: { prompt_tokens: 9, completion_tokens: 1, prompt_cache_hit_tokens: 8 },
          },
          '[DONE]',
        ),
        'deepseek',
      ),
    );
    expect(deepseek.find((e) => e.type === 'usage')).toMatchObject({
      usage: { inputTokens: 9, cacheReadTokens: 8 },
    });
  });

  it('raises an in-stream error object (OpenRouter, Groq) as a stream error naming the provider', async () => {
    const run = collect(
      convertOpenAIStream(
        sse(delta({ content: 'a' }), { error: { message: 'Provider returned error', code: 502 } }),
        'openrouter',
      ),
    );
    await expect(run).rejects.toMatchObject({
      code: 'UPSTREAM_STREAM_ERROR',
      message: 'openrouter: Provider returned error',
    });
  });

  it('treats a stream that ends without a finish reason or [DONE] as cut off, and bad JSON as a protocol error', async () => {
    await expect(collect(convertOpenAIStream(sse(delta({ content: 'a' })), 'x'))).rejects.toBeInstanceOf(
      RelayError,
    );
    await expect(collect(convertOpenAIStream(sse(delta({ content: 'a' })), 'x'))).rejects.toMatchObject({
      code: 'UPSTREAM_STREAM_ERROR',
    });
    await expect(collect(convertOpenAIStream(sse('{"id": "tr'), 'x'))).rejects.toMatchObject({
      code: 'UPSTREAM_PROTOCOL_ERROR',
    });
  });
});
