import type { Recording } from './recording.js';
import { isJsonObject } from './is-json-object.js';

type Json = Record<string, unknown>;
type Part = { type: string; text?: string; thinking?: Array<{ type: string; text?: string }> };

interface ChoiceDraft {
  index: number;
  role: string;
  content: string;
  /** Typed content parts (Mistral's magistral streams its thinking as parts). */
  parts?: Part[];
  reasoning?: string;
  refusal?: string;
  toolCalls: Array<{ id?: string; type: string; function: { name: string; arguments: string } }>;
  finishReason: string | null;
}

/** Appends streamed parts, joining a part to the last one of its type (text to text, thinking to thinking). */
function appendParts(parts: Part[], added: unknown[]): void {
  for (const item of added) {
    if (!isJsonObject(item) || typeof item.type !== 'string') continue;
    const last = parts.at(-1);
    if (item.type === 'text' && last?.type === 'text')
      last.text = (last.text ?? '') + String(item.text ?? '');
    else if (item.type === 'thinking' && last?.type === 'thinking' && Array.isArray(item.thinking)) {
      const text = (item.thinking as Part[]).map((piece) => piece.text ?? '').join('');
      const inner = last.thinking?.at(-1);
      if (inner) inner.text = (inner.text ?? '') + text;
    } else parts.push(structuredClone(item) as Part);
  }
}

function applyDelta(choice: ChoiceDraft, delta: Json): void {
  if (typeof delta.role === 'string') choice.role = delta.role;
  if (typeof delta.content === 'string' && delta.content !== '') {
    if (choice.parts) appendParts(choice.parts, [{ type: 'text', text: delta.content }]);
    else choice.content += delta.content;
  } else if (Array.isArray(delta.content)) {
    choice.parts ??= choice.content ? [{ type: 'text', text: choice.content }] : [];
    appendParts(choice.parts, delta.content as unknown[]);
  }
  if (typeof delta.reasoning_content === 'string')
    choice.reasoning = (choice.reasoning ?? '') + delta.reasoning_content;
  if (typeof delta.reasoning === 'string') choice.reasoning = (choice.reasoning ?? '') + delta.reasoning;
  if (typeof delta.refusal === 'string') choice.refusal = (choice.refusal ?? '') + delta.refusal;
  for (const call of Array.isArray(delta.tool_calls) ? (delta.tool_calls as Json[]) : []) {
    const index = typeof call.index === 'number' ? call.index : choice.toolCalls.length;
    const fn = isJsonObject(call.function) ? call.function : {};
    const draft = (choice.toolCalls[index] ??= { type: 'function', function: { name: '', arguments: '' } });
    if (typeof call.id === 'string') draft.id = call.id;
    if (typeof call.type === 'string') draft.type = call.type;
    if (typeof fn.name === 'string') draft.function.name += fn.name;
    if (typeof fn.arguments === 'string') draft.function.arguments += fn.arguments;
  }
}

/** The `data:` payloads of SSE events, without comments and the `[DONE]` marker. */
function payloads(events: string[]): Json[] {
  return events.flatMap((event) =>
    event
      .split(/\r?\n/)
      .filter((line) => line.startsWith('data:'))
      .map((line) => line.slice(5).trim())
      .filter((data) => data !== '' && data !== '[DONE]')
      .flatMap((data) => {
        try {
          const parsed: unknown = JSON.parse(data);
          return isJsonObject(parsed) ? [parsed] : [];
        } catch {
          return [];
        }
      }),
  );
}

/**
 * A Chat Completions answer assembled from a streamed recording, for a whole (non-streamed)
 * request to a model recorded only as a stream: the same content, reasoning, tool calls, finish
 * reason and usage the stream carried, in the `chat.completion` shape. Undefined when the
 * recording is not an SSE stream of chunks or carries an error instead of an answer.
 */
export function assembleChatCompletion(recording: Recording): string | undefined {
  if (recording.kind !== 'sse' || recording.status !== 200) return undefined;
  const chunks = payloads(recording.events);
  if (chunks.length === 0 || chunks.some((chunk) => chunk.error !== undefined)) return undefined;
  const head: Json = {};
  const choices = new Map<number, ChoiceDraft>();
  let usage: unknown;
  for (const chunk of chunks) {
    // Azure's first chunk carries only prompt filter results, with empty id and model
    for (const key of ['id', 'created', 'model', 'system_fingerprint'] as const)
      if (chunk[key] !== undefined && chunk[key] !== '' && chunk[key] !== 0) head[key] ??= chunk[key];
    const groq = isJsonObject(chunk.x_groq) ? chunk.x_groq.usage : undefined;
    if (isJsonObject(chunk.usage)) usage = chunk.usage;
    else if (isJsonObject(groq)) usage = groq;
    for (const entry of Array.isArray(chunk.choices) ? (chunk.choices as Json[]) : []) {
      const index = typeof entry.index === 'number' ? entry.index : 0;
      let choice = choices.get(index);
      if (!choice) {
        choice = { index, role: 'assistant', content: '', toolCalls: [], finishReason: null };
        choices.set(index, choice);
      }
      if (isJsonObject(entry.delta)) applyDelta(choice, entry.delta);
      if (typeof entry.finish_reason === 'string') choice.finishReason = entry.finish_reason;
    }
  }
  if (choices.size === 0) return undefined;
  return JSON.stringify({
    id: head.id ?? 'chatcmpl-emulator',
    object: 'chat.completion',
    created: head.created ?? 0,
    model: head.model ?? '',
    choices: [...choices.values()]
      .sort((a, b) => a.index - b.index)
      .map((choice) => ({
        index: choice.index,
        message: {
          role: choice.role,
          content:
            choice.parts ?? (choice.content === '' && choice.toolCalls.length > 0 ? null : choice.content),
          ...(choice.reasoning === undefined ? {} : { reasoning_content: choice.reasoning }),
          ...(choice.refusal === undefined ? {} : { refusal: choice.refusal }),
          ...(choice.toolCalls.length > 0 ? { tool_calls: choice.toolCalls.filter(Boolean) } : {}),
        },
        logprobs: null,
        finish_reason: choice.finishReason ?? 'stop',
      })),
    ...(usage === undefined ? {} : { usage }),
    ...(head.system_fingerprint === undefined ? {} : { system_fingerprint: head.system_fingerprint }),
  });
}
