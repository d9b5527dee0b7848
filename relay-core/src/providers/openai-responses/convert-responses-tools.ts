import { unwrapCustomInput } from '../../canonical/custom-tool-input.js';
import type { CanonicalRequest, CanonicalTool, ToolChoice } from '../../canonical/types.js';
import { isPlainObject } from '../../shared/is-plain-object.js';

type Wire = Record<string, unknown>;

/** A Chat client's custom tool as the Responses API takes one (the same fields, flatter). */
function fromChatCustom(tool: CanonicalTool): Wire {
  const custom = isPlainObject(tool.chatTool?.custom) ? tool.chatTool.custom : {};
  const format = isPlainObject(custom.format) ? custom.format : undefined;
  const grammar = isPlainObject(format?.grammar) ? format.grammar : undefined;
  return {
    type: 'custom',
    name: tool.name,
    ...(tool.description === undefined ? {} : { description: tool.description }),
    ...(grammar ? { format: { type: 'grammar', ...grammar } } : {}),
  };
}

function toolOf(tool: CanonicalTool): Wire {
  if (tool.responsesTool) return tool.responsesTool;
  if (tool.kind === 'custom') return fromChatCustom(tool);
  return {
    type: 'function',
    name: tool.name,
    ...(tool.description === undefined ? {} : { description: tool.description }),
    parameters: tool.parameters,
    strict: tool.strict ?? false,
  };
}

/**
 * The request's tools as a Responses upstream takes them: each as the client sent it when it was a
 * Responses client, the members of a namespace together in it again.
 */
export function responsesTools(tools: CanonicalTool[]): Wire[] {
  const out: Wire[] = [];
  const spaces = new Map<string, Wire[]>();
  for (const tool of tools) {
    // a Chat client's tool of a type the relay does not model is its own dialect's only
    if (tool.kind === 'hosted' && !tool.responsesTool) continue;
    const space = tool.namespace;
    if (!space) {
      out.push(toolOf(tool));
      continue;
    }
    let members = spaces.get(space.name);
    if (!members) {
      members = [];
      spaces.set(space.name, members);
      out.push({
        type: 'namespace',
        name: space.name,
        ...(space.description === undefined ? {} : { description: space.description }),
        tools: members,
      });
    }
    members.push(toolOf(tool));
  }
  return out;
}

/** A canonical tool choice, as the Responses API names the tool. */
export function responsesToolChoice(choice: ToolChoice, tools: CanonicalTool[]): unknown {
  if (typeof choice !== 'object') return choice;
  const tool = tools.find((candidate) => candidate.name === choice.name);
  if (tool?.kind === 'hosted' && tool.responsesTool) return { type: tool.responsesTool.type };
  return {
    type: tool?.kind === 'custom' ? 'custom' : 'function',
    name: tool?.namespace?.member ?? choice.name,
    ...(tool?.namespace ? { namespace: tool.namespace.name } : {}),
  };
}

/**
 * A canonical tool call as a Responses input item: the item the client sent when there was one
 * (the call id is the request's, which the relay may have restored), or one made for the tool it
 * calls.
 */
export function callItem(
  call: { id: string; name: string; arguments: string; responsesItem?: Wire },
  tools: CanonicalTool[],
): Wire {
  if (call.responsesItem) return { ...call.responsesItem, call_id: call.id };
  const tool = tools.find((candidate) => candidate.name === call.name);
  const name = tool?.namespace?.member ?? call.name;
  const namespace = tool?.namespace ? { namespace: tool.namespace.name } : {};
  return tool?.kind === 'custom'
    ? {
        type: 'custom_tool_call',
        call_id: call.id,
        name,
        ...namespace,
        input: unwrapCustomInput(call.arguments),
      }
    : { type: 'function_call', call_id: call.id, name, ...namespace, arguments: call.arguments };
}

/** The tools named by the request's calls, by call id: an answer to a custom tool is its own kind of item. */
export function calledTools(request: CanonicalRequest): Map<string, CanonicalTool | undefined> {
  const called = new Map<string, CanonicalTool | undefined>();
  for (const message of request.messages)
    for (const part of message.content)
      if (part.type === 'tool_call')
        called.set(
          part.id,
          request.tools?.find((tool) => tool.name === part.name),
        );
  return called;
}
