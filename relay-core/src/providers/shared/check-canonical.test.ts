import { describe, expect, it } from 'vitest';
import { RelayError } from '../../canonical/errors.js';
import type { CanonicalResponse, StreamEvent } from '../../canonical/types.js';
import { checkedEvents, checkEvent, readUpstreamAnswer } from './check-canonical.js';

const usage = {
  inputTokens: 3,
  outputTokens: 5,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
  reasoningTokens: 0,
};
const answer: CanonicalResponse = {
  id: 'chatcmpl-1',
  model: 'gpt-4.1-nano',
  created: 1,
  content: [
    { type: 'text', text: 'hi' },
    { type: 'tool_call', id: 'call_1', name: 'f', arguments: '{}' },
  ],
  finishReason: 'stop',
  usage,
};

/** The message of the error a check throws, or undefined when it passes. */
function refusal(check: () => unknown): string | undefined {
  try {
    check();
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(RelayError);
    expect((error as RelayError).code).toBe('UPSTREAM_PROTOCOL_ERROR');
    expect((error as RelayError).status).toBe(502);
    return (error as RelayError).message;
  }
}

const wrong = <T>(value: T, patch: Record<string, unknown>) => ({ ...value, ...patch }) as T;

describe('canonical shape checks', () => {
  it('let well-formed events and answers through unchanged', () => {
    const events: StreamEvent[] = [
      { type: 'message_start', id: 'a', model: 'm', created: 1 },
      { type: 'part_start', index: 0, part: { type: 'tool_call', id: 'c', name: 'f' } },
      { type: 'tool_arguments_delta', index: 0, arguments: '{}' },
      {
        type: 'text_delta',
        index: 1,
        text: 'x',
        logprobs: [{ token: 'x', logprob: -1, bytes: null, top_logprobs: [] }],
      },
      { type: 'usage', usage },
      { type: 'finish', reason: 'stop', raw: 'stop' },
    ];
    for (const event of events) expect(checkEvent(event, 'openai')).toBe(event);
    expect(readUpstreamAnswer('openai', () => answer)).toBe(answer);
  });

  it('refuse token counts that are not numbers, so no cost is ever NaN', () => {
    const event: StreamEvent = { type: 'usage', usage: wrong(usage, { inputTokens: '12' }) };
    expect(refusal(() => checkEvent(event, 'deepseek'))).toBe(
      'deepseek: upstream sent an answer whose usage (inputTokens) has the wrong type',
    );
    expect(
      refusal(() =>
        readUpstreamAnswer('x', () => wrong(answer, { usage: wrong(usage, { outputTokens: -1 }) })),
      ),
    ).toContain('usage (outputTokens)');
  });

  it('name the field of the wrong type', () => {
    const cases: Array<[StreamEvent, string]> = [
      [wrong<StreamEvent>({ type: 'text_delta', index: 0, text: 'x' }, { text: { a: 1 } }), 'text'],
      [wrong<StreamEvent>({ type: 'text_delta', index: 0, text: 'x' }, { index: -1 }), 'part index'],
      [
        {
          type: 'part_start',
          index: 0,
          part: wrong({ type: 'tool_call', id: 'c', name: 'f' }, { name: null }),
        },
        'name',
      ],
      [wrong<StreamEvent>({ type: 'finish', reason: 'stop' }, { reason: 'constructor' }), 'finish reason'],
    ];
    for (const [event, field] of cases)
      expect(refusal(() => checkEvent(event, 'p'))).toBe(
        `p: upstream sent an answer whose ${field} has the wrong type`,
      );
    const call = wrong(answer.content[1]!, { arguments: { a: 1 } });
    expect(refusal(() => readUpstreamAnswer('p', () => wrong(answer, { content: [call] })))).toContain(
      'arguments',
    );
  });

  it("put an answer's metadata right: numeric ids as strings, a creation time that is none as now", () => {
    const before = Math.floor(Date.now() / 1000);
    const start = checkEvent(
      wrong<StreamEvent>(
        { type: 'message_start', id: 'a', model: 'm', created: 1 },
        { id: 42, model: null, created: '1' },
      ),
      'p',
    );
    expect(start).toMatchObject({ type: 'message_start', id: '42', model: '' });
    expect((start as { created: number }).created).toBeGreaterThanOrEqual(before);
    const call: StreamEvent = {
      type: 'part_start',
      index: 0,
      part: wrong({ type: 'tool_call', id: 'c', name: 'f' }, { id: 7 }),
    };
    expect(checkEvent(call, 'p')).toEqual({ ...call, part: { type: 'tool_call', id: '7', name: 'f' } });
    const whole = readUpstreamAnswer('p', () =>
      wrong(answer, { id: 42, content: [wrong(answer.content[1]!, { id: 3 })] }),
    );
    expect(whole.id).toBe('42');
    expect(whole.content[0]).toMatchObject({ type: 'tool_call', id: '3' });
    // an id that is neither text nor a number is no id
    expect(
      refusal(() => checkEvent({ ...call, part: wrong(call.part, { id: {} }) } as StreamEvent, 'p')),
    ).toContain('whose id has');
  });

  it("check a converter's events one by one, and make what it cannot read the upstream's error", () => {
    const converted = checkedEvents('bedrock', function* () {
      yield wrong<StreamEvent>({ type: 'message_start', id: 'a', model: 'm', created: 1 }, { id: 9 });
      throw new TypeError("Cannot read properties of null (reading 'delta')");
    });
    expect(converted.next().value).toMatchObject({ type: 'message_start', id: '9' });
    expect(refusal(() => converted.next())).toBe(
      'bedrock: upstream sent an answer of a shape the relay cannot read',
    );
  });

  it('turn what a converter cannot read into the upstream protocol error, naming the provider', () => {
    const message = refusal(() =>
      readUpstreamAnswer('gemini', () => {
        throw new TypeError("Cannot read properties of null (reading 'parts')");
      }),
    );
    expect(message).toBe('gemini: upstream sent an answer of a shape the relay cannot read');
  });
});
