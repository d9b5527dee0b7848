import type { CanonicalRequest } from '../../canonical/types.js';
import { sseSource } from '../shared/stream-source.js';
import { postToUpstream, readWholeAnswer } from '../shared/post-to-upstream.js';
import type { AdapterContext, AdapterResult, ProviderAdapter, ResolvedProvider } from '../types.js';
import { convertOpenAIResponse } from './convert-openai-response.js';
import { OpenAIChunkConverter } from './convert-openai-stream.js';
import { convertToOpenAIRequest } from './convert-to-openai-request.js';
import type { OpenAIRequestOptions } from './convert-to-openai-request.js';
import { openAIClientBody } from './openai-client-body.js';
import { convertOpenAIError } from './openai-error.js';
import { embedOpenAI } from './embed-openai.js';

/** Where an OpenAI-dialect upstream lives and how it authenticates; the rest is shared. */
export interface OpenAIEndpoint {
  url(provider: ResolvedProvider, model: string): string;
  embeddingsUrl(provider: ResolvedProvider, model: string): string;
  authHeaders(apiKey: string): Record<string, string>;
}

const standardEndpoint: OpenAIEndpoint = {
  url: (provider) => `${provider.baseUrl}/chat/completions`,
  embeddingsUrl: (provider) => `${provider.baseUrl}/embeddings`,
  authHeaders: (apiKey) => ({ authorization: `Bearer ${apiKey}` }),
};

/**
 * One adapter for OpenAI and every OpenAI-compatible upstream; presets only change the base URL,
 * auth and the few real quirks handled in the converters. Azure differs only in its endpoint.
 */
export function createOpenAICompatibleAdapter(endpoint: OpenAIEndpoint = standardEndpoint): ProviderAdapter {
  return {
    async send(request: CanonicalRequest, context: AdapterContext): Promise<AdapterResult> {
      const { provider } = context;
      const options: OpenAIRequestOptions = {
        maxTokensField:
          provider.preset.id === 'openai' || provider.preset.id === 'azure'
            ? 'max_completion_tokens'
            : 'max_tokens',
        openAIService: provider.preset.id === 'openai' || provider.preset.id === 'azure',
      };
      const body =
        openAIClientBody(request, context.model, options) ??
        JSON.stringify(convertToOpenAIRequest(request, context.model, options));
      const headers: Record<string, string> = { ...provider.headers };
      if (context.apiKey) Object.assign(headers, endpoint.authHeaders(context.apiKey));
      if (request.stream) headers.accept = 'text/event-stream';
      return postToUpstream<AdapterResult>(endpoint.url(provider, context.model), body, headers, context, {
        failed: convertOpenAIError,
        succeeded: (reply) =>
          request.stream
            ? { kind: 'stream', events: sseSource(reply, provider.id, new OpenAIChunkConverter(provider.id)) }
            : readWholeAnswer(reply, provider.id, convertOpenAIResponse),
      });
    },
    embed(request, context) {
      const auth = context.apiKey ? endpoint.authHeaders(context.apiKey) : {};
      return embedOpenAI(endpoint.embeddingsUrl(context.provider, context.model), auth, request, context);
    },
  };
}

export const openAICompatibleAdapter = createOpenAICompatibleAdapter();
