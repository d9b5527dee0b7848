import { accumulateStream } from '../../canonical/accumulate-stream.js';
import { RelayError } from '../../canonical/errors.js';
import type { CanonicalRequest, StreamEvent } from '../../canonical/types.js';
import { readUpstreamAnswer } from '../shared/check-canonical.js';
import { parseUpstreamJson } from '../shared/parse-upstream-json.js';
import type { SseEvent } from '../shared/parse-sse.js';
import { sseSource } from '../shared/stream-source.js';
import type { SseConverter } from '../shared/stream-source.js';
import { readBodyText, sendUpstream } from '../shared/send-upstream.js';
import type { AdapterContext, AdapterResult, ProviderAdapter } from '../types.js';
import { GeminiChunkConverter } from './convert-gemini-chunks.js';
import type { GeminiChunkWire } from './convert-gemini-chunks.js';
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

/** Google Gemini API: `models/{model}:generateContent` and `:streamGenerateContent?alt=sse`. */
export const geminiAdapter: ProviderAdapter = {
  async send(request: CanonicalRequest, context: AdapterContext): Promise<AdapterResult> {
    const { provider } = context;
    const body = JSON.stringify(convertToGeminiRequest(request, provider.id));
    const headers: Record<string, string> = { ...provider.headers };
    if (context.apiKey) headers['x-goog-api-key'] = context.apiKey;
    const model = encodeURIComponent(context.model.replace(/^models\//, ''));
    const url = request.stream
      ? `${provider.baseUrl}/models/${model}:streamGenerateContent?alt=sse`
      : `${provider.baseUrl}/models/${model}:generateContent`;
    const reply = await sendUpstream(url, body, headers, context);
    if (reply.status < 200 || reply.status >= 300) {
      const text = await readBodyText(reply, provider.id).catch(() => '');
      throw convertGeminiError(reply.status, reply.headers, text, provider.id);
    }
    if (request.stream)
      return { kind: 'stream', events: sseSource(reply, provider.id, new GeminiSseConverter(provider.id)) };
    const converter = new GeminiChunkConverter(provider.id);
    const chunk = parseUpstreamJson<GeminiChunkWire>(
      await readBodyText(reply, provider.id),
      provider.id,
      'body',
    );
    return {
      kind: 'response',
      response: readUpstreamAnswer(provider.id, () =>
        accumulateStream([...converter.convert(chunk), ...converter.end()]),
      ),
    };
  },
  embed: embedGemini,
  countTokens: countGeminiTokens,
};
