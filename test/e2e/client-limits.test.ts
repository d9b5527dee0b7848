import Anthropic from '@anthropic-ai/sdk';
import type { APIError } from 'openai';
import { describe, expect, it } from 'vitest';
import { clientKey, useHarness } from '../helpers/relay-harness.js';

// SWITCHBOARD_API_KEY's client is named `env`.
const harness = useHarness({
  extraConfig: `clients:
  - name: env
    requests_per_minute: 3
    models: ['openai/*', 'anthropic/*']
`,
});

describe('per-client limits', () => {
  it('refuses a model outside the allowlist with a 403 naming it', async () => {
    const error = (await harness.openai.chat.completions
      .create({ model: 'gemini/gemini-3-pro-preview', messages: [{ role: 'user', content: 'hi' }] })
      .catch((caught: unknown) => caught)) as APIError;
    expect(error.status).toBe(403);
    expect(error.message).toContain("client 'env' may not use 'gemini/gemini-3-pro-preview'");
    expect(harness.emulator.calls).toHaveLength(0);
  });

  it("answers 429 past the requests-per-minute limit, in the client's own dialect", async () => {
    const ask = () =>
      harness.openai.chat.completions.create({
        model: 'openai/gpt-4.1-nano',
        messages: [{ role: 'user', content: 'hi' }],
      });
    // the refused request above counted against nothing; these three fill the minute
    await ask();
    await ask();
    await ask();
    const error = (await ask().catch((caught: unknown) => caught)) as APIError;
    expect(error.status).toBe(429);
    expect(error.message).toContain('over its limit of 3 requests per minute');
    expect(Number(error.headers?.get('retry-after'))).toBeGreaterThan(0);
    const anthropic = new Anthropic({ baseURL: harness.relay.url, apiKey: clientKey, maxRetries: 0 });
    const refused = await anthropic.messages
      .create({
        model: 'anthropic/claude-sonnet-4-5',
        max_tokens: 10,
        messages: [{ role: 'user', content: 'hi' }],
      })
      .catch((caught: unknown) => caught);
    expect(refused).toBeInstanceOf(Anthropic.RateLimitError);
    expect(harness.emulator.calls).toHaveLength(3);
  });
});
