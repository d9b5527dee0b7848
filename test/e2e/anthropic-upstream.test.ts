import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { APIError } from 'openai';
import { providerKey, useHarness } from '../helpers/relay-harness.js';

// OpenAI-dialect clients served by an Anthropic upstream replaying recorded Anthropic traffic.
const fixtures = new URL('../../resources/recordings/vercel-ai/anthropic/', import.meta.url);
const json = (name: string) => JSON.parse(readFileSync(new URL(name, fixtures), 'utf8'));
const events = (name: string) =>
  readFileSync(new URL(name, fixtures), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as { type: string; delta?: Record<string, string> });
const deltas = (name: string, type: string, field: string) =>
  events(name)
    .filter((event) => event.type === 'content_block_delta' && event.delta?.type === type)
    .map((event) => event.delta![field])
    .join('');

const harness = useHarness();

describe('OpenAI chat clients on an Anthropic upstream', () => {
  it('answers a non-streamed request with the recorded text, usage, finish reason and cost', async () => {
    const recorded = json('anthropic-text.json');
    const { data, response } = await harness.openai.chat.completions
      .create({
        model: 'anthropic/claude-sonnet-4-5',
        messages: [
          { role: 'system', content: 'Be kind.' },
          { role: 'user', content: 'How are you?' },
        ],
        max_tokens: 100,
      })
      .withResponse();
    expect(data.choices[0]!.message.content).toBe(recorded.content[0].text);
    expect(data.choices[0]!.finish_reason).toBe('stop');
    expect(data.usage).toMatchObject({ prompt_tokens: 12, completion_tokens: recorded.usage.output_tokens });
    expect(response.headers.get('x-relay-model')).toBe('claude-sonnet-4-5-20250929');
    expect(Number(response.headers.get('x-relay-cost-usd'))).toBeGreaterThan(0);

    // what went upstream: Anthropic's shape, key and version headers
    const call = harness.emulator.calls[0]!;
    expect(call.path).toBe('/v1/messages');
    expect(call.headers['x-api-key']).toBe(providerKey);
    expect(call.headers['anthropic-version']).toBe('2023-06-01');
    expect(call.headers.authorization).toBeUndefined();
    expect(call.body).toMatchObject({
      model: 'claude-sonnet-4-5',
      max_tokens: 100,
      system: [{ type: 'text', text: 'Be kind.' }],
      messages: [{ role: 'user', content: [{ type: 'text', text: 'How are you?' }] }],
    });
  });

  it('streams the recorded text and reports usage at the end', async () => {
    const stream = await harness.openai.chat.completions.create({
      model: 'anthropic/claude-sonnet-4-5',
      messages: [{ role: 'user', content: 'How are you?' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    let usage;
    let finish;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta?.content ?? '';
      finish = chunk.choices[0]?.finish_reason ?? finish;
      usage = chunk.usage ?? usage;
    }
    expect(text).toBe(deltas('anthropic-text.chunks.txt', 'text_delta', 'text'));
    expect(finish).toBe('stop');
    expect(usage).toMatchObject({ prompt_tokens: 12, completion_tokens: 30 });
  });

  it('streams a tool call with its arguments byte-identical, and `{}` for a tool without arguments', async () => {
    const tools = [{ type: 'function' as const, function: { name: 'json', parameters: { type: 'object' } } }];
    const final = await harness.openai.chat.completions
      .stream({
        model: 'anthropic/claude-haiku-4-5',
        messages: [{ role: 'user', content: 'Weather?' }],
        tools,
      })
      .finalChatCompletion();
    const call = final.choices[0]!.message.tool_calls![0]!;
    expect(final.choices[0]!.finish_reason).toBe('tool_calls');
    expect(call.type === 'function' && call.function.arguments).toBe(
      deltas('anthropic-json-tool.1.chunks.txt', 'input_json_delta', 'partial_json'),
    );
    expect(call.id).toMatch(/^toolu_/);

    const noArgs = await harness.openai.chat.completions
      .stream({
        model: 'anthropic/claude-sonnet-4-5',
        messages: [{ role: 'user', content: 'Update it.' }],
        tools,
      })
      .finalChatCompletion();
    const empty = noArgs.choices[0]!.message.tool_calls![0]!;
    expect(empty.type === 'function' && [empty.function.name, empty.function.arguments]).toEqual([
      'updateIssueList',
      '{}',
    ]);
    expect(noArgs.choices[0]!.message.content).toBe("I'll update the issue list for you.");
  });

  it('passes the thinking through as reasoning_content, and asks Anthropic for a thinking budget', async () => {
    const stream = await harness.openai.chat.completions.create({
      model: 'anthropic/claude-sonnet-4-5',
      messages: [{ role: 'user', content: 'Divide 925 by 5.' }],
      reasoning_effort: 'low',
      stream: true,
    });
    let reasoning = '';
    let text = '';
    for await (const chunk of stream) {
      const delta = chunk.choices[0]?.delta as { content?: string; reasoning_content?: string } | undefined;
      reasoning += delta?.reasoning_content ?? '';
      text += delta?.content ?? '';
    }
    expect(reasoning).toBe(deltas('anthropic-clear-thinking.1.chunks.txt', 'thinking_delta', 'thinking'));
    expect(text).toBe(deltas('anthropic-clear-thinking.1.chunks.txt', 'text_delta', 'text'));
    expect(harness.emulator.calls[0]!.body).toMatchObject({
      thinking: { type: 'enabled', budget_tokens: 2048 },
    });
  });

  it("maps Anthropic's 529 overloaded to a retryable 503 in the OpenAI shape", async () => {
    harness.emulator.inject({ status: 529, match: { path: '/v1/messages' } });
    const error = (await harness.openai.chat.completions
      .create({ model: 'anthropic/claude-sonnet-4-5', messages: [{ role: 'user', content: 'hi' }] })
      .catch((caught: unknown) => caught)) as APIError;
    expect(error.status).toBe(503);
    expect(error.message).toContain('anthropic: Overloaded');
    expect((error.error as { type?: string }).type).toBe('server_error');
  });

  it('refuses a temperature Anthropic cannot honour instead of clamping it', async () => {
    const error = (await harness.openai.chat.completions
      .create({
        model: 'anthropic/claude-sonnet-4-5',
        messages: [{ role: 'user', content: 'hi' }],
        temperature: 1.5,
      })
      .catch((caught: unknown) => caught)) as APIError;
    expect(error.status).toBe(400);
    expect(error.param).toBe('temperature');
    expect(harness.emulator.calls).toHaveLength(0);
  });
});
