import { RelayError } from '../../canonical/errors.js';
import { parseUpstreamJson } from '../shared/parse-upstream-json.js';
import { readBodyText } from '../shared/send-upstream.js';
import { postToUpstream } from '../shared/post-to-upstream.js';
import type { AdapterContext, EmbeddingRequest, EmbeddingResult } from '../types.js';
import { convertOpenAIError } from './openai-error.js';

interface EmbeddingsWire {
  data?: Array<{ index?: number; embedding?: unknown }>;
  model?: string;
  usage?: { prompt_tokens?: number };
}

/**
 * `POST {base}/embeddings` on OpenAI and compatible servers (Mistral, Ollama, vLLM, …). Floats are
 * always asked for: the relay encodes base64 itself, the same way for every provider.
 */
export async function embedOpenAI(
  url: string,
  authHeaders: Record<string, string>,
  request: EmbeddingRequest,
  context: AdapterContext,
): Promise<EmbeddingResult> {
  const { provider } = context;
  const body = {
    model: context.model,
    input: request.input,
    encoding_format: 'float',
    ...(request.dimensions === undefined ? {} : { dimensions: request.dimensions }),
    ...(request.user === undefined ? {} : { user: request.user }),
  };
  const text = await postToUpstream(
    url,
    JSON.stringify(body),
    { ...provider.headers, ...authHeaders },
    context,
    {
      failed: convertOpenAIError,
      succeeded: (reply) => readBodyText(reply, provider.id),
    },
  );
  const wire = parseUpstreamJson<EmbeddingsWire>(text, provider.id, 'body');
  const data = [...(wire.data ?? [])].sort((a, b) => (a.index ?? 0) - (b.index ?? 0));
  const vectors = data.map((item) => item.embedding);
  if (vectors.length !== request.input.length || !vectors.every((v) => Array.isArray(v))) {
    throw new RelayError(
      'UPSTREAM_PROTOCOL_ERROR',
      `${provider.id}: upstream returned ${vectors.length} embeddings for ${request.input.length} inputs`,
      {
        provider: provider.id,
      },
    );
  }
  return {
    model: wire.model ?? context.model,
    vectors: vectors as number[][],
    inputTokens: wire.usage?.prompt_tokens,
  };
}
