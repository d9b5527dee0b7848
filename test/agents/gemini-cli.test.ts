import { describe, expect, it } from 'vitest';
import { agentRoutes, useAgentRelay } from './agent-relay.js';
import { runToolLoop, toolLoops } from './run-tool-loop.js';

// Gemini CLI (the Gemini API) against scripted upstreams, run as a user runs it: `gemini -p`.
const env = useAgentRelay();
const writeFile = toolLoops('write_file', (path, content) => ({ file_path: path, content }));

describe('Gemini CLI through the relay', () => {
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
    const { calls } = await runToolLoop(env, 'gemini-cli', writeFile(agentRoutes.anthropic));
    expect(calls.some((call) => call.dialect === 'anthropic' && call.answered === 'final')).toBe(true);
  });

  it('fails over from a rate-limited target without the agent noticing', async () => {
    const failed = env.failing.calls.length;
    await runToolLoop(env, 'gemini-cli', writeFile(agentRoutes.failoverGemini));
    expect(env.failing.calls.length).toBeGreaterThan(failed);
  });
});
