import { readFileSync } from 'node:fs';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { startEmulator } from './index.js';
import type { Emulator } from './index.js';

let emulator: Emulator;
const fixture = (path: string) =>
  readFileSync(new URL(`../../../resources/recordings/${path}`, import.meta.url), 'utf8');
const headers = { 'content-type': 'application/json', authorization: 'Bearer test' };
const tools = [{ type: 'function', function: { name: 'get_capital', parameters: { type: 'object' } } }];

/** The recorded lines of a vercel/ai `*.chunks.txt` file. */
const chunkLines = (path: string) =>
  fixture(path)
    .split('\n')
    .filter((line) => line.trim() !== '');

/** A pydantic-ai cassette's response `interaction`, as stored. */
function cassetteResponse(path: string, interaction = 0) {
  const cassette = parse(fixture(path)) as {
    interactions: Array<{
      response: { body?: { string: string }; parsed_body?: unknown; headers: Record<string, string[]> };
    }>;
  };
  return cassette.interactions[interaction]!.response;
}

function chat(body: Record<string, unknown>, extra: Record<string, string> = {}, signal?: AbortSignal) {
  return fetch(`${emulator.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { ...headers, ...extra },
    body: JSON.stringify({ messages: [{ role: 'user', content: 'hi' }], ...body }),
    signal,
  });
}

/** Reads a streamed body until it ends or breaks: the bytes received, and whether it broke. */
async function readUntilEnd(response: Response): Promise<{ text: string; broke: boolean }> {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  try {
    for (let part = await reader.read(); !part.done; part = await reader.read()) {
      text += decoder.decode(part.value, { stream: true });
    }
    return { text, broke: false };
  } catch {
    return { text, broke: true };
  }
}

beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => {
  await emulator.close();
});
beforeEach(() => emulator.reset());

describe('replaying recorded traffic', () => {
  it('answers a non-streamed request with the recorded JSON body, byte for byte', async () => {
    const response = await chat({ model: 'gpt-4.1-nano' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.text()).toBe(fixture('vercel-ai/openai/openai-text.json'));
    expect(emulator.calls[0]).toMatchObject({ scenario: 'openai-text', finished: true, aborted: false });
  });

  it('frames vercel chunks as data events ending in [DONE]', async () => {
    const response = await chat({ model: 'gpt-4.1-nano', stream: true });
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const framed = chunkLines('vercel-ai/openai/openai-text.chunks.txt').map((line) => `data: ${line}\n\n`);
    expect(await response.text()).toBe(framed.join('') + 'data: [DONE]\n\n');
  });

  it('replays a cassette stream exactly as recorded, keep-alive comments included', async () => {
    const toolCall = await chat({ model: 'gpt-4o-mini', stream: true, tools });
    const recorded = cassetteResponse(
      'pydantic-ai-cassettes/test_openai/test_run_stream_sync_streams_real_model.yaml',
    );
    expect(await toolCall.text()).toBe(recorded.body!.string);

    const openRouter = await chat({ model: 'anthropic/claude-sonnet-4.5', stream: true });
    const withComments = await openRouter.text();
    const cassette = 'pydantic-ai-cassettes/test_openrouter/test_openrouter_streaming_reasoning.yaml';
    expect(withComments).toBe(cassetteResponse(cassette).body!.string);
    expect(withComments.startsWith(': OPENROUTER PROCESSING\n\n')).toBe(true);
  });

  it('streams to the official openai SDK, which reassembles the recorded text', async () => {
    const client = new OpenAI({ baseURL: `${emulator.url}/v1`, apiKey: 'test', maxRetries: 0 });
    const stream = await client.chat.completions.create({
      model: 'gpt-4.1-nano',
      messages: [{ role: 'user', content: 'x' }],
      stream: true,
    });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
    const recorded = chunkLines('vercel-ai/openai/openai-text.chunks.txt')
      .map((line) => JSON.parse(line) as { choices: Array<{ delta?: { content?: string | null } }> })
      .map((chunk) => chunk.choices[0]?.delta?.content ?? '')
      .join('');
    expect(text.length).toBeGreaterThan(100);
    expect(text).toBe(recorded);

    const whole = await client.chat.completions.create({ model: 'gpt-4.1-nano', messages: [] });
    const json = JSON.parse(fixture('vercel-ai/openai/openai-text.json')) as {
      choices: Array<{ message: { content: string } }>;
    };
    expect(whole.choices[0]!.message.content).toBe(json.choices[0]!.message.content);
  });

  it("picks the recording by model and shape, falling back to the family's tool call", async () => {
    await chat({ model: 'deepseek-chat' });
    await chat({ model: 'deepseek-chat', tools });
    await chat({ model: 'deepseek-reasoner', stream: true });
    await chat({ model: 'gpt-4o-mini', stream: true });
    await chat({ model: 'gpt-4.1-nano', stream: true }, { 'x-emulator-scenario': 'groq-text' });
    expect(emulator.calls.map((call) => call.scenario)).toEqual([
      'deepseek-text',
      'deepseek-tool-call',
      'deepseek-reasoning',
      'openai-tool-result-answer',
      'groq-text',
    ]);
  });

  it('refuses, in OpenAI shape, a form a scenario was not recorded in, rather than invent one', async () => {
    const response = await chat({ model: 'gpt-4o-mini', tools });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { message: string; type: string } };
    expect(body.error).toMatchObject({ type: 'invalid_request_error', param: null, code: null });
    expect(body.error.message).toContain("'openai-tool-call' has no non-streamed recording");
    const unknown = await chat({ model: 'gpt-4.1-nano' }, { 'x-emulator-scenario': 'no-such-scenario' });
    expect(unknown.status).toBe(400);
  });

  it('replays recorded errors with their status and body', async () => {
    const unsupported = await chat({ model: 'o1-mini' });
    expect(unsupported.status).toBe(400);
    const cassette = 'pydantic-ai-cassettes/test_openai/test_openai_o1_mini_system_role[system].yaml';
    const recorded = cassetteResponse(cassette);
    const text = await unsupported.text();
    // the cassette kept only the parsed body; its recorded length proves the original layout
    expect(Buffer.byteLength(text)).toBe(Number(recorded.headers['content-length']![0]));
    expect(JSON.parse(text)).toEqual(recorded.parsed_body);
    expect(Object.keys((JSON.parse(text) as { error: object }).error)).toEqual([
      'message',
      'type',
      'param',
      'code',
    ]);

    const limited = await chat({ model: 'google/gemini-2.0-flash-exp:free' });
    expect(limited.status).toBe(429);
    expect(((await limited.json()) as { error: { code: unknown } }).error.code).toBe(429);
    const groq = await chat({ model: 'non-existent' });
    expect(groq.status).toBe(404);
    expect(await groq.text()).toBe(
      '{"error":{"message":"The model `non-existent` does not exist or you do not have access to it.","type":"invalid_request_error","code":"model_not_found"}}\n',
    );
  });
});

describe('the call log', () => {
  it('keeps only the last keepCalls calls when asked, so a soak does not fill its memory', async () => {
    const small = await startEmulator({ keepCalls: 2 });
    try {
      for (const content of ['one', 'two', 'three']) {
        const response = await fetch(`${small.url}/v1/chat/completions`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ model: 'gpt-4.1-nano', messages: [{ role: 'user', content }] }),
        });
        await response.text();
      }
      const kept = small.calls.map(
        (call) => (call.body as { messages: Array<{ content: string }> }).messages[0]!.content,
      );
      expect(kept).toEqual(['two', 'three']);
    } finally {
      await small.close();
    }
  });
});

describe('models, keys and unknown models', () => {
  it('lists every model it answers in the OpenAI list shape, leaving out error-only ones', async () => {
    const response = await fetch(`${emulator.url}/v1/models`, { headers });
    const list = (await response.json()) as {
      object: string;
      data: Array<{ id: string; object: string; created: number; owned_by: string }>;
    };
    expect(list.object).toBe('list');
    const ids = list.data.map((model) => model.id);
    for (const id of [
      'gpt-4.1-nano',
      'gpt-4o-mini',
      'deepseek-chat',
      'llama-3.3-70b-versatile',
      'grok-3-mini',
      // made up from the request: what a demo user can embed any text with
      'hashed-embedding',
      'schema-answer',
    ]) {
      expect(ids).toContain(id);
    }
    expect(ids).not.toContain('non-existent');
    expect(list.data.find((model) => model.id === 'deepseek-chat')).toEqual({
      id: 'deepseek-chat',
      object: 'model',
      created: expect.any(Number),
      owned_by: 'deepseek',
    });
  });

  it("answers an unknown model with OpenAI's 404 model_not_found body", async () => {
    const response = await chat({ model: 'no-such-model' });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      error: {
        message: 'The model `no-such-model` does not exist or you do not have access to it.',
        type: 'invalid_request_error',
        param: null,
        code: 'model_not_found',
      },
    });
  });

  it('answers 401 without a key, and with a wrong one when a key is expected', async () => {
    const missing = await fetch(`${emulator.url}/v1/chat/completions`, { method: 'POST', body: '{}' });
    expect(missing.status).toBe(401);
    expect(((await missing.json()) as { error: { message: string } }).error.message).toMatch(
      /provide an API key/,
    );
    const strict = await startEmulator({ expectedKey: 'sk-right' });
    try {
      const ask = (key: string) =>
        fetch(`${strict.url}/v1/chat/completions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
          body: JSON.stringify({ model: 'gpt-4.1-nano', messages: [] }),
        });
      const wrong = await ask('sk-wrong');
      expect(wrong.status).toBe(401);
      expect(await wrong.json()).toMatchObject({
        error: { type: 'invalid_request_error', code: 'invalid_api_key' },
      });
      expect((await ask('sk-right')).status).toBe(200);
    } finally {
      await strict.close();
    }
  });
});

