import { accumulateStream } from '../../canonical/accumulate-stream.js';
import { toolNamed } from '../../canonical/flat-tool-name.js';
import { RelayError } from '../../canonical/errors.js';
import type { CanonicalRequest, StreamEvent } from '../../canonical/types.js';
import { convertOpenAIError } from '../openai-compatible/openai-error.js';
import { readUpstreamAnswer } from '../shared/check-canonical.js';
import { parseUpstreamJson } from '../shared/parse-upstream-json.js';
import type { SseEvent } from '../shared/parse-sse.js';
import { sseSource } from '../shared/stream-source.js';
import type { SseConverter } from '../shared/stream-source.js';
import { readBodyText } from '../shared/send-upstream.js';
import type { UpstreamReply } from '../shared/send-upstream.js';
import { postToUpstream } from '../shared/post-to-upstream.js';
import type { AdapterContext, AdapterResult, ProviderAdapter } from '../types.js';
import { ResponsesEventConverter } from './convert-responses-events.js';
import type { ResponsesEventWire, ToolNamer } from './convert-responses-events.js';
import { convertToResponsesRequest } from './convert-to-responses-request.js';

/** Responses API SSE events; the answer ends at `response.completed` (or fails). */
class ResponsesSseConverter implements SseConverter {
  private readonly events: ResponsesEventConverter;
  private sawDone = false;

  constructor(
    private readonly provider: string,
    toolName: ToolNamer,
  ) {
    this.events = new ResponsesEventConverter(provider, toolName);
  }

  get closed(): boolean {
    return this.sawDone || this.events.done;
  }

  push(event: SseEvent): Iterable<StreamEvent> {
    if (event.data === '[DONE]') {
      this.sawDone = true;
      return [];
    }
    return this.events.convert(parseUpstreamJson<ResponsesEventWire>(event.data, this.provider, 'stream'));
  }

  end(): Iterable<StreamEvent> {
    if (this.events.done) return [];
    throw new RelayError(
      'UPSTREAM_STREAM_ERROR',
      `${this.provider}: upstream stream ended before response.completed`,
      { provider: this.provider },
    );
  }
}

/** OpenAI Responses API upstream (`POST /responses`), for models that Chat Completions does not serve. */
export const openAIResponsesAdapter: ProviderAdapter = {
  async send(request: CanonicalRequest, context: AdapterContext): Promise<AdapterResult> {
    const { provider } = context;
    const body = JSON.stringify(convertToResponsesRequest(request, context.model));
    // calls to a namespace's tools are named as the request named them
    const toolName: ToolNamer = (name, namespace) => toolNamed(request.tools, name, namespace);
    const headers: Record<string, string> = { ...provider.headers };
    if (context.apiKey) headers.authorization = `Bearer ${context.apiKey}`;
    if (request.stream) headers.accept = 'text/event-stream';
    return postToUpstream(`${provider.baseUrl}/responses`, body, headers, context, {
      failed: convertOpenAIError,
      succeeded: async (reply): Promise<AdapterResult> =>
        request.stream
          ? {
              kind: 'stream',
              events: sseSource(reply, provider.id, new ResponsesSseConverter(provider.id, toolName)),
            }
          : readWhole(reply, provider.id, toolName),
    });
  },
};

/** A whole Responses answer, replayed through the event converter as the events it would have streamed. */
async function readWhole(
  reply: UpstreamReply,
  provider: string,
  toolName: ToolNamer,
): Promise<AdapterResult> {
  const whole = parseUpstreamJson<Parameters<ResponsesEventConverter['convertWhole']>[0]>(
    await readBodyText(reply, provider),
    provider,
    'body',
  );
  return {
    kind: 'response',
    response: readUpstreamAnswer(provider, () =>
      accumulateStream(new ResponsesEventConverter(provider, toolName).convertWhole(whole)),
    ),
  };
}
