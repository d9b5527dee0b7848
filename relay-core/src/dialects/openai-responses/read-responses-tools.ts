import { customToolParameters } from '../../canonical/custom-tool-input.js';
import { flatToolName, toolNamed } from '../../canonical/flat-tool-name.js';
import type { CanonicalTool, ToolChoice } from '../../canonical/types.js';
import { OpenAIRequestError, parseAt } from '../openai-chat/openai-request-error.js';
import { toolSchemas } from './responses-schema.js';

type Wire = Record<string, unknown>;

const emptyObject = { type: 'object', properties: {} };

function functionOrCustom(tool: Wire, at: string): CanonicalTool {
  if (tool.type === 'custom') {
    const wire = parseAt(toolSchemas.custom, tool, at);
    const format = wire.format ?? undefined;
    return {
      name: wire.name,
      ...(wire.description ? { description: wire.description } : {}),
      parameters: customToolParameters(format?.type === 'grammar' ? format : undefined),
      kind: 'custom',
      responsesTool: tool,
    };
  }
  const wire = parseAt(toolSchemas.function, tool, at);
  return {
    name: wire.name,
    ...(wire.description ? { description: wire.description } : {}),
    parameters: wire.parameters ?? emptyObject,
    ...(wire.strict != null ? { strict: wire.strict } : {}),
    responsesTool: tool,
  };
}

/** A tool that runs at the provider, or of a type the relay does not know, under a name of its own. */
function hosted(type: string, tool: Wire, taken: Set<string>): CanonicalTool {
  let name = type;
  for (let n = 2; taken.has(name); n++) name = `${type}_${n}`;
  taken.add(name);
  return { name, parameters: {}, kind: 'hosted', responsesTool: tool };
}

/**
 * A Responses client's tools, canonical: functions and custom tools as they are, each member of a
 * `namespace` under a flat name every provider accepts (flat-tool-name.ts), and hosted tools
 * (`web_search`, `file_search`, `mcp`, `local_shell`, newer types) as tools only a provider that
 * runs them is offered. Each keeps the tool as the client sent it, for a Responses upstream.
 */
export function readResponsesTools(wire: Wire[]): CanonicalTool[] {
  const taken = new Set<string>();
  for (const tool of wire)
    if ((tool.type === 'function' || tool.type === 'custom') && typeof tool.name === 'string')
      taken.add(tool.name);
  const tools: CanonicalTool[] = [];
  wire.forEach((tool, i) => {
    const at = `tools[${i}]`;
    if (typeof tool.type !== 'string')
      throw new OpenAIRequestError(
        `Missing required parameter: '${at}.type'.`,
        `${at}.type`,
        'missing_required_parameter',
      );
    if (tool.type === 'function' || tool.type === 'custom') {
      tools.push(functionOrCustom(tool, at));
    } else if (tool.type === 'namespace') {
      const space = parseAt(toolSchemas.namespace, tool, at);
      space.tools.forEach((member, j) => {
        const memberAt = `${at}.tools[${j}]`;
        if (member.type !== 'function' && member.type !== 'custom') {
          tools.push(hosted(String(member.type), member, taken));
          return;
        }
        const read = functionOrCustom(member, memberAt);
        const name = flatToolName(space.name, read.name, taken);
        taken.add(name);
        tools.push({
          ...read,
          name,
          namespace: {
            name: space.name,
            ...(space.description ? { description: space.description } : {}),
            member: read.name,
          },
        });
      });
    } else tools.push(hosted(tool.type, tool, taken));
  });
  return tools;
}

/**
 * A Responses `tool_choice`, canonical. `allowed_tools` narrows the tools the model is offered
 * (returned as `tools`); forcing a hosted tool names that tool, so a provider that leaves it out
 * refuses the request.
 */
export function readResponsesToolChoice(
  choice: string | Wire,
  tools: CanonicalTool[],
): { choice?: ToolChoice; tools?: CanonicalTool[] } {
  if (typeof choice === 'string') {
    if (choice === 'auto' || choice === 'none' || choice === 'required') return { choice };
    throw new OpenAIRequestError(
      `Invalid value: '${choice}'. Supported values are: 'none', 'auto', and 'required'.`,
      'tool_choice',
      'invalid_value',
    );
  }
  const type = choice.type;
  const name = typeof choice.name === 'string' ? choice.name : undefined;
  const namespace = typeof choice.namespace === 'string' ? choice.namespace : undefined;
  if ((type === 'function' || type === 'custom') && name)
    return { choice: { name: toolNamed(tools, name, namespace) } };
  if (type === 'allowed_tools' && Array.isArray(choice.tools)) {
    const allowed = (choice.tools as Wire[]).map((entry) =>
      typeof entry.name === 'string'
        ? toolNamed(tools, entry.name, typeof entry.namespace === 'string' ? entry.namespace : undefined)
        : String(entry.type),
    );
    return {
      choice: choice.mode === 'required' ? 'required' : 'auto',
      tools: tools.filter(
        (tool) =>
          allowed.includes(tool.name) ||
          (tool.kind === 'hosted' && allowed.includes(String(tool.responsesTool?.type))),
      ),
    };
  }
  const forced = tools.find(
    (tool) =>
      tool.kind === 'hosted' &&
      tool.responsesTool?.type === type &&
      (type !== 'mcp' || tool.responsesTool?.server_label === choice.server_label),
  );
  return { choice: { name: forced?.name ?? String(type) } };
}
