import { isUtf8 } from 'node:buffer';
import { readFileSync } from 'node:fs';
import Anthropic from '@anthropic-ai/sdk';
import { beforeAll, describe, expect, it } from 'vitest';
import { clientKey, providerKey, useHarness } from '../helpers/relay-harness.js';
import { synthesizedModels } from '../../relay-core/src/emulator/synthesized/synthesized-scenarios.js';

// Claude Code's dialect: the official @anthropic-ai/sdk against /v1/messages, backed by
// OpenAI-compatible, Gemini and Anthropic upstreams replaying recorded traffic.
const fixtures = new URL('../../resources/recordings/', import.meta.url);
const lines = (path: string) =>
  readFileSync(new URL(path, fixtures), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line.replace(/^data: /, '')) as Record<string, any>); // eslint-disable-line @typescript-eslint/no-explicit-any
const openAIText = lines('vercel-ai/openai/openai-text.chunks.txt');
const openAIStreamedText = openAIText.map((c) => c.choices[0]?.delta?.content ?? '').join('');
const openAIUsage = openAIText.find((c) => c.usage)!.usage;

const harness = useHarness();
let client: Anthropic;
beforeAll(async () => {
  client = new Anthropic({ baseURL: harness.relay.url, apiKey: clientKey, maxRetries: 0 });
});

const capitalTool = {
  name: 'get_capital',
  description: 'The capital of a country',
  input_schema: {
    type: 'object' as const,
    properties: { country: { type: 'string' } },
    required: ['country'],
  },
};

