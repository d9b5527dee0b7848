import type { IncomingMessage, ServerResponse } from 'node:http';
import { RelayError } from '../canonical/errors.js';
import { createGeminiEmbeddingsCodec } from '../dialects/gemini-api/gemini-embeddings-codec.js';
import { parseGeminiRequest } from '../dialects/gemini-api/parse-gemini-request.js';
import { handleEmbeddingsRequest } from '../pipeline/handle-embeddings-request.js';
import type { RelayRuntime } from '../pipeline/relay-runtime.js';
import { resolveTargets } from '../routing/resolve-targets.js';
import { isPlainObject } from '../shared/is-plain-object.js';
import { encodeGeminiError } from '../dialects/gemini-api/encode-gemini-error.js';
import { handleCountTokens } from '../pipeline/handle-count-tokens.js';
import type { CountDialect } from '../pipeline/handle-count-tokens.js';
import type { GeminiPath } from './match-gemini-path.js';
import { readJson, readJsonBody } from './read-body.js';
import { newRequestId } from './request-id.js';
import { sendJson } from '../shared/send-json.js';

/** The methods a model of the relay answers, as Gemini's model list says it. */
const methods = [
  'generateContent',
  'streamGenerateContent',
  'countTokens',
  'embedContent',
  'batchEmbedContents',
];

/** A model (a route, `provider/model`) in Gemini's `Model` shape. */
function geminiModel(id: string): Record<string, unknown> {
  return { name: `models/${id}`, version: '', displayName: id, supportedGenerationMethods: methods };
}

/**
 * `:countTokens` of the prompt (`contents`, or a whole `generateContentRequest`), as Gemini's
 * `{totalTokens}`: counted like Anthropic's count_tokens (pipeline/handle-count-tokens.ts).
 */
function geminiCount(model: string): CountDialect {
  return {
    parse(body) {
      const inner = isPlainObject(body)
        ? (body.generateContentRequest ?? body.generate_content_request)
        : undefined;
      return parseGeminiRequest(isPlainObject(inner) ? inner : body, { model, stream: false }).request;
    },
    answer: (inputTokens) => ({ totalTokens: inputTokens }),
    encodeError: encodeGeminiError,
  };
}

/**
 * The Gemini API besides generating content (which goes the way of every model request): the
 * model list and one model, `:countTokens`, `:embedContent` and `:batchEmbedContents`.
 */
export async function serveGeminiApi(
  runtime: RelayRuntime,
  path: GeminiPath,
  request: IncomingMessage,
  response: ServerResponse,
  context: { client: string; receivedAt: number; modelIds: () => string[] },
): Promise<void> {
  const method = request.method ?? 'GET';
  if (path.kind === 'list' && method === 'GET') {
    sendJson(response, 200, { models: context.modelIds().map(geminiModel) });
    return;
  }
  if (path.kind === 'get' && method === 'GET') {
    // a bare catalog name is not listed but served: one that is not throws MODEL_NOT_FOUND
    if (!context.modelIds().includes(path.model))
      resolveTargets(path.model, runtime.providers, runtime.routes, runtime.serves);
    sendJson(response, 200, geminiModel(path.model));
    return;
  }
  if (path.kind === 'call' && method === 'POST' && path.method === 'countTokens') {
    const body = await readJson(request, runtime.maxBodyBytes);
    await handleCountTokens(
      runtime,
      body,
      response,
      { id: newRequestId(), client: context.client },
      geminiCount(path.model),
    );
    return;
  }
  if (path.kind === 'call' && method === 'POST' && /^(embedContent|batchEmbedContents)$/.test(path.method)) {
    const createdAt = runtime.wallClock();
    const body = await readJsonBody(request, runtime.maxBodyBytes);
    const codec = createGeminiEmbeddingsCodec(path.model, path.method === 'batchEmbedContents');
    await handleEmbeddingsRequest(runtime, codec, body, response, {
      id: newRequestId(),
      client: context.client,
      receivedAt: context.receivedAt,
      createdAt,
      model: path.model,
    });
    return;
  }
  request.resume();
  const what =
    path.kind === 'call' ? `models/${path.model}:${path.method}` : (request.url ?? '').split('?')[0];
  throw new RelayError('NOT_FOUND', `${method} ${what} is not served by the relay`);
}
