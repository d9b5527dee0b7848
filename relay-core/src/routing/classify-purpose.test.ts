import { describe, expect, it } from 'vitest';
import type { CanonicalRequest } from '../canonical/types.js';
import { capturedHeaders } from './captured-headers.fixture.js';
import { readClientSignals } from './identify-agent.js';
import { describeRequest } from './match-route.js';

/** Claude Code's system prompt opens with its billing line (/tmp/cap/claude/000.json, trimmed). */
const billing = 'x-anthropic-billing-header: cc_version=2.1.332.4e6; cc_entrypoint=sdk-cli;';

function request(extra: Partial<CanonicalRequest> = {}, system = billing): CanonicalRequest {
  return {
    model: 'agent-route',
    stream: true,
    includeUsage: true,
    messages: [
      {
        role: 'system',
        content: [
          { type: 'text', text: system },
          { type: 'text', text: 'You are an agent.' },
        ],
      },
      { role: 'user', content: [{ type: 'text', text: 'Create hello.txt containing hi' }] },
    ],
    tools: [{ name: 'Write', parameters: { type: 'object' } }],
    ...extra,
  };
}

function purposesOf(body: CanonicalRequest, headers: Record<string, string>, client = 'env') {
  return describeRequest(body, client, undefined, readClientSignals(headers)).purposes.map((p) => p.purpose);
}

const claudeCode = capturedHeaders['claude-code'];
const codex = capturedHeaders.codex;

describe('purposes', () => {
  it("reads Claude Code's main loop as main, with thinking when it asks for reasoning", () => {
    expect(purposesOf(request({ reasoning: { effort: 'high' } }), claudeCode)).toEqual(['main', 'thinking']);
  });

  it("reads Claude Code's sub-agents from their billing line, agent id or request class", () => {
    expect(purposesOf(request({}, `${billing} cc_is_subagent=true;`), claudeCode)).toEqual(['subagent']);
    expect(purposesOf(request(), { ...claudeCode, 'x-claude-code-agent-id': 'a1' })).toEqual(['subagent']);
    expect(purposesOf(request(), { ...claudeCode, 'x-claude-code-request-class': 'workflow' })).toEqual([
      'subagent',
    ]);
  });

  it("reads Claude Code's calls without tools (titles, quota checks) and its marked ones as background", () => {
    expect(purposesOf(request({ tools: undefined, maxOutputTokens: 1 }), claudeCode)).toEqual(['background']);
    expect(purposesOf(request(), { ...claudeCode, 'x-claude-code-request-class': 'compaction' })).toEqual([
      'background',
    ]);
    // the same call from a plain SDK is nobody's housekeeping
    expect(
      purposesOf(request({ tools: undefined }, 'Be terse.'), { 'user-agent': 'Anthropic/JS 0.60.0' }),
    ).toEqual(['main']);
  });

  it("reads Codex's turns, sub-agents and upkeep from its headers", () => {
    expect(purposesOf(request(), codex)).toEqual(['main']);
    expect(purposesOf(request(), { ...codex, 'x-openai-subagent': 'collab_spawn' })).toEqual(['subagent']);
    expect(purposesOf(request(), { ...codex, 'x-openai-subagent': 'compact' })).toEqual(['background']);
    expect(purposesOf(request(), { ...codex, 'x-openai-memgen-request': 'true' })).toEqual(['background']);
    const child = codex['x-codex-turn-metadata'].replace('"/root"', '"/root/worker-1"');
    expect(purposesOf(request(), { ...codex, 'x-codex-turn-metadata': child })).toEqual(['subagent']);
  });

  it("reads opencode's title request (no tools) as background, and a long request as long-context", () => {
    expect(
      purposesOf(request({ tools: undefined }, 'You are a title generator.'), capturedHeaders.opencode),
    ).toEqual(['background']);
    const long = request();
    long.messages.push({ role: 'user', content: [{ type: 'text', text: 'x'.repeat(250_000) }] });
    expect(purposesOf(long, capturedHeaders.opencode)).toEqual(['main', 'long_context']);
  });
});
