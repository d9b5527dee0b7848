import { accumulateStream } from '../../canonical/accumulate-stream.js';
import type { CanonicalRequest, StreamEvent } from '../../canonical/types.js';
import { parseUpstreamJson } from '../shared/parse-upstream-json.js';
import { checkedEvents, readUpstreamAnswer } from '../shared/check-canonical.js';
import { readBodyText, sendUpstream, streamCutOff } from '../shared/send-upstream.js';
import { readReply } from '../shared/post-to-upstream.js';
import { sourceFromIterable } from '../shared/stream-source.js';
import { readTokenCount } from '../shared/read-token-count.js';
import type { UpstreamReply } from '../shared/send-upstream.js';
import type { AdapterContext, AdapterResult, ProviderAdapter } from '../types.js';
import { convertBedrockError } from './bedrock-error.js';
import { BedrockEventConverter } from './convert-bedrock-events.js';
import type { BedrockEventWire } from './convert-bedrock-events.js';
import { convertToBedrockRequest } from './convert-to-bedrock-request.js';
import { EventStreamDecoder } from './decode-event-stream.js';
import { signAwsRequest } from './sign-aws-request.js';
import type { AwsCredentials } from './sign-aws-request.js';

/**
 * The stored Bedrock key is either an IAM pair `ACCESS_KEY_ID:SECRET_ACCESS_KEY[:SESSION_TOKEN]`
 * (signed with SigV4) or a Bedrock API key (sent as a bearer token).
 */
export function parseBedrockKey(
  key: string,
): { kind: 'iam'; credentials: AwsCredentials } | { kind: 'bearer'; token: string } {
  const parts = key.split(':');
  if (parts.length >= 2 && /^(AKIA|ASIA)[A-Z0-9]{12,}$/.test(parts[0]!)) {
    return {
      kind: 'iam',
      credentials: {
        accessKeyId: parts[0]!,
        secretAccessKey: parts[1]!,
        ...(parts[2] ? { sessionToken: parts.slice(2).join(':') } : {}),
      },
    };
  }
  return { kind: 'bearer', token: key };
}

/** The AWS region, from `bedrock-runtime.<region>.amazonaws.com` (us-east-1 otherwise). */
export function bedrockRegion(baseUrl: string): string {
  return /bedrock-runtime(?:-fips)?\.([a-z0-9-]+)\.amazonaws\.com/.exec(baseUrl)?.[1] ?? 'us-east-1';
}

async function* convertStream(
  reply: UpstreamReply,
  provider: string,
  model: string,
): AsyncGenerator<StreamEvent> {
  const decoder = new EventStreamDecoder(provider);
  const converter = new BedrockEventConverter(provider, model);
  const chunks = reply.chunks()[Symbol.asyncIterator]();
  /** The events of one upstream read's frames. */
  function* convertRead(chunk: Uint8Array): Generator<StreamEvent> {
    for (const message of decoder.push(chunk)) {
      const type = message.headers[':event-type'] ?? message.headers[':exception-type'] ?? '';
      const event = parseUpstreamJson<BedrockEventWire>(
        message.payload.toString('utf8') || '{}',
        provider,
        'stream',
      );
      yield* converter.convert(type, message.headers[':message-type'] ?? 'event', event);
    }
  }
  try {
    for (;;) {
      let read: IteratorResult<Uint8Array>;
      try {
        read = await chunks.next();
      } catch (error) {
        throw streamCutOff(error, provider);
      }
      if (read.done) break;
      const chunk = read.value;
      yield* checkedEvents(provider, () => convertRead(chunk));
    }
    yield* checkedEvents(provider, () => converter.end());
  } finally {
    // ended, failed or abandoned by the client: the upstream body is let go
    await chunks.return?.();
  }
}

interface ConverseResponseWire {
  output?: { message?: { content?: Array<Record<string, unknown>> } };
  stopReason?: string;
  usage?: BedrockEventWire['usage'];
}

