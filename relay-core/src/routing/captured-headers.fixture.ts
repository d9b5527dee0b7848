/**
 * The first request's headers of each CLI, trimmed (captured this session: Claude Code 2.1.332,
 * Codex CLI 0.171.0, Gemini CLI 0.61.0, opencode 1.18.33).
 */
export const capturedHeaders = {
  'claude-code': {
    'user-agent': 'claude-cli/2.1.332 (external, sdk-cli)',
    'x-app': 'cli',
    'anthropic-version': '2023-06-01',
  },
  codex: {
    'user-agent': 'codex_exec/0.171.0 (Debian 12.0.0; x86_64) xterm (codex_exec; 0.171.0)',
    originator: 'codex_exec',
    'x-codex-turn-metadata':
      '{"thread_id":"01a25044","agent_name":"/root","request_kind":"turn","turn_trigger":"exec","model":"agent-route"}',
  },
  'gemini-cli': {
    'user-agent': 'GeminiCLI-tui/0.61.0/agent-route (linux; x64; terminal)',
    'x-goog-api-client': 'google-genai-sdk/1.30.0 gl-node/v20.20.2',
  },
  opencode: { 'user-agent': 'opencode/1.18.33 ai-sdk/provider-utils/4.0.23 runtime/bun/1.3.14' },
} as const;
