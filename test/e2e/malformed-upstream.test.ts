import { readFileSync } from 'node:fs';
import type { APIError } from 'openai';
import { describe, expect, it } from 'vitest';
import type { FaultSpec } from '../../relay-core/src/emulator/index.js';
import { useHarness } from '../helpers/relay-harness.js';
import { parseOpenAIChatRequest } from '../../relay-core/src/dialects/openai-chat/parse-openai-chat-request.js';
import { estimateUsage } from '../../relay-core/src/tokens/estimate-tokens.js';

// Upstreams misbehave: bodies cut short, HTML from a proxy, SSE lines split anywhere, streams that
// just stop. The client gets a correct answer or a clear error, never a hang or a crash.
const recordedText = JSON.parse(
  readFileSync(
    new URL('../../resources/recordings/vercel-ai/openai/openai-text.json', import.meta.url),
    'utf8',
  ),
).choices[0].message.content as string;
const streamedText = readFileSync(
  new URL('../../resources/recordings/vercel-ai/openai/openai-text.chunks.txt', import.meta.url),
  'utf8',
)
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map(
    (line) =>
      (JSON.parse(line) as { choices: Array<{ delta?: { content?: string } }> }).choices[0]?.delta?.content ??
      '',
  )
  .join('');

const harness = useHarness();

const ask = (model: string) =>
  harness.openai.chat.completions
    .create({ model, messages: [{ role: 'user', content: 'hi' }] })
    .catch((error: unknown) => error as APIError);

let lastRequestId: string | null = null;

async function streamText(model: string): Promise<string> {
  const { data: stream, response } = await harness.openai.chat.completions
    .create({ model, messages: [{ role: 'user', content: 'hi' }], stream: true })
    .withResponse();
  lastRequestId = response.headers.get('x-relay-request-id');
  let text = '';
  for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
  return text;
}

describe('malformed upstream data', () => {
  // each fault on the only provider: a 502 that says what went wrong; with a backup, its answer
  it.each([
    [
      'a JSON body cut in half',
      { malformed: 'truncated-json' },
      'openai: upstream sent a malformed JSON body',
    ],
    [
      'JSON of the wrong shape (tool_calls: 5)',
      { malformed: 'wrong-types' },
      'openai: upstream sent an answer of a shape the relay cannot read',
    ],
    [
      'an answer that never ends (cut off at 64 MB)',
      { endless: true },
      'openai: upstream answer is larger than 64 MB',
    ],
  ] as Array<[string, FaultSpec, string]>)(
    '%s: a clear 502, and the next provider answers',
    async (_, fault, message) => {
      harness.emulator.inject(fault);
      const error = (await ask('openai/gpt-4.1-nano')) as APIError;
      expect(error.status).toBe(502);
      expect(error.message).toContain(message);

      harness.emulator.inject(fault);
      const answer = await ask('gpt-4.1-nano');
      expect(
        (answer as { choices: Array<{ message: { content: string } }> }).choices[0]!.message.content,
      ).toBe(recordedText);
      expect(harness.backup.calls).toHaveLength(1);
    },
  );

  it('a stream of the wrong shape fails over before the client saw a byte', async () => {
    harness.emulator.inject({ malformed: 'wrong-types' });
    expect(await streamText('gpt-4.1-nano')).toBe(streamedText);
    expect(harness.backup.calls).toHaveLength(1);
    expect(await harness.waitForRequest(lastRequestId)).toMatchObject({ status: 'ok' });
    const attempts = harness.relay.db
      .prepare(
        'SELECT provider, status, error_code FROM attempts WHERE request_id = ? ORDER BY attempt_index',
      )
      .all(lastRequestId);
    expect(attempts).toEqual([
      { provider: 'openai', status: 'error', error_code: 'UPSTREAM_PROTOCOL_ERROR' },
      { provider: 'backup', status: 'ok', error_code: null },
    ]);
  });

  it('numeric ids are put right: the client gets them as strings, whole and streamed', async () => {
    harness.emulator.inject({ malformed: 'numeric-ids' });
    const answer = (await ask('openai/gpt-4.1-nano')) as {
      id: unknown;
      choices: Array<{ message: { content: string } }>;
    };
    expect(typeof answer.id).toBe('string');
    expect(answer.choices[0]!.message.content).toBe(recordedText);

    harness.emulator.inject({ malformed: 'numeric-ids' });
    const stream = await harness.openai.chat.completions.create({
      model: 'openai/gpt-4.1-nano',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
    });
    let text = '';
    for await (const chunk of stream) {
      expect(typeof chunk.id).toBe('string');
      text += chunk.choices[0]?.delta?.content ?? '';
    }
    expect(text).toBe(streamedText);
    expect(harness.backup.calls).toHaveLength(0);
  });

  it('a stream event that never ends is cut off at 32 MB, before the client saw a byte', async () => {
    harness.emulator.inject({ endless: true });
    await expect(streamText('openai/gpt-4.1-nano')).rejects.toThrow(
      'openai: upstream sent a stream event larger than 32 MB',
    );

    harness.emulator.inject({ endless: true });
    expect(await streamText('gpt-4.1-nano')).toBe(streamedText);
    await harness.waitForRequest(lastRequestId);
    const attempts = harness.relay.db
      .prepare('SELECT provider, error_code FROM attempts WHERE request_id = ? ORDER BY attempt_index')
      .all(lastRequestId);
    expect(attempts).toEqual([
      { provider: 'openai', error_code: 'UPSTREAM_PROTOCOL_ERROR' },
      { provider: 'backup', error_code: null },
    ]);
  });

  it('an HTML error page from a proxy: named as such, never parsed as an answer', async () => {
    harness.emulator.inject({ malformed: 'html' });
    const error = (await ask('openai/gpt-4.1-nano')) as APIError;
    expect(error.status).toBe(502);
    expect(error.message).toContain('upstream answered HTTP 502 with an HTML page');
  });

  it('SSE lines split across packets, even inside UTF-8 characters, reassemble exactly', async () => {
    harness.emulator.inject({ fragmentBytes: 7 });
    expect(await streamText('openai/gpt-4.1-nano')).toBe(streamedText);
  });

  it('a stream that ends without its terminal event is an error, not a silent success', async () => {
    harness.emulator.inject({ endAfterChunks: 10 });
    await expect(streamText('openai/gpt-4.1-nano')).rejects.toThrow(/ended before it finished/);
    expect(await harness.waitForRequest(lastRequestId)).toMatchObject({
      status: 'error',
      error_code: 'UPSTREAM_STREAM_ERROR',
    });
  });

  it('a garbled event in the middle of a stream ends it with an error', async () => {
    harness.emulator.inject({ malformed: 'truncated-json' });
    await expect(streamText('openai/gpt-4.1-nano')).rejects.toThrow(/malformed JSON in its stream/);
  });
});

