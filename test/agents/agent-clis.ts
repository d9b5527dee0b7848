import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

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
  const result = spawnSync('npm', ['ci', '--no-audit', '--no-fund', '--prefix', folder], {
    encoding: 'utf8',
    timeout: 15 * 60_000,
  });
  if (result.status !== 0)
    throw new Error(`installing the agent CLIs (npm ci --prefix test/agents) failed:\n${result.stderr}`);
}

export interface AgentRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** The agent's working folder: where it was asked to create its file. */
  workdir: string;
}

export interface AgentRunOptions {
  relayUrl: string;
  clientKey: string;
  /** The model (route) name the agent asks the relay for. */
  model: string;
  prompt: string;
  /** The folder the agent works in (a fresh temporary one when absent). */
  workdir?: string;
  timeoutMs?: number;
}

/** What a CLI needs on disk and in its environment to talk to the relay, in a temporary HOME. */
function prepare(
  agent: AgentName,
  home: string,
  options: AgentRunOptions,
): { args: string[]; env: Record<string, string> } {
  const { relayUrl, clientKey, model, prompt } = options;
  switch (agent) {
    case 'claude-code':
      return {
        args: ['-p', prompt, '--dangerously-skip-permissions', '--model', model],
        env: {
          ANTHROPIC_BASE_URL: relayUrl,
          ANTHROPIC_API_KEY: clientKey,
          // its background calls (titles, summaries) go to the same route
          ANTHROPIC_DEFAULT_HAIKU_MODEL: model,
          ANTHROPIC_SMALL_FAST_MODEL: model,
          IS_SANDBOX: '1',
          DISABLE_TELEMETRY: '1',
          CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
          DISABLE_AUTOUPDATER: '1',
        },
      };
    case 'codex': {
      const codexHome = join(home, '.codex');
      mkdirSync(codexHome, { recursive: true });
      writeFileSync(
        join(codexHome, 'config.toml'),
        [
          `model = ${JSON.stringify(model)}`,
          'model_provider = "switchboard"',
          '',
          '[model_providers.switchboard]',
          'name = "Switchboard"',
          `base_url = ${JSON.stringify(`${relayUrl}/v1`)}`,
          'wire_api = "responses"',
          'env_key = "SWITCHBOARD_CLIENT_KEY"',
          '',
        ].join('\n'),
      );
      return {
        args: ['exec', '--skip-git-repo-check', '--dangerously-bypass-approvals-and-sandbox', prompt],
        env: { CODEX_HOME: codexHome, SWITCHBOARD_CLIENT_KEY: clientKey },
      };
    }
    case 'gemini-cli': {
      mkdirSync(join(home, '.gemini'), { recursive: true });
      writeFileSync(
        join(home, '.gemini', 'settings.json'),
        JSON.stringify({ security: { auth: { selectedType: 'gemini-api-key' } } }),
      );
      return {
        args: ['-m', model, '-y', '-p', prompt],
        env: {
          GEMINI_API_KEY: clientKey,
          GOOGLE_GEMINI_BASE_URL: relayUrl,
          GEMINI_CLI_TRUST_WORKSPACE: 'true',
        },
      };
    }
    case 'opencode': {
      const config = join(home, '.config', 'opencode');
      mkdirSync(config, { recursive: true });
      writeFileSync(
        join(config, 'opencode.json'),
        JSON.stringify({
          $schema: 'https://opencode.ai/config.json',
          provider: {
            switchboard: {
              npm: '@ai-sdk/openai-compatible',
              name: 'Switchboard',
              options: { baseURL: `${relayUrl}/v1`, apiKey: '{env:SWITCHBOARD_CLIENT_KEY}' },
              models: { [model]: { name: model, tool_call: true } },
            },
          },
        }),
      );
      return {
        args: ['run', '-m', `switchboard/${model}`, prompt],
        env: {
          XDG_CONFIG_HOME: join(home, '.config'),
          XDG_DATA_HOME: join(home, '.local', 'share'),
          XDG_CACHE_HOME: join(home, '.cache'),
          XDG_STATE_HOME: join(home, '.local', 'state'),
          OPENCODE_DISABLE_AUTOUPDATE: '1',
          SWITCHBOARD_CLIENT_KEY: clientKey,
        },
      };
    }
  }
}

/**
 * Runs an agent non-interactively, as a user would from a terminal, in a temporary HOME holding
 * only the settings that point it at the relay. Resolves when it exits (or is killed at the timeout).
 */
export function runAgent(agent: AgentName, options: AgentRunOptions): Promise<AgentRun> {
  const home = mkdtempSync(join(tmpdir(), `switchboard-${agent}-home-`));
  const workdir = options.workdir ?? mkdtempSync(join(tmpdir(), `switchboard-${agent}-work-`));
  const { args, env } = prepare(agent, home, options);
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
      resolve({ code, stdout, stderr, workdir });
    });
  });
}
