import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { APIError } from 'openai';
import type OpenAI from 'openai';
import Anthropic from '@anthropic-ai/sdk';
import { clientKey, startHarness } from '../helpers/relay-harness.js';
import {
  synthesizedModels,
  synthesizedRefusal,
} from '../../relay-core/src/emulator/synthesized/synthesized-scenarios.js';
import type { Harness } from '../helpers/relay-harness.js';

const fixtures = new URL('../../resources/recordings/', import.meta.url);
const textJson = JSON.parse(readFileSync(new URL('vercel-ai/openai/openai-text.json', fixtures), 'utf8'));
const textChunks = readFileSync(new URL('vercel-ai/openai/openai-text.chunks.txt', fixtures), 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line));
const streamedText = textChunks.map((chunk) => chunk.choices[0]?.delta?.content ?? '').join('');
const streamedUsage = textChunks.find((chunk) => chunk.usage)?.usage;

interface RequestRow {
  id: string;
  status: string;
  stream: number;
  provider: string;
  upstream_model: string;
  input_tokens: number;
  output_tokens: number;
  cost_usd: number | null;
  unpriced: number;
  ttft_ms: number | null;
  latency_ms: number;
  error_code: string | null;
  attempt_count: number;
}

let harness: Harness;

function rowFor(id: string | null): RequestRow {
  harness.relay.flushHistory();
  const row = harness.relay.db.prepare('SELECT * FROM requests WHERE id = ?').get(id) as
    RequestRow | undefined;
  if (!row) throw new Error(`no history row for ${id}`);
  return row;
}

function attemptsFor(id: string | null) {
  harness.relay.flushHistory();
  return harness.relay.db
    .prepare('SELECT * FROM attempts WHERE request_id = ? ORDER BY attempt_index')
    .all(id) as Array<{ provider: string; status: string; error_code: string | null }>;
}

/** A raw HTTP call, for what SDKs never send (bad Host, bad JSON, huge bodies). */
function rawRequest(options: {
  path: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}) {
  const url = new URL(harness.relay.url);
  return new Promise<{ status: number; body: string; headers: Record<string, unknown> }>(
    (resolve, reject) => {
      const req = httpRequest(
        {
          host: url.hostname,
          port: url.port,
          path: options.path,
          method: options.method ?? 'POST',
          headers: options.headers,
        },
        (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (body += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
        },
      );
      req.on('error', reject);
      req.end(options.body);
    },
  );
}

beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness.close();
});
beforeEach(() => {
  harness.emulator.reset();
  harness.backup.reset();
  harness.relay.runtime.health.reset();
});

