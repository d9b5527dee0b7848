import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { accumulateStream } from '../../canonical/accumulate-stream.js';
import { toolNamed } from '../../canonical/flat-tool-name.js';
import { ResponsesStreamEncoder } from '../../dialects/openai-responses/encode-responses-stream.js';
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

const recording = (name: string) =>
  readFileSync(new URL(`../../../../resources/recordings/vercel-ai/openai/${name}`, import.meta.url), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as ResponsesEventWire & { response?: { output?: unknown[] } });

/** What a Responses client is shown of a recorded stream: the finished output the relay encodes. */
function relayed(events: ResponsesEventWire[], tools: CanonicalRequest['tools'] = []) {
  const converter = new ResponsesEventConverter('openai', (name, namespace) =>
    toolNamed(tools, name, namespace),
  );
  const canonical = events.flatMap((event) => [...converter.convert(event)]);
  let output: Array<Record<string, unknown>> = [];
  const encoder = new ResponsesStreamEncoder(
    { id: 'resp_relay', createdAt: 1, store: false },
    (done) => (output = done),
    new Map(tools.map((tool) => [tool.name, tool])),
  );
  for (const event of canonical) encoder.encode(event);
  return { canonical, output, answer: accumulateStream(canonical) };
}

describe("a Responses upstream's items reach a Responses client as the upstream made them", () => {
  it('the reasoning item with its final encrypted content, and the call with its ids (recorded)', () => {
    const events = recording('openai-reasoning-encrypted-content.1.chunks.txt');
    const first = events.slice(0, events.findIndex((event) => event.type === 'response.completed') + 1);
    // each serialisation of encrypted reasoning differs: the items as each was done
    const doneItems = first.flatMap((event) =>
      event.type === 'response.output_item.done' ? [event.item] : [],
    );
    const { output, answer } = relayed(first);
    expect(output).toEqual(doneItems);
    // the encrypted content the item ends with, not the one it opened with
    const reasoning = answer.content.find((part) => part.type === 'reasoning');
    const opened = first.find((event) => event.type === 'response.output_item.added')!.item!;
    expect(reasoning?.responsesItem?.encrypted_content).toBe(doneItems[0]!.encrypted_content);
    expect(reasoning?.responsesItem?.encrypted_content).not.toBe(opened.encrypted_content);
    expect(reasoning?.text).toMatch(/^\*\*Calculating step-by-step/);
  });

  it("web searches and summary-less reasoning the relay does not model, in the upstream's order (recorded)", () => {
    const events = recording('openai-web-search-tool.1.chunks.txt');
    const upstreamOutput = events.at(-1)!.response!.output;
    const { output, answer } = relayed(events);
    expect(output).toEqual(upstreamOutput);
    // clients of other dialects see the answer's text, and nothing of the searches
    expect(answer.content.filter((part) => part.type !== 'native').map((part) => part.type)).toEqual([
      'text',
    ]);
    expect(answer.content.filter((part) => part.type === 'native')).toHaveLength(13);
  });

  it('a namespaced call under its canonical name, a custom call with its text as `input` arguments', () => {
    const tools = [
      {
        name: 'multi_agent_v1__spawn_agent',
        parameters: {},
        namespace: { name: 'multi_agent_v1', member: 'spawn_agent' },
      },
      { name: 'apply_patch', parameters: {}, kind: 'custom' as const },
    ];
    const spawn = {
      type: 'function_call',
      id: 'fc_1',
      call_id: 'call_1',
      name: 'spawn_agent',
      namespace: 'multi_agent_v1',
      arguments: '{}',
    };
    const patch = {
      type: 'custom_tool_call',
      id: 'ctc_1',
      call_id: 'call_2',
      name: 'apply_patch',
      input: 'a "quoted"\npatch',
    };
    const { canonical, output, answer } = relayed(
      [
        { type: 'response.created', response: { id: 'r', model: 'gpt-5-codex' } },
        { type: 'response.output_item.added', output_index: 0, item: { ...spawn, arguments: '' } },
        { type: 'response.function_call_arguments.delta', output_index: 0, delta: '{}' },
        { type: 'response.output_item.done', output_index: 0, item: spawn },
        { type: 'response.output_item.added', output_index: 1, item: { ...patch, input: '' } },
        { type: 'response.custom_tool_call_input.delta', output_index: 1, delta: 'a "quo' },
        { type: 'response.custom_tool_call_input.delta', output_index: 1, delta: 'ted"\npatch' },
        { type: 'response.output_item.done', output_index: 1, item: patch },
        { type: 'response.completed', response: { status: 'completed' } },
      ],
      tools,
    );
    expect(answer.content).toMatchObject([
      { type: 'tool_call', id: 'call_1', name: 'multi_agent_v1__spawn_agent', arguments: '{}' },
      {
        type: 'tool_call',
        id: 'call_2',
        name: 'apply_patch',
        arguments: JSON.stringify({ input: patch.input }),
      },
    ]);
    expect(canonical.at(-1)).toMatchObject({ type: 'finish', reason: 'tool_calls' });
    expect(output).toEqual([spawn, patch]);
  });
});
