import type { IncomingMessage } from 'node:http';
import type { EmulatedApi } from '../error-bodies.js';
import { isJsonObject } from '../is-json-object.js';

/** What a request asks for, for picking its scenario. */
export interface RequestShape {
  api: EmulatedApi;
  model: string;
  stream: boolean;
  hasTools: boolean;
  /** The conversation's last turn gives a tool's result (every API's way of sending one). */
  toolResult: boolean;
  /** Extended thinking asked for (Anthropic `thinking`, Gemini `includeThoughts`). */
  thinking: boolean;
  /** An embeddings request rather than a chat one. */
  embeddings: boolean;
  /** Top-level fields of the JSON body, for scenarios that answer only requests carrying one. */
  fields: string[];
}

/** One provider API the emulator serves: which paths are its, and how its clients send keys. */
export interface ApiRoute {
  api: EmulatedApi;
  /** The shape of a POST to `path` with this body, or undefined when the path is not this API's. */
  match(path: string, body: Record<string, unknown>): RequestShape | undefined;
  /** The key the client sent, the way this API carries it; undefined when none. */
  apiKey(request: IncomingMessage, url: URL): string | undefined;
  /** What the provider says when no key came. */
  missingKeyMessage: string;
  /** What the provider says when the key is wrong. */
  invalidKeyMessage: string;
  /** What the provider answers for a model it does not serve. */
  unknownModel(model: string): { status: number; message: string; code?: string };
  /** False where a key cannot be compared with `expectedKey` (a SigV4 signature): only its presence counts. */
  comparesKey: boolean;
}

/**
 * Whether a conversation's last turn gives a tool's result: an OpenAI Chat `tool` message, a
 * Responses `*_call_output` item, or a turn with an Anthropic `tool_result`, a Gemini
 * `functionResponse` or a Bedrock `toolResult` part.
 */
function endsWithToolResult(body: Record<string, unknown>): boolean {
  const turns = body.messages ?? body.contents ?? body.input;
  const last: unknown = Array.isArray(turns) ? turns.at(-1) : undefined;
  if (!isJsonObject(last)) return false;
  if (last.role === 'tool' || (typeof last.type === 'string' && last.type.endsWith('_call_output')))
    return true;
  const parts = last.content ?? last.parts;
  return (
    Array.isArray(parts) &&
    parts.some(
      (part) =>
        isJsonObject(part) &&
        (part.type === 'tool_result' || 'functionResponse' in part || 'toolResult' in part),
    )
  );
}

/** The shape of a request body, with what the route read from its path. */
export function shapeOf(
  api: EmulatedApi,
  body: Record<string, unknown>,
  fromPath: { model?: string; stream?: boolean; embeddings?: boolean } = {},
): RequestShape {
  const wire = body as {
    model?: unknown;
    stream?: unknown;
    tools?: unknown;
    thinking?: { type?: unknown };
    generationConfig?: { thinkingConfig?: { includeThoughts?: unknown } };
  };
  return {
    api,
    model: fromPath.model ?? (typeof wire.model === 'string' ? wire.model : ''),
    stream: fromPath.stream ?? wire.stream === true,
    hasTools: Array.isArray(wire.tools) && wire.tools.length > 0,
    toolResult: endsWithToolResult(body),
    thinking:
      wire.thinking?.type === 'enabled' || wire.generationConfig?.thinkingConfig?.includeThoughts === true,
    embeddings: fromPath.embeddings ?? false,
    fields: Object.keys(body),
  };
}

/** The first value of a request header. */
export function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The token of an `Authorization: Bearer <token>` header. */
export function bearer(request: IncomingMessage): string | undefined {
  return /^Bearer (\S+)$/.exec(header(request, 'authorization') ?? '')?.[1];
}