describe('OpenAI Chat Completions through the relay (official openai SDK)', () => {
  it('answers a non-streamed completion with the upstream content, relay headers and a priced history row', async () => {
    const { data, response } = await harness.openai.chat.completions
      .create({ model: 'gpt-4.1-nano', messages: [{ role: 'user', content: 'Invent a holiday.' }] })
      .withResponse();
    expect(data.choices[0]!.message.content).toBe(textJson.choices[0].message.content);
    expect(data.usage?.prompt_tokens).toBe(textJson.usage.prompt_tokens);
    expect(response.headers.get('x-relay-provider')).toBe('openai');
    expect(response.headers.get('x-relay-model')).toBe(textJson.model);
    expect(response.headers.get('x-relay-attempts')).toBe('1');
    const cost = Number(response.headers.get('x-relay-cost-usd'));
    expect(cost).toBeGreaterThan(0);
    expect(Number(response.headers.get('x-relay-overhead-ms'))).toBeGreaterThanOrEqual(0);

    const row = rowFor(response.headers.get('x-relay-request-id'));
    expect(row).toMatchObject({
      status: 'ok',
      stream: 0,
      provider: 'openai',
      upstream_model: textJson.model,
      input_tokens: textJson.usage.prompt_tokens,
      output_tokens: textJson.usage.completion_tokens,
      unpriced: 0,
    });
    expect(row.cost_usd).toBeCloseTo(cost, 9);
    expect(row.latency_ms).toBeGreaterThan(0);
    // the upstream saw the provider key, the relay asked for the model the client named
    expect(harness.emulator.calls[0]!.headers.authorization).toMatch(/^Bearer sk-proj-/);
  });

  it('streams the recorded text chunk by chunk, with usage when the client asks for it', async () => {
    const { data: stream, response } = await harness.openai.chat.completions
      .create({
        model: 'gpt-4.1-nano',
        messages: [{ role: 'user', content: 'Invent a holiday.' }],
        stream: true,
        stream_options: { include_usage: true },
      })
      .withResponse();
    let text = '';
    let usage;
    let chunks = 0;
    for await (const chunk of stream) {
      chunks += 1;
      text += chunk.choices[0]?.delta?.content ?? '';
      if (chunk.usage) usage = chunk.usage;
    }
    expect(text).toBe(streamedText);
    expect(chunks).toBeGreaterThan(10);
    expect(usage?.prompt_tokens).toBe(streamedUsage.prompt_tokens);
    expect(usage?.completion_tokens).toBe(streamedUsage.completion_tokens);

    expect(harness.emulator.calls).toHaveLength(1);
    const latest = (await harness.waitForRequest(
      response.headers.get('x-relay-request-id'),
    )) as unknown as RequestRow;
    expect(latest).toMatchObject({
      status: 'ok',
      stream: 1,
      input_tokens: streamedUsage.prompt_tokens,
      unpriced: 0,
    });
    expect(latest.ttft_ms).toBeGreaterThan(0);
    expect(latest.cost_usd).toBeGreaterThan(0);
  });

  it('does not send a usage chunk to a streaming client that did not ask, yet still records tokens', async () => {
    const { data: stream, response } = await harness.openai.chat.completions
      .create({
        model: 'gpt-4.1-nano',
        messages: [{ role: 'user', content: 'Invent a holiday.' }],
        stream: true,
      })
      .withResponse();
    let sawUsage = false;
    for await (const chunk of stream) if (chunk.usage) sawUsage = true;
    expect(sawUsage).toBe(false);
    const latest = await harness.waitForRequest(response.headers.get('x-relay-request-id'));
    expect(latest).toMatchObject({ input_tokens: streamedUsage.prompt_tokens, usage_estimated: 0 });
  });

  it('streams a tool call whose arguments are byte-identical to what the model wrote', async () => {
    const recorded = harness.emulator.calls;
    const runner = harness.openai.chat.completions.stream({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'What is the capital of the UK? Use the tool, then answer.' }],
      tools: [
        {
          type: 'function',
          function: {
            name: 'get_capital',
            parameters: {
              type: 'object',
              properties: { country: { type: 'string' } },
              required: ['country'],
            },
          },
        },
      ],
    });
    const final = await runner.finalChatCompletion();
    const call = final.choices[0]!.message.tool_calls?.[0];
    expect(final.choices[0]!.finish_reason).toBe('tool_calls');
    expect(call?.type === 'function' && call.function.name).toBe('get_capital');
    expect(call?.type === 'function' && call.function.arguments).toBe('{"country":"UK"}');
    expect(recorded.length).toBe(1);
  });

  it('asks Anthropic for the JSON schema an OpenAI client asked for (output_config.format)', async () => {
    const schema = { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] };
    await harness.openai.chat.completions.create({
      model: 'anthropic/claude-sonnet-4-5',
      messages: [{ role: 'user', content: 'Name a colour.' }],
      response_format: { type: 'json_schema', json_schema: { name: 'colour', schema, strict: true } },
    });
    const call = harness.emulator.calls.find((recorded) => recorded.path === '/v1/messages');
    expect(call?.body).toMatchObject({ output_config: { format: { type: 'json_schema', schema } } });
  });

  it('passes the token log probabilities a client asked for, whole and streamed', async () => {
    // the emulator's synthesized model answers `logprobs: true` in OpenAI's shape
    const request = {
      model: `openai/${synthesizedModels.schemaAnswer}`,
      messages: [{ role: 'user' as const, content: 'Name a colour.' }],
      response_format: {
        type: 'json_schema' as const,
        json_schema: {
          name: 'colour',
          schema: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] },
        },
      },
      logprobs: true,
      top_logprobs: 2,
    };
    const whole = await harness.openai.chat.completions.create(request);
    const content = whole.choices[0]!.logprobs?.content ?? [];
    expect(content.length).toBeGreaterThan(1);
    expect(content.map((entry) => entry.token).join('')).toBe(whole.choices[0]!.message.content);
    expect(content.every((entry) => entry.top_logprobs.length === 2)).toBe(true);

    const stream = await harness.openai.chat.completions.create({ ...request, stream: true });
    let text = '';
    const tokens: string[] = [];
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta?.content ?? '';
      for (const entry of chunk.choices[0]?.logprobs?.content ?? []) tokens.push(entry.token);
    }
    expect(text).toBe(whole.choices[0]!.message.content);
    expect(tokens.join('')).toBe(text);
  });

  it("passes a model's refusal as refusal, whole and streamed, and as text to an Anthropic client", async () => {
    // the emulator's synthesized model refuses when asked to; OpenAI's SDK reads `refusal`
    const request = {
      model: `openai/${synthesizedModels.schemaAnswer}`,
      messages: [{ role: 'user' as const, content: 'Fill this in. [refuse]' }],
    };
    const whole = await harness.openai.chat.completions.create(request);
    expect(whole.choices[0]!.message.refusal).toBe(synthesizedRefusal);
    expect(whole.choices[0]!.message.content).toBeNull();

    const stream = await harness.openai.chat.completions.create({ ...request, stream: true });
    let refusal = '';
    let content = '';
    for await (const chunk of stream) {
      refusal += chunk.choices[0]?.delta?.refusal ?? '';
      content += chunk.choices[0]?.delta?.content ?? '';
    }
    expect(refusal).toBe(synthesizedRefusal);
    expect(content).toBe('');

    const anthropic = new Anthropic({ baseURL: harness.relay.url, apiKey: clientKey, maxRetries: 0 });
    const message = await anthropic.messages.create({ ...request, max_tokens: 100 });
    expect(message.content).toEqual([expect.objectContaining({ type: 'text', text: synthesizedRefusal })]);
  });

  it('sends an earlier refusal in the history back as `refusal`, as a field or a content part', async () => {
    const history = (assistant: Record<string, unknown>) => ({
      model: 'gpt-4.1-nano',
      messages: [
        { role: 'user', content: 'Fill this in.' },
        { role: 'assistant', ...assistant },
        { role: 'user', content: 'Then just say hello.' },
      ] as OpenAI.ChatCompletionMessageParam[],
    });
    await harness.openai.chat.completions.create(history({ content: null, refusal: 'I cannot.' }));
    await harness.openai.chat.completions.create(
      history({ content: [{ type: 'refusal', refusal: 'I cannot.' }] }),
    );
    for (const call of harness.emulator.calls.slice(-2)) {
      expect((call.body as { messages: unknown[] }).messages[1]).toEqual({
        role: 'assistant',
        content: null,
        refusal: 'I cannot.',
      });
    }
  });

  it('fails over to the backup provider on a 429 and records both attempts', async () => {
    harness.emulator.inject({ status: 429, retryAfter: 1 });
    const { data, response } = await harness.openai.chat.completions
      .create({ model: 'gpt-4.1-nano', messages: [{ role: 'user', content: 'hi' }] })
      .withResponse();
    expect(data.choices[0]!.message.content).toBe(textJson.choices[0].message.content);
    expect(response.headers.get('x-relay-provider')).toBe('backup');
    expect(response.headers.get('x-relay-attempts')).toBe('2');
    const attempts = attemptsFor(response.headers.get('x-relay-request-id'));
    expect(attempts.map((a) => [a.provider, a.status, a.error_code])).toEqual([
      ['openai', 'error', 'UPSTREAM_RATE_LIMITED'],
      ['backup', 'ok', null],
    ]);
  });

  it('fails over a stream whose primary resets before the first byte', async () => {
    harness.emulator.inject({ reset: 'before-headers' });
    const stream = await harness.openai.chat.completions.create({
      model: 'gpt-4.1-nano',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
    });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
    expect(text).toBe(streamedText);
    expect(harness.backup.calls).toHaveLength(1);
  });

  it('fails over a stream that opened but broke before any content', async () => {
    // the first recorded chunk only opens the message (role, no content)
    harness.emulator.inject({ endAfterChunks: 1 });
    const stream = await harness.openai.chat.completions.create({
      model: 'gpt-4.1-nano',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
    });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
    expect(text).toBe(streamedText);
    expect(harness.backup.calls).toHaveLength(1);
  });

  it('ends a stream that breaks after the first bytes with an error, recorded as failed', async () => {
    harness.emulator.inject({ dropAfterChunks: 5 });
    const { data: stream, response } = await harness.openai.chat.completions
      .create({ model: 'gpt-4.1-nano', messages: [{ role: 'user', content: 'hi' }], stream: true })
      .withResponse();
    let text = '';
    await expect(
      (async () => {
        for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
      })(),
    ).rejects.toThrow(/cut off|stream/i);
    expect(text.length).toBeGreaterThan(0);
    expect(text.length).toBeLessThan(streamedText.length);
    const latest = await harness.waitForRequest(response.headers.get('x-relay-request-id'));
    expect(latest).toMatchObject({ status: 'error', error_code: 'UPSTREAM_STREAM_ERROR' });
    expect(harness.backup.calls).toHaveLength(0);
  });

  it("records a stream's relay time without the upstream's pauses between chunks", async () => {
    harness.emulator.inject({ chunkDelayMs: 4 });
    const { data: stream, response } = await harness.openai.chat.completions
      .create({ model: 'gpt-4.1-nano', messages: [{ role: 'user', content: 'hi' }], stream: true })
      .withResponse();
    let chunks = 0;
    for await (const chunk of stream) if (chunk.choices[0]?.delta?.content) chunks += 1;
    const row = (await harness.waitForRequest(response.headers.get('x-relay-request-id'))) as {
      latency_ms: number;
      overhead_ms: number;
    };
    // the stream took at least 4 ms per chunk upstream; the relay's own share is a small part
    expect(row.latency_ms).toBeGreaterThan(chunks * 4);
    expect(row.overhead_ms).toBeGreaterThan(0);
    expect(row.overhead_ms).toBeLessThan(row.latency_ms / 4);
  });

  it("counts converting a whole answer as the relay's time, not the upstream's", async () => {
    // 8 MB the relay must parse but sends nothing of: its encoding stays small
    const answer = {
      id: 'chatcmpl-padded',
      object: 'chat.completion',
      created: 1,
      model: 'gpt-4.1-nano',
      choices: [{ index: 0, message: { role: 'assistant', content: 'Hi.' }, finish_reason: 'stop' }],
      usage: { prompt_tokens: 5, completion_tokens: 2, total_tokens: 7 },
      x_padding: Array.from({ length: 200_000 }, (_, index) => ({ index, note: 'padding' })),
    };
    harness.emulator.inject({ status: 200, body: answer });
    const { data, response } = await harness.openai.chat.completions
      .create({ model: 'gpt-4.1-nano', messages: [{ role: 'user', content: 'hi' }] })
      .withResponse();
    expect(data.choices[0]?.message.content).toBe('Hi.');
    const text = JSON.stringify(answer);
    const started = performance.now();
    JSON.parse(text);
    const parseMs = performance.now() - started;
    expect(Number(response.headers.get('x-relay-overhead-ms'))).toBeGreaterThan(parseMs * 0.3);
  });

  it('aborts the upstream request when the client disconnects', async () => {
    harness.emulator.inject({ chunkDelayMs: 50 });
    const controller = new AbortController();
    const stream = await harness.openai.chat.completions.create(
      { model: 'gpt-4.1-nano', messages: [{ role: 'user', content: 'hi' }], stream: true },
      { signal: controller.signal },
    );
    const iterator = stream[Symbol.asyncIterator]();
    await iterator.next();
    controller.abort();
    await iterator.next().catch(() => undefined);
    await expect.poll(() => harness.emulator.calls[0]?.aborted, { timeout: 5000 }).toBe(true);
    await expect
      .poll(() => {
        harness.relay.flushHistory();
        return harness.relay.db.prepare('SELECT status FROM requests ORDER BY created_at DESC LIMIT 1').get();
      })
      .toEqual({ status: 'client_closed' });
  });

  it('passes a client mistake reported by the upstream through without failing over', async () => {
    harness.emulator.inject({
      status: 400,
      body: {
        error: {
          message: "Unsupported value: 'messages[0].role'",
          type: 'invalid_request_error',
          param: 'messages[0].role',
          code: 'unsupported_value',
        },
      },
    });
    const error = await harness.openai.chat.completions
      .create({ model: 'gpt-4.1-nano', messages: [{ role: 'user', content: 'hi' }] })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(APIError);
    expect((error as APIError).status).toBe(400);
    expect((error as APIError).param).toBe('messages[0].role');
    expect((error as APIError).message).toContain("Unsupported value: 'messages[0].role'");
    expect(harness.backup.calls).toHaveLength(0);
  });

  it('answers an unknown model with a 404 in the OpenAI shape', async () => {
    const error = await harness.openai.chat.completions
      .create({ model: 'no-such-model', messages: [{ role: 'user', content: 'hi' }] })
      .then(
        () => undefined,
        (caught: unknown) => caught as APIError,
      );
    expect(error?.status).toBe(404);
    expect(error?.code).toBe('model_not_found');
  });

  it("lists the configured providers' models", async () => {
    const models = await harness.openai.models.list();
    const ids = models.data.map((model) => model.id);
    expect(ids).toContain('openai/gpt-4o-mini');
    expect(ids).toContain('backup/gpt-4o-mini');
  });
});

