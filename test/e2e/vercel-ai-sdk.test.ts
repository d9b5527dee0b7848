import { createAnthropic } from '@ai-sdk/anthropic';
import { createGoogleGenerativeAI } from '@ai-sdk/google';
import { createOpenAI } from '@ai-sdk/openai';
import { generateText, streamText } from 'ai';
import type { LanguageModel } from 'ai';
import { describe, expect, it } from 'vitest';
import { scenarios } from '../../relay-core/src/emulator/scenarios.js';
import { clientKey, useHarness } from '../helpers/relay-harness.js';

// The Vercel AI SDK's providers, as an app built on it points them at the relay: each speaks its
// provider's own dialect (OpenAI Chat and Responses, Anthropic Messages, the Gemini API) with
// Switchboard's `provider/model` names.
const harness = useHarness();

const clients = {
  'openai chat': (model: string) =>
    createOpenAI({ baseURL: `${harness.relay.url}/v1`, apiKey: clientKey }).chat(model),
  'openai responses': (model: string) =>
    createOpenAI({ baseURL: `${harness.relay.url}/v1`, apiKey: clientKey }).responses(model),
  anthropic: (model: string) =>
    createAnthropic({ baseURL: `${harness.relay.url}/v1`, apiKey: clientKey })(model),
  // a name with a slash goes out as `/v1beta/{provider}/{model}:generateContent`, without `models/`
  google: (model: string) =>
    createGoogleGenerativeAI({ baseURL: `${harness.relay.url}/v1beta`, apiKey: clientKey })(model),
} satisfies Record<string, (model: string) => LanguageModel>;

const upstreams = [
  { model: 'openai/gpt-4o-mini', scenario: 'openai-text' },
  { model: 'anthropic/claude-haiku-4-5', scenario: 'anthropic-text' },
  { model: 'gemini/gemini-3-pro-preview', scenario: 'gemini-text' },
  // a model the catalog lists as served only by the Responses API
  { model: 'openai/o1-pro', scenario: 'responses-tool-result-answer' },
];

const cases = Object.keys(clients).flatMap((client) =>
  upstreams.map((upstream) => ({ client: client as keyof typeof clients, ...upstream })),
);

/** The recording's text as the OpenAI SDK reads it through the relay: what every client should show. */
async function referenceText(model: string, stream = true): Promise<string> {
  const request = { model, messages: [{ role: 'user' as const, content: 'hi' }] };
  if (!stream)
    return (await harness.openai.chat.completions.create(request)).choices[0]!.message.content ?? '';
  let text = '';
  for await (const chunk of await harness.openai.chat.completions.create({ ...request, stream: true }))
    text += chunk.choices[0]?.delta?.content ?? '';
  return text;
}

describe('Vercel AI SDK providers through the relay', () => {
  it.each(cases)('$client to $model: streamed text with its usage', async ({ client, model, scenario }) => {
    harness.emulator.inject({ scenario, times: 2 });
    const reference = await referenceText(model);
    const result = streamText({ model: clients[client](model), prompt: 'hi', maxRetries: 0 });
    let text = '';
    for await (const delta of result.textStream) text += delta;
    expect(reference.length).toBeGreaterThan(0);
    expect(text).toBe(reference);
    expect(await result.finishReason).toBe('stop');
    expect((await result.usage).inputTokens).toBeGreaterThan(0);
  });

  // where the upstream's whole answer was recorded
  const answersWhole = ({ scenario }: { scenario: string }) =>
    scenarios.find((entry) => entry.name === scenario)?.json !== undefined;

  it.each(cases.filter(answersWhole))(
    '$client to $model: a whole answer',
    async ({ client, model, scenario }) => {
      harness.emulator.inject({ scenario, times: 2 });
      const reference = await referenceText(model, false);
      const result = await generateText({ model: clients[client](model), prompt: 'hi', maxRetries: 0 });
      expect(result.text).toBe(reference);
      expect(result.finishReason).toBe('stop');
      expect(result.usage.outputTokens).toBeGreaterThan(0);
    },
  );
});
