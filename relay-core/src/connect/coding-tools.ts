import { ConnectError } from './connect-error.js';
import type { CodingTool } from './coding-tool.js';
import { aider } from './tools/aider.js';
import { claudeCode } from './tools/claude-code.js';
import { codexCli } from './tools/codex-cli.js';
import { continueDev } from './tools/continue-dev.js';
import { geminiCli } from './tools/gemini-cli.js';
import { opencode } from './tools/opencode.js';

/** Every tool Switchboard can connect, in the order the UI and `connect --list` show them. */
export const codingTools: readonly CodingTool[] = [
  claudeCode,
  codexCli,
  geminiCli,
  opencode,
  continueDev,
  aider,
];

/** The tool with this id; throws a ConnectError listing the known ids. */
export function findTool(id: string): CodingTool {
  const tool = codingTools.find((candidate) => candidate.id === id);
  if (!tool)
    throw new ConnectError(
      'UNKNOWN_TOOL',
      `unknown tool '${id}': use one of ${codingTools.map((candidate) => candidate.id).join(', ')}`,
    );
  return tool;
}
