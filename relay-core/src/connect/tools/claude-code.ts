import { join } from 'node:path';
import type { CodingTool } from '../coding-tool.js';
import { jsoncFormat } from '../formats/jsonc-format.js';

/**
 * Claude Code: `env` of `~/.claude/settings.json` (or `$CLAUDE_CONFIG_DIR`), which Claude Code
 * applies over the shell's environment. The key goes in ANTHROPIC_AUTH_TOKEN (sent as a bearer
 * token), not ANTHROPIC_API_KEY, which makes an interactive session stop to ask whether to use
 * it; ANTHROPIC_API_KEY is set empty so that one exported in the shell does not ask either.
 */
export const claudeCode: CodingTool = {
  id: 'claude-code',
  displayName: 'Claude Code',
  files(place, target) {
    const folder = place.env.CLAUDE_CONFIG_DIR || join(place.home, '.claude');
    const env = (name: string, value: string, clientKey = false) => ({
      path: ['env', name],
      value,
      ...(clientKey ? { clientKey: [] } : {}),
    });
    return [
      {
        path: join(folder, 'settings.json'),
        format: jsoncFormat,
        initial: '{}\n',
        settings: [
          env('ANTHROPIC_BASE_URL', target.origin),
          env('ANTHROPIC_AUTH_TOKEN', target.key, true),
          env('ANTHROPIC_API_KEY', ''),
          env('ANTHROPIC_MODEL', target.model),
          // every model alias Claude Code offers (and its background tasks) must name a working model
          env('ANTHROPIC_DEFAULT_OPUS_MODEL', target.model),
          env('ANTHROPIC_DEFAULT_SONNET_MODEL', target.model),
          env('ANTHROPIC_DEFAULT_HAIKU_MODEL', target.smallModel),
          env('ANTHROPIC_SMALL_FAST_MODEL', target.smallModel),
          // a name Claude Code does not know is taken for a 1M-token model: told the real window, it
          // compacts before the upstream would refuse the conversation
          ...(target.limits?.contextWindow
            ? [
                env('CLAUDE_CODE_MAX_CONTEXT_TOKENS', String(target.limits.contextWindow)),
                env('CLAUDE_CODE_AUTO_COMPACT_WINDOW', String(target.limits.contextWindow)),
              ]
            : []),
        ],
      },
    ];
  },
  notes: () => [
    'Start a new Claude Code session to use it. A project’s .claude/settings.json or settings.local.json can still set these variables for that project.',
  ],
};
