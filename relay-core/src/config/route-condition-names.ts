/** The coding tools a route can name in `when.agent`. */
export const agentIds = ['claude-code', 'codex', 'gemini-cli', 'opencode', 'aider', 'continue'] as const;
/** One of the coding tools a route can name. */
export type AgentId = (typeof agentIds)[number];

/**
 * What a call is for, as a route names it in `when.purpose`: a coding agent's main loop, its own
 * housekeeping (`background`: titles, quota checks, compaction, memory), a sub-agent's turn; and,
 * for any request, whether it asks for reasoning (`thinking`) or is long (`long_context`).
 */
export const purposes = ['main', 'background', 'subagent', 'thinking', 'long_context'] as const;
/** One of the purposes a route can name. */
export type Purpose = (typeof purposes)[number];
