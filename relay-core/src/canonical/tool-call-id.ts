import type { CanonicalRequest, CanonicalResponse, StreamEvent } from './types.js';

/**
 * Gemini 3 wants each function call's `thoughtSignature` back on the next turn, but the OpenAI
 * and Anthropic dialects have no field for it. The relay carries it inside the tool-call id it
 * gives the client (ids are echoed verbatim by every client) and takes it out again when the id
 * comes back, so the upstream sees the original id and the signature in the right place.
 */
const marker = '__sig_';

export function encodeToolCallId(id: string, providerData: Record<string, unknown> | undefined): string {
  const signature = providerData?.thoughtSignature;
  if (typeof signature !== 'string' || signature.length === 0) return id;
  const provider = typeof providerData?.provider === 'string' ? providerData.provider : '';
  return `${id}${marker}${Buffer.from(JSON.stringify([provider, signature])).toString('base64url')}`;
}

export function decodeToolCallId(id: string): { id: string; providerData?: Record<string, unknown> } {
  const at = id.lastIndexOf(marker);
  if (at === -1) return { id };
  try {
    const [provider, signature] = JSON.parse(
      Buffer.from(id.slice(at + marker.length), 'base64url').toString('utf8'),
    ) as [string, string];
    if (typeof signature !== 'string') return { id };
    return {
      id: id.slice(0, at),
      providerData: { thoughtSignature: signature, ...(provider ? { provider } : {}) },
    };
  } catch {
    return { id };
  }
}

/** Whether a client's body may hold tool-call ids that carry a signature (and must be restored). */
export function mayCarryToolCallSignatures(body: Buffer): boolean {
  return body.includes(marker);
}

/**
 * Takes carried signatures out of the tool-call ids of a parsed request (both calls and results).
 * The client's own body still has them: an adapter that sends it restores them there too.
 */
export function restoreToolCallIds(request: CanonicalRequest): void {
  for (const message of request.messages) {
    for (const part of message.content) {
      if (part.type === 'tool_call') {
        const decoded = decodeToolCallId(part.id);
        if (decoded.id === part.id) continue;
        part.id = decoded.id;
        if (decoded.providerData) part.providerData = { ...part.providerData, ...decoded.providerData };
      } else if (part.type === 'tool_result') {
        const { id } = decodeToolCallId(part.toolCallId);
        if (id !== part.toolCallId) part.toolCallId = id;
      }
    }
  }
}

/** The event a client sees: a tool call's id carries its signature when it has one. */
export function carryToolCallSignature(event: StreamEvent): StreamEvent {
  if (event.type !== 'part_start' || event.part.type !== 'tool_call' || !event.part.providerData)
    return event;
  return { ...event, part: { ...event.part, id: encodeToolCallId(event.part.id, event.part.providerData) } };
}

/** The same for a whole answer. */
export function carryToolCallSignatures(response: CanonicalResponse): CanonicalResponse {
  if (!response.content.some((part) => part.type === 'tool_call' && part.providerData)) return response;
  return {
    ...response,
    content: response.content.map((part) =>
      part.type === 'tool_call' && part.providerData
        ? { ...part, id: encodeToolCallId(part.id, part.providerData) }
        : part,
    ),
  };
}