describe('requests the relay refuses, in the OpenAI error shape', () => {
  const json = { 'content-type': 'application/json', authorization: `Bearer ${clientKey}` };
  const body = JSON.stringify({ model: 'gpt-4.1-nano', messages: [{ role: 'user', content: 'hi' }] });

  it.each([
    [
      'a foreign Host header (DNS rebinding)',
      { headers: { ...json, host: 'evil.example:4141' }, body },
      403,
      'host_not_allowed',
    ],
    ['no client key', { headers: { 'content-type': 'application/json' }, body }, 401, 'invalid_api_key'],
    [
      'a wrong client key',
      { headers: { ...json, authorization: 'Bearer sb-wrong' }, body },
      401,
      'invalid_api_key',
    ],
    [
      'malformed JSON',
      { headers: json, body: '{"model": "gpt-4.1-nano", "messages": [' },
      400,
      'invalid_json',
    ],
    [
      'a cross-site form post',
      { headers: { ...json, 'content-type': 'text/plain' }, body },
      415,
      'unsupported_media_type',
    ],
    [
      'a body over the size limit',
      { headers: json, body: Buffer.alloc(33 * 1024 * 1024, 0x20) },
      413,
      'payload_too_large',
    ],
  ])('refuses %s', async (_name, options, status, code) => {
    const reply = await rawRequest({ path: '/v1/chat/completions', ...options });
    expect(reply.status).toBe(status);
    const parsed = JSON.parse(reply.body) as {
      error: { message: string; type: string; code: string; param: unknown };
    };
    expect(parsed.error.code).toBe(code);
    expect(parsed.error.message.length).toBeGreaterThan(10);
    expect(parsed.error).toHaveProperty('param');
    expect(reply.headers['access-control-allow-origin']).toBeUndefined();
    // and keeps serving
    const health = await rawRequest({ path: '/health', method: 'GET' });
    expect(JSON.parse(health.body)).toEqual({ status: 'ok' });
    expect(harness.emulator.calls).toHaveLength(0);
  });

  it('takes a 20 MB request, as the upstreams do (a PDF or images in the body)', async () => {
    const large = JSON.stringify({
      model: 'gpt-4.1-nano',
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is in this scan?' },
            {
              type: 'image_url',
              image_url: { url: `data:image/png;base64,${'A'.repeat(21 * 1024 * 1024)}` },
            },
          ],
        },
      ],
    });
    expect(large.length).toBeGreaterThan(20 * 1024 * 1024);
    const reply = await rawRequest({ path: '/v1/chat/completions', headers: json, body: large });
    expect(reply.status, reply.body.slice(0, 200)).toBe(200);
    expect(harness.emulator.calls).toHaveLength(1);
  });

  it('keeps the admin API closed without the admin token', async () => {
    const reply = await rawRequest({
      path: '/admin/requests',
      method: 'GET',
      headers: { authorization: `Bearer ${clientKey}` },
    });
    expect(reply.status).toBe(401);
  });
});
