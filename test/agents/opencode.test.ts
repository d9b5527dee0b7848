import { describe, expect, it } from 'vitest';
import { agentRoutes, useAgentRelay } from './agent-relay.js';
import { runToolLoop, toolLoops } from './run-tool-loop.js';

// opencode (OpenAI Chat, through @ai-sdk/openai-compatible) against scripted upstreams, run as a
// user runs it: `opencode run`.
const env = useAgentRelay();
const write = toolLoops('write', (path, content) => ({ filePath: path, content }));

describe('opencode through the relay', () => {
  it('completes a tool loop on an OpenAI Chat upstream (its own dialect)', async () => {
    const { calls } = await runToolLoop(env, 'opencode', write(agentRoutes.chat));
    expect(calls.every((call) => call.dialect === 'openai-chat')).toBe(true);
  });

  it.each([
    ['an Anthropic', agentRoutes.anthropic, 'anthropic'],
    ['a Responses', agentRoutes.responses, 'openai-responses'],
    ['a Gemini', agentRoutes.gemini, 'gemini'],
  ] as const)('completes a tool loop on %s upstream (translated)', async (_name, route, dialect) => {
    const { calls } = await runToolLoop(env, 'opencode', write(route));
    expect(calls.some((call) => call.dialect === dialect && call.answered === 'final')).toBe(true);
  });

  it('fails over from a rate-limited target without the agent noticing', async () => {
    const failed = env.failing.calls.length;
    await runToolLoop(env, 'opencode', write(agentRoutes.failoverChat));
    expect(env.failing.calls.length).toBeGreaterThan(failed);
  });
});
