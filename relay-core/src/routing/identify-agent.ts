import type { IncomingHttpHeaders } from 'node:http';
import type { AgentId } from '../config/route-condition-names.js';

/**
 * What a client's request headers say about the tool that sent it and why: its user-agent, and
 * the headers coding agents mark their calls with. Read once per request by the server.
 */
export interface ClientSignals {
  userAgent?: string;
  /** The marking headers present, lower-case name to value. */
  marks: Record<string, string>;
}

/**
 * Headers agents mark calls with: Claude Code's sub-agent ids and (when its gateway hints are on)
 * request class; Codex's originator, sub-agent kind, parent thread and turn metadata; referrers.
 */
const markHeaders = [
  'originator',
  'x-app',
  'x-claude-code-agent-id',
  'x-claude-code-parent-agent-id',
  'x-claude-code-request-class',
  'x-openai-subagent',
  'x-openai-memgen-request',
  'x-codex-parent-thread-id',
  'x-codex-turn-metadata',
  'x-title',
  'http-referer',
];

/** The user-agent and marking headers of a request (a few lookups; nothing is parsed here). */
export function readClientSignals(headers: IncomingHttpHeaders): ClientSignals {
  const marks: Record<string, string> = {};
  for (const name of markHeaders) {
    const value = headers[name];
    if (typeof value === 'string') marks[name] = value;
  }
  const userAgent = headers['user-agent'];
  return userAgent === undefined ? { marks } : { userAgent, marks };
}

/**
 * How each tool names itself, from the requests they send: Claude Code `claude-cli/2.1.332
 * (external, sdk-cli)`, Codex `codex_exec/0.171.0 …` (or `codex_cli_rs/…`, and its `originator`
 * header), Gemini CLI `GeminiCLI-tui/0.61.0/…`, opencode `opencode/1.18.33 ai-sdk/…`; aider calls
 * itself Aider in the OpenRouter-style title header it sets.
 */
const userAgents: Array<[AgentId, RegExp]> = [
  ['claude-code', /^claude-cli\//i],
  ['codex', /^codex[_-]/i],
  ['gemini-cli', /^GeminiCLI\b/i],
  ['opencode', /^opencode\//i],
  ['aider', /\baider\b/i],
  ['continue', /^continue\b/i],
];

/** Client key names taken to mean a tool (a key created for it, e.g. by `connect`). */
const keyNames: Record<string, AgentId> = {
  'claude-code': 'claude-code',
  claude: 'claude-code',
  codex: 'codex',
  'codex-cli': 'codex',
  'gemini-cli': 'gemini-cli',
  gemini: 'gemini-cli',
  opencode: 'opencode',
  aider: 'aider',
  continue: 'continue',
};

/** Which tool sent a request, and what told: its user-agent or headers first, then its key's name. */
export function identifyAgent(
  signals: ClientSignals | undefined,
  client: string | undefined,
): { agent: AgentId; source: string } | undefined {
  const said: Array<[string, string | undefined]> = [
    ['user-agent', signals?.userAgent],
    ['originator', signals?.marks.originator],
    ['x-title', signals?.marks['x-title']],
  ];
  for (const [header, text] of said) {
    if (!text) continue;
    const found = userAgents.find(([, pattern]) => pattern.test(text));
    if (found) return { agent: found[0], source: `${header} '${text}'` };
  }
  const named = client === undefined ? undefined : keyNames[client.toLowerCase()];
  return named ? { agent: named, source: `client key '${client}'` } : undefined;
}
