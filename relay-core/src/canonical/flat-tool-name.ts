import { createHash } from 'node:crypto';
import type { CanonicalTool } from './types.js';

/**
 * What every provider accepts as a tool name: OpenAI, Anthropic and Bedrock allow
 * `^[a-zA-Z0-9_-]{1,64}$`, and Gemini also wants a letter or underscore first.
 */
const longest = 64;
const valid = /^[a-zA-Z_][a-zA-Z0-9_-]{0,63}$/;

/**
 * Codex's own flat name for a namespaced tool (`ToolName::canonical_flat_name`): the namespace
 * without trailing underscores, `__`, the name without leading ones.
 */
export function joinNamespace(namespace: string, name: string): string {
  return `${namespace.replace(/_+$/, '')}__${name.replace(/^_+/, '')}`;
}

/**
 * The name a member of a Responses `namespace` tool is offered under by providers without
 * namespaces: Codex's flat name when it is valid everywhere and no other tool has it; otherwise
 * one made valid (other characters become `_`) and, when still too long or taken, cut and given a
 * hash of the namespace and name, so two members never share a name.
 */
export function flatToolName(namespace: string, name: string, taken: ReadonlySet<string>): string {
  const joined = joinNamespace(namespace, name);
  if (valid.test(joined) && !taken.has(joined)) return joined;
  let flat = joined.replace(/[^a-zA-Z0-9_-]/g, '_');
  if (!/^[a-zA-Z_]/.test(flat)) flat = `_${flat}`;
  if (flat.length <= longest && !taken.has(flat)) return flat;
  const hash = createHash('sha256').update(`${namespace}\u0000${name}`).digest('hex');
  for (let count = 0; ; count++) {
    const suffix = count === 0 ? hash.slice(0, 8) : `${hash.slice(0, 8)}${count}`;
    const candidate = `${flat.slice(0, longest - suffix.length - 1)}_${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/**
 * The canonical name of the tool a model or client names by its own name and, maybe, namespace:
 * the flat name the request gave that namespace's member, or Codex's when no tool has one.
 */
export function toolNamed(
  tools: readonly CanonicalTool[] | undefined,
  name: string,
  namespace?: string | null,
): string {
  if (!namespace) return name;
  const member = tools?.find((tool) => tool.namespace?.name === namespace && tool.namespace.member === name);
  return member?.name ?? joinNamespace(namespace, name);
}
