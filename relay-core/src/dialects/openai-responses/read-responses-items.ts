import { wrapCustomInput } from '../../canonical/custom-tool-input.js';
import type {
  CanonicalMessage,
  ContentPart,
  ImagePart,
  NativePart,
  Role,
  TextPart,
} from '../../canonical/types.js';
import { OpenAIRequestError, parseAt } from '../openai-chat/openai-request-error.js';
import { readReasoningEnvelope } from './reasoning-envelope.js';
import { contentSchemas, itemSchemas } from './responses-schema.js';

type Wire = Record<string, unknown>;

/** The canonical name of a tool the model called by its own name and, maybe, namespace. */
export type ToolNamer = (name: string, namespace?: string | null) => string;

/**
 * Items only OpenAI can read, whose loss changes the answer: a compacted history (its summary is
 * encrypted) and a reference to an item OpenAI stored.
 */
const essentialItems = new Set(['compaction', 'compaction_summary', 'item_reference']);

const roles: Record<string, Role> = {
  user: 'user',
  assistant: 'assistant',
  system: 'system',
  developer: 'system',
};

function imagePart(url: string, detail: ImagePart['detail'] | null | undefined): ImagePart {
  const match = /^data:([^;,]+);base64,(.*)$/s.exec(url);
  const source: ImagePart['source'] = match
    ? { kind: 'base64', mediaType: match[1]!, data: match[2]! }
    : { kind: 'url', url };
  return { type: 'image', source, ...(detail ? { detail } : {}) };
}

function native(value: Wire, essential?: NativePart['essential'], item?: true): NativePart {
  return {
    type: 'native',
    dialect: 'openai-responses',
    value,
    ...(item ? { item } : {}),
    ...(essential ? { essential } : {}),
  };
}

/**
 * A message's content parts. One the relay does not model (`input_file`, `input_audio`, a newer
 * type) is kept as it came; in what the user or developer said it is essential, since leaving it
 * out would change the question.
 */
function readContent(content: string | Wire[], at: string, said: boolean): ContentPart[] {
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  return content.map((part, j): ContentPart => {
    const partAt = `${at}.content[${j}]`;
    const type = typeof part.type === 'string' ? part.type : '';
    if (type === 'input_text' || type === 'output_text')
      return { type: 'text', text: parseAt(contentSchemas.text, part, partAt).text };
    if (type === 'refusal')
      return { type: 'text', text: parseAt(contentSchemas.refusal, part, partAt).refusal, refusal: true };
    if (type === 'input_image') {
      const image = parseAt(contentSchemas.input_image, part, partAt);
      // an image by file id lives at OpenAI
      if (image.image_url) return imagePart(image.image_url, image.detail);
    }
    return native(part, said ? { param: `${partAt}.type`, value: type || 'undefined' } : undefined);
  });
}

/** A tool's output: its text, or its parts (text and images; files are OpenAI's only). */
function readOutput(output: string | Wire[]): Array<TextPart | ImagePart> {
  if (typeof output === 'string') return [{ type: 'text', text: output }];
  return output.flatMap((part): Array<TextPart | ImagePart> => {
    if (typeof part.text === 'string') return [{ type: 'text', text: part.text }];
    if (part.type === 'input_image' && typeof part.image_url === 'string')
      return [imagePart(part.image_url, part.detail as ImagePart['detail'])];
    return [];
  });
}

/**
 * Reads Responses items (a request's input, or an answer's output kept for `previous_response_id`)
 * onto canonical messages. Every part keeps the item it was read from (`responsesItem`), for a
 * Responses upstream; items the relay does not model become native parts of the message before
 * them. Errors name the item's place (`at(i)`), worded as OpenAI words them.
 */
export function readResponsesItems(
  items: Wire[],
  messages: CanonicalMessage[],
  toolName: ToolNamer,
  at: (index: number) => string,
): void {
  const assistant = (part: ContentPart) => {
    const last = messages.at(-1);
    if (last?.role === 'assistant') last.content.push(part);
    else messages.push({ role: 'assistant', content: [part] });
  };
  items.forEach((item, i) => {
    const where = at(i);
    const type = item.type ?? (item.role !== undefined ? 'message' : undefined);
    if (typeof type !== 'string')
      throw new OpenAIRequestError(
        `Missing required parameter: '${where}.type'.`,
        `${where}.type`,
        'missing_required_parameter',
      );
    switch (type) {
      case 'message': {
        const wire = parseAt(itemSchemas.message, item, where);
        const role = Object.hasOwn(roles, wire.role) ? roles[wire.role] : undefined;
        if (!role) {
          // a role newer than the relay: OpenAI may read it, no other provider can
          const part = native(item, { param: `${where}.role`, value: wire.role }, true);
          const last = messages.at(-1);
          if (last) last.content.push(part);
          else messages.push({ role: 'user', content: [part] });
          return;
        }
        const content = readContent(wire.content, where, role !== 'assistant');
        messages.push({ role, content, responsesItem: item });
        return;
      }
      case 'function_call': {
        const wire = parseAt(itemSchemas.function_call, item, where);
        const name = toolName(wire.name, wire.namespace);
        assistant({
          type: 'tool_call',
          id: wire.call_id,
          name,
          arguments: wire.arguments,
          responsesItem: item,
        });
        return;
      }
      case 'custom_tool_call': {
        const wire = parseAt(itemSchemas.custom_tool_call, item, where);
        const name = toolName(wire.name, wire.namespace);
        const args = wrapCustomInput(wire.input);
        assistant({ type: 'tool_call', id: wire.call_id, name, arguments: args, responsesItem: item });
        return;
      }
      case 'local_shell_call': {
        // what Codex ran for the model: other providers read it as a call and its output
        const wire = parseAt(itemSchemas.local_shell_call, item, where);
        const id = wire.call_id ?? (typeof item.id === 'string' ? item.id : `call_${i}`);
        const args = JSON.stringify(wire.action);
        assistant({ type: 'tool_call', id, name: 'local_shell', arguments: args, responsesItem: item });
        return;
      }
      case 'function_call_output':
      case 'custom_tool_call_output':
      case 'local_shell_call_output': {
        const wire = parseAt(itemSchemas[type], item, where);
        const id = wire.call_id ?? (typeof item.id === 'string' ? item.id : '');
        messages.push({
          role: 'tool',
          content: [
            { type: 'tool_result', toolCallId: id, content: readOutput(wire.output), responsesItem: item },
          ],
        });
        return;
      }
      case 'reasoning': {
        const wire = parseAt(itemSchemas.reasoning, item, where);
        const carried = wire.encrypted_content ? readReasoningEnvelope(wire.encrypted_content) : undefined;
        const text = (wire.summary ?? []).map((summary) => summary.text).join('');
        assistant(carried ?? { type: 'reasoning', text, responsesItem: item });
        return;
      }
      default: {
        const essential = essentialItems.has(type) ? { param: `${where}.type`, value: type } : undefined;
        const last = messages.at(-1);
        const part = native(item, essential, true);
        if (last) last.content.push(part);
        else messages.push({ role: 'user', content: [part] });
      }
    }
  });
}