describe('fault injection', () => {
  it('answers 429 with retry-after for `times` requests, then the recording again', async () => {
    emulator.inject({ status: 429, retryAfter: 7, times: 2 });
    for (let i = 0; i < 2; i++) {
      const limited = await chat({ model: 'gpt-4.1-nano' });
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toBe('7');
      expect(await limited.json()).toMatchObject({ error: { code: 'rate_limit_exceeded', param: null } });
    }
    expect((await chat({ model: 'gpt-4.1-nano' })).status).toBe(200);
    expect(emulator.calls.map((call) => call.fault?.status)).toEqual([429, 429, undefined]);
  });

  it('applies a fault only to the requests it matches, and a custom body as given', async () => {
    emulator.inject({
      match: { model: 'deepseek-chat' },
      status: 503,
      body: { error: 'down' },
      times: Infinity,
    });
    expect((await chat({ model: 'gpt-4.1-nano' })).status).toBe(200);
    for (let i = 0; i < 3; i++) {
      const down = await chat({ model: 'deepseek-chat' });
      expect(down.status).toBe(503);
      expect(await down.json()).toEqual({ error: 'down' });
    }
  });

  it('applies a fault only to requests carrying its key', async () => {
    emulator.inject({ match: { key: 'sk-spent' }, status: 429, times: Infinity });
    const spent = { authorization: 'Bearer sk-spent' };
    expect((await chat({ model: 'gpt-4.1-nano' }, spent)).status).toBe(429);
    expect((await chat({ model: 'gpt-4.1-nano' }, { authorization: 'Bearer sk-fresh' })).status).toBe(200);
    expect((await chat({ model: 'gpt-4.1-nano' }, spent)).status).toBe(429);
  });

  it('resets the connection before the headers: the client sees a socket error', async () => {
    emulator.inject({ reset: 'before-headers' });
    await expect(chat({ model: 'gpt-4.1-nano' })).rejects.toThrow();
    // the emulator cut it, the client did not hang up
    expect(emulator.calls[0]).toMatchObject({
      aborted: false,
      finished: false,
      fault: { reset: 'before-headers' },
    });
  });

  it('cuts a stream after N events: the client gets exactly those, then an error', async () => {
    emulator.inject({ dropAfterChunks: 3 });
    const response = await chat({ model: 'gpt-4.1-nano', stream: true });
    expect(response.status).toBe(200);
    const { text, broke } = await readUntilEnd(response);
    expect(broke).toBe(true);
    const first = chunkLines('vercel-ai/openai/openai-text.chunks.txt').slice(0, 3);
    expect(text).toBe(first.map((line) => `data: ${line}\n\n`).join(''));
  });

  it('serves broken bodies: truncated JSON and an HTML page from a proxy', async () => {
    emulator.inject({ malformed: 'truncated-json' });
    const truncated = await (await chat({ model: 'gpt-4.1-nano' })).text();
    expect(fixture('vercel-ai/openai/openai-text.json').startsWith(truncated)).toBe(true);
    expect(() => JSON.parse(truncated)).toThrow();
    emulator.inject({ malformed: 'html' });
    const html = await chat({ model: 'gpt-4.1-nano' });
    expect(html.status).toBe(502);
    expect(await html.text()).toContain('<center><h1>502 Bad Gateway</h1></center>');
  });

  it('holds the headers back while delayed, and records a client that gives up as aborted', async () => {
    emulator.inject({ match: { model: 'gpt-4.1-nano' }, delayHeadersMs: 60_000 });
    const controller = new AbortController();
    let settled = false;
    const delayed = chat({ model: 'gpt-4.1-nano' }, {}, controller.signal);
    delayed.then(
      () => (settled = true),
      () => (settled = true),
    );
    await expect.poll(() => emulator.calls.length).toBe(1);
    // a request sent after the delayed one is answered while the delayed one still has no headers
    expect((await chat({ model: 'deepseek-chat' })).status).toBe(200);
    expect(settled).toBe(false);
    expect(emulator.calls[0]).toMatchObject({
      finished: false,
      aborted: false,
      fault: { delayHeadersMs: 60_000 },
    });
    controller.abort();
    await expect(delayed).rejects.toThrow();
    await expect.poll(() => emulator.calls[0]!.aborted).toBe(true);
  });

  it('records a client that hangs up mid-stream as aborted, never finished', async () => {
    emulator.inject({ chunkDelayMs: 60_000 });
    const controller = new AbortController();
    const response = await chat({ model: 'gpt-4.1-nano', stream: true }, {}, controller.signal);
    const first = await response.body!.getReader().read();
    expect(new TextDecoder().decode(first.value)).toMatch(/^data: /);
    controller.abort();
    await expect.poll(() => emulator.calls[0]?.aborted).toBe(true);
    expect(emulator.calls[0]!.finished).toBe(false);
  });
});

