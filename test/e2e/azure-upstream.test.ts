import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { providerKey, useHarness } from '../helpers/relay-harness.js';

// Azure OpenAI: deployment URLs, api-version, the api-key header, and a stream that opens with
// an empty prompt-filter chunk (recorded from Azure's model router).
const recorded = readFileSync(
  new URL('../../resources/recordings/vercel-ai/azure/azure-model-router.1.chunks.txt', import.meta.url),
  'utf8',
)
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as { model: string; choices: Array<{ delta?: { content?: string } }> });

const harness = useHarness({
  extraProviders: (url) =>
    `  - id: azure\n    base_url: ${url}/openai\n    api_version: 2025-04-01-preview\n`,
});

describe('OpenAI chat clients on Azure OpenAI', () => {
  it('calls the deployment URL with api-version and api-key, and streams the recorded answer', async () => {
    const { data: stream, response } = await harness.openai.chat.completions
      .create({
        model: 'azure/model-router',
        messages: [{ role: 'user', content: 'hi' }],
        stream: true,
      })
      .withResponse();
    let text = '';
    const models = new Set<string>();
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta?.content ?? '';
      models.add(chunk.model);
    }
    expect(text).toBe(recorded.map((chunk) => chunk.choices[0]?.delta?.content ?? '').join(''));
    // every chunk names the model the client asked for, the empty prompt-filter chunk too; the
    // header names the model that answered (not the filter chunk's empty name)
    expect([...models]).toEqual(['azure/model-router']);
    expect(response.headers.get('x-relay-model')).toBe(recorded.find((chunk) => chunk.model)!.model);
    const call = harness.emulator.calls[0]!;
    expect(call.path).toBe('/openai/deployments/model-router/chat/completions');
    expect(call.query).toBe('?api-version=2025-04-01-preview');
    expect(call.headers['api-key']).toBe(providerKey);
    expect(call.headers.authorization).toBeUndefined();
  });
});