describe('usage the upstream never reported', () => {
  it('is estimated with a tokenizer, priced, and marked as estimated', async () => {
    harness.emulator.inject({ dropAfterChunks: 40 });
    await expect(streamText('openai/gpt-4.1-nano')).rejects.toThrow();
    const row = (await harness.waitForRequest(lastRequestId)) as {
      status: string;
      input_tokens: number;
      output_tokens: number;
      usage_estimated: number;
      cost_usd: number;
    };
    expect(row.status).toBe('error');
    expect(row.usage_estimated).toBe(1);
    expect(row.input_tokens).toBeGreaterThan(0);
    // about 38 chunks of a few characters each reached the client before the cut
    expect(row.output_tokens).toBeGreaterThan(20);
    expect(row.output_tokens).toBeLessThan(60);
    expect(row.cost_usd).toBeGreaterThan(0);
  });

  it('for a long prompt too, whose messages the relay lets go once the request is sent', async () => {
    harness.emulator.inject({ dropAfterChunks: 40 });
    // about 46,000 characters: long enough that the relay keeps only samples of it for the estimate
    const content = Array.from({ length: 1200 }, (_, i) => `Line ${i}: the build log says — ok ✓`).join('\n');
    const body = {
      model: 'openai/gpt-4.1-nano',
      messages: [{ role: 'user' as const, content }],
      stream: true as const,
    };
    const { data: stream, response } = await harness.openai.chat.completions.create(body).withResponse();
    const id = response.headers.get('x-relay-request-id');
    await expect(
      (async () => {
        for await (const chunk of stream) void chunk;
      })(),
    ).rejects.toThrow();
    const row = (await harness.waitForRequest(id)) as { input_tokens: number; usage_estimated: number };
    const whole = await estimateUsage(parseOpenAIChatRequest(body), { text: '', reasoning: '' });
    expect(row).toMatchObject({ usage_estimated: 1, input_tokens: whole.inputTokens });
  });
});