describe('Anthropic Messages clients (@anthropic-ai/sdk) through the relay', () => {
  it('stream text from an OpenAI-compatible upstream with the exact Anthropic event sequence', async () => {
    const stream = client.messages.stream({
      model: 'openai/gpt-4.1-nano',
      max_tokens: 1000,
      system: 'Be creative.',
      messages: [{ role: 'user', content: 'Invent a holiday.' }],
    });
    const types: string[] = [];
    stream.on('streamEvent', (event) => types.push(event.type));
    const message = await stream.finalMessage();
    expect(message.content).toHaveLength(1);
    expect(message.content[0]).toMatchObject({ type: 'text', text: openAIStreamedText });
    expect(message.stop_reason).toBe('end_turn');
    expect(message.usage).toMatchObject({
      input_tokens: openAIUsage.prompt_tokens,
      output_tokens: openAIUsage.completion_tokens,
    });
    expect(types[0]).toBe('message_start');
    expect(types[1]).toBe('content_block_start');
    expect(types.filter((t) => t === 'content_block_delta').length).toBeGreaterThan(10);
    expect(types.slice(-3)).toEqual(['content_block_stop', 'message_delta', 'message_stop']);
    // the upstream got an OpenAI request with the system prompt first
    expect(harness.emulator.calls[0]!.body).toMatchObject({
      messages: [
        { role: 'system', content: 'Be creative.' },
        { role: 'user', content: 'Invent a holiday.' },
      ],
    });
  });

  it('answers a non-streamed request as one Anthropic message', async () => {
    const recorded = JSON.parse(readFileSync(new URL('vercel-ai/openai/openai-text.json', fixtures), 'utf8'));
    const message = await client.messages.create({
      model: 'openai/gpt-4.1-nano',
      max_tokens: 1000,
      messages: [{ role: 'user', content: 'Invent a holiday.' }],
    });
    expect(message.type).toBe('message');
    expect(message.content[0]).toMatchObject({ type: 'text', text: recorded.choices[0].message.content });
    expect(message.id).toMatch(/^msg_/);
  });

  it('streams a tool call incrementally (input_json_delta pieces) and the SDK parses the same input', async () => {
    const stream = client.messages.stream({
      model: 'openai/gpt-4o-mini',
      max_tokens: 1000,
      messages: [{ role: 'user', content: 'What is the capital of the UK? Use the tool, then answer.' }],
      tools: [capitalTool],
    });
    let jsonDeltas = 0;
    stream.on('streamEvent', (event) => {
      if (event.type === 'content_block_delta' && event.delta.type === 'input_json_delta') jsonDeltas += 1;
    });
    const message = await stream.finalMessage();
    const toolUse = message.content.find((block) => block.type === 'tool_use');
    expect(toolUse).toMatchObject({ type: 'tool_use', name: 'get_capital', input: { country: 'UK' } });
    expect(jsonDeltas).toBeGreaterThan(1);
    expect(message.stop_reason).toBe('tool_use');
  });

  it('streams text and a tool call from a Gemini upstream', async () => {
    const recordedCall = lines('vercel-ai/google/google-tool-call.chunks.txt')
      .flatMap((c) => c.candidates?.[0]?.content?.parts ?? [])
      .find((p: { functionCall?: unknown }) => p.functionCall).functionCall;
    const toolMessage = await client.messages
      .stream({
        model: 'gemini/gemini-3-pro-preview',
        max_tokens: 1000,
        messages: [{ role: 'user', content: 'Weather in San Francisco?' }],
        tools: [
          { name: 'weather', input_schema: { type: 'object', properties: { location: { type: 'string' } } } },
        ],
      })
      .finalMessage();
    expect(toolMessage.content.find((b) => b.type === 'tool_use')).toMatchObject({
      name: recordedCall.name,
      input: recordedCall.args,
    });

    const textMessage = await client.messages
      .stream({
        model: 'gemini/gemini-3-pro-preview',
        max_tokens: 1000,
        messages: [{ role: 'user', content: 'How many r in strawberry?' }],
      })
      .finalMessage();
    const recordedText = lines('vercel-ai/google/google-text.chunks.txt')
      .flatMap((c) => c.candidates?.[0]?.content?.parts ?? [])
      .map((p: { text?: string }) => p.text ?? '')
      .join('');
    expect(textMessage.content[0]).toMatchObject({ type: 'text', text: recordedText });
  });

  it('keeps thinking and its signature end to end from an Anthropic upstream', async () => {
    const recorded = lines('vercel-ai/anthropic/anthropic-clear-thinking.1.chunks.txt');
    const signature = recorded
      .filter((e) => e.delta?.type === 'signature_delta')
      .map((e) => e.delta.signature)
      .join('');
    const message = await client.messages
      .stream({
        model: 'anthropic/claude-sonnet-4-5',
        max_tokens: 4000,
        thinking: { type: 'enabled', budget_tokens: 2048 },
        messages: [{ role: 'user', content: 'Divide 925 by 5.' }],
      })
      .finalMessage();
    expect(message.content[0]).toMatchObject({ type: 'thinking', signature });
    expect(harness.emulator.calls[0]!.body).toMatchObject({
      thinking: { type: 'enabled', budget_tokens: 2048 },
    });
  });

  it("message_start carries Anthropic's own input usage; from an upstream that reports it at the end, an estimate the end corrects", async () => {
    const recorded = lines('vercel-ai/anthropic/anthropic-clear-thinking.1.chunks.txt')[0]!.message.usage;
    const starts: Array<Anthropic.Usage> = [];
    const fromAnthropic = client.messages.stream({
      model: 'anthropic/claude-sonnet-4-5',
      max_tokens: 4000,
      thinking: { type: 'enabled', budget_tokens: 2048 },
      messages: [{ role: 'user', content: 'Divide 925 by 5.' }],
    });
    fromAnthropic.on('streamEvent', (event) => {
      // a copy: the SDK accumulates the rest of the stream into the same object
      if (event.type === 'message_start') starts.push({ ...event.message.usage });
    });
    await fromAnthropic.finalMessage();
    expect(starts[0]).toMatchObject({
      input_tokens: recorded.input_tokens,
      cache_read_input_tokens: recorded.cache_read_input_tokens,
      cache_creation_input_tokens: recorded.cache_creation_input_tokens,
    });

    const fromOpenAI = client.messages.stream({
      model: 'openai/gpt-4.1-nano',
      max_tokens: 1000,
      messages: [{ role: 'user', content: 'Invent a holiday.' }],
    });
    fromOpenAI.on('streamEvent', (event) => {
      // a copy: the SDK accumulates the rest of the stream into the same object
      if (event.type === 'message_start') starts.push({ ...event.message.usage });
    });
    const message = await fromOpenAI.finalMessage();
    expect(starts[1]!.input_tokens).toBeGreaterThan(0);
    expect(message.usage.input_tokens).toBe(openAIUsage.prompt_tokens);
  });

  it('turns an upstream 429 into an Anthropic rate_limit_error', async () => {
    harness.emulator.inject({ status: 429, retryAfter: 3 });
    const error = await client.messages
      .create({ model: 'openai/gpt-4.1-nano', max_tokens: 100, messages: [{ role: 'user', content: 'hi' }] })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Anthropic.RateLimitError);
    expect((error as InstanceType<typeof Anthropic.RateLimitError>).error).toMatchObject({
      type: 'error',
      error: { type: 'rate_limit_error' },
    });
  });

  it('refuses bad requests in the Anthropic error shape', async () => {
    const noKey = await fetch(`${harness.relay.url}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(noKey.status).toBe(401);
    expect(await noKey.json()).toMatchObject({ type: 'error', error: { type: 'authentication_error' } });
    // a content block type the relay does not know goes to an Anthropic upstream as it is; an
    // OpenAI upstream cannot take it, and the refusal is worded as Anthropic words an unknown tag
    const bad = await fetch(`${harness.relay.url}/v1/messages`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-api-key': clientKey,
        'anthropic-version': '2023-06-01',
      },
      body: JSON.stringify({
        model: 'openai/gpt-4.1-nano',
        max_tokens: 100,
        messages: [{ role: 'user', content: [{ type: 'hologram' }] }],
      }),
    });
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { type: string; error: { type: string; message: string } };
    expect(body).toMatchObject({ type: 'error', error: { type: 'invalid_request_error' } });
    expect(body.error.message).toMatch(
      /^messages\.0\.content\.0: Input tag 'hologram' found using 'type' does not match any of the expected tags: /,
    );
    expect(harness.emulator.calls).toHaveLength(0);
  });

  it('refuses a field of its own another provider cannot honour, and serves one that only tunes Anthropic', async () => {
    const refused = await client.messages
      .create({
        model: 'openai/gpt-4.1-nano',
        max_tokens: 100,
        top_k: 5,
        messages: [{ role: 'user', content: 'How are you?' }],
      } as Anthropic.MessageCreateParamsNonStreaming)
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(Anthropic.BadRequestError);
    expect((refused as InstanceType<typeof Anthropic.BadRequestError>).error).toMatchObject({
      type: 'error',
      error: {
        type: 'invalid_request_error',
        message: expect.stringMatching(/^top_k: Extra inputs are not permitted/),
      },
    });
    expect(harness.emulator.calls).toHaveLength(0);
    // Claude Code's context editing: the OpenAI upstream has none, and the answer is still whole
    const served = await client.beta.messages.create({
      model: 'openai/gpt-4.1-nano',
      max_tokens: 100,
      betas: ['context-management-2025-06-27'],
      context_management: { edits: [{ type: 'clear_tool_uses_20250919' }] },
      messages: [{ role: 'user', content: 'How are you?' }],
    });
    expect(served.content[0]).toMatchObject({ type: 'text' });
    expect(harness.emulator.calls[0]!.body).not.toHaveProperty('context_management');
  });

  it('asks another provider for the structured output it asked for, and the answer holds to the schema', async () => {
    const schema = {
      type: 'object',
      properties: { city: { type: 'string' }, population: { type: 'integer' } },
      required: ['city', 'population'],
      additionalProperties: false,
    };
    const message = await client.messages.create({
      model: `openai/${synthesizedModels.schemaAnswer}`,
      max_tokens: 100,
      output_config: { format: { type: 'json_schema', schema } },
      messages: [{ role: 'user', content: 'The largest city of France?' }],
    });
    const text = message.content.find((block) => block.type === 'text')!.text;
    // the emulator's synthesized model answers with the simplest instance of the schema it was sent
    expect(JSON.parse(text)).toEqual({ city: 'example', population: 1 });
    expect(harness.emulator.calls[0]!.body).toMatchObject({
      response_format: { type: 'json_schema', json_schema: { schema, strict: true } },
    });
  });

  it('counts tokens for a request', async () => {
    const counted = await client.messages.countTokens({
      model: 'openai/gpt-4.1-nano',
      messages: [{ role: 'user', content: 'Hello world' }],
    });
    expect(counted.input_tokens).toBe(6);
  });
});

describe('Anthropic clients on an Anthropic upstream: the body goes as the client wrote it', () => {
  it("sends a beta request's fields and betas on, the model replaced, as Claude Code's requests are", async () => {
    const message = await client.beta.messages.create({
      model: 'anthropic/claude-sonnet-4-5',
      max_tokens: 100,
      service_tier: 'standard_only',
      betas: ['context-management-2025-06-27'],
      context_management: { edits: [{ type: 'clear_tool_uses_20250919' }] },
      messages: [{ role: 'user', content: 'How are you?' }],
    });
    expect(message.content[0]).toMatchObject({ type: 'text' });
    const call = harness.emulator.calls[0]!;
    // fields the relay does not model (service_tier, context_management) reach the upstream
    expect(call.body).toEqual({
      model: 'claude-sonnet-4-5',
      max_tokens: 100,
      service_tier: 'standard_only',
      context_management: { edits: [{ type: 'clear_tool_uses_20250919' }] },
      messages: [{ role: 'user', content: 'How are you?' }],
    });
    expect(call.headers['anthropic-beta']).toBe('context-management-2025-06-27');
    expect(call.headers['x-api-key']).toBe(providerKey);
  });

  it("passes on Anthropic's refusal in Anthropic's words, so Claude Code's own fallbacks apply", async () => {
    // Claude Code resends mid-conversation system messages as user text when Anthropic says this
    const refusal = {
      type: 'invalid_request_error',
      message: 'messages.1: role "system" must follow a user or assistant message',
      details: { error_code: 'mid_conversation_system_not_supported' },
    };
    harness.emulator.inject({ status: 400, body: { type: 'error', error: refusal } });
    const error = await client.messages
      .create({
        model: 'anthropic/claude-sonnet-4-5',
        max_tokens: 100,
        messages: [
          { role: 'user', content: 'hi' },
          { role: 'system', content: 'Be brief.' },
        ] as Anthropic.MessageParam[],
      })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Anthropic.BadRequestError);
    expect((error as InstanceType<typeof Anthropic.BadRequestError>).error).toEqual({
      type: 'error',
      error: refusal,
    });
  });

  it('keeps every byte but the model: spacing, key order, escapes', async () => {
    const text =
      '{ "max_tokens": 100,\n  "messages": [ {"role": "user", "content": "caf\\u00e9 \\"model\\""} ],\n' +
      '  "model": "anthropic/claude-sonnet-4-5", "stream": false }';
    const answer = await fetch(`${harness.relay.url}/v1/messages`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-api-key': clientKey,
        'anthropic-version': '2023-06-01',
      },
      body: text,
    });
    expect(answer.status).toBe(200);
    expect(harness.emulator.calls[0]!.text).toBe(
      text.replace('"anthropic/claude-sonnet-4-5"', '"claude-sonnet-4-5"'),
    );
    expect(harness.emulator.calls[0]!.headers['anthropic-beta']).toBeUndefined();
  });

  const sendBytes = (bytes: Buffer) =>
    fetch(`${harness.relay.url}/v1/messages`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-api-key': clientKey,
        'anthropic-version': '2023-06-01',
      },
      body: new Uint8Array(bytes),
    });

  it('keeps characters beyond ASCII byte for byte', async () => {
    const text =
      '{"model":"anthropic/claude-sonnet-4-5","max_tokens":100,' +
      '"system":"Réponds en français — “toujours”.","messages":[{"role":"user","content":"日本語? 😀"}]}';
    const answer = await sendBytes(Buffer.from(text));
    expect(answer.status).toBe(200);
    const expected = Buffer.from(text.replace('"anthropic/claude-sonnet-4-5"', '"claude-sonnet-4-5"'));
    expect(harness.emulator.calls[0]!.bytes!.equals(expected)).toBe(true);
  });

  it('sends valid UTF-8 upstream when the client sent a broken sequence (as the relay read it)', async () => {
    const text =
      '{"model":"anthropic/claude-sonnet-4-5","max_tokens":100,"messages":[{"role":"user","content":"a?b"}]}';
    const bytes = Buffer.from(text);
    // a lone continuation byte where the question mark was
    bytes[bytes.indexOf('a?b') + 1] = 0x80;
    const answer = await sendBytes(bytes);
    expect(answer.status).toBe(200);
    const sent = harness.emulator.calls[0]!.bytes!;
    expect(isUtf8(sent)).toBe(true);
    expect(harness.emulator.calls[0]!.body).toMatchObject({
      model: 'claude-sonnet-4-5',
      messages: [{ role: 'user', content: [{ type: 'text', text: 'a\ufffdb' }] }],
    });
  });

  it('converts a turn whose tool ids carry a Gemini signature, so Anthropic gets the original ids, the betas and unmodeled fields', async () => {
    const tools = [
      {
        name: 'weather',
        input_schema: { type: 'object' as const, properties: { location: { type: 'string' } } },
      },
    ];
    const question = { role: 'user' as const, content: 'Weather in San Francisco?' };
    const first = await client.messages.create({
      model: 'gemini/gemini-3-pro-preview',
      max_tokens: 1000,
      messages: [question],
      tools,
    });
    const toolUse = first.content.find((block) => block.type === 'tool_use')!;
    expect(toolUse.id).toContain('__sig_');
    await client.beta.messages.create({
      model: 'anthropic/claude-sonnet-4-5',
      max_tokens: 1000,
      messages: [
        question,
        { role: 'assistant', content: first.content },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: toolUse.id, content: '{"temp":18}' }] },
      ],
      tools,
      betas: ['context-1m-2025-08-07', 'context-management-2025-06-27'],
      context_management: { edits: [{ type: 'clear_tool_uses_20250919' }] },
    });
    // a beta without body fields still applies to the converted request, and fields the relay
    // does not model still reach Anthropic
    expect(harness.emulator.calls[1]!.headers['anthropic-beta']).toBe(
      'context-1m-2025-08-07,context-management-2025-06-27',
    );
    const sent = harness.emulator.calls[1]!.body as {
      context_management: unknown;
      messages: Array<{ content: Array<{ type: string; id?: string; tool_use_id?: string }> }>;
    };
    expect(sent.context_management).toEqual({ edits: [{ type: 'clear_tool_uses_20250919' }] });
    const originalId = toolUse.id.slice(0, toolUse.id.indexOf('__sig_'));
    expect(sent.messages[1]!.content.find((block) => block.type === 'tool_use')?.id).toBe(originalId);
    expect(sent.messages[2]!.content[0]).toMatchObject({ type: 'tool_result', tool_use_id: originalId });
  });
});
