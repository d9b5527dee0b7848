import { describe, expect, it } from 'vitest';
import { agentRoutes, useAgentRelay } from './agent-relay.js';
import { runToolLoop, toolLoops } from './run-tool-loop.js';

// Claude Code (Anthropic Messages) against scripted upstreams, run as a user runs it: `claude -p`.
const env = useAgentRelay();
const write = toolLoops('Write', (path, content) => ({ file_path: path, content }));

describe('Claude Code through the relay', () => {
  it('completes a tool loop on an Anthropic upstream (its own dialect)', async () => {
    const { calls } = await runToolLoop(env, 'claude-code', write(agentRoutes.anthropic));
    expect(calls.every((call) => call.dialect === 'anthropic')).toBe(true);
  });

  it('completes a tool loop on an OpenAI Chat upstream (translated)', async () => {
    const { calls } = await runToolLoop(env, 'claude-code', write(agentRoutes.chat));
    expect(calls.some((call) => call.dialect === 'openai-chat' && call.answered === 'final')).toBe(true);
  });

  it('completes a tool loop on a Gemini upstream whose call carries a thought signature', async () => {
    const { calls } = await runToolLoop(
      env,
      'claude-code',
      write(agentRoutes.gemini, { signedThinking: true }),
    );
    expect(calls.find((call) => call.answered === 'final')?.turn.thoughtSignatures.length).toBeGreaterThan(0);
  });

  it('carries signed thinking from turn 1 back to Anthropic in turn 2', async () => {
    const { calls } = await runToolLoop(
      env,
      'claude-code',
      write(agentRoutes.anthropic, { signedThinking: true }),
    );
    expect(calls.find((call) => call.answered === 'final')?.turn.thinkingSignatures.length).toBeGreaterThan(
      0,
    );
  });

  it('fails over from a rate-limited Anthropic target without the agent noticing', async () => {
    const failed = env.failing.calls.length;
    await runToolLoop(env, 'claude-code', write(agentRoutes.failoverAnthropic));
    expect(env.failing.calls.length).toBeGreaterThan(failed);
  });
});
