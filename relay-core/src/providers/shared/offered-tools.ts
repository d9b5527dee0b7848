import type { CanonicalRequest, CanonicalTool } from '../../canonical/types.js';
import { UnsupportedError } from './reject-unsupported.js';

/** The type a client gave a hosted tool (`web_search`, `file_search`, `mcp`, a newer one). */
export function hostedType(tool: CanonicalTool): string {
  const type = tool.responsesTool?.type;
  return typeof type === 'string' ? type : tool.name;
}

/**
 * A web search the model may run where it is sent (OpenAI's `web_search`, `web_search_preview` and
 * their dated versions). Codex's `external_web_access: false` asks for cached results only, which
 * no other provider's search promises: that one is never run elsewhere.
 */
export function isWebSearch(tool: CanonicalTool): boolean {
  return (
    tool.kind === 'hosted' &&
    /^web_search(_preview)?(_\d{4}_\d{2}_\d{2})?$/.test(hostedType(tool)) &&
    tool.responsesTool?.external_web_access !== false
  );
}

/**
 * The tools a provider offers the model: every function and custom tool (a custom tool is offered
 * as the function its `parameters` describe), and the hosted tools the provider runs itself
 * (`runs`). A hosted tool it cannot run is an offer the model may take, not an instruction: it is
 * left out, and the answer is the one the model gives without it. Only a `tool_choice` that forces
 * a tool left out, or `required` with nothing left to call, is refused.
 */
export function offeredTools(
  request: CanonicalRequest,
  upstream: string,
  runs: (tool: CanonicalTool) => boolean = () => false,
): CanonicalTool[] {
  const tools = request.tools ?? [];
  const offered = tools.filter((tool) => tool.kind !== 'hosted' || runs(tool));
  if (offered.length === tools.length) return tools;
  const choice = request.toolChoice;
  const left = tools.filter((tool) => !offered.includes(tool));
  if (typeof choice === 'object' && left.some((tool) => tool.name === choice.name))
    throw new UnsupportedError('tool_choice', upstream, choice.name);
  if (choice === 'required' && offered.length === 0)
    throw new UnsupportedError('tool_choice', upstream, 'required');
  return offered;
}
