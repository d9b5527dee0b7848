import Anthropic from '@anthropic-ai/sdk';
import { describe, expect, it } from 'vitest';
import { clientKey, useHarness } from '../helpers/relay-harness.js';

// A Claude Code conversation (thinking with its signature, a tool call, its result) whose next
// turn fails over from Anthropic to an OpenAI upstream: the conversation must arrive there intact
// in OpenAI's shape, without the Anthropic-only thinking it cannot accept.
const harness = useHarness({
  extraConfig: 'routes:\n  - name: coder\n    targets: [anthropic/claude-sonnet-4-5, openai/gpt-4.1-nano]\n',
});

describe('multi-turn continuity across providers', () => {
  it('continues a thinking + tool conversation on OpenAI after Anthropic is overloaded', async () => {
    harness.emulator.inject({ status: 529, match: { path: '/v1/messages' } });
    const client = new Anthropic({ baseURL: harness.relay.url, apiKey: clientKey, maxRetries: 0 });
    const { data: message, response } = await client.messages
      .create({
        model: 'coder',
        max_tokens: 1000,
        system: 'You are a coding agent.',
        messages: [
          { role: 'user', content: 'Read main.ts' },
          {
            role: 'assistant',
            content: [
              { type: 'thinking', thinking: 'I should read the file.', signature: 'sig-from-anthropic' },
              { type: 'tool_use', id: 'toolu_01', name: 'read_file', input: { path: 'main.ts' } },
            ],
          },
          {
            role: 'user',
            content: [{ type: 'tool_result', tool_use_id: 'toolu_01', content: 'console.log(1)' }],
          },
        ],
      })
      .withResponse();
    expect(message.content[0]).toMatchObject({ type: 'text' });
    expect(response.headers.get('x-relay-provider')).toBe('openai');
    expect(response.headers.get('x-relay-attempts')).toBe('2');

    const [anthropicCall, openAICall] = harness.emulator.calls;
    // the first try went to Anthropic with the signed thinking block intact
    expect(anthropicCall!.body).toMatchObject({
      messages: [
        {},
        {
          role: 'assistant',
          content: [
            { type: 'thinking', signature: 'sig-from-anthropic' },
            { type: 'tool_use', id: 'toolu_01' },
          ],
        },
        {},
      ],
    });
    // the failover carried the same conversation in OpenAI's shape, thinking left out
    expect(openAICall!.body).toMatchObject({
      messages: [
        { role: 'system', content: 'You are a coding agent.' },
        { role: 'user', content: 'Read main.ts' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            {
              id: 'toolu_01',
              type: 'function',
              function: { name: 'read_file', arguments: '{"path":"main.ts"}' },
            },
          ],
        },
        { role: 'tool', tool_call_id: 'toolu_01', content: 'console.log(1)' },
      ],
    });
    expect(JSON.stringify(openAICall!.body)).not.toContain('sig-from-anthropic');
  });
});
