import type { CanonicalRequest } from '../../canonical/types.js';
import { readTokenCount } from '../shared/read-token-count.js';
import { postToUpstream } from '../shared/post-to-upstream.js';
import type { AdapterContext } from '../types.js';
import { convertToGeminiRequest } from './convert-to-gemini-request.js';
import { convertGeminiError } from './gemini-error.js';

/**
 * `models/{model}:countTokens` with the whole request the relay would send (`generateContentRequest`:
 * system instruction and tools count too), answered by Gemini's own tokenizer.
 */
export function countGeminiTokens(request: CanonicalRequest, context: AdapterContext): Promise<number> {
  const { provider } = context;
  const model = context.model.replace(/^models\//, '');
  const body = JSON.stringify({
    generateContentRequest: { model: `models/${model}`, ...convertToGeminiRequest(request, provider.id) },
  });
  const headers: Record<string, string> = { ...provider.headers };
  if (context.apiKey) headers['x-goog-api-key'] = context.apiKey;
  const url = `${provider.baseUrl}/models/${encodeURIComponent(model)}:countTokens`;
  return postToUpstream(url, body, headers, context, {
    failed: convertGeminiError,
    succeeded: (reply) => readTokenCount(reply, provider.id, 'totalTokens'),
  });
}
