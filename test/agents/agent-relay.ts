import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { startRelay } from '../../relay-core/src/index.js';
import type { RelayHandle } from '../../relay-core/src/index.js';
import { createSecretStore } from '../../relay-core/src/secrets/create-secret-store.js';
import { ensureAgentClis } from './agent-clis.js';
import { startScriptedUpstream } from './scripted-upstream.js';
import type { ScriptedUpstream } from './scripted-upstream.js';

/** A provider key the agents must never see. */
export const agentProviderKey = 'sk-agents-provider-key-0000000000000000000000';
export const agentClientKey = 'sb-agents-client-key';

export interface AgentRelay {
  relay: RelayHandle;
  /** The relay's data folder. */
  home: string;
  /** Serves every provider that answers. */
  upstream: ScriptedUpstream;
  /** The first target of each failover route: answers every request with an error. */
  failing: ScriptedUpstream;
  close(): Promise<void>;
}

/**
 * Routes the agents are sent through. `via-*` have one target each, of one upstream dialect;
 * `failover-*` try a failing target of that dialect first.
 */
export const agentRoutes = {
  anthropic: 'via-anthropic',
  chat: 'via-chat',
  responses: 'via-responses',
  gemini: 'via-gemini',
  failoverChat: 'failover-chat',
  failoverAnthropic: 'failover-anthropic',
  failoverResponses: 'failover-responses',
  failoverGemini: 'failover-gemini',
} as const;

/** A relay in a temporary data folder whose providers are scripted upstreams. */
export async function startAgentRelay(): Promise<AgentRelay> {
  const upstream = await startScriptedUpstream();
  const failing = await startScriptedUpstream();
  failing.failWith(429);
  const home = mkdtempSync(join(tmpdir(), 'switchboard-agents-'));
  writeFileSync(
    join(home, 'config.yaml'),
    `providers:
  - id: openai
    base_url: ${upstream.url}/v1
  - id: anthropic
    base_url: ${upstream.url}/v1
  - id: gemini
    base_url: ${upstream.url}/v1beta
  - id: flaky-openai
    preset: openai
    base_url: ${failing.url}/v1
  - id: flaky-anthropic
    preset: anthropic
    base_url: ${failing.url}/v1
  - id: flaky-gemini
    preset: gemini
    base_url: ${failing.url}/v1beta
routes:
  - name: ${agentRoutes.anthropic}
    targets: [anthropic/claude-sonnet-4-5]
  - name: ${agentRoutes.chat}
    targets: [openai/gpt-4o-mini]
  - name: ${agentRoutes.responses}
    targets: [openai/gpt-5-codex]
  - name: ${agentRoutes.gemini}
    targets: [gemini/gemini-2.5-flash]
  - name: ${agentRoutes.failoverChat}
    targets: [flaky-openai/gpt-4o-mini, openai/gpt-4o-mini]
  - name: ${agentRoutes.failoverAnthropic}
    targets: [flaky-anthropic/claude-sonnet-4-5, anthropic/claude-sonnet-4-5]
  - name: ${agentRoutes.failoverResponses}
    targets: [flaky-openai/gpt-5-codex, openai/gpt-5-codex]
  - name: ${agentRoutes.failoverGemini}
    targets: [flaky-gemini/gemini-2.5-flash, gemini/gemini-2.5-flash]
fallback:
  on: [rate_limit, overloaded, server_error, timeout, connect_error]
`,
  );
  const env = {
    SWITCHBOARD_API_KEY: agentClientKey,
    OPENAI_API_KEY: agentProviderKey,
    ANTHROPIC_API_KEY: agentProviderKey,
    GEMINI_API_KEY: agentProviderKey,
    SWITCHBOARD_KEY_FLAKY_OPENAI: agentProviderKey,
    SWITCHBOARD_KEY_FLAKY_ANTHROPIC: agentProviderKey,
    SWITCHBOARD_KEY_FLAKY_GEMINI: agentProviderKey,
  };
  const secrets = await createSecretStore({ home, env, useKeychain: false });
  const relay = await startRelay({ home, port: 0, env, secrets, log: () => {} });
  return {
    relay,
    home,
    upstream,
    failing,
    async close() {
      await relay.close();
      await upstream.close();
      await failing.close();
      rmSync(home, { recursive: true, force: true });
    },
  };
}

/**
 * Installs the agent CLIs when missing and starts an agent relay for a test file (closed after).
 * Returns the relay itself, usable once the file's tests run.
 */
export function useAgentRelay(): AgentRelay {
  let env: AgentRelay | undefined;
  beforeAll(async () => {
    ensureAgentClis();
    env = await startAgentRelay();
  }, 16 * 60_000);
  afterAll(async () => {
    await env?.close();
  });
  return new Proxy({} as AgentRelay, {
    get(_target, property) {
      if (!env) throw new Error('the agent relay starts in beforeAll; use it inside tests');
      return env[property as keyof AgentRelay];
    },
  });
}
