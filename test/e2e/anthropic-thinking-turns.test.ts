import { readFileSync } from 'node:fs';
import Anthropic from '@anthropic-ai/sdk';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { EventStreamDecoder } from '../../relay-core/src/providers/bedrock/decode-event-stream.js';
import { clientKey, useHarness } from '../helpers/relay-harness.js';

// Thinking survives every turn of an Anthropic client's conversation: Anthropic's own signed
// blocks come back to Anthropic unchanged; a block whose signature another provider issued (Claude
// on Bedrock) goes back to that provider and never to Anthropic, which refuses a signature it did
// not issue, nor does leaving it out make Anthropic refuse a tool loop for a missing thinking block.
const harness = useHarness({
  extraProviders: (url) => `  - id: bedrock\n    base_url: ${url}\n`,
  extraConfig: 'routes:\n  - name: agent-route\n    targets: [anthropic/claude-sonnet-4-5]\n',
});
let client: Anthropic;
beforeAll(() => {
  client = new Anthropic({ baseURL: harness.relay.url, apiKey: clientKey, maxRetries: 0 });
});

const fixtures = new URL('../../resources/recordings/', import.meta.url);
const anthropicSignature = readFileSync(
  new URL('vercel-ai/anthropic/anthropic-clear-thinking.1.chunks.txt', fixtures),
  'utf8',
)
  .split('\n')
  .filter((line) => line.includes('signature_delta'))
  .map((line) => (JSON.parse(line) as { delta: { signature: string } }).delta.signature)
  .join('');
const bedrockSignature = (() => {
  const cassette = parse(
    readFileSync(
      new URL('pydantic-ai-cassettes/test_bedrock/test_bedrock_model_thinking_part_stream.yaml', fixtures),
      'utf8',
    ),
    { customTags: ['binary'] },
  ) as { interactions: Array<{ response: { body: { string: Uint8Array } } }> };
  return new EventStreamDecoder('test')
    .push(cassette.interactions[0]!.response.body.string)
    .map(
      (message) =>
        JSON.parse(message.payload.toString()) as { delta?: { reasoningContent?: { signature?: string } } },
    )
    .map((event) => event.delta?.reasoningContent?.signature ?? '')
    .join('');
})();
const bedrockClaude = 'bedrock/us.anthropic.claude-sonnet-4-20250514-v1:0';
const thinking = { type: 'enabled' as const, budget_tokens: 2048 };
const question = { role: 'user' as const, content: 'Divide 925 by 5.' };

/** What Claude Code sends back of an answer: its thinking only when the answer's model is the one it asks for. */
function history(answer: Anthropic.Message, asked: string): Anthropic.ContentBlockParam[] {
  return answer.content.filter(
    (block) => answer.model === asked || (block.type !== 'thinking' && block.type !== 'redacted_thinking'),
  ) as Anthropic.ContentBlockParam[];
}

type SentMessage = { role: string; content: Array<Record<string, any>> }; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('thinking across the turns of an Anthropic conversation', () => {
  it('a two-turn conversation through a route keeps the signed thinking block for Anthropic', async () => {
    const first = await client.messages
      .stream({ model: 'agent-route', max_tokens: 4000, thinking, messages: [question] })
      .finalMessage();
    expect(first.content[0]).toMatchObject({ type: 'thinking', signature: anthropicSignature });
    await client.messages.create({
      model: 'agent-route',
      max_tokens: 4000,
      thinking,
      messages: [
        question,
        { role: 'assistant', content: history(first, 'agent-route') },
        { role: 'user', content: 'And by 7?' },
      ],
    });
    const sent = harness.emulator.calls[1]!.body as { messages: SentMessage[] };
    expect(sent.messages[1]!.content[0]).toEqual({
      type: 'thinking',
      thinking: (first.content[0] as Anthropic.ThinkingBlock).thinking,
      signature: anthropicSignature,
    });
  });

  it("Bedrock's signed thinking goes back to Bedrock as it was, and never to Anthropic", async () => {
    const first = await client.messages
      .stream({ model: bedrockClaude, max_tokens: 4000, thinking, messages: [question] })
      .finalMessage();
    const block = first.content.find((b) => b.type === 'thinking') as Anthropic.ThinkingBlock;
    expect(block.signature).not.toBe(bedrockSignature);
    expect(block.signature).toContain(bedrockSignature);
    // streamed: the Bedrock recording is a stream
    const next = (model: string) =>
      client.messages
        .stream({
          model,
          max_tokens: 4000,
          thinking,
          messages: [
            question,
            { role: 'assistant', content: history(first, model) },
            { role: 'user', content: 'And by 7?' },
          ],
        })
        .finalMessage();

    await next(bedrockClaude);
    const toBedrock = harness.emulator.calls[1]!.body as { messages: SentMessage[] };
    expect(toBedrock.messages[1]!.content[0]).toEqual({
      reasoningContent: { reasoningText: { text: block.thinking, signature: bedrockSignature } },
    });

    await next('anthropic/claude-sonnet-4-5');
    const toAnthropic = harness.emulator.calls[2]!.body as { thinking: unknown; messages: SentMessage[] };
    expect(toAnthropic.messages[1]!.content.map((b) => b.type)).toEqual(['text']);
    expect(toAnthropic.thinking).toEqual(thinking);
  });

  it('a tool loop whose thinking Anthropic cannot verify goes with thinking off, not refused', async () => {
    const tool = { name: 'divide', input_schema: { type: 'object' as const, properties: {} } };
    await client.messages.create({
      model: 'anthropic/claude-sonnet-4-5',
      max_tokens: 4000,
      thinking,
      tools: [tool],
      messages: [
        question,
        {
          role: 'assistant',
          content: [
            { type: 'thinking', thinking: 'Use the tool.', signature: '' },
            { type: 'tool_use', id: 'toolu_1', name: 'divide', input: {} },
          ],
        },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: '185' }] },
      ],
    });
    const sent = harness.emulator.calls[0]!.body as { thinking?: unknown; messages: SentMessage[] };
    expect(sent).not.toHaveProperty('thinking');
    expect(sent.messages[1]!.content.map((b) => b.type)).toEqual(['tool_use']);
  });
});
