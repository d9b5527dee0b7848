import type { RelayError } from '../../canonical/errors.js';
import type { Usage } from '../../canonical/types.js';
import type { EmbeddingRequest } from '../../providers/types.js';
import { encodeOpenAIError } from '../openai-chat/encode-openai-error.js';
import { encodeBase64Vector, parseEmbeddingsRequest } from './parse-embeddings-request.js';

/** What an embeddings request got, before it is encoded in the client's dialect. */
export interface EmbeddingsAnswer {
  model: string;
  vectors: number[][];
  usage: Usage;
}

/** One inbound embeddings dialect: its request as the provider-neutral one, and its answers. */
export interface EmbeddingsCodec {
  /** The request, and how to encode its answer (which may depend on what it asked: base64). */
  parse(body: unknown): { request: EmbeddingRequest; encode(answer: EmbeddingsAnswer): unknown };
  /** The dialect's error body; `message` is already redacted. */
  encodeError(error: RelayError, message: string): unknown;
}

/** OpenAI's `POST /v1/embeddings`, floats or base64. */
export const openAIEmbeddingsCodec: EmbeddingsCodec = {
  parse(body) {
    const { request, encoding } = parseEmbeddingsRequest(body);
    return {
      request,
      encode: ({ model, vectors, usage }) => ({
        object: 'list',
        data: vectors.map((vector, index) => ({
          object: 'embedding',
          index,
          embedding: encoding === 'base64' ? encodeBase64Vector(vector) : vector,
        })),
        model,
        usage: { prompt_tokens: usage.inputTokens, total_tokens: usage.inputTokens },
      }),
    };
  },
  encodeError: encodeOpenAIError,
};
