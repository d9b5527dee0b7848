import { z } from 'zod';
import { RelayError } from '../../canonical/errors.js';
import type { EmbeddingsCodec } from '../embeddings/embeddings-codec.js';
import { parseWithSchema } from '../parse-with-schema.js';
import { camelCaseKeys } from './camel-case-keys.js';
import { encodeGeminiError } from './encode-gemini-error.js';
import { geminiContentSchema } from './gemini-api-schema.js';
import { geminiInvalidValue } from './parse-gemini-request.js';

const embedContent = z
  .object({
    content: geminiContentSchema,
    taskType: z.string().nullish(),
    outputDimensionality: z.number().int().positive().nullish(),
  })
  .loose();
const batch = z.object({ requests: z.array(embedContent).min(1).max(2048) }).loose();

type EmbedContentWire = z.infer<typeof embedContent>;

/** A content's text, its parts joined: the relay embeds text only. */
function textOf(wire: EmbedContentWire, param: string): string {
  const parts = wire.content.parts ?? [];
  const other = parts.findIndex((part) => typeof part.text !== 'string');
  if (other !== -1)
    throw new RelayError('BAD_REQUEST', 'only text parts can be embedded through the relay', {
      param: `${param}content.parts[${other}]`,
    });
  return parts.map((part) => part.text).join('\n');
}

/**
 * Gemini's `:embedContent` (one content, one `embedding`) and `:batchEmbedContents` (`requests`,
 * one of `embeddings` each) for the model in the path. A batch shares one task type and size.
 */
export function createGeminiEmbeddingsCodec(model: string, batched: boolean): EmbeddingsCodec {
  return {
    parse(body) {
      const normalized = camelCaseKeys(body);
      const requests = batched
        ? parseWithSchema(batch, normalized, geminiInvalidValue).requests
        : [parseWithSchema(embedContent, normalized, geminiInvalidValue)];
      const input = requests.map((wire, i) => textOf(wire, batched ? `requests[${i}].` : ''));
      const first = requests[0]!;
      const differ = requests.findIndex(
        (wire) =>
          wire.taskType !== first.taskType || wire.outputDimensionality !== first.outputDimensionality,
      );
      if (differ !== -1)
        throw new RelayError(
          'BAD_REQUEST',
          'every request of a batch must ask for the same taskType and size',
          {
            param: `requests[${differ}]`,
          },
        );
      return {
        request: {
          model,
          input,
          ...(first.outputDimensionality ? { dimensions: first.outputDimensionality } : {}),
          ...(first.taskType ? { taskType: first.taskType } : {}),
        },
        encode: ({ vectors }) =>
          batched
            ? { embeddings: vectors.map((values) => ({ values })) }
            : { embedding: { values: vectors[0] ?? [] } },
      };
    },
    encodeError: encodeGeminiError,
  };
}
