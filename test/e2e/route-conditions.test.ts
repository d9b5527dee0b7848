import { describe, expect, it } from 'vitest';
import { useHarness } from '../helpers/relay-harness.js';

// Routes that share a name and pick by the request (size, keywords), and the cheapest strategy.
const harness = useHarness({
  extraConfig: `routes:
  - name: auto
    when: { max_input_tokens: 50, tools: false }
    targets: [backup/gpt-4.1-nano]
  - name: auto
    when: { keywords: [urgent] }
    targets: [anthropic/claude-sonnet-4-5]
  - name: auto
    targets: [openai/gpt-4.1-nano]
  - name: cheap
    strategy: cheapest
    targets: [anthropic/claude-sonnet-4-5, openai/gpt-4.1-nano]
  - name: split
    strategy: weighted
    targets: [openai/gpt-4.1-nano, backup/gpt-4.1-nano]
    weights: [0, 1]
`,
});

const providerFor = async (model: string, content: string) =>
  (
    await harness.openai.chat.completions
      .create({ model, messages: [{ role: 'user', content }] })
      .withResponse()
  ).response.headers.get('x-relay-provider');

describe('route conditions and strategies', () => {
  it('sends a short prompt to the small-model route and a long one to the default', async () => {
    expect(await providerFor('auto', 'Invent a holiday.')).toBe('backup');
    expect(await providerFor('auto', `Invent a holiday. ${'Be detailed. '.repeat(40)}`)).toBe('openai');
  });

  it('matches keywords in the last user message', async () => {
    expect(await providerFor('auto', `This is urgent: ${'please help. '.repeat(40)}`)).toBe('anthropic');
  });

  it('orders a cheapest route by the catalog price for this request', async () => {
    expect(await providerFor('cheap', 'Invent a holiday.')).toBe('openai');
  });

  it('sends a weighted route where its weights say, keeping the rest for failover', async () => {
    expect(await providerFor('split', 'hi')).toBe('backup');
    harness.backup.inject({ status: 503 });
    expect(await providerFor('split', 'hi')).toBe('openai');
  });
});
