import { describe, expect, it } from 'vitest';
import { accumulateStream } from '../canonical/accumulate-stream.js';
import type { CanonicalResponse } from '../canonical/types.js';
import { answerToEvents } from './replay-answer.js';

describe('answerToEvents', () => {
  it('replays a whole answer (a cache hit, a gated stream) as events that add up to the same answer', () => {
    const answer: CanonicalResponse = {
      id: 'chatcmpl-1',
      model: 'gpt-4.1-nano',
      created: 1,
      content: [
        { type: 'reasoning', text: 'think', signature: 'sig' },
        { type: 'text', text: 'Hello world' },
        { type: 'text', text: 'I cannot help with the rest.', refusal: true },
        { type: 'tool_call', id: 'call_1', name: 'f', arguments: '{"x":1}' },
      ],
      finishReason: 'tool_calls',
      rawFinishReason: 'tool_calls',
      usage: { inputTokens: 3, outputTokens: 5, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 1 },
      logprobs: [
        { token: 'Hello', logprob: -0.1, bytes: [72, 101, 108, 108, 111], top_logprobs: [] },
        { token: ' world', logprob: -0.2, bytes: null, top_logprobs: [] },
      ],
    };
    expect(accumulateStream(answerToEvents(answer))).toEqual(answer);
  });
});
