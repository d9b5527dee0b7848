import type { CanonicalRequest } from '../canonical/types.js';
import { sha256, stableStringify } from './cache-key.js';

/**
 * The semantic cache never matches across routes, system prompts, tools or response formats:
 * a similar question under another system prompt may deserve another answer; nor across content
 * the canonical form does not model (an Anthropic client's server tools, PDFs), which no
 * embedding of the prompt's text sees; nor across client keys (`partition`) unless the cache is
 * shared.
 */
export function semanticScope(request: CanonicalRequest, partition?: string): string {
  const system = request.messages.filter((message) => message.role === 'system');
  return sha256(
    stableStringify({
      partition,
      model: request.model,
      system,
      tools: request.tools,
      toolChoice: request.toolChoice,
      responseFormat: request.responseFormat,
      unmodeledContent: request.unmodeledContent,
    }),
  );
}

/** The conversation without its system prompt, as the text that is embedded and compared. */
export function promptTextOf(request: CanonicalRequest): string {
  const lines: string[] = [];
  for (const message of request.messages) {
    if (message.role === 'system') continue;
    for (const part of message.content) {
      if (part.type === 'text') lines.push(`${message.role}: ${part.text}`);
      else if (part.type === 'tool_call') lines.push(`${message.role}: ${part.name}(${part.arguments})`);
      else if (part.type === 'tool_result')
        for (const inner of part.content) if (inner.type === 'text') lines.push(`tool: ${inner.text}`);
    }
  }
  return lines.join('\n');
}

/** Images are not embedded: two requests that differ only in an image must not share an answer. */
export function hasImages(request: CanonicalRequest): boolean {
  return request.messages.some((message) =>
    message.content.some(
      (part) =>
        part.type === 'image' ||
        (part.type === 'tool_result' && part.content.some((inner) => inner.type === 'image')),
    ),
  );
}
