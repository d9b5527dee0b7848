import { readFileSync } from 'node:fs';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator } from './index.js';
import type { Emulator } from './index.js';

let emulator: Emulator;
const fixture = (path: string) => readFileSync(new URL(`./fixtures/${path}`, import.meta.url), 'utf8');
const headers = { 'content-type': 'application/json', authorization: 'Bearer test' };

function chat(body: Record<string, unknown>, extra: Record<string, string> = {}) {
  return fetch(`${emulator.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { ...headers, ...extra },
    body: JSON.stringify({ messages: [{ role: 'user', content: 'hi' }], ...body }),
  });
}

beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => {
  await emulator.close();
});
beforeEach(() => emulator.reset());

describe('upstream emulator', () => {
  it('replays a recorded JSON body byte for byte', async () => {
    const response = await chat({ model: 'gpt-4.1-nano' });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(fixture('vercel-ai/openai/openai-text.json'));
    expect(emulator.calls[0]).toMatchObject({ scenario: 'openai-text', finished: true, aborted: false });
  });

  it('replays a recorded stream with its SSE framing, and a verbatim cassette stream exactly', async () => {
    const lines = fixture('vercel-ai/openai/openai-text.chunks.txt')
      .split('\n')
      .filter((line) => line.trim() !== '');
    const framed = lines.map((line) => `data: ${line}\n\n`).join('') + 'data: [DONE]\n\n';
    expect(await (await chat({ model: 'gpt-4.1-nano', stream: true })).text()).toBe(framed);
    const tools = [{ type: 'function', function: { name: 'get_capital', parameters: { type: 'object' } } }];
    const cassette = await (await chat({ model: 'gpt-4o-mini', stream: true, tools })).text();
    expect(cassette).toContain('"name":"get_capital"');
    expect(cassette.endsWith('data: [DONE]\n\n')).toBe(true);
  });

  it('streams to the official openai SDK, which reassembles the recorded text', async () => {
    const client = new OpenAI({ baseURL: `${emulator.url}/v1`, apiKey: 'test', maxRetries: 0 });
    const stream = await client.chat.completions.create({
      model: 'deepseek-chat',
      messages: [{ role: 'user', content: 'x' }],
      stream: true,
    });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
    const recorded = fixture('vercel-ai/deepseek/deepseek-text.chunks.txt')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map(
        (line) =>
          (JSON.parse(line) as { choices: Array<{ delta?: { content?: string } }> }).choices[0]?.delta
            ?.content ?? '',
      )
      .join('');
    expect(text).toBe(recorded);
    expect(text.length).toBeGreaterThan(100);
  });

  it('injects a 429 with retry-after for the given number of requests, then answers normally', async () => {
    emulator.inject({ status: 429, retryAfter: 7, times: 2 });
    for (let i = 0; i < 2; i++) {
      const limited = await chat({ model: 'gpt-4.1-nano' });
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toBe('7');
      expect(((await limited.json()) as { error: { code: string } }).error.code).toBe('rate_limit_exceeded');
    }
    expect((await chat({ model: 'gpt-4.1-nano' })).status).toBe(200);
  });

  it('resets connections and cuts streams mid-way on request', async () => {
    emulator.inject({ reset: 'before-headers' });
    await expect(chat({ model: 'gpt-4.1-nano' })).rejects.toThrow();
    emulator.inject({ dropAfterChunks: 3 });
    const response = await chat({ model: 'gpt-4.1-nano', stream: true });
    await expect(response.text()).rejects.toThrow();
  });

  it('serves broken bodies: truncated JSON and an HTML error page', async () => {
    emulator.inject({ malformed: 'truncated-json' });
    const truncated = await (await chat({ model: 'gpt-4.1-nano' })).text();
    expect(() => JSON.parse(truncated)).toThrow();
    emulator.inject({ malformed: 'html' });
    const html = await chat({ model: 'gpt-4.1-nano' });
    expect(html.status).toBe(502);
    expect(await html.text()).toContain('<html>');
  });

  it('records a client that hangs up as aborted', async () => {
    emulator.inject({ chunkDelayMs: 20 });
    const controller = new AbortController();
    const aborted = await fetch(`${emulator.url}/v1/chat/completions`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ model: 'gpt-4.1-nano', stream: true, messages: [] }),
      signal: controller.signal,
    });
    const reader = aborted.body!.getReader();
    await reader.read();
    controller.abort();
    await expect.poll(() => emulator.calls.at(-1)?.aborted).toBe(true);
  });

  it('answers an unknown model with 404, no key with 401, and is driven over HTTP too', async () => {
    expect((await chat({ model: 'no-such-model' })).status).toBe(404);
    const unauthorized = await fetch(`${emulator.url}/v1/chat/completions`, { method: 'POST', body: '{}' });
    expect(unauthorized.status).toBe(401);
    await fetch(`${emulator.url}/__emulator/faults`, {
      method: 'POST',
      body: JSON.stringify({ status: 503 }),
    });
    expect((await chat({ model: 'gpt-4.1-nano' })).status).toBe(503);
    const calls = (await (await fetch(`${emulator.url}/__emulator/calls`)).json()) as unknown[];
    expect(calls.length).toBe(emulator.calls.length);
    const models = (await (await fetch(`${emulator.url}/v1/models`, { headers })).json()) as {
      data: Array<{ id: string }>;
    };
    expect(models.data.map((model) => model.id)).toContain('gpt-4.1-nano');
  });
});
