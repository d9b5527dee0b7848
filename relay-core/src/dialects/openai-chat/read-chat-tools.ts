import { customToolParameters } from '../../canonical/custom-tool-input.js';
import type { CanonicalTool, ToolChoice } from '../../canonical/types.js';
import { isPlainObject } from '../../shared/is-plain-object.js';
import { OpenAIRequestError, parseAt } from './openai-request-error.js';
import { chatToolSchemas } from './openai-chat-schema.js';

type Wire = Record<string, unknown> & { type: string };

/**
 * A Chat client's tools, canonical: functions as they are, custom (free-form) tools as the function
 * every other provider is offered, and tools of any other type as hosted tools only an
 * OpenAI-compatible upstream is sent. Custom and other tools keep their own shape (`chatTool`).
 */
export function readChatTools(wire: Wire[]): CanonicalTool[] {
  const taken = new Set<string>();
  return wire.map((tool, i) => {
    const at = `tools[${i}]`;
    if (tool.type === 'function') {
      const { function: fn } = parseAt(chatToolSchemas.function, tool, at);
      taken.add(fn.name);
      return {
        name: fn.name,
        description: fn.description,
        parameters: fn.parameters ?? { type: 'object', properties: {} },
        strict: fn.strict ?? undefined,
      };
    }
    if (tool.type === 'custom') {
      const { custom } = parseAt(chatToolSchemas.custom, tool, at);
      taken.add(custom.name);
      const grammar = custom.format?.type === 'grammar' ? custom.format.grammar : undefined;
      return {
        name: custom.name,
        ...(custom.description === undefined ? {} : { description: custom.description }),
        parameters: customToolParameters(isPlainObject(grammar) ? grammar : undefined),
        kind: 'custom',
        chatTool: tool,
      };
    }
    let name = tool.type;
    for (let n = 2; taken.has(name); n++) name = `${tool.type}_${n}`;
    taken.add(name);
    return { name, parameters: {}, kind: 'hosted', chatTool: tool };
  });
}

/** The name a tool choice object names its tool by. */
function choiceName(choice: Wire): string | undefined {
  const inner = choice[choice.type];
  return isPlainObject(inner) && typeof inner.name === 'string' ? inner.name : undefined;
}

/**
 * A Chat `tool_choice`, canonical. `allowed_tools` narrows the tools the model is offered
 * (returned as `tools`).
 */
export function readChatToolChoice(
  choice: string | Wire,
  tools: CanonicalTool[],
): { choice: ToolChoice; tools?: CanonicalTool[] } {
  if (typeof choice === 'string') return { choice: choice as ToolChoice };
  const name = choiceName(choice);
  if ((choice.type === 'function' || choice.type === 'custom') && name) return { choice: { name } };
  const allowed = isPlainObject(choice.allowed_tools) ? choice.allowed_tools : undefined;
  if (choice.type === 'allowed_tools' && allowed && Array.isArray(allowed.tools)) {
    const names = (allowed.tools as Wire[]).map((entry) =>
      isPlainObject(entry) ? choiceName(entry) : undefined,
    );
    return {
      choice: allowed.mode === 'required' ? 'required' : 'auto',
      tools: tools.filter((tool) => names.includes(tool.name)),
    };
  }
  const hosted = tools.find((tool) => tool.kind === 'hosted' && tool.chatTool?.type === choice.type);
  if (hosted) return { choice: { name: hosted.name } };
  throw new OpenAIRequestError(
    `Invalid value for 'tool_choice': a ${choice.type} tool choice needs the tool's name.`,
    'tool_choice',
    'invalid_value',
  );
}
