import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureAgentClis } from './agent-clis.js';
import { agentRoutes, startAgentRelay } from './agent-relay.js';
import type { AgentRelay } from './agent-relay.js';
import { runToolLoop } from './run-tool-loop.js';
import type { ToolLoopCase } from './run-tool-loop.js';

// opencode (OpenAI Chat, through @ai-sdk/openai-compatible) against scripted upstreams, run as a
// user runs it: `opencode run`.
const write = (route: string): ToolLoopCase => ({
  route,
  tool: 'write',
  arguments: (path, content) => ({ filePath: path, content }),
});

describe('opencode through the relay', () => {
  let env: AgentRelay;
  beforeAll(async () => {
    ensureAgentClis();
    env = await startAgentRelay();
  }, 16 * 60_000);
  afterAll(async () => {
    await env?.close();
  });

  it('completes a tool loop on an OpenAI Chat upstream (its own dialect)', async () => {
    const { calls } = await runToolLoop(env, 'opencode', write(agentRoutes.chat));
    expect(calls.every((call) => call.dialect === 'openai-chat')).toBe(true);
  });

  it('completes a tool loop on an Anthropic upstream (translated)', async () => {
    const { calls } = await runToolLoop(env, 'opencode', write(agentRoutes.anthropic));
    expect(calls.some((call) => call.dialect === 'anthropic' && call.answered === 'final')).toBe(true);
  });

  it('completes a tool loop on a Responses upstream (translated)', async () => {
    await runToolLoop(env, 'opencode', write(agentRoutes.responses));
  });

  it('completes a tool loop on a Gemini upstream (translated)', async () => {
    await runToolLoop(env, 'opencode', write(agentRoutes.gemini));
  });

  it('fails over from a rate-limited target without the agent noticing', async () => {
    const failed = env.failing.calls.length;
    await runToolLoop(env, 'opencode', write(agentRoutes.failoverChat));
    expect(env.failing.calls.length).toBeGreaterThan(failed);
  });
});
