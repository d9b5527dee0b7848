import { describe, expect, it } from 'vitest';
import { accumulateStream } from '../../canonical/accumulate-stream.js';
import type { CanonicalRequest, StreamEvent, TokenLogprob } from '../../canonical/types.js';
import { ResponsesEventConverter } from './convert-responses-events.js';
import type { ResponsesEventWire } from './convert-responses-events.js';
import { convertToResponsesRequest } from './convert-to-responses-request.js';

// shapes as OpenAI's API reference documents them (the recordings hold no refusal or logprobs)
const logprob = (token: string): TokenLogprob => ({
  token,
  logprob: -0.01,
  bytes: [...Buffer.from(token)],
  top_logprobs: [{ token, logprob: -0.01, bytes: [...Buffer.from(token)] }],
});

function convert(events: ResponsesEventWire[]): StreamEvent[] {
  const converter = new ResponsesEventConverter('openai');
  return events.flatMap((event) => [...converter.convert(event)]);
}

describe('the OpenAI Responses upstream', () => {
  it("keeps a streamed answer's token log probabilities and its refusal", () => {
    const events = convert([
      { type: 'response.created', response: { id: 'resp_1', model: 'o1-pro', created_at: 1 } },
      {
        type: 'response.output_text.delta',
        output_index: 0,
        content_index: 0,
        delta: 'Hel',
        logprobs: [logprob('Hel')],
      },
      {
        type: 'response.output_text.delta',
        output_index: 0,
        content_index: 0,
        delta: 'lo',
        logprobs: [logprob('lo')],
      },
      { type: 'response.refusal.delta', output_index: 0, content_index: 1, delta: 'I cannot ' },
      { type: 'response.refusal.delta', output_index: 0, content_index: 1, delta: 'do that.' },
      { type: 'response.output_item.done', output_index: 0 },
      { type: 'response.completed', response: { status: 'completed' } },
    ]);
    const answer = accumulateStream(events);
    expect(answer.content).toEqual([
      { type: 'text', text: 'Hello' },
      { type: 'text', text: 'I cannot do that.', refusal: true },
    ]);
    expect(answer.logprobs?.map((entry) => entry.token)).toEqual(['Hel', 'lo']);
  });

  it("keeps a whole answer's token log probabilities and its refusal", () => {
    const converter = new ResponsesEventConverter('openai');
    const answer = accumulateStream(
      converter.convertWhole({
        id: 'resp_2',
        model: 'o1-pro',
        status: 'completed',
        output: [
          {
            type: 'message',
            content: [
              { type: 'output_text', text: 'Hi', annotations: [], logprobs: [logprob('Hi')] },
              { type: 'refusal', refusal: 'No more.' },
            ],
          },
        ],
      }),
    );
    expect(answer.content).toEqual([
      { type: 'text', text: 'Hi' },
      { type: 'text', text: 'No more.', refusal: true },
    ]);
    expect(answer.logprobs).toEqual([logprob('Hi')]);
  });

  it('asks for log probabilities as the Responses API takes them, and sends a refusal back as one', () => {
    const request: CanonicalRequest = {
      model: 'o1-pro',
      stream: false,
      includeUsage: false,
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'Fill this in.' }] },
        { role: 'assistant', content: [{ type: 'text', text: 'I cannot.', refusal: true }] },
        { role: 'user', content: [{ type: 'text', text: 'Then say hello.' }] },
      ],
      passthrough: { logprobs: true, top_logprobs: 3 },
    };
    const body = convertToResponsesRequest(request, 'o1-pro');
    expect(body).toMatchObject({ include: ['message.output_text.logprobs'], top_logprobs: 3 });
    expect((body.input as unknown[])[1]).toEqual({
      role: 'assistant',
      content: [{ type: 'refusal', refusal: 'I cannot.' }],
    });
  });
});
