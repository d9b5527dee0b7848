import type { ServerResponse } from 'node:http';
import type { CanonicalRequest, CanonicalResponse, StreamEvent } from '../canonical/types.js';
import { promptUsage } from '../canonical/usage-counts.js';
import type { DialectCodec } from '../dialects/dialect-codec.js';
import { sendJson, sendJsonText, sendWhole } from '../shared/send-json.js';
import { upstreamAnswerOf } from '../canonical/client-body.js';
import { replaceModelInText } from '../providers/shared/replace-model.js';

/** A whole answer as the canonical events a provider would have streamed, one delta a part. */
export function answerToEvents(answer: CanonicalResponse): StreamEvent[] {
  const events: StreamEvent[] = [
    {
      type: 'message_start',
      id: answer.id,
      model: answer.model,
      created: answer.created,
      // the input is known from the start; the output is reported at the end
      ...(answer.usage ? { usage: promptUsage(answer.usage) } : {}),
    },
  ];
  // the answer's token log probabilities go with its (first) text
  let logprobs = answer.logprobs;
  answer.content.forEach((part, index) => {
    if (part.type === 'text') {
      events.push({
        type: 'part_start',
        index,
        part: { type: 'text', ...(part.refusal ? { refusal: true } : {}) },
      });
      if (part.text) {
        events.push(
          logprobs && !part.refusal
            ? { type: 'text_delta', index, text: part.text, logprobs }
            : { type: 'text_delta', index, text: part.text },
        );
        if (!part.refusal) logprobs = undefined;
      }
    } else if (part.type === 'reasoning') {
      events.push({
        type: 'part_start',
        index,
        part: {
          type: 'reasoning',
          ...(part.redacted ? { redacted: true, data: part.data } : {}),
          ...(part.provider ? { provider: part.provider } : {}),
        },
      });
      if (part.text) events.push({ type: 'reasoning_delta', index, text: part.text });
      if (part.signature) events.push({ type: 'signature_delta', index, signature: part.signature });
    } else if (part.type === 'native') {
      const { type, dialect, item, value } = part;
      events.push({ type: 'part_start', index, part: { type, dialect, value, ...(item ? { item } : {}) } });
    } else {
      events.push({
        type: 'part_start',
        index,
        part: {
          type: 'tool_call',
          id: part.id,
          name: part.name,
          ...(part.providerData ? { providerData: part.providerData } : {}),
        },
      });
      if (part.arguments) events.push({ type: 'tool_arguments_delta', index, arguments: part.arguments });
    }
    events.push(
      'responsesItem' in part && part.responsesItem
        ? { type: 'part_end', index, responsesItem: part.responsesItem }
        : { type: 'part_end', index },
    );
  });
  if (answer.usage) events.push({ type: 'usage', usage: answer.usage });
  events.push({ type: 'finish', reason: answer.finishReason, raw: answer.rawFinishReason });
  return events;
}

/**
 * Sends a whole canonical answer in the client's dialect: one JSON body, or, when the client
 * asked for a stream, a real SSE stream of the same answer. `headers` is called just before the
 * head is written, so timing headers cover the encoding.
 */
export function sendAnswer(
  codec: DialectCodec,
  request: CanonicalRequest,
  response: ServerResponse,
  answer: CanonicalResponse,
  headers: () => Record<string, string | number>,
): void {
  if (!request.stream) {
    // an upstream answer in the client's dialect that needs no converting goes as it came
    const upstream = upstreamAnswerOf(answer, codec.dialect);
    const text =
      upstream === undefined ? undefined : replaceModelInText(upstream, request.model, answer.model);
    if (text !== undefined) sendJsonText(response, 200, text, headers());
    else sendJson(response, 200, codec.encodeResponse(answer, request), headers());
    return;
  }
  const encoder = codec.createStreamEncoder(request);
  let text = '';
  for (const event of answerToEvents(answer)) text += encoder.encode(event);
  // the whole stream is known: sent with its length, in one write, rather than in chunks
  response.writeHead(200, {
    'content-type': encoder.contentType ?? 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
    'content-length': Buffer.byteLength(text),
    ...headers(),
  });
  sendWhole(response, text);
}
