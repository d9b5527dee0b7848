import type { CanonicalTool } from '../../canonical/types.js';
import { customTool, typeOf } from './anthropic-messages-schema.js';
import { parseAnthropicWire, unknownTag } from './anthropic-wording.js';
import { cache } from './convert-anthropic-blocks.js';
import type { AnthropicBlockReader } from './convert-anthropic-blocks.js';

/**
 * Anthropic's tool search loads deferred tools (`defer_loading`) when the model asks for them.
 * Another provider is sent every tool at once, so its search tool is left out there.
 */
const isToolSearch = (type: string) => type.startsWith('tool_search_tool_');

/**
 * An Anthropic client's tools as canonical tools. A tool the client runs from its own schema (no
 * `type`, or `custom`) converts, whatever else it carries (`defer_loading`, `input_examples`,
 * `cache_control`). Anthropic's own tools (web search, code execution, bash and text editor with
 * their built-in schemas, connectors) exist only there: noted, and refused by another upstream as
 * Anthropic refuses a tool type a deployment does not have.
 */
export function readAnthropicTools(tools: readonly unknown[], reader: AnthropicBlockReader): CanonicalTool[] {
  const converted: CanonicalTool[] = [];
  tools.forEach((tool, index) => {
    const type = (tool as { type?: unknown }).type ?? 'custom';
    if (type !== 'custom') {
      const tag = parseAnthropicWire(typeOf, { type }, ['tools', index]).type;
      reader.note(['tools', index], tool, isToolSearch(tag) ? undefined : unknownTag(tag, ['custom']));
      return;
    }
    const wire = parseAnthropicWire(customTool, tool, ['tools', index, 'custom']);
    converted.push({
      name: wire.name,
      ...(wire.description === undefined ? {} : { description: wire.description }),
      parameters: wire.input_schema,
      ...(wire.strict === undefined ? {} : { strict: wire.strict }),
      ...cache(wire),
    });
  });
  return converted;
}