/** A whole Converse answer, replayed through the stream converter as the events it would have streamed. */
function convertResponse(wire: ConverseResponseWire, provider: string, model: string) {
  const converter = new BedrockEventConverter(provider, model);
  const events: StreamEvent[] = [...converter.convert('messageStart', 'event', {})];
  (wire.output?.message?.content ?? []).forEach((block, index) => {
    const toolUse = block.toolUse as { toolUseId?: string; name?: string; input?: unknown } | undefined;
    const reasoning = block.reasoningContent as
      { reasoningText?: { text?: string; signature?: string }; redactedContent?: string } | undefined;
    const feed = (type: string, event: BedrockEventWire) =>
      events.push(...converter.convert(type, 'event', { contentBlockIndex: index, ...event }));
    if (toolUse) {
      feed('contentBlockStart', { start: { toolUse: { toolUseId: toolUse.toolUseId, name: toolUse.name } } });
      feed('contentBlockDelta', { delta: { toolUse: { input: JSON.stringify(toolUse.input ?? {}) } } });
    } else if (reasoning) {
      feed('contentBlockDelta', {
        delta: {
          reasoningContent: {
            ...reasoning.reasoningText,
            ...(reasoning.redactedContent ? { redactedContent: reasoning.redactedContent } : {}),
          },
        },
      });
    } else if (typeof block.text === 'string') {
      feed('contentBlockDelta', { delta: { text: block.text } });
    }
    feed('contentBlockStop', {});
  });
  events.push(...converter.convert('messageStop', 'event', { stopReason: wire.stopReason }));
  if (wire.usage) events.push(...converter.convert('metadata', 'event', { usage: wire.usage }));
  return accumulateStream([...events, ...converter.end()]);
}

/** POSTs a JSON body to a Bedrock model's endpoint (`converse`, `count-tokens`), signed or with a bearer key. */
function sendToModel(context: AdapterContext, operation: string, body: string, accept: string) {
  const { provider } = context;
  const url = new URL(`${provider.baseUrl}/model/${encodeURIComponent(context.model)}/${operation}`);
  const headers: Record<string, string> = { ...provider.headers, 'content-type': 'application/json', accept };
  if (context.apiKey) {
    const key = parseBedrockKey(context.apiKey);
    if (key.kind === 'bearer') headers.authorization = `Bearer ${key.token}`;
    else
      Object.assign(
        headers,
        signAwsRequest(
          { method: 'POST', url, headers, body },
          key.credentials,
          bedrockRegion(provider.baseUrl),
          'bedrock',
        ),
      );
  }
  return sendUpstream(url.toString(), body, headers, context);
}

/** A whole Converse answer, checked and converted. */
async function readWhole(reply: UpstreamReply, provider: string, model: string): Promise<AdapterResult> {
  const wire = parseUpstreamJson<ConverseResponseWire>(await readBodyText(reply, provider), provider, 'body');
  return {
    kind: 'response',
    response: readUpstreamAnswer(provider, () => convertResponse(wire, provider, model)),
  };
}

/** AWS Bedrock Converse (`/model/{id}/converse`, `/converse-stream` with binary event-stream framing). */
export const bedrockAdapter: ProviderAdapter = {
  async send(request: CanonicalRequest, context: AdapterContext): Promise<AdapterResult> {
    const { provider } = context;
    const sent = sendToModel(
      context,
      request.stream ? 'converse-stream' : 'converse',
      JSON.stringify(convertToBedrockRequest(request, provider.id)),
      request.stream ? 'application/vnd.amazon.eventstream' : 'application/json',
    );
    return readReply(sent, provider.id, {
      failed: convertBedrockError,
      succeeded: async (reply): Promise<AdapterResult> =>
        request.stream
          ? { kind: 'stream', events: sourceFromIterable(convertStream(reply, provider.id, context.model)) }
          : readWhole(reply, provider.id, context.model),
    });
  },

  /** `CountTokens` (`/model/{id}/count-tokens`) of the Converse request the relay would send. */
  async countTokens(request: CanonicalRequest, context: AdapterContext): Promise<number> {
    const { provider } = context;
    const { messages, system, toolConfig, additionalModelRequestFields } = convertToBedrockRequest(
      request,
      provider.id,
    );
    const converse = { messages, system, toolConfig, additionalModelRequestFields };
    const sent = sendToModel(
      context,
      'count-tokens',
      JSON.stringify({ input: { converse } }),
      'application/json',
    );
    return readReply(sent, provider.id, {
      failed: convertBedrockError,
      succeeded: (reply) => readTokenCount(reply, provider.id, 'inputTokens'),
    });
  },
};