describe('control over HTTP', () => {
  const control = (path: string, method = 'GET', body?: unknown) =>
    fetch(`${emulator.url}/__emulator/${path}`, {
      method,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  it('injects and clears faults, lists and clears calls, and lists scenarios', async () => {
    expect((await control('faults', 'POST', { status: 503, times: null })).status).toBe(200);
    expect(((await (await control('faults')).json()) as unknown[]).length).toBe(1);
    expect((await chat({ model: 'gpt-4.1-nano' })).status).toBe(503);
    expect((await chat({ model: 'gpt-4.1-nano' })).status).toBe(503);
    await control('faults', 'DELETE');
    expect((await chat({ model: 'gpt-4.1-nano' })).status).toBe(200);

    const calls = (await (await control('calls')).json()) as Array<{ path: string; scenario?: string }>;
    expect(calls).toHaveLength(3);
    expect(calls[2]).toMatchObject({ path: '/v1/chat/completions', scenario: 'openai-text' });
    await control('calls', 'DELETE');
    expect(await (await control('calls')).json()).toEqual([]);
    expect(emulator.calls).toHaveLength(0);

    const listed = (await (await control('scenarios')).json()) as Array<{ name: string }>;
    expect(listed.map((scenario) => scenario.name)).toEqual(emulator.scenarios());
    expect(emulator.scenarios()).toContain('deepseek-tool-call');
  });

  it('refuses a fault that is not a JSON object, and unknown control endpoints', async () => {
    expect((await control('faults', 'POST', [1])).status).toBe(400);
    expect((await control('nothing-here')).status).toBe(404);
  });
});

describe('embeddings', () => {
  it('answers one recorded vector per input text, in turn, whatever the number of texts', async () => {
    const recorded = JSON.parse(fixture('vercel-ai/openai/openai-embedding.json')) as {
      data: Array<{ embedding: number[] }>;
    };
    const embed = async (input: unknown) => {
      const response = await fetch(`${emulator.url}/v1/embeddings`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ model: 'text-embedding-3-small', input }),
      });
      return (await response.json()) as { data: Array<{ index: number; embedding: number[] }> };
    };
    const one = await embed('hello');
    expect(one.data.map((item) => item.embedding)).toEqual([recorded.data[0]!.embedding]);
    const three = await embed(['a', 'b', 'c']);
    expect(three.data.map((item) => item.index)).toEqual([0, 1, 2]);
    expect(three.data[2]!.embedding).toEqual(recorded.data[0]!.embedding);
    // token ids are one text
    expect((await embed([1, 2, 3])).data).toHaveLength(1);
  });
});
