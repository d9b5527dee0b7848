import type {
  CanonicalMessage,
  ContentPart,
  GeminiUnmodeled,
  ImagePart,
  TextPart,
  ToolResultPart,
} from '../../canonical/types.js';
import { carriedReasoning } from './carry-reasoning.js';
import type { GeminiContentWire, GeminiPartWire } from './gemini-api-schema.js';

type Media = Pick<GeminiPartWire, 'inlineData' | 'fileData'>;

/** What the contents hold that the canonical messages cannot: sent only to Gemini. */
type Unmodeled = Pick<GeminiUnmodeled, 'parts' | 'refused'>;

/** Files only Google can read: its Files API and Cloud Storage. */
const googleFile = /^(gs:\/\/|https:\/\/generativelanguage\.googleapis\.com\/)/;

/**
 * Gemini CLI names each call id after its function (`read_file__<id>`) in its own history;
 * the id the upstream gave is what goes back to it.
 */
function ownId(id: string | null | undefined, name: string): string | undefined {
  if (!id) return undefined;
  return id.startsWith(`${name}__`) && id.length > name.length + 2 ? id.slice(name.length + 2) : id;
}

/**
 * Converts a Gemini client's `contents` (and `systemInstruction`) to canonical messages. Function
 * calls and responses without ids (Gemini's own history has none) are paired by name, in order;
 * a `thoughtSignature` the relay issued brings back the reasoning it carried (carry-reasoning.ts),
 * one Gemini issued stays on its function call. Parts the canonical form cannot hold are kept
 * apart, by their place in the request, in `unmodeled`.
 */
export function convertGeminiContents(
  contents: GeminiContentWire[],
  system: string | GeminiContentWire | null | undefined,
  unmodeled: Unmodeled,
): CanonicalMessage[] {
  const pending = new Map<string, string[]>();
  // calls without ids, numbered in order: the same history gives the same ids on every turn
  let unnamed = 0;
  const keepApart = (param: string, part: Record<string, unknown>, refusal?: string) => {
    unmodeled.parts.push({ param, part });
    if (refusal) unmodeled.refused.push({ param, reason: refusal });
  };

  /** An image, a text file's text, or nothing (kept apart) for Gemini's inline or file data. */
  const media = (part: Media, param: string): ImagePart | TextPart | undefined => {
    const inline = part.inlineData;
    if (inline) {
      if (inline.mimeType.startsWith('image/'))
        return { type: 'image', source: { kind: 'base64', mediaType: inline.mimeType, data: inline.data } };
      if (inline.mimeType.startsWith('text/'))
        return { type: 'text', text: Buffer.from(inline.data, 'base64').toString('utf8') };
      keepApart(param, part, `${inline.mimeType} data`);
      return undefined;
    }
    const file = part.fileData!;
    const image = file.mimeType
      ? file.mimeType.startsWith('image/')
      : /\.(png|jpe?g|webp|gif)$/i.test(file.fileUri);
    if (image && /^https?:\/\//.test(file.fileUri) && !googleFile.test(file.fileUri))
      return { type: 'image', source: { kind: 'url', url: file.fileUri } };
    keepApart(param, part, `${file.mimeType ?? 'a'} file only Gemini can read`);
    return undefined;
  };

  const toolResult = (
    part: NonNullable<GeminiPartWire['functionResponse']>,
    param: string,
  ): ToolResultPart => {
    const name = part.name;
    let id = ownId(part.id, name);
    const queue = pending.get(name) ?? [];
    if (id === undefined) id = queue.shift() ?? `call_${name}`;
    else if (queue.includes(id)) queue.splice(queue.indexOf(id), 1);
    const response = part.response ?? {};
    const content: Array<TextPart | ImagePart> = [{ type: 'text', text: JSON.stringify(response) }];
    (part.parts ?? []).forEach((inner, k) => {
      if (!inner.inlineData && !inner.fileData) return;
      const converted = media(inner, `${param}.parts[${k}]`);
      if (converted) content.push(converted);
    });
    // Gemini's convention: `output` for a result, `error` for a failure
    const isError = Object.hasOwn(response, 'error') && !Object.hasOwn(response, 'output');
    return { type: 'tool_result', toolCallId: id, content, ...(isError ? { isError: true } : {}) };
  };

  const convertPart = (part: GeminiPartWire, param: string): ContentPart[] => {
    const carried = part.thoughtSignature ? carriedReasoning(part.thoughtSignature) : undefined;
    const out: ContentPart[] = [...(carried ?? [])];
    if (part.functionCall) {
      const { name } = part.functionCall;
      const id = ownId(part.functionCall.id, name) ?? `call_${unnamed++}`;
      pending.set(name, [...(pending.get(name) ?? []), id]);
      out.push({
        type: 'tool_call',
        id,
        name,
        arguments: JSON.stringify(part.functionCall.args ?? {}),
        ...(part.thoughtSignature && !carried
          ? { providerData: { thoughtSignature: part.thoughtSignature } }
          : {}),
      });
    } else if (part.functionResponse)
      out.push(toolResult(part.functionResponse, `${param}.functionResponse`));
    else if (part.inlineData || part.fileData) {
      const converted = media(part, param);
      if (converted) out.push(converted);
    } else if (part.executableCode) {
      const language = (part.executableCode.language ?? '').toLowerCase().replace('language_unspecified', '');
      out.push({ type: 'text', text: `\`\`\`${language}\n${part.executableCode.code}\n\`\`\`` });
    } else if (part.codeExecutionResult) {
      out.push({ type: 'text', text: `\`\`\`\n${part.codeExecutionResult.output ?? ''}\n\`\`\`` });
    } else if (typeof part.text === 'string') {
      // a signature Gemini issued on text or a thought is optional to send back: left out
      if (part.thought) out.push({ type: 'reasoning', text: part.text });
      else if (part.text !== '') out.push({ type: 'text', text: part.text });
    } else if (Object.keys(part).some((key) => key !== 'thoughtSignature' && key !== 'thought')) {
      // a kind of part the relay does not know (a server-side tool call, a transcription): Gemini's
      keepApart(param, part);
    }
    return out;
  };

  const messages: CanonicalMessage[] = [];
  if (typeof system === 'string') {
    if (system !== '') messages.push({ role: 'system', content: [{ type: 'text', text: system }] });
  } else if (system) {
    const content = (system.parts ?? []).flatMap((part, pi) =>
      convertPart(part, `systemInstruction.parts[${pi}]`),
    );
    if (content.length > 0) messages.push({ role: 'system', content });
  }
  contents.forEach((entry, ci) => {
    const content = (entry.parts ?? []).flatMap((part, pi) =>
      convertPart(part, `contents[${ci}].parts[${pi}]`),
    );
    if (content.length === 0) return;
    const role = entry.role === 'model' ? 'assistant' : entry.role === 'system' ? 'system' : 'user';
    messages.push({ role, content });
  });
  return messages;
}
