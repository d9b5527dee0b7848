import { describe, expect, it } from 'vitest';
import { RelayError } from '../../canonical/errors.js';
import type { StreamEvent } from '../../canonical/types.js';
import { OpenAIChunkConverter } from '../openai-compatible/convert-openai-stream.js';
import type { UpstreamReply } from './send-upstream.js';
import { sseSource } from './stream-source.js';
import type { StreamSource } from './stream-source.js';

const chunk = (content: string, finish: string | null = null) =>
  `data: ${JSON.stringify({
    id: 'chatcmpl-1',
    model: 'gpt-4.1-nano',
    created: 1,
    choices: [{ index: 0, delta: { content }, finish_reason: finish }],
  })}\n\n`;

/** An upstream reply whose body arrives in the given reads; `cut` fails the read after them. */
function replyOf(reads: string[], options: { cut?: boolean } = {}) {
  const state = { readsTaken: 0, returned: false };
  const reply = {
    status: 200,
    headers: {},
    body: undefined as never,
    text: () => Promise.reject(new Error('a stream is read in chunks')),
    async *chunks() {
      try {
        for (const read of reads) {
          state.readsTaken += 1;
          yield Buffer.from(read);
        }
        if (options.cut) throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
      } finally {
        state.returned = true;
      }
    },
  } satisfies UpstreamReply;
  return { reply, state };
}

async function drain(source: StreamSource): Promise<StreamEvent[]> {
  const events: StreamEvent[] = [];
  for (;;) {
    const next = source.pull() ?? (await source.next());
    if (next.done) return events;
    events.push(next.value);
  }
}

const texts = (events: StreamEvent[]) =>
  events.flatMap((event) => (event.type === 'text_delta' ? [event.text] : []));

describe('sseSource', () => {
  it("hands out a read's events without waiting, converting each only when it is asked for", async () => {
    const converter = new OpenAIChunkConverter('openai');
    let converted = 0;
    const push = converter.push.bind(converter);
    converter.push = (event) => {
      converted += 1;
      return push(event);
    };
    const { reply } = replyOf([chunk('Hel') + chunk('lo') + chunk('!', 'stop') + 'data: [DONE]\n\n']);
    const source = sseSource(reply, 'openai', converter);
    expect(source.pull()).toBeUndefined(); // nothing read yet
    const first = await source.next();
    expect(first.value).toMatchObject({ type: 'message_start', model: 'gpt-4.1-nano' });
    expect(converted).toBe(1); // the rest of the read is still bytes
    const rest: StreamEvent[] = [];
    for (let next = source.pull(); next && !next.done; next = source.pull()) rest.push(next.value);
    expect(texts(rest)).toEqual(['Hel', 'lo', '!']);
    expect(rest.at(-1)).toMatchObject({ type: 'finish', reason: 'stop' });
    expect(source.pull()).toEqual({ done: true, value: undefined });
  });

  it('stops reading the body at the end mark, and asks for the next read only when a read is used up', async () => {
    const { reply, state } = replyOf([
      chunk('a'),
      chunk('b', 'stop') + 'data: [DONE]\n\n',
      'data: {"never":"read"}\n\n',
    ]);
    const source = sseSource(reply, 'openai', new OpenAIChunkConverter('openai'));
    const first = await source.next();
    expect(first.done).toBe(false);
    expect(state.readsTaken).toBe(1);
    const events = [first.value as StreamEvent, ...(await drain(source))];
    expect(texts(events)).toEqual(['a', 'b']);
    expect(state.readsTaken).toBe(2);
    expect(state.returned).toBe(true);
  });

  it('ends with a stream error when the upstream connection is cut mid-body', async () => {
    const { reply } = replyOf([chunk('partial')], { cut: true });
    const source = sseSource(reply, 'openai', new OpenAIChunkConverter('openai'));
    const error = await drain(source).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RelayError);
    expect(error).toMatchObject({
      code: 'UPSTREAM_STREAM_ERROR',
      message: 'openai: upstream stream was cut off',
    });
  });

  it('ends with a stream error when the body ends before the upstream finished', async () => {
    const { reply } = replyOf([chunk('half an ans')]);
    const source = sseSource(reply, 'openai', new OpenAIChunkConverter('openai'));
    await expect(drain(source)).rejects.toMatchObject({
      code: 'UPSTREAM_STREAM_ERROR',
      message: 'openai: upstream stream ended before it finished',
    });
  });

  it('stops reading the body when an event cannot be parsed', async () => {
    const { reply, state } = replyOf([chunk('fine') + 'data: {"choices":[{"delta":\n\n', chunk('more')]);
    const source = sseSource(reply, 'openai', new OpenAIChunkConverter('openai'));
    await expect(drain(source)).rejects.toMatchObject({ code: 'UPSTREAM_PROTOCOL_ERROR' });
    expect(state.readsTaken).toBe(1);
    expect(state.returned).toBe(true);
  });
});
