import { readFileSync } from 'node:fs';
import type { APIError } from 'openai';
import { describe, expect, it } from 'vitest';
import { providerKey, useHarness } from '../helpers/relay-harness.js';

// OpenAI-dialect clients served by a Gemini upstream replaying recorded Gemini traffic.
const fixtures = new URL('../../resources/recordings/', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, fixtures), 'utf8');
type GeminiChunk = {
  candidates?: Array<{
    content?: {
      parts?: Array<{ text?: string; thought?: boolean; functionCall?: { name: string; args: unknown } }>;
    };
  }>;
  usageMetadata?: { promptTokenCount: number; candidatesTokenCount: number; thoughtsTokenCount?: number };
};
const chunks = (path: string): GeminiChunk[] =>
  read(path)
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line.replace(/^data: /, '')) as GeminiChunk);
const parts = (list: GeminiChunk[]) => list.flatMap((chunk) => chunk.candidates?.[0]?.content?.parts ?? []);

const harness = useHarness();

describe('OpenAI chat clients on a Gemini upstream', () => {
  it('answers a non-streamed request with the recorded text and Gemini usage (thoughts counted as reasoning output)', async () => {
    const recorded = JSON.parse(read('vercel-ai/google/google-text.json'));
    const { data, response } = await harness.openai.chat.completions
      .create({
        model: 'gemini/gemini-3-pro-preview',
        messages: [
          { role: 'system', content: 'Count carefully.' },
          { role: 'user', content: 'How many r in strawberry?' },
        ],
      })
      .withResponse();
    expect(data.choices[0]!.message.content).toBe(recorded.candidates[0].content.parts[0].text);
    expect(data.choices[0]!.finish_reason).toBe('stop');
    const usage = recorded.usageMetadata;
    expect(data.usage).toMatchObject({
      prompt_tokens: usage.promptTokenCount,
      completion_tokens: usage.candidatesTokenCount + usage.thoughtsTokenCount,
      completion_tokens_details: { reasoning_tokens: usage.thoughtsTokenCount },
    });
    expect(response.headers.get('x-relay-model')).toBe('gemini-3-pro-preview');

    const call = harness.emulator.calls[0]!;
    expect(call.path).toBe('/v1beta/models/gemini-3-pro-preview:generateContent');
    expect(call.headers['x-goog-api-key']).toBe(providerKey);
    expect(call.body).toMatchObject({
      systemInstruction: { parts: [{ text: 'Count carefully.' }] },
      contents: [{ role: 'user', parts: [{ text: 'How many r in strawberry?' }] }],
    });
  });

  it('streams the recorded text, with the final running usage', async () => {
    const recorded = chunks('vercel-ai/google/google-text.chunks.txt');
    const stream = await harness.openai.chat.completions.create({
      model: 'gemini/gemini-3-pro-preview',
      messages: [{ role: 'user', content: 'How many r in strawberry?' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    let usage;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta?.content ?? '';
      usage = chunk.usage ?? usage;
    }
    expect(text).toBe(
      parts(recorded)
        .map((part) => part.text ?? '')
        .join(''),
    );
    const last = recorded.at(-1)!.usageMetadata!;
    expect(usage).toMatchObject({ prompt_tokens: last.promptTokenCount });
    expect(harness.emulator.calls[0]!.path).toBe('/v1beta/models/gemini-3-pro-preview:streamGenerateContent');
  });

  it('turns a whole Gemini function call into an OpenAI tool call with finish_reason tool_calls', async () => {
    const recorded = parts(chunks('vercel-ai/google/google-tool-call.chunks.txt')).find(
      (part) => part.functionCall,
    )!;
    const final = await harness.openai.chat.completions
      .stream({
        model: 'gemini/gemini-3-pro-preview',
        messages: [{ role: 'user', content: 'Weather in San Francisco?' }],
        tools: [
          {
            type: 'function',
            function: {
              name: 'weather',
              parameters: { type: 'object', properties: { location: { type: 'string' } } },
            },
          },
        ],
      })
      .finalChatCompletion();
    const call = final.choices[0]!.message.tool_calls![0]!;
    expect(final.choices[0]!.finish_reason).toBe('tool_calls');
    expect(call.type === 'function' && call.function.name).toBe(recorded.functionCall!.name);
    expect(call.type === 'function' && JSON.parse(call.function.arguments)).toEqual(
      recorded.functionCall!.args,
    );
    expect(harness.emulator.calls[0]!.body).toMatchObject({
      tools: [{ functionDeclarations: [{ name: 'weather' }] }],
    });
  });

  it("keeps Gemini's thought signature across turns through the OpenAI dialect, inside the tool-call id", async () => {
    // a non-streamed first turn: the signature is the one in the recorded JSON answer
    const recorded = (
      JSON.parse(read('vercel-ai/google/google-tool-call.json')) as GeminiChunk
    ).candidates![0]!.content!.parts!.find((part) => part.functionCall) as {
      functionCall: { name: string; args: unknown };
      thoughtSignature: string;
    };
    const tools = [
      {
        type: 'function' as const,
        function: {
          name: 'weather',
          parameters: { type: 'object', properties: { location: { type: 'string' } } },
        },
      },
    ];
    const first = await harness.openai.chat.completions.create({
      model: 'gemini/gemini-3-pro-preview',
      messages: [{ role: 'user', content: 'Weather in San Francisco?' }],
      tools,
    });
    const call = first.choices[0]!.message.tool_calls![0]!;
    expect(call.type === 'function' && call.function.name).toBe('weather');
    await harness.openai.chat.completions.create({
      model: 'gemini/gemini-3-pro-preview',
      messages: [
        { role: 'user', content: 'Weather in San Francisco?' },
        first.choices[0]!.message,
        { role: 'tool', tool_call_id: call.id, content: '{"temp":18}' },
      ],
    });
    // the upstream got its signature back on the function call, and the result named after it
    expect(harness.emulator.calls[1]!.body).toMatchObject({
      contents: [
        { role: 'user' },
        {
          role: 'model',
          parts: [{ functionCall: { name: 'weather' }, thoughtSignature: recorded.thoughtSignature }],
        },
        { role: 'user', parts: [{ functionResponse: { name: 'weather', response: { temp: 18 } } }] },
      ],
    });
  });

  it('passes thought summaries through as reasoning_content', async () => {
    const recorded = parts(
      chunks(
        'firebase-vertexai-sdk-test-data/googleai/streaming-success-thinking-function-call-thought-summary-signature.txt',
      ),
    );
    const stream = await harness.openai.chat.completions.create({
      model: 'gemini/gemini-2.5-flash',
      messages: [{ role: 'user', content: 'Days until New Year?' }],
      stream: true,
    });
    let reasoning = '';
    for await (const chunk of stream)
      reasoning += (chunk.choices[0]?.delta as { reasoning_content?: string }).reasoning_content ?? '';
    expect(reasoning).toBe(
      recorded
        .filter((part) => part.thought)
        .map((part) => part.text)
        .join(''),
    );
    expect(reasoning.length).toBeGreaterThan(50);
  });

  it('reports a prompt blocked for safety as content_filter', async () => {
    harness.emulator.inject({ scenario: 'gemini-prompt-blocked' });
    const stream = await harness.openai.chat.completions.create({
      model: 'gemini/gemini-2.0-flash',
      messages: [{ role: 'user', content: 'something unsafe' }],
      stream: true,
    });
    let finish;
    for await (const chunk of stream) finish = chunk.choices[0]?.finish_reason ?? finish;
    expect(finish).toBe('content_filter');
  });

  it("maps Gemini's RESOURCE_EXHAUSTED with RetryInfo to a 429 with retry-after", async () => {
    harness.emulator.inject({ scenario: 'gemini-rate-limited' });
    const error = (await harness.openai.chat.completions
      .create({ model: 'gemini/gemini-2.0-flash', messages: [{ role: 'user', content: 'hi' }] })
      .catch((caught: unknown) => caught)) as APIError;
    expect(error.status).toBe(429);
    expect(error.message).toContain('You exceeded your current quota');
    expect(error.headers?.get('retry-after')).toBe('35');
  });

  it("reports an invalid Gemini key as the relay's configuration problem, not the client's", async () => {
    harness.emulator.inject({ scenario: 'gemini-api-key-invalid' });
    const error = (await harness.openai.chat.completions
      .create({ model: 'gemini/gemini-2.0-flash', messages: [{ role: 'user', content: 'hi' }] })
      .catch((caught: unknown) => caught)) as APIError;
    expect(error.status).toBe(502);
    expect(error.message).toMatch(/gemini: API key not valid/);
  });
});
