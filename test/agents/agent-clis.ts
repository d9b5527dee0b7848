import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type Database from 'better-sqlite3';
import { findTool } from '../../relay-core/src/connect/coding-tools.js';
import { connectTool } from '../../relay-core/src/connect/connect-tool.js';

/** The coding agents the suite certifies, as their npm packages pin them (test/agents/package.json). */
export type AgentName = 'claude-code' | 'codex' | 'gemini-cli' | 'opencode';

const folder = dirname(fileURLToPath(import.meta.url));
const bin = (name: string) => join(folder, 'node_modules', '.bin', name);
const binaries: Record<AgentName, string> = {
  'claude-code': bin('claude'),
  codex: bin('codex'),
  'gemini-cli': bin('gemini'),
  opencode: bin('opencode'),
};

/** The pinned version of each agent's package. */
export function agentVersions(): Record<AgentName, string> {
  const pinned = (
    JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as { dependencies: Record<string, string> }
  ).dependencies;
  return {
    'claude-code': pinned['@anthropic-ai/claude-code']!,
    codex: pinned['@openai/codex']!,
    'gemini-cli': pinned['@google/gemini-cli']!,
    opencode: pinned['opencode-ai']!,
  };
}

/**
 * Installs the pinned agent CLIs into test/agents/node_modules on first use (about 650 MB; CI's
 * `.ci/run` installs them beforehand). Throws with npm's output when the install fails.
 */
export function ensureAgentClis(): void {
  if (Object.values(binaries).every((path) => existsSync(path))) return;
  // npm install, not npm ci: the lock pins every version, but npm ci refuses a lock without
  // opencode's binaries for other platforms, which npm leaves out of a lock written on Linux
  const result = spawnSync('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--prefix', folder], {
    encoding: 'utf8',
    timeout: 15 * 60_000,
  });
  if (result.status !== 0)
    throw new Error(`installing the agent CLIs (npm install --prefix test/agents) failed:\n${result.stderr}`);
}

export interface AgentRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** The agent's working folder: where it was asked to create its file. */
  workdir: string;
  /** The name of the client key `connect` gave it. */
  keyName: string;
}

export interface AgentRunOptions {
  /** The relay the agent is connected to (`connect`, as a user connects it). */
  relay: { url: string; home: string; db: Database.Database };
  /** The model (route) name the agent is connected with. */
  model: string;
  prompt: string;
  /** The folder the agent works in (a fresh temporary one when absent). */
  workdir?: string;
  timeoutMs?: number;
}

/** Each agent's id for `connect`. */
const connectIds: Record<AgentName, string> = {
  'claude-code': 'claude-code',
  codex: 'codex',
  'gemini-cli': 'gemini',
  opencode: 'opencode',
};

/** How a user runs each agent on one task without a terminal, and what its sandbox needs. */
function commandLine(agent: AgentName, prompt: string): { args: string[]; env: Record<string, string> } {
  switch (agent) {
    case 'claude-code':
      return {
        args: ['-p', prompt, '--dangerously-skip-permissions'],
        env: {
          IS_SANDBOX: '1',
          DISABLE_TELEMETRY: '1',
          CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
          DISABLE_AUTOUPDATER: '1',
        },
      };
    case 'codex':
      return {
        args: ['exec', '--skip-git-repo-check', '--dangerously-bypass-approvals-and-sandbox', prompt],
        env: {},
      };
    case 'gemini-cli':
      // Gemini CLI reads ~/.gemini/.env only in a folder the user trusted
      return { args: ['-y', '-p', prompt], env: { GEMINI_CLI_TRUST_WORKSPACE: 'true' } };
    case 'opencode':
      return { args: ['run', prompt], env: { OPENCODE_DISABLE_AUTOUPDATE: '1' } };
  }
}

/**
 * Runs an agent non-interactively, as a user would from a terminal, in a temporary HOME holding
 * only the settings `connect` writes to point it at the relay (its own client key, the model).
 * Resolves when it exits (or is killed at the timeout).
 */
export function runAgent(agent: AgentName, options: AgentRunOptions): Promise<AgentRun> {
  const home = mkdtempSync(join(tmpdir(), `switchboard-${agent}-home-`));
  const workdir = options.workdir ?? mkdtempSync(join(tmpdir(), `switchboard-${agent}-work-`));
  const place = { home, env: {} };
  const { keyName } = connectTool({
    tool: findTool(connectIds[agent]),
    place,
    dataHome: options.relay.home,
    db: options.relay.db,
    origin: options.relay.url,
    model: options.model,
    smallModel: options.model,
  });
  const { args, env } = commandLine(agent, options.prompt);
  const child = spawn(binaries[agent], args, {
    cwd: workdir,
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: home,
      USERPROFILE: home,
      TERM: 'dumb',
      NO_COLOR: '1',
      CI: '1',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 120_000);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      rmSync(home, { recursive: true, force: true });
      resolve({ code, stdout, stderr, workdir, keyName });
    });
  });
}
