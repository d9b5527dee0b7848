import type { CanonicalResponse, StreamEvent } from './types.js';

/**
 * Folds canonical stream events into a whole response: the same converter then serves streamed
 * and non-streamed upstream answers (Gemini sends the same chunk shape for both).
 */
export function accumulateStream(events: Iterable<StreamEvent>): CanonicalResponse {
  const response: CanonicalResponse = { id: '', model: '', created: 0, content: [], finishReason: 'other' };
  const parts = new Map<number, CanonicalResponse['content'][number]>();
  for (const event of events) {
    switch (event.type) {
      case 'message_start':
        response.id = event.id;
        response.model = event.model;
        response.created = event.created;
        // the usage reported at the start stands until the end reports its own
        if (event.usage) response.usage = event.usage;
        break;
      case 'part_start': {
        if (event.part.type === 'native') {
          const { type, dialect, item, value } = event.part;
          const native = { type, dialect, value, ...(item ? { item } : {}) };
          parts.set(event.index, native);
          response.content.push(native);
          break;
        }
        const part: CanonicalResponse['content'][number] =
          event.part.type === 'text'
            ? { type: 'text', text: '', ...(event.part.refusal ? { refusal: true } : {}) }
            : event.part.type === 'reasoning'
              ? {
                  type: 'reasoning',
                  text: '',
                  ...(event.part.redacted ? { redacted: true, data: event.part.data } : {}),
                  ...(event.part.provider ? { provider: event.part.provider } : {}),
                }
              : {
                  type: 'tool_call',
                  id: event.part.id,
                  name: event.part.name,
                  arguments: '',
                  ...(event.part.providerData ? { providerData: event.part.providerData } : {}),
                };
        parts.set(event.index, part);
        response.content.push(part);
        break;
      }
      case 'text_delta':
      case 'reasoning_delta': {
        const part = parts.get(event.index);
        if (part && (part.type === 'text' || part.type === 'reasoning')) part.text += event.text;
        if (event.type === 'text_delta' && event.logprobs) (response.logprobs ??= []).push(...event.logprobs);
        break;
      }
      case 'signature_delta': {
        const part = parts.get(event.index);
        if (part?.type === 'reasoning') part.signature = (part.signature ?? '') + event.signature;
        break;
      }
      case 'tool_arguments_delta': {
        const part = parts.get(event.index);
        if (part?.type === 'tool_call') part.arguments += event.arguments;
        break;
      }
      case 'part_end': {
        const part = parts.get(event.index);
        if (event.responsesItem && part && part.type !== 'native') part.responsesItem = event.responsesItem;
        break;
      }
      case 'usage':
        response.usage = event.usage;
        break;
      case 'finish':
        response.finishReason = event.reason;
        response.rawFinishReason = event.raw;
        break;
      default:
        break;
    }
  }
  return response;
}

/** Reads a whole stream of events into one answer. */
export async function collectStream(events: AsyncIterable<StreamEvent>): Promise<CanonicalResponse> {
  const all: StreamEvent[] = [];
  for await (const event of events) all.push(event);
  return accumulateStream(all);
}
