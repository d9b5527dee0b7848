import { readFileSync } from 'node:fs';
import type { APIError } from 'openai';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { EventStreamDecoder } from '../../relay-core/src/providers/bedrock/decode-event-stream.js';
import { useHarness } from '../helpers/relay-harness.js';

// OpenAI-dialect clients served by Bedrock Converse replaying recorded binary event streams.
function recordedDeltas(file: string): Array<{ text?: string; reasoning?: string }> {
  const cassette = parse(
    readFileSync(
      new URL(`../../resources/recordings/pydantic-ai-cassettes/test_bedrock/${file}`, import.meta.url),
      'utf8',
    ),
    {
      customTags: ['binary'],
    },
  ) as { interactions: Array<{ response: { body: { string: Uint8Array } } }> };
  return new EventStreamDecoder('test')
    .push(cassette.interactions[0]!.response.body.string)
    .filter((m) => m.headers[':event-type'] === 'contentBlockDelta')
    .map((m) => {
      const delta = (
        JSON.parse(m.payload.toString()) as { delta: { text?: string; reasoningContent?: { text?: string } } }
      ).delta;
      return { text: delta.text, reasoning: delta.reasoningContent?.text };
    });
}

const harness = useHarness({ extraProviders: (url) => `  - id: bedrock\n    base_url: ${url}\n` });

describe('OpenAI chat clients on AWS Bedrock (Converse)', () => {
  it('signs with SigV4 and streams the recorded Nova answer out of the binary framing', async () => {
    const stream = await harness.openai.chat.completions.create({
      model: 'bedrock/us.amazon.nova-micro-v1:0',
      messages: [
        { role: 'system', content: 'You are a helpful chatbot.' },
        { role: 'user', content: 'What is the capital of France?' },
      ],
      temperature: 0,
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    let usage;
    let finish;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta?.content ?? '';
      usage = chunk.usage ?? usage;
      finish = chunk.choices[0]?.finish_reason ?? finish;
    }
    expect(text).toBe(
      recordedDeltas('test_bedrock_model_stream.yaml')
        .map((d) => d.text ?? '')
        .join(''),
    );
    expect(usage).toMatchObject({ prompt_tokens: 13, completion_tokens: 82 });
    expect(finish).toBe('stop');

    const call = harness.emulator.calls[0]!;
    expect(call.path).toBe('/model/us.amazon.nova-micro-v1%3A0/converse-stream');
    expect(call.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIAHARNESSKEY000001\/\d{8}\/us-east-1\/bedrock\/aws4_request, SignedHeaders=accept;content-type;host;x-amz-content-sha256;x-amz-date, Signature=[0-9a-f]{64}$/,
    );
    expect(call.body).toMatchObject({
      system: [{ text: 'You are a helpful chatbot.' }],
      messages: [{ role: 'user', content: [{ text: 'What is the capital of France?' }] }],
      inferenceConfig: { temperature: 0 },
    });
  });

  it('passes Claude-on-Bedrock reasoning through as reasoning_content', async () => {
    const stream = await harness.openai.chat.completions.create({
      model: 'bedrock/us.anthropic.claude-sonnet-4-20250514-v1:0',
      messages: [{ role: 'user', content: 'Hello' }],
      reasoning_effort: 'minimal',
      stream: true,
    });
    let reasoning = '';
    let text = '';
    for await (const chunk of stream) {
      reasoning += (chunk.choices[0]?.delta as { reasoning_content?: string }).reasoning_content ?? '';
      text += chunk.choices[0]?.delta?.content ?? '';
    }
    const recorded = recordedDeltas('test_bedrock_model_thinking_part_stream.yaml');
    expect(reasoning).toBe(recorded.map((d) => d.reasoning ?? '').join(''));
    expect(text).toBe(recorded.map((d) => d.text ?? '').join(''));
    expect(harness.emulator.calls[0]!.body).toMatchObject({
      additionalModelRequestFields: { thinking: { type: 'enabled', budget_tokens: 1024 } },
    });
  });

  it("passes Bedrock's validation error through as a 400 with its message", async () => {
    const error = (await harness.openai.chat.completions
      .create({
        model: 'bedrock/us.does-not-exist-model-v1:0',
        messages: [{ role: 'user', content: 'hello' }],
      })
      .catch((caught: unknown) => caught)) as APIError;
    expect(error.status).toBe(400);
    expect(error.message).toContain('bedrock: The provided model identifier is invalid.');
  });
});
