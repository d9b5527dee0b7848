import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI } from '@google/genai';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { continueInstruction } from '../../relay-core/src/pipeline/continue-request.js';
import { clientKey, providerKey, useHarness } from '../helpers/relay-harness.js';

// Issue 30, finding 8: a stream that breaks after its first byte is continued by the next target
// and spliced into the client's stream, in each of the four client dialects.
const harness = useHarness({
  extraConfig: `  resume_streams: true
  breaker:
    failures: 1000000
routes:
  - name: to-backup
    targets: [openai/gpt-4.1-nano, backup/gpt-4.1-nano]
  - name: to-claude
    targets: [openai/gpt-4.1-nano, anthropic/claude-sonnet-4-5]
  - name: tools-to-backup
    targets: [openai/gpt-4o-mini, backup/gpt-4o-mini]
  - name: claude-tools-to-backup
    targets: [anthropic/claude-sonnet-4-5, backup/gpt-4o-mini]
  - name: four-targets
    targets: [openai/gpt-4.1-nano, backup/gpt-4.1-nano, backup/gpt-4o-mini, anthropic/claude-sonnet-4-5]
  - name: gated
    targets: [openai/gpt-4.1-nano, backup/gpt-4.1-nano]
    gates: { min_length: 1 }
`,
});

/**
 * The primary's stream, broken after `after` events: closed cleanly without its end (every event
 * before reaches the relay), or its socket destroyed (events of the last read may be lost with it).
 */
const primaryFault = (kind: 'end' | 'drop', after: number) => ({
  ...(kind === 'end' ? { endAfterChunks: after } : { dropAfterChunks: after }),
  match: { path: '/v1/chat/completions', model: 'gpt-4.1-nano' },
});

/** The text each of the primary's recorded events carries (OpenAI chat chunks), in order. */
let primaryPieces: string[] = [];
/** The primary's event that gives the finish reason: a stream ended after it is complete. */
let finishAt = 0;
/** What each continuation target answers, whole. */
const whole: Record<string, string> = {};

