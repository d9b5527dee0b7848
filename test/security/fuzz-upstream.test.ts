import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RelayError } from '../../relay-core/src/canonical/errors.js';
import type {
  CanonicalRequest,
  CanonicalResponse,
  StreamEvent,
} from '../../relay-core/src/canonical/types.js';
import type { DialectCodec } from '../../relay-core/src/dialects/dialect-codec.js';
import { anthropicMessagesCodec } from '../../relay-core/src/dialects/anthropic-messages/anthropic-messages-codec.js';
import { openAIChatCodec } from '../../relay-core/src/dialects/openai-chat/openai-chat-codec.js';
import { createResponsesCodec } from '../../relay-core/src/dialects/openai-responses/responses-codec.js';
import { anthropicAdapter } from '../../relay-core/src/providers/anthropic/anthropic-provider.js';
import { bedrockAdapter } from '../../relay-core/src/providers/bedrock/bedrock-provider.js';
import {
  EventStreamDecoder,
  encodeEventStreamMessage,
} from '../../relay-core/src/providers/bedrock/decode-event-stream.js';
import { geminiAdapter } from '../../relay-core/src/providers/gemini/gemini-provider.js';
import { openAICompatibleAdapter } from '../../relay-core/src/providers/openai-compatible/openai-compatible-provider.js';
import { openAIResponsesAdapter } from '../../relay-core/src/providers/openai-responses/openai-responses-provider.js';
import { findPreset } from '../../relay-core/src/config/presets.js';
import type { ProviderAdapter, ResolvedProvider } from '../../relay-core/src/providers/types.js';
import { answeringDispatcher } from '../../relay-core/src/providers/shared/upstream-reply.fixture.js';
import { loadRecording, scenarios } from '../../relay-core/src/emulator/index.js';
import { mutateAt } from '../helpers/mutated-json.js';
import type { Recording } from '../../relay-core/src/emulator/index.js';

// Upstreams answer with what they like. Every recorded answer, mutated at any depth (a field
// dropped, retyped or replaced), goes through its provider's adapter and then every client
// dialect's encoder, as the relay would: the result is an answer or a RelayError naming the
// upstream's fault (a 502 the attempt loop fails over on), never an internal error (a 500, and
// before its headers a crashed request).

type Api = 'openai-chat' | 'openai-responses' | 'anthropic-messages' | 'gemini' | 'bedrock';

const adapters: Record<Api, { adapter: ProviderAdapter; preset: string; model: string }> = {
  'openai-chat': { adapter: openAICompatibleAdapter, preset: 'openai', model: 'gpt-4.1-nano' },
  'openai-responses': { adapter: openAIResponsesAdapter, preset: 'openai', model: 'gpt-4.1-nano' },
  'anthropic-messages': { adapter: anthropicAdapter, preset: 'anthropic', model: 'claude-sonnet-4-5' },
  gemini: { adapter: geminiAdapter, preset: 'gemini', model: 'gemini-2.5-flash' },
  bedrock: { adapter: bedrockAdapter, preset: 'bedrock', model: 'us.amazon.nova-micro-v1:0' },
};

/** Each client dialect, with a request of its own (its encoder reads what its parser kept). */
const clients: Array<{ codec: DialectCodec; body: Record<string, unknown> }> = [
  { codec: openAIChatCodec, body: { messages: [{ role: 'user', content: 'hi' }] } },
  { codec: anthropicMessagesCodec, body: { max_tokens: 100, messages: [{ role: 'user', content: 'hi' }] } },
  { codec: createResponsesCodec({ save: () => undefined, load: () => undefined }), body: { input: 'hi' } },
];

function requestFor(stream: boolean): CanonicalRequest {
  return openAIChatCodec.parse({
    model: 'any',
    messages: [{ role: 'user', content: 'hi' }],
    stream,
    ...(stream ? { stream_options: { include_usage: true } } : {}),
  });
}

/** A JSON text mutated, or left as it was when it is not JSON (`[DONE]`). */
function mutateJsonText(text: string, path: number[], replacement: unknown): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return text;
  }
  return JSON.stringify(mutateAt(parsed, path, replacement)) ?? 'null';
}

/** One SSE event (its framing included) with its data mutated. */
function mutateSseEvent(event: string, path: number[], replacement: unknown): string {
  const lines = event.split('\n');
  const dataLines = lines.filter((line) => line.startsWith('data:'));
  if (dataLines.length === 0) return event;
  const data = dataLines.map((line) => line.slice(5).replace(/^ /, '')).join('\n');
  const mutated = mutateJsonText(data, path, replacement).split('\n');
  const others = lines.filter((line) => !line.startsWith('data:') && line !== '');
  return [...others, ...mutated.map((line) => `data: ${line}`), '', ''].join('\n');
}

