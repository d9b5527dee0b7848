import type { CanonicalRequest } from '../../canonical/types.js';
import { clientBodyOf } from '../../canonical/client-body.js';
import { encodeClientBody } from './anthropic-client-body.js';
import { sseSource } from '../shared/stream-source.js';
import { postToUpstream, readWholeAnswer } from '../shared/post-to-upstream.js';
import { readTokenCount } from '../shared/read-token-count.js';
import type { AdapterContext, AdapterResult, ProviderAdapter } from '../types.js';
import { convertAnthropicError } from './anthropic-error.js';
import { convertAnthropicResponse } from './convert-anthropic-response.js';
import { AnthropicEventConverter } from './convert-anthropic-stream.js';
import { convertToAnthropicRequest } from './convert-to-anthropic-request.js';

/** The Messages API version this adapter speaks. */
export const anthropicVersion = '2023-06-01';

/**
 * An Anthropic client's own body (anthropic-client-body.ts), with the model and a fitted output
 * limit written in: nothing it says is lost in conversion, and a long agent request is not
 * converted and encoded again. Any other request, converted (for a count, without what only
 * generation takes). An Anthropic client's betas go with either.
 */
function encodeBody(
  request: CanonicalRequest,
  context: AdapterContext,
  headers: Record<string, string>,
  count = false,
) {
  const client = clientBodyOf(request, 'anthropic-messages');
  if (client?.betas) {
    const configured = headers['anthropic-beta'];
    headers['anthropic-beta'] = configured ? `${configured},${client.betas}` : client.betas;
  }
  if (client?.bytes)
    return encodeClientBody(
      request,
      client.bytes,
      context.model,
      count ? undefined : request.maxOutputTokens,
    );
  const body = convertToAnthropicRequest(request, context.model, context.provider.id);
  if (count) {
    delete body.max_tokens;
    delete body.stream;
  }
  return JSON.stringify(body);
}

function baseHeaders(context: AdapterContext): Record<string, string> {
  const headers: Record<string, string> = {
    'anthropic-version': anthropicVersion,
    ...context.provider.headers,
  };
  if (context.apiKey) headers['x-api-key'] = context.apiKey;
  return headers;
}

/** Anthropic Messages API (`POST /v1/messages`), streaming and not, and its token counting. */
export const anthropicAdapter: ProviderAdapter = {
  async send(request: CanonicalRequest, context: AdapterContext): Promise<AdapterResult> {
    const { provider } = context;
    const headers = baseHeaders(context);
    if (request.stream) headers.accept = 'text/event-stream';
    // the body is not a local: an async function keeps its locals until it returns, and the body
    // (or the client's bytes it was cut from) would live on until the upstream's headers
    return postToUpstream<AdapterResult>(
      `${provider.baseUrl}/messages`,
      encodeBody(request, context, headers),
      headers,
      context,
      {
        failed: convertAnthropicError,
        succeeded: (reply) =>
          request.stream
            ? {
                kind: 'stream',
                events: sseSource(reply, provider.id, new AnthropicEventConverter(provider.id)),
              }
            : readWholeAnswer(reply, provider.id, convertAnthropicResponse),
      },
    );
  },

  /** `POST /v1/messages/count_tokens`, with the client's own body (its betas too). */
  async countTokens(request: CanonicalRequest, context: AdapterContext): Promise<number> {
    const { provider } = context;
    const headers = baseHeaders(context);
    const body = encodeBody(request, context, headers, true);
    return postToUpstream(`${provider.baseUrl}/messages/count_tokens`, body, headers, context, {
      failed: convertAnthropicError,
      succeeded: (reply) => readTokenCount(reply, provider.id, 'input_tokens'),
    });
  },
};
