import { accumulateStream } from '../../canonical/accumulate-stream.js';
import { clientBodyOf } from '../../canonical/client-body.js';
import { mayCarryToolCallSignatures } from '../../canonical/tool-call-id.js';
import { RelayError } from '../../canonical/errors.js';
import type { CanonicalRequest, StreamEvent } from '../../canonical/types.js';
import { readUpstreamAnswer } from '../shared/check-canonical.js';
import { parseUpstreamJson } from '../shared/parse-upstream-json.js';
import type { SseEvent } from '../shared/parse-sse.js';
import { sseSource } from '../shared/stream-source.js';
import type { SseConverter } from '../shared/stream-source.js';
import { readBodyText } from '../shared/send-upstream.js';
import type { UpstreamReply } from '../shared/send-upstream.js';
import { postToUpstream } from '../shared/post-to-upstream.js';
import type { AdapterContext, AdapterResult, ProviderAdapter } from '../types.js';
import { GeminiChunkConverter } from './convert-gemini-chunks.js';
import type { GeminiChunkWire } from '../../shared/gemini/gemini-response-wire.js';
import { convertToGeminiRequest } from './convert-to-gemini-request.js';
import { convertGeminiError } from './gemini-error.js';
import { embedGemini } from './embed-gemini.js';
import { countGeminiTokens } from './count-gemini-tokens.js';

/** Gemini's SSE events, each a whole response chunk; the answer ends with the body. */
class GeminiSseConverter implements SseConverter {
  readonly closed = false;
  private readonly chunks: GeminiChunkConverter;

  constructor(private readonly provider: string) {
    this.chunks = new GeminiChunkConverter(provider);
  }

  push(event: SseEvent): Iterable<StreamEvent> {
    const { provider } = this;
    const chunk = parseUpstreamJson<GeminiChunkWire & { error?: { message?: string } }>(
      event.data,
      provider,
      'stream',
    );
    if (chunk.error)
      throw new RelayError(
        'UPSTREAM_STREAM_ERROR',
        `${provider}: ${chunk.error.message ?? 'error in stream'}`,
        { provider },
      );
    return this.chunks.convert(chunk);
  }

  end(): Iterable<StreamEvent> {
    if (!this.chunks.finish) {
      throw new RelayError(
        'UPSTREAM_STREAM_ERROR',
        `${this.provider}: upstream stream ended before a finish reason`,
        { provider: this.provider },
      );
    }
    return this.chunks.end();
  }
}

/** Reasoning another provider signed, which the relay carried through a Gemini client's history. */
function carriesOtherReasoning(request: CanonicalRequest): boolean {
  return request.messages.some((message) =>
    message.content.some(
      (part) => part.type === 'reasoning' && (part.signature !== undefined || part.redacted),
    ),
  );
}

/**
 * A Gemini client's own body, unchanged (the model is in the URL): nothing it says is lost in
 * conversion. Not when it carries another provider's reasoning in its thought signatures, which
 * Gemini would refuse: that request is converted. Any other request, converted.
 */
function encodeBody(request: CanonicalRequest, provider: string): string | Buffer {
  const client = clientBodyOf(request, 'gemini-api');
  // tool ids that carried a signature were restored in the request, not in these bytes
  if (
    client?.bytes !== undefined &&
    !carriesOtherReasoning(request) &&
    !mayCarryToolCallSignatures(client.bytes)
  )
    return client.bytes;
  return JSON.stringify(convertToGeminiRequest(request, provider));
}

/** A whole Gemini answer: one response chunk, converted as a stream of one. */
async function readWhole(reply: UpstreamReply, provider: string): Promise<AdapterResult> {
  const converter = new GeminiChunkConverter(provider);
  const chunk = parseUpstreamJson<GeminiChunkWire>(await readBodyText(reply, provider), provider, 'body');
  return {
    kind: 'response',
    response: readUpstreamAnswer(provider, () =>
      accumulateStream([...converter.convert(chunk), ...converter.end()]),
    ),
  };
}

/** Google Gemini API: `models/{model}:generateContent` and `:streamGenerateContent?alt=sse`. */
export const geminiAdapter: ProviderAdapter = {
  async send(request: CanonicalRequest, context: AdapterContext): Promise<AdapterResult> {
    const { provider } = context;
    const headers: Record<string, string> = { ...provider.headers };
    if (context.apiKey) headers['x-goog-api-key'] = context.apiKey;
    const model = encodeURIComponent(context.model.replace(/^models\//, ''));
    const url = request.stream
      ? `${provider.baseUrl}/models/${model}:streamGenerateContent?alt=sse`
      : `${provider.baseUrl}/models/${model}:generateContent`;
    // the body is not a local: an async function keeps its locals until it returns
    return postToUpstream(url, encodeBody(request, provider.id), headers, context, {
      failed: convertGeminiError,
      succeeded: async (reply): Promise<AdapterResult> =>
        request.stream
          ? { kind: 'stream', events: sseSource(reply, provider.id, new GeminiSseConverter(provider.id)) }
          : readWhole(reply, provider.id),
    });
  },
  embed: embedGemini,
  countTokens: countGeminiTokens,
};