function mutateFrame(frame: Buffer, path: number[], replacement: unknown): Buffer {
  const decoder = new EventStreamDecoder('bedrock');
  const [message] = [...decoder.push(frame)];
  if (!message) return frame;
  const payload = mutateJsonText(Buffer.from(message.payload).toString('utf8'), path, replacement);
  return encodeEventStreamMessage(message.headers, Buffer.from(payload));
}

/** The recording's body, one part (event, frame or the whole JSON) mutated. */
function mutatedBody(recording: Recording, at: number, path: number[], replacement: unknown) {
  if (recording.kind === 'json') return [Buffer.from(mutateJsonText(recording.body, path, replacement))];
  if (recording.kind === 'sse') {
    const index = at % recording.events.length;
    const events = recording.events.map((event, i) =>
      i === index ? mutateSseEvent(event, path, replacement) : event,
    );
    return [Buffer.from(events.join(''))];
  }
  const index = at % recording.frames.length;
  return recording.frames.map((frame, i) => (i === index ? mutateFrame(frame, path, replacement) : frame));
}

function bodyOf(recording: Recording): Buffer[] {
  if (recording.kind === 'json') return [Buffer.from(recording.body)];
  return recording.kind === 'sse' ? [Buffer.from(recording.events.join(''))] : recording.frames;
}

/** What a client would be sent for this answer, in every dialect (throws as the relay would). */
function encodeForClients(stream: boolean, answer: CanonicalResponse | StreamEvent[]): void {
  for (const { codec, body } of clients) {
    const request = codec.parse({ model: 'any', stream, ...body });
    if (Array.isArray(answer)) {
      const encoder = codec.createStreamEncoder(request);
      for (const event of answer) encoder.encode(event);
    } else JSON.stringify(codec.encodeResponse(answer, request));
  }
}

async function relayOnce(api: Api, recording: Recording, body: Buffer[], stream: boolean): Promise<unknown> {
  const { adapter, preset, model } = adapters[api];
  const provider: ResolvedProvider = {
    id: preset,
    preset: findPreset(preset)!,
    baseUrl: 'http://upstream.test/v1',
    region: 'us',
    models: [],
    headers: {},
    timeoutMs: 10_000,
  };
  const request = requestFor(stream);
  try {
    const result = await adapter.send(request, {
      provider,
      model,
      apiKey: 'test-key',
      signal: new AbortController().signal,
      dispatcher: answeringDispatcher({
        status: recording.status,
        headers: { 'content-type': recording.contentType },
        reads: body,
      }).dispatcher,
    });
    if (result.kind === 'response') encodeForClients(stream, result.response);
    else {
      const events: StreamEvent[] = [];
      for await (const event of result.events) events.push(event);
      encodeForClients(stream, events);
    }
    return undefined;
  } catch (error) {
    return error;
  }
}

const cases = scenarios
  .filter((scenario) => !scenario.embeddings)
  .flatMap((scenario) =>
    (['json', 'stream'] as const)
      .filter((kind) => scenario[kind] !== undefined)
      .map((kind) => ({
        name: `${scenario.name} (${kind})`,
        api: (scenario.api ?? 'openai-chat') as Api,
        reference: scenario[kind]!,
        stream: kind === 'stream',
        error: scenario.error === true,
      })),
  );

describe('fuzzing the upstream answers', () => {
  it.each(cases)('$name: mutated, it is an answer or a clear upstream error', async (testCase) => {
    const recording = loadRecording(testCase.reference);
    // the recording itself is answered, or (a recorded failure) refused with the upstream's error
    const unmutated = await relayOnce(testCase.api, recording, bodyOf(recording), testCase.stream);
    if (testCase.error) expect(unmutated).toBeInstanceOf(RelayError);
    else expect(unmutated).toBeUndefined();
    await fc.assert(
      fc.asyncProperty(
        fc.nat(),
        fc.array(fc.nat(), { maxLength: 5 }),
        // any JSON value, or a name every object inherits (a lookup table must not find it)
        fc.oneof(
          fc.anything({ maxDepth: 2 }),
          fc.constantFrom('constructor', '__proto__', 'toString', -1, 1e308),
        ),
        async (at, path, replacement) => {
          const error = await relayOnce(
            testCase.api,
            recording,
            mutatedBody(recording, at, path, replacement),
            testCase.stream,
          );
          if (error === undefined) return;
          expect(error, String((error as Error).stack)).toBeInstanceOf(RelayError);
          expect((error as RelayError).code, (error as RelayError).message).not.toBe('INTERNAL');
        },
      ),
      { numRuns: 200 },
    );
  });
});
