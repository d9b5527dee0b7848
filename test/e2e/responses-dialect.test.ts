import { readFileSync } from 'node:fs';
import type { APIError } from 'openai';
import { describe, expect, it } from 'vitest';
import {
  synthesizedModels,
  synthesizedRefusal,
} from '../../relay-core/src/emulator/synthesized/synthesized-scenarios.js';
import { useHarness } from '../helpers/relay-harness.js';

// Codex CLI's dialect: the official openai SDK's Responses API against /v1/responses, backed by
// Anthropic and OpenAI-compatible (DeepSeek) upstreams replaying recorded traffic.
const fixtures = new URL('../../resources/recordings/', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, fixtures), 'utf8');
const anthropicText = read('vercel-ai/anthropic/anthropic-text.chunks.txt')
  .split('\n')
  .filter((line) => line.includes('text_delta'))
  .map((line) => (JSON.parse(line) as { delta: { text: string } }).delta.text)
  .join('');

const harness = useHarness();

describe('OpenAI Responses clients (openai SDK) through the relay', () => {
  it('streams an Anthropic answer as Responses events, numbered in order, ending with usage', async () => {
    const stream = harness.openai.responses.stream({
      model: 'anthropic/claude-sonnet-4-5',
      input: 'How are you?',
      instructions: 'Be kind.',
    });
    const sequence: number[] = [];
    const types: string[] = [];
    stream.on('event', (event) => {
      sequence.push(event.sequence_number);
      types.push(event.type);
    });
    const response = await stream.finalResponse();
    expect(response.output_text).toBe(anthropicText);
    expect(response.status).toBe('completed');
    expect(response.usage).toMatchObject({ input_tokens: 12, output_tokens: 30 });
    expect(sequence).toEqual(sequence.map((_, i) => i));
    expect(types[0]).toBe('response.created');
    expect(types).toContain('response.output_text.delta');
    expect(types.at(-1)).toBe('response.completed');
    expect(harness.emulator.calls[0]!.body).toMatchObject({ system: [{ type: 'text', text: 'Be kind.' }] });
  });

  it('answers a non-streamed request from a DeepSeek-style upstream', async () => {
    const recorded = JSON.parse(read('vercel-ai/deepseek/deepseek-text.json'));
    const response = await harness.openai.responses.create({
      model: 'openai/deepseek-chat',
      input: 'Tell me a story.',
    });
    expect(response.output_text).toBe(recorded.choices[0].message.content);
    expect(response.id).toMatch(/^resp_/);
    // the recording stopped at its token limit
    expect(response.status).toBe('incomplete');
    expect(response.incomplete_details).toEqual({ reason: 'max_output_tokens' });
  });

  it('round-trips a function call through previous_response_id, on an Anthropic upstream', async () => {
    const first = await harness.openai.responses
      .stream({
        model: 'anthropic/claude-sonnet-4-5',
        input: 'Update the issue list.',
        tools: [
          {
            type: 'function',
            name: 'updateIssueList',
            parameters: { type: 'object', properties: {} },
            strict: false,
          },
        ],
      })
      .finalResponse();
    const call = first.output.find((item) => item.type === 'function_call');
    expect(call).toMatchObject({ type: 'function_call', name: 'updateIssueList', arguments: '{}' });
    expect(first.output_text).toBe("I'll update the issue list for you.");

    const second = await harness.openai.responses
      .stream({
        model: 'anthropic/claude-sonnet-4-5',
        previous_response_id: first.id,
        input: [
          {
            type: 'function_call_output',
            call_id: call!.type === 'function_call' ? call!.call_id : '',
            output: 'done',
          },
        ],
      })
      .finalResponse();
    expect(second.output_text).toBe(anthropicText);
    expect(second.previous_response_id).toBe(first.id);
    // the upstream saw the whole conversation, rebuilt by the relay in Anthropic's shape
    expect(harness.emulator.calls[1]!.body).toMatchObject({
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'Update the issue list.' }] },
        {
          role: 'assistant',
          content: [
            { type: 'text', text: "I'll update the issue list for you." },
            { type: 'tool_use', name: 'updateIssueList', input: {} },
          ],
        },
        { role: 'user', content: [{ type: 'tool_result', content: [{ type: 'text', text: 'done' }] }] },
      ],
    });
  });

  it('round-trips a function call through previous_response_id, on an OpenAI upstream', async () => {
    const first = await harness.openai.responses
      .stream({
        model: 'openai/gpt-4o-mini',
        input: 'What is the capital of the UK? Use the tool, then answer.',
        tools: [
          {
            type: 'function',
            name: 'get_capital',
            parameters: { type: 'object', properties: { country: { type: 'string' } } },
            strict: false,
          },
        ],
      })
      .finalResponse();
    const call = first.output.find((item) => item.type === 'function_call');
    expect(call).toMatchObject({ type: 'function_call', name: 'get_capital', arguments: '{"country":"UK"}' });
    const second = await harness.openai.responses
      .stream({
        model: 'openai/gpt-4o-mini',
        previous_response_id: first.id,
        input: [
          {
            type: 'function_call_output',
            call_id: call!.type === 'function_call' ? call!.call_id : '',
            output: 'London',
          },
        ],
      })
      .finalResponse();
    expect(second.output_text.length).toBeGreaterThan(0);
    expect(harness.emulator.calls[1]!.body).toMatchObject({
      messages: [
        { role: 'user', content: 'What is the capital of the UK? Use the tool, then answer.' },
        {
          role: 'assistant',
          tool_calls: [{ function: { name: 'get_capital', arguments: '{"country":"UK"}' } }],
        },
        { role: 'tool', content: 'London' },
      ],
    });
  });

  it('round-trips a function call through previous_response_id, on a DeepSeek reasoning upstream', async () => {
    const first = await harness.openai.responses
      .stream({
        model: 'openai/deepseek-reasoner',
        input: 'What is the weather?',
        tools: [
          {
            type: 'function',
            name: 'weather',
            parameters: { type: 'object', properties: { location: { type: 'string' } } },
            strict: false,
          },
        ],
      })
      .finalResponse();
    const call = first.output.find((item) => item.type === 'function_call');
    expect(call?.type).toBe('function_call');
    // DeepSeek's reasoning_content arrives as a reasoning summary item
    expect(first.output.some((item) => item.type === 'reasoning' && item.summary.length > 0)).toBe(true);
    const second = await harness.openai.responses
      .stream({
        model: 'openai/deepseek-reasoner',
        previous_response_id: first.id,
        input: [
          {
            type: 'function_call_output',
            call_id: call!.type === 'function_call' ? call!.call_id : '',
            output: '{"temp":21}',
          },
        ],
      })
      .finalResponse();
    expect(second.output_text.length).toBeGreaterThan(0);
    const sent = harness.emulator.calls[1]!.body as {
      messages: Array<{ role: string; tool_call_id?: string; content?: unknown }>;
    };
    expect(sent.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'tool']);
    expect(sent.messages[2]).toMatchObject({
      tool_call_id: call!.type === 'function_call' ? call!.call_id : '',
      content: '{"temp":21}',
    });
  });

  it('does not keep a conversation sent with store: false', async () => {
    const unstored = await harness.openai.responses.create({
      model: 'openai/deepseek-chat',
      input: 'hi',
      store: false,
    });
    const error = (await harness.openai.responses
      .create({ model: 'openai/deepseek-chat', input: 'again', previous_response_id: unstored.id })
      .catch((caught: unknown) => caught)) as APIError;
    expect(error.status).toBe(404);
    expect(error.param).toBe('previous_response_id');
  });

  it('turns an upstream 429 into an OpenAI error before the stream starts', async () => {
    harness.emulator.inject({ status: 429, match: { path: '/v1/messages' } });
    const error = (await harness.openai.responses
      .create({ model: 'anthropic/claude-sonnet-4-5', input: 'hi', stream: true })
      .catch((caught: unknown) => caught)) as APIError;
    expect(error.status).toBe(429);
  });

  it("passes a model's refusal as a refusal part, whole and streamed, and sends it back as one", async () => {
    // the emulator's synthesized model refuses when asked to; the SDK's stream accumulator throws
    // when a refusal delta does not belong to a `refusal` content part
    const model = `openai/${synthesizedModels.schemaAnswer}`;
    const whole = await harness.openai.responses.create({ model, input: 'Fill this in. [refuse]' });
    expect(whole.output).toEqual([
      expect.objectContaining({
        type: 'message',
        content: [{ type: 'refusal', refusal: synthesizedRefusal }],
      }),
    ]);
    expect(whole.output_text).toBe('');

    const stream = harness.openai.responses.stream({ model, input: 'Fill this in. [refuse]' });
    let deltas = '';
    stream.on('response.refusal.delta', (event) => (deltas += event.delta));
    const streamed = await stream.finalResponse();
    expect(deltas).toBe(synthesizedRefusal);
    expect(streamed.output).toEqual([
      // the SDK's stream helper adds `parsed` to each content part
      expect.objectContaining({
        content: [expect.objectContaining({ type: 'refusal', refusal: synthesizedRefusal })],
      }),
    ]);

    // the next turn, through the stored conversation: the upstream gets the refusal as `refusal`
    await harness.openai.responses.create({
      model,
      input: 'Then just say hello.',
      previous_response_id: streamed.id,
    });
    expect(harness.emulator.calls.at(-1)!.body).toMatchObject({
      messages: [
        { role: 'user', content: 'Fill this in. [refuse]' },
        { role: 'assistant', content: null, refusal: synthesizedRefusal },
        { role: 'user', content: 'Then just say hello.' },
      ],
    });
  });

  it('passes the token log probabilities a client included, whole and streamed', async () => {
    // the emulator's synthesized model answers `logprobs: true` in OpenAI's shape
    const request = {
      model: `openai/${synthesizedModels.schemaAnswer}`,
      input: 'Name a colour.',
      text: {
        format: {
          type: 'json_schema' as const,
          name: 'colour',
          schema: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] },
        },
      },
      include: ['message.output_text.logprobs' as const],
      top_logprobs: 2,
    };
    const whole = await harness.openai.responses.create(request);
    expect(harness.emulator.calls.at(-1)!.body).toMatchObject({ logprobs: true, top_logprobs: 2 });
    const part = whole.output.flatMap((item) => (item.type === 'message' ? item.content : []))[0];
    const logprobs = part?.type === 'output_text' ? (part.logprobs ?? []) : [];
    expect(logprobs.length).toBeGreaterThan(1);
    expect(logprobs.map((entry) => entry.token).join('')).toBe(whole.output_text);
    expect(logprobs.every((entry) => entry.top_logprobs?.length === 2)).toBe(true);

    const stream = harness.openai.responses.stream(request);
    const tokens: string[] = [];
    stream.on('response.output_text.delta', (event) => tokens.push(...event.logprobs.map((e) => e.token)));
    const streamed = await stream.finalResponse();
    expect(tokens.join('')).toBe(streamed.output_text);
    const done = streamed.output.flatMap((item) => (item.type === 'message' ? item.content : []))[0];
    expect(done?.type === 'output_text' && done.logprobs?.map((entry) => entry.token).join('')).toBe(
      streamed.output_text,
    );

    // an upstream that has no log probabilities refuses rather than answering without them
    const refused = await harness.openai.responses
      .create({ ...request, model: 'anthropic/claude-sonnet-4-5' })
      .catch((error: APIError) => error);
    expect(refused).toMatchObject({ status: 400, param: 'logprobs' });
  });
});
