import { describe, expect, it } from 'vitest';
import { agentRoutes, useAgentRelay } from './agent-relay.js';
import { runToolLoop, toolLoops } from './run-tool-loop.js';

// Codex CLI (OpenAI Responses) against scripted upstreams, run as a user runs it: `codex exec`.
// It writes files through its shell tool.
const env = useAgentRelay();
const shell = toolLoops('exec_command', (path, content) => ({ cmd: `printf '%s' '${content}' > '${path}'` }));

describe('Codex CLI through the relay', () => {
  it('completes a tool loop on a Responses upstream (its own dialect)', async () => {
    const { calls } = await runToolLoop(env, 'codex', shell(agentRoutes.responses));
    expect(calls.every((call) => call.dialect === 'openai-responses')).toBe(true);
  });

  it('completes a tool loop on an Anthropic upstream (translated)', async () => {
    const { calls } = await runToolLoop(env, 'codex', shell(agentRoutes.anthropic));
    expect(calls.some((call) => call.dialect === 'anthropic' && call.answered === 'final')).toBe(true);
  });

  it('completes a tool loop on an OpenAI Chat upstream (translated)', async () => {
    const { calls } = await runToolLoop(env, 'codex', shell(agentRoutes.chat));
    expect(calls.some((call) => call.dialect === 'openai-chat' && call.answered === 'final')).toBe(true);
  });

  it('fails over from a rate-limited target without the agent noticing', async () => {
    const failed = env.failing.calls.length;
    await runToolLoop(env, 'codex', shell(agentRoutes.failoverResponses));
    expect(env.failing.calls.length).toBeGreaterThan(failed);
  });
});
