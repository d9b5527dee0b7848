import type { CanonicalRequest } from '../../canonical/types.js';
import { clientBodyOf } from '../../canonical/client-body.js';
import { encodeClientBody } from './anthropic-client-body.js';
import { sseSource } from '../shared/stream-source.js';
import { readBodyText, sendUpstream } from '../shared/send-upstream.js';
import type { AdapterContext, AdapterResult, ProviderAdapter } from '../types.js';
import { convertAnthropicError } from './anthropic-error.js';
import { convertAnthropicResponse } from './convert-anthropic-response.js';
import { AnthropicEventConverter } from './convert-anthropic-stream.js';
import { convertToAnthropicRequest } from './convert-to-anthropic-request.js';
import { readUpstreamAnswer } from '../shared/check-canonical.js';

/** The Messages API version this adapter speaks. */
export const anthropicVersion = '2023-06-01';

/**
 * An Anthropic client's own body (anthropic-client-body.ts): nothing it says is lost in conversion,
 * and a long agent request is not converted and encoded again. Any other request, converted. An
 * Anthropic client's betas go with either.
 */
function encodeBody(request: CanonicalRequest, context: AdapterContext, headers: Record<string, string>) {
  const client = clientBodyOf(request, 'anthropic-messages');
  if (client?.betas) {
    const configured = headers['anthropic-beta'];
    headers['anthropic-beta'] = configured ? `${configured},${client.betas}` : client.betas;
  }
  if (client?.bytes) return encodeClientBody(request, client.bytes, context.model);
  return JSON.stringify(convertToAnthropicRequest(request, context.model, context.provider.id));
}

/** Anthropic Messages API (`POST /v1/messages`), streaming and not. */
export const anthropicAdapter: ProviderAdapter = {
  async send(request: CanonicalRequest, context: AdapterContext): Promise<AdapterResult> {
    const { provider } = context;
    const headers: Record<string, string> = { 'anthropic-version': anthropicVersion, ...provider.headers };
    if (context.apiKey) headers['x-api-key'] = context.apiKey;
    if (request.stream) headers.accept = 'text/event-stream';
    // the body is not a local: an async function keeps its locals until it returns, and the body
    // (or the client's bytes it was cut from) would live on until the upstream's headers
    const reply = await sendUpstream(
      `${provider.baseUrl}/messages`,
      encodeBody(request, context, headers),
      headers,
      context,
    );
    if (reply.status < 200 || reply.status >= 300) {
      const text = await readBodyText(reply, provider.id).catch(() => '');
      throw convertAnthropicError(reply.status, reply.headers, text, provider.id);
    }
    if (request.stream)
      return {
        kind: 'stream',
        events: sseSource(reply, provider.id, new AnthropicEventConverter(provider.id)),
      };
    return {
      kind: 'response',
      response: await readBodyText(reply, provider.id).then((text) =>
        readUpstreamAnswer(provider.id, () => convertAnthropicResponse(text, provider.id)),
      ),
    };
  },
};
