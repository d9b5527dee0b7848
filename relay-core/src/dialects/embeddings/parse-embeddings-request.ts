import { z } from 'zod';
import { RelayError } from '../../canonical/errors.js';
import type { EmbeddingRequest } from '../../providers/types.js';
import { openAIInvalidValue, parseWithSchema } from '../parse-with-schema.js';

const schema = z
  .object({
    model: z.string().min(1),
    input: z.union([
      z.string().min(1),
      z.array(z.string().min(1)).min(1).max(2048),
      z.array(z.number()),
      z.array(z.array(z.number())),
    ]),
    encoding_format: z.enum(['float', 'base64']).optional(),
    dimensions: z.number().int().positive().optional(),
    user: z.string().optional(),
  })
  .loose();

export interface ParsedEmbeddingsRequest {
  request: EmbeddingRequest;
  encoding: 'float' | 'base64';
}

/** Validates an OpenAI `POST /v1/embeddings` body; token-id inputs cannot be translated across providers. */
export function parseEmbeddingsRequest(body: unknown): ParsedEmbeddingsRequest {
  const wire = parseWithSchema(schema, body, openAIInvalidValue);
  const input = typeof wire.input === 'string' ? [wire.input] : wire.input;
  if (!input.every((item): item is string => typeof item === 'string')) {
    throw new RelayError('BAD_REQUEST', 'token-id input is not supported by the relay: send text', {
      param: 'input',
    });
  }
  return {
    request: {
      model: wire.model,
      input,
      ...(wire.dimensions ? { dimensions: wire.dimensions } : {}),
      ...(wire.user ? { user: wire.user } : {}),
    },
    encoding: wire.encoding_format ?? 'float',
  };
}

/** A float vector as OpenAI's base64 encoding: little-endian float32 bytes. */
export function encodeBase64Vector(vector: number[]): string {
  const bytes = Buffer.alloc(vector.length * 4);
  vector.forEach((value, i) => bytes.writeFloatLE(value, i * 4));
  return bytes.toString('base64');
}
