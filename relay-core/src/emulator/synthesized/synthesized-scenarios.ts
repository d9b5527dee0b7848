import type { ServerResponse } from 'node:http';
import { sendJson } from '../http-io.js';
import type { RequestShape } from '../routes/api-route.js';
import { hashedEmbedding } from './hashed-embedding.js';
import { schemaAnswerText } from './schema-answer.js';

/**
 * Answers the emulator makes up from the request, for what no recording can answer: embeddings
 * of arbitrary texts and structured output for arbitrary schemas. Each is served under a model
 * name of its own (OpenAI Chat Completions API), so recorded models are never shadowed.
 */
export const synthesizedModels = {
  /** `POST /v1/embeddings`: deterministic hashed bag-of-words vectors (see hashed-embedding.ts). */
  hashedEmbedding: 'hashed-embedding',
  /** `POST /v1/chat/completions`: a JSON instance of the request's `response_format` schema. */
  schemaAnswer: 'schema-answer',
} as const;

function inputsOf(body: Record<string, unknown>): string[] {
  const input = body.input;
  if (typeof input === 'string') return [input];
  return Array.isArray(input) ? input.map(String) : [];
}

function tokensOf(text: string): string[] {
  return text.match(/\w+|[^\w\s]|\s+/g) ?? [];
}

/**
 * Token log probabilities in OpenAI's shape (`ChatCompletionTokenLogprob`) for a text, when the
 * request asked for them (`logprobs: true`, `top_logprobs: n`): tokens are words, punctuation and
 * spaces, each a little less likely than the one before, with `n` made-up alternatives.
 */
function synthesizedLogprobs(text: string, request: Record<string, unknown>, offset = 0) {
  if (request.logprobs !== true) return null;
  const alternatives = typeof request.top_logprobs === 'number' ? request.top_logprobs : 0;
  const tokens = tokensOf(text);
  const entry = (token: string, logprob: number) => ({
    token,
    logprob,
    bytes: [...Buffer.from(token)],
  });
  return {
    content: tokens.map((token, i) => {
      const logprob = -(offset + i + 1) / 100;
      return {
        ...entry(token, logprob),
        top_logprobs: Array.from({ length: alternatives }, (_, k) =>
          k === 0 ? entry(token, logprob) : entry(`${token.trim()}~${k}`, logprob - k),
        ),
      };
    }),
    refusal: null,
  };
}

/**
 * What the model says when it refuses (OpenAI's `refusal`, e.g. to a structured-output request it
 * will not fill): `schema-answer` refuses when the last message contains `[refuse]`.
 */
export const synthesizedRefusal = "I'm sorry, I can't help with that.";

function refuses(request: Record<string, unknown>): boolean {
  const messages = Array.isArray(request.messages) ? request.messages : [];
  const last = messages.at(-1) as { content?: unknown } | undefined;
  return JSON.stringify(last?.content ?? '').includes('[refuse]');
}

/** A whole answer: `text` as content, or as the refusal. */
function completion(text: string, refusal: boolean, created: number, request: Record<string, unknown>) {
  return {
    id: `chatcmpl-synth${created}`,
    object: 'chat.completion',
    created,
    model: synthesizedModels.schemaAnswer,
    choices: [
      {
        index: 0,
        message: refusal
          ? { role: 'assistant', content: null, refusal: text }
          : { role: 'assistant', content: text },
        logprobs: refusal ? null : synthesizedLogprobs(text, request),
        finish_reason: 'stop',
      },
    ],
    usage: {
      prompt_tokens: 10,
      completion_tokens: Math.ceil(text.length / 4),
      total_tokens: 10 + Math.ceil(text.length / 4),
    },
  };
}

function streamCompletion(
  response: ServerResponse,
  text: string,
  refusal: boolean,
  created: number,
  request: Record<string, unknown>,
): void {
  const base = {
    id: `chatcmpl-synth${created}`,
    object: 'chat.completion.chunk',
    created,
    model: synthesizedModels.schemaAnswer,
  };
  const first = text.slice(0, Math.ceil(text.length / 2));
  const second = text.slice(first.length);
  const frames = [
    { ...base, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] },
    // two pieces, so the client sees a real stream; each carries its own tokens' probabilities
    ...[first, second].map((piece, i) => ({
      ...base,
      choices: [
        {
          index: 0,
          delta: refusal ? { refusal: piece } : { content: piece },
          logprobs: refusal
            ? null
            : synthesizedLogprobs(piece, request, i === 0 ? 0 : tokensOf(first).length),
          finish_reason: null,
        },
      ],
    })),
    { ...base, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] },
  ];
  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  response.end(`${frames.map((frame) => `data: ${JSON.stringify(frame)}\n\n`).join('')}data: [DONE]\n\n`);
}

/** Serves a synthesized model; false when the request is not for one. */
export function serveSynthesized(shape: RequestShape, body: unknown, response: ServerResponse): boolean {
  if (shape.api !== 'openai-chat') return false;
  const wire = (body ?? {}) as Record<string, unknown>;
  if (shape.embeddings && shape.model === synthesizedModels.hashedEmbedding) {
    const inputs = inputsOf(wire);
    // the official SDKs ask for base64 (little-endian float32) unless told otherwise
    const base64 = wire.encoding_format === 'base64';
    const tokens = inputs.reduce((sum, text) => sum + (text.match(/\S+/g)?.length ?? 0), 0);
    sendJson(
      response,
      200,
      JSON.stringify({
        object: 'list',
        data: inputs.map((text, index) => ({
          object: 'embedding',
          index,
          embedding: base64
            ? Buffer.from(Float32Array.from(hashedEmbedding(text)).buffer).toString('base64')
            : hashedEmbedding(text),
        })),
        model: synthesizedModels.hashedEmbedding,
        usage: { prompt_tokens: tokens, total_tokens: tokens },
      }),
    );
    return true;
  }
  if (!shape.embeddings && shape.model === synthesizedModels.schemaAnswer) {
    const refusal = refuses(wire);
    const text = refusal ? synthesizedRefusal : schemaAnswerText(wire);
    const created = Math.floor(Date.now() / 1000);
    if (shape.stream) streamCompletion(response, text, refusal, created, wire);
    else sendJson(response, 200, JSON.stringify(completion(text, refusal, created, wire)));
    return true;
  }
  return false;
}