/** A recording's events straight from the emulator, bypassing the relay. */
async function recordedChunks(body: Record<string, unknown>): Promise<Array<Record<string, unknown>>> {
  const reply = await fetch(`${harness.emulator.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${providerKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ ...body, stream: true }),
  });
  const text = await reply.text();
  return text
    .split('\n\n')
    .filter((frame) => frame.startsWith('data: {'))
    .map((frame) => JSON.parse(frame.slice(6)) as Record<string, unknown>);
}

type Delta = { content?: string; tool_calls?: Array<{ function?: { arguments?: string } }> };
const deltaOf = (chunk: Record<string, unknown>) =>
  ((chunk.choices as Array<{ delta?: Delta }> | undefined)?.[0]?.delta ?? {}) as Delta;

async function chatText(model: string): Promise<string> {
  const stream = harness.openai.chat.completions.stream({
    model,
    messages: [{ role: 'user', content: 'hi' }],
  });
  return (await stream.finalChatCompletion()).choices[0]!.message.content ?? '';
}

beforeAll(async () => {
  const chunks = await recordedChunks({ model: 'gpt-4.1-nano', messages: [{ role: 'user', content: 'hi' }] });
  primaryPieces = chunks.map((chunk) => deltaOf(chunk).content ?? '');
  finishAt = chunks.findIndex((chunk) =>
    (chunk.choices as Array<{ finish_reason?: string | null }> | undefined)?.some(
      (choice) => choice.finish_reason,
    ),
  );
  whole['to-backup'] = await chatText('backup/gpt-4.1-nano');
  whole['to-claude'] = await chatText('anthropic/claude-sonnet-4-5');
});

/** What a client of each dialect reads from a streamed answer, through its official SDK's helper. */
const clients = {
  async chat(model: string) {
    const stream = harness.openai.chat.completions.stream({
      model,
      messages: [{ role: 'user', content: 'hi' }],
      stream_options: { include_usage: true },
    });
    const completion = await stream.finalChatCompletion();
    return {
      text: completion.choices[0]!.message.content ?? '',
      output: completion.usage?.completion_tokens,
    };
  },
  async responses(model: string) {
    const stream = harness.openai.responses.stream({ model, input: 'hi' });
    const response = await stream.finalResponse();
    return { text: response.output_text, output: response.usage?.output_tokens };
  },
  async messages(model: string) {
    const client = new Anthropic({ baseURL: harness.relay.url, apiKey: clientKey, maxRetries: 0 });
    const message = await client.messages
      .stream({ model, max_tokens: 1024, messages: [{ role: 'user', content: 'hi' }] })
      .finalMessage();
    const text = message.content.flatMap((block) => (block.type === 'text' ? [block.text] : [])).join('');
    return { text, output: message.usage.output_tokens };
  },
  async gemini(model: string) {
    const client = new GoogleGenAI({ apiKey: clientKey, httpOptions: { baseUrl: harness.relay.url } });
    let text = '';
    let output: number | undefined;
    for await (const chunk of await client.models.generateContentStream({ model, contents: 'hi' })) {
      text += chunk.text ?? '';
      output = chunk.usageMetadata?.candidatesTokenCount ?? output;
    }
    return { text, output };
  },
};
type ClientName = keyof typeof clients;

interface Stored {
  request: { status: string; output_tokens: number; input_tokens: number; cost_usd: number | null };
  attempts: Array<{
    provider: string;
    status: string;
    error_code: string | null;
    resume_offset: number | null;
    output_tokens: number;
    input_tokens: number;
    cost_usd: number | null;
  }>;
}

const recorded = () =>
  (harness.relay.db.prepare('SELECT COUNT(*) AS count FROM requests').get() as { count: number }).count;

/** Serves a request and reads its history, once the relay has recorded it (after the stream's end). */
async function served<T>(send: () => Promise<T>): Promise<T & Stored> {
  harness.relay.flushHistory();
  const before = recorded();
  const read = await send();
  for (let tries = 0; tries < 200 && recorded() === before; tries++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
    harness.relay.flushHistory();
  }
  const { id } = harness.relay.db.prepare('SELECT id FROM requests ORDER BY rowid DESC LIMIT 1').get() as {
    id: string;
  };
  const request = (await harness.waitForRequest(id)) as Stored['request'];
  const attempts = harness.relay.db
    .prepare('SELECT * FROM attempts WHERE request_id = ? ORDER BY attempt_index')
    .all(id) as Stored['attempts'];
  return { ...read, request, attempts };
}

describe('a text stream that breaks after its first byte', () => {
  it('reads, in every dialect and at any break, as the text sent then the continuation', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom<ClientName>('chat', 'responses', 'messages', 'gemini'),
        fc.constantFrom('to-backup', 'to-claude'),
        fc.constantFrom<'end' | 'drop'>('end', 'drop'),
        fc.integer({ min: 1, max: primaryPieces.length + 1 }),
        async (client, route, kind, after) => {
          harness.emulator.reset();
          harness.backup.reset();
          harness.relay.runtime.health.reset();
          harness.emulator.inject(primaryFault(kind, after));
          const { request, attempts, ...read } = await served(() => clients[client](route));
          const recorded = primaryPieces.slice(0, after).join('');
          if (after > (kind === 'end' ? finishAt : primaryPieces.length)) {
            // not broken (a drop only before the recording's last event, its `[DONE]`, breaks
            // it): the primary's whole answer
            expect(read.text).toBe(primaryPieces.join(''));
            expect(attempts).toHaveLength(1);
            return;
          }
          expect(request.status).toBe('ok');
          expect(attempts.map((attempt) => attempt.status)).toEqual(['error', 'ok']);
          // before the first text the primary simply failed over; after it, the history shows the splice
          const offset = attempts[1]!.resume_offset ?? 0;
          const sent = [...read.text].slice(0, offset).join('');
          expect(read.text).toBe(sent + whole[route]);
          // a stream ended cleanly delivered every event before its end; a destroyed socket may lose its last read
          if (kind === 'end') expect(sent).toBe(recorded);
          else expect(recorded.startsWith(sent)).toBe(true);
          if (sent === '') expect(attempts[1]!.resume_offset).toBeNull();
          // the client consumed both attempts, and both are paid for
          expect(request.output_tokens).toBe(attempts[0]!.output_tokens + attempts[1]!.output_tokens);
          if (sent !== '') expect(attempts[0]!.output_tokens).toBeGreaterThan(0);
          expect(read.output).toBe(request.output_tokens);
          expect(request.cost_usd).toBeCloseTo(
            (attempts[0]!.cost_usd ?? 0) + (attempts[1]!.cost_usd ?? 0),
            12,
          );
        },
      ),
      { numRuns: 64 },
    );
  });

  it('asks Claude before 4.6 to continue from a prefill of the answer so far', async () => {
    harness.emulator.inject(primaryFault('end', 12));
    await clients.chat('to-claude');
    const prefix = primaryPieces.slice(0, 12).join('');
    const sent = harness.emulator.calls.find((call) => call.path === '/v1/messages')!.body as {
      messages: Array<{ role: string; content: unknown }>;
    };
    expect(sent.messages.at(-1)).toMatchObject({ role: 'assistant' });
    expect(JSON.stringify(sent.messages.at(-1)!.content)).toContain(
      JSON.stringify(prefix.trimEnd()).slice(1, -1),
    );
    expect(sent).not.toHaveProperty('thinking');
  });

  it('asks an OpenAI-compatible target in words, after the answer so far', async () => {
    harness.emulator.inject(primaryFault('end', 12));
    await clients.chat('to-backup');
    const prefix = primaryPieces.slice(0, 12).join('');
    const sent = harness.backup.calls[0]!.body as { messages: Array<{ role: string; content: unknown }> };
    expect(sent.messages.slice(-2)).toEqual([
      { role: 'assistant', content: prefix },
      { role: 'user', content: continueInstruction },
    ]);
  });

  it('counts each continuation tried toward max_attempts', async () => {
    harness.emulator.inject(primaryFault('end', 12));
    harness.backup.inject({ status: 500, times: 2 });
    // max_attempts: 3, and the fourth target, which would have answered, is never asked
    const { attempts } = await served(() =>
      expect(clients.chat('four-targets')).rejects.toThrow(/ended before it finished/),
    );
    expect(attempts.map((attempt) => attempt.provider)).toEqual(['openai', 'backup', 'backup']);
    expect(harness.emulator.calls.filter((call) => call.path === '/v1/messages')).toHaveLength(0);
  });

  it('ends with its error on a route with quality gates, which asks no other target', async () => {
    harness.emulator.inject(primaryFault('end', 12));
    const { request, attempts } = await served(() =>
      expect(clients.chat('gated')).rejects.toThrow(/ended before it finished/),
    );
    expect(harness.backup.calls).toHaveLength(0);
    expect(request.status).toBe('error');
    expect(attempts).toHaveLength(1);
  });

  it('ends with its error when the continuation fails too, and records both attempts', async () => {
    harness.emulator.inject(primaryFault('end', 12));
    harness.backup.inject({ status: 500 });
    const { request, attempts } = await served(() =>
      expect(clients.chat('to-backup')).rejects.toThrow(/cut off|stream/i),
    );
    expect(request.status).toBe('error');
    expect(attempts.map((attempt) => [attempt.status, attempt.error_code])).toEqual([
      ['error', 'UPSTREAM_STREAM_ERROR'],
      ['error', 'UPSTREAM_SERVER_ERROR'],
    ]);
    expect(attempts[1]!.resume_offset).toBe([...primaryPieces.slice(0, 12).join('')].length);
  });
});

describe('the answer cache, with resume on', () => {
  /** Sends a deterministic streamed request; answers its text and where it came from. */
  async function cacheable(content: string) {
    const { data, response } = await harness.openai.chat.completions
      .create({ model: 'to-backup', messages: [{ role: 'user', content }], temperature: 0, stream: true })
      .withResponse();
    let text = '';
    for await (const chunk of data) text += chunk.choices[0]?.delta?.content ?? '';
    return { text, cache: response.headers.get('x-relay-cache') };
  }

  it('keeps a stream that did not break, and never a resumed one', async () => {
    expect((await cacheable('kept')).cache).toBe('miss');
    expect(await cacheable('kept')).toEqual({ text: primaryPieces.join(''), cache: 'hit-exact' });
    harness.emulator.inject(primaryFault('end', 12));
    const resumed = await cacheable('resumed');
    expect(resumed.text).toBe(primaryPieces.slice(0, 12).join('') + whole['to-backup']);
    expect((await cacheable('resumed')).cache).toBe('miss');
  });
});

describe("a stream that breaks while it sends a tool call's arguments", () => {
  it('ends with the error, as without resume, and asks no other target', async () => {
    const body = {
      model: 'gpt-4o-mini',
      messages: [{ role: 'user' as const, content: 'What is the weather in Paris?' }],
      tools: [
        {
          type: 'function' as const,
          function: {
            name: 'get_weather',
            parameters: { type: 'object', properties: { city: { type: 'string' } } },
          },
        },
      ],
    };
    const chunks = await recordedChunks(body);
    const firstArguments = chunks.findIndex((chunk) => deltaOf(chunk).tool_calls?.[0]?.function?.arguments);
    // two argument pieces in, more to come
    const breakAfter = firstArguments + 2;
    expect(deltaOf(chunks[breakAfter]!).tool_calls?.[0]?.function?.arguments).toBeTruthy();
    harness.emulator.inject({ dropAfterChunks: breakAfter, match: { model: 'gpt-4o-mini' } });
    const { request, attempts } = await served(() =>
      expect(
        harness.openai.chat.completions.stream({ ...body, model: 'tools-to-backup' }).finalChatCompletion(),
      ).rejects.toThrow(/cut off|stream/i),
    );
    expect(harness.backup.calls).toHaveLength(0);
    expect(request.status).toBe('error');
    expect(attempts).toHaveLength(1);
  });

  it('ends with the error after text and a tool call began, and asks no other target', async () => {
    // the recording says a sentence, then opens a tool call: broken before the call's end
    harness.emulator.inject({ endAfterChunks: 10, match: { path: '/v1/messages' } });
    const client = new Anthropic({ baseURL: harness.relay.url, apiKey: clientKey, maxRetries: 0 });
    const { request, attempts } = await served(() =>
      expect(
        client.messages
          .stream({
            model: 'claude-tools-to-backup',
            max_tokens: 1024,
            messages: [{ role: 'user', content: 'Update the issue list.' }],
            tools: [{ name: 'updateIssueList', input_schema: { type: 'object' } }],
          })
          .finalMessage(),
      ).rejects.toThrow(/stream ended before/),
    );
    expect(harness.backup.calls).toHaveLength(0);
    expect(request.status).toBe('error');
    expect(attempts).toHaveLength(1);
  });
});
