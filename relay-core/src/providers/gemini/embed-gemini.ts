import { RelayError } from '../../canonical/errors.js';
import { parseUpstreamJson } from '../shared/parse-upstream-json.js';
import { readBodyText } from '../shared/send-upstream.js';
import { postToUpstream } from '../shared/post-to-upstream.js';
import type { AdapterContext, EmbeddingRequest, EmbeddingResult } from '../types.js';
import { convertGeminiError } from './gemini-error.js';

/** Gemini `models/{model}:batchEmbedContents`; it reports no token usage (the relay counts). */
export async function embedGemini(
  request: EmbeddingRequest,
  context: AdapterContext,
): Promise<EmbeddingResult> {
  const { provider } = context;
  const model = context.model.replace(/^models\//, '');
  const body = {
    requests: request.input.map((text) => ({
      model: `models/${model}`,
      content: { parts: [{ text }] },
      ...(request.dimensions === undefined ? {} : { outputDimensionality: request.dimensions }),
      ...(request.taskType === undefined ? {} : { taskType: request.taskType }),
    })),
  };
  const headers: Record<string, string> = { ...provider.headers };
  if (context.apiKey) headers['x-goog-api-key'] = context.apiKey;
  const text = await postToUpstream(
    `${provider.baseUrl}/models/${encodeURIComponent(model)}:batchEmbedContents`,
    JSON.stringify(body),
    headers,
    context,
    { failed: convertGeminiError, succeeded: (reply) => readBodyText(reply, provider.id) },
  );
  const wire = parseUpstreamJson<{ embeddings?: Array<{ values?: number[] }> }>(text, provider.id, 'body');
  const vectors = (wire.embeddings ?? []).map((embedding) => embedding.values);
  if (vectors.length !== request.input.length || !vectors.every((v) => Array.isArray(v))) {
    throw new RelayError(
      'UPSTREAM_PROTOCOL_ERROR',
      `${provider.id}: upstream returned ${vectors.length} embeddings for ${request.input.length} inputs`,
      {
        provider: provider.id,
      },
    );
  }
  return { model, vectors: vectors as number[][] };
}
