import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureAgentClis } from './agent-clis.js';
import { agentRoutes, startAgentRelay } from './agent-relay.js';
import type { AgentRelay } from './agent-relay.js';
import { runToolLoop } from './run-tool-loop.js';
import type { ToolLoopCase } from './run-tool-loop.js';

// Gemini CLI (the Gemini API) against scripted upstreams, run as a user runs it: `gemini -p`.
const writeFile = (route: string, extra: Partial<ToolLoopCase> = {}): ToolLoopCase => ({
  route,
  tool: 'write_file',
  arguments: (path, content) => ({ file_path: path, content }),
  ...extra,
});

describe('Gemini CLI through the relay', () => {
  let env: AgentRelay;
  beforeAll(async () => {
    ensureAgentClis();
    env = await startAgentRelay();
  }, 16 * 60_000);
  afterAll(async () => {
    await env?.close();
  });

  it('completes a tool loop on a Gemini upstream (its own dialect), thought signature carried back', async () => {
    const { calls } = await runToolLoop(
      env,
      'gemini-cli',
      writeFile(agentRoutes.gemini, { signedThinking: true }),
    );
    expect(calls.every((call) => call.dialect === 'gemini')).toBe(true);
  });

  it('completes a tool loop on an OpenAI Chat upstream (translated)', async () => {
    const { calls } = await runToolLoop(env, 'gemini-cli', writeFile(agentRoutes.chat));
    expect(calls.some((call) => call.dialect === 'openai-chat' && call.answered === 'final')).toBe(true);
  });

  it('completes a tool loop on an Anthropic upstream (translated)', async () => {
    await runToolLoop(env, 'gemini-cli', writeFile(agentRoutes.anthropic));
  });

  it('fails over from a rate-limited target without the agent noticing', async () => {
    const failed = env.failing.calls.length;
    await runToolLoop(env, 'gemini-cli', writeFile(agentRoutes.failoverGemini));
    expect(env.failing.calls.length).toBeGreaterThan(failed);
  });
});
