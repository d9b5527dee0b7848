import { describe, expect, it } from 'vitest';
import { RelayError } from '../../canonical/errors.js';
import type { StreamEvent } from '../../canonical/types.js';
import { OpenAIChunkConverter } from '../openai-compatible/convert-openai-stream.js';
import { sseSource } from './stream-source.js';
import type { StreamSource } from '../types.js';
import { fakeReply } from './upstream-reply.fixture.js';
import type { UpstreamReply } from './send-upstream.js';
import { done } from './upstream-body.js';
import { collectGarbage } from '../../../../test/helpers/collect-garbage.js';

const chunk = (content: string, finish: string | null = null) =>
  `data: ${JSON.stringify({
    id: 'chatcmpl-1',
    model: 'gpt-4.1-nano',
    created: 1,
    choices: [{ index: 0, delta: { content }, finish_reason: finish }],
  })}\n\n`;

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
    const { reply } = fakeReply([chunk('Hel') + chunk('lo') + chunk('!', 'stop') + 'data: [DONE]\n\n']);
    const source = sseSource(reply, 'openai', converter);
    expect(source.pull()).toBeUndefined(); // nothing read yet
    const first = await source.next();
    expect(first.value).toMatchObject({ type: 'message_start', model: 'gpt-4.1-nano' });
    expect(converted).toBe(1); // the rest of the read is still bytes
    // and says how much is left: the second and third chunks, and the end mark
    expect(source.pendingBytes?.()).toBe(chunk('lo').length + chunk('!', 'stop').length + 14);
    const rest: StreamEvent[] = [];
    for (let next = source.pull(); next && !next.done; next = source.pull()) rest.push(next.value);
    expect(source.pendingBytes?.()).toBe(0);
    expect(texts(rest)).toEqual(['Hel', 'lo', '!']);
    expect(rest.at(-1)).toMatchObject({ type: 'finish', reason: 'stop' });
    expect(source.pull()).toEqual({ done: true, value: undefined });
  });

  it('stops reading the body at the end mark, and asks for the next read only when a read is used up', async () => {
    const { reply, state } = fakeReply([
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
    const { reply } = fakeReply([chunk('partial')], { cut: true });
    const source = sseSource(reply, 'openai', new OpenAIChunkConverter('openai'));
    const error = await drain(source).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RelayError);
    expect(error).toMatchObject({
      code: 'UPSTREAM_STREAM_ERROR',
      message: 'openai: upstream stream was cut off',
    });
  });

  it('ends with a stream error when the body ends before the upstream finished', async () => {
    const { reply } = fakeReply([chunk('half an ans')]);
    const source = sseSource(reply, 'openai', new OpenAIChunkConverter('openai'));
    await expect(drain(source)).rejects.toMatchObject({
      code: 'UPSTREAM_STREAM_ERROR',
      message: 'openai: upstream stream ended before it finished',
    });
  });

  it('stops reading the body when an event cannot be parsed', async () => {
    const { reply, state } = fakeReply([chunk('fine') + 'data: {"choices":[{"delta":\n\n', chunk('more')]);
    const source = sseSource(reply, 'openai', new OpenAIChunkConverter('openai'));
    await expect(drain(source)).rejects.toMatchObject({ code: 'UPSTREAM_PROTOCOL_ERROR' });
    expect(state.readsTaken).toBe(1);
    expect(state.returned).toBe(true);
  });
});

describe('a finished sseSource', () => {
  // a read is a view of the socket's whole read buffer (64 kB), and the relay may keep a stream's
  // source for a while after the stream ended (pipeline/launch-attempt.ts)
  it('lets go of its last read', async () => {
    const reads = [
      Buffer.from(`${chunk('a')}${chunk('b', 'stop')}data: [DONE]\n\n: ${'x'.repeat(64 * 1024)}\n`),
    ];
    const lastRead = new WeakRef(reads[0]!.buffer);
    const iterator: AsyncIterableIterator<Uint8Array> = {
      next: () => Promise.resolve(reads.length > 0 ? { done: false, value: reads.shift()! } : done),
      return: () => Promise.resolve(done),
      [Symbol.asyncIterator]: () => iterator,
    };
    const reply: UpstreamReply = {
      status: 200,
      headers: {},
      text: () => Promise.reject(new Error('a stream is read in chunks')),
      chunks: () => iterator,
    };
    const source = sseSource(reply, 'openai', new OpenAIChunkConverter('openai'));
    expect(texts(await drain(source))).toEqual(['a', 'b']);
    await collectGarbage();
    expect(lastRead.deref()).toBeUndefined();
    // the source itself is still held here
    expect(source.pull()).toEqual(done);
  });
});
