import { RelayError } from '../../canonical/errors.js';
import type { CanonicalRequest, ImagePart, TextPart } from '../../canonical/types.js';
import { splitRefusal } from '../../canonical/split-refusal.js';
import { rejectUnsupported } from '../shared/reject-unsupported.js';

type Item = Record<string, unknown>;

function imageUrl(part: ImagePart): string {
  return part.source.kind === 'url'
    ? part.source.url
    : `data:${part.source.mediaType};base64,${part.source.data}`;
}

function inputContent(parts: Array<TextPart | ImagePart>): Item[] {
  return parts.map((part) =>
    part.type === 'text'
      ? { type: 'input_text', text: part.text }
      : { type: 'input_image', image_url: imageUrl(part), ...(part.detail ? { detail: part.detail } : {}) },
  );
}

/**
 * Builds an OpenAI Responses API body (for models served only there, such as o1-pro or the
 * codex models). The relay is stateless upstream: `store: false`, the whole conversation is sent
 * as input items; tool calls and results become `function_call` / `function_call_output` items.
 */
export function convertToResponsesRequest(request: CanonicalRequest, model: string): Record<string, unknown> {
  rejectUnsupported(request, 'OpenAI Responses', { passthrough: ['logprobs', 'top_logprobs'] });
  if (request.stop !== undefined) {
    throw new RelayError(
      'BAD_REQUEST',
      "'stop' is not supported by models served through the Responses API",
      { param: 'stop' },
    );
  }
  const input: Item[] = [];
  for (const message of request.messages) {
    const visible = message.content.filter(
      (part): part is TextPart | ImagePart => part.type === 'text' || part.type === 'image',
    );
    if (message.role === 'system') input.push({ role: 'developer', content: inputContent(visible) });
    else if (message.role === 'assistant') {
      // an earlier refusal goes back as a refusal part, the rest of the text as output_text
      const { text, refusal } = splitRefusal(visible);
      if (text || refusal) {
        input.push({
          role: 'assistant',
          content: [
            ...(text ? [{ type: 'output_text', text }] : []),
            ...(refusal ? [{ type: 'refusal', refusal }] : []),
          ],
        });
      }
      for (const part of message.content) {
        if (part.type === 'tool_call')
          input.push({ type: 'function_call', call_id: part.id, name: part.name, arguments: part.arguments });
      }
    } else {
      for (const part of message.content) {
        if (part.type === 'tool_result') {
          input.push({
            type: 'function_call_output',
            call_id: part.toolCallId,
            output: part.content.map((c) => (c.type === 'text' ? c.text : '')).join(''),
          });
        }
      }
      if (visible.length > 0) input.push({ role: 'user', content: inputContent(visible) });
    }
  }
  const body: Record<string, unknown> = { model, input, store: false };
  if (request.stream) body.stream = true;
  if (request.tools?.length) {
    body.tools = request.tools.map((tool) => ({
      type: 'function',
      name: tool.name,
      ...(tool.description === undefined ? {} : { description: tool.description }),
      parameters: tool.parameters,
      strict: tool.strict ?? false,
    }));
  }
  const choice = request.toolChoice;
  if (choice !== undefined)
    body.tool_choice = typeof choice === 'object' ? { type: 'function', name: choice.name } : choice;
  if (request.parallelToolCalls !== undefined) body.parallel_tool_calls = request.parallelToolCalls;
  if (request.maxOutputTokens !== undefined) body.max_output_tokens = request.maxOutputTokens;
  if (request.temperature !== undefined) body.temperature = request.temperature;
  if (request.topP !== undefined) body.top_p = request.topP;
  if (request.user !== undefined) body.user = request.user;
  if (request.metadata !== undefined) body.metadata = request.metadata;
  // token log probabilities, asked for in Chat's terms
  if (request.passthrough?.logprobs === true) {
    body.include = ['message.output_text.logprobs'];
    if (typeof request.passthrough.top_logprobs === 'number')
      body.top_logprobs = request.passthrough.top_logprobs;
  }
  if (request.reasoning?.effort !== undefined)
    body.reasoning = { effort: request.reasoning.effort, summary: 'auto' };
  const format = request.responseFormat;
  if (format && format.type !== 'text') {
    body.text = {
      format:
        format.type === 'json_schema'
          ? {
              type: 'json_schema',
              name: format.name,
              schema: format.schema,
              ...(format.strict === undefined ? {} : { strict: format.strict }),
            }
          : { type: 'json_object' },
    };
  }
  return body;
}
