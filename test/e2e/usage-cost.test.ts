import { beforeAll, describe, expect, it } from 'vitest';
import { noCapabilities } from '../../relay-core/src/catalog/catalog-types.js';
import type { CatalogEntry } from '../../relay-core/src/catalog/catalog-types.js';
import { adminCall } from '../helpers/admin-call.js';
import { clientKey, providerKey, useHarness } from '../helpers/relay-harness.js';

// What recorded answers cost (issue 28), a worked example per provider: cache writes at the
// cache-write price, reasoning at the reasoning price, every token once. The prices are the user's
// (config `prices:`, USD per 1M tokens) so the figures do not move with the catalog; each expected
// cost is worked out by hand from the recording's usage in the comment above it.
const harness = useHarness({
  extraProviders: (url) =>
    `  - id: bedrock\n    base_url: ${url}\n  - id: cerebras\n    preset: vllm\n    base_url: ${url}/v1\n`,
  extraConfig: `prices:
  - { model: openai/gpt-5.6-sol, input: 2, output: 10, cache_read: 0.2, cache_write: 2.5 }
  - { model: anthropic/claude-sonnet-4-5, input: 3, output: 15, cache_read: 0.3, cache_write: 3.75 }
  - { model: anthropic/claude-sonnet-4-6, input: 3, output: 15, cache_read: 0.3, cache_write: 3.75 }
  - { model: gemini/gemini-2.5-flash, input: 0.3, output: 2.5, cache_read: 0.03, reasoning: 3.5 }
  - { model: cerebras/gpt-oss-120b, input: 0.35, output: 0.75, reasoning: 1 }
  - { model: 'bedrock/us.anthropic.claude-sonnet-4-5-20250929-v1:0', input: 3, output: 15, cache_read: 0.3, cache_write: 3.75 }
`,
});
beforeAll(async () => {
  await adminCall(harness.relay, '/admin/keys/set', { provider: 'cerebras', key: providerKey });
});

/** A whole Chat Completions request answered by a recording; its cost header and history row. */
async function cost(scenario: string, model: string, stream = false) {
  harness.emulator.inject({ scenario });
  const response = await fetch(`${harness.relay.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${clientKey}` },
    body: JSON.stringify({ model, messages: [{ role: 'user', content: 'hi' }], stream }),
  });
  expect(response.status).toBe(200);
  await response.text();
  const row = await harness.waitForRequest(response.headers.get('x-relay-request-id'));
  return { header: response.headers.get('x-relay-cost-usd'), row };
}

/** What-if re-pricing of one history row at `prices` (USD per token). */
async function reprice(row: Record<string, unknown>, prices: Partial<CatalogEntry>): Promise<number> {
  const at = row.created_at as number;
  const target: CatalogEntry = {
    provider: 'what-if',
    model: 'm',
    mode: 'chat',
    capabilities: noCapabilities,
    source: 'test',
    priceDate: '2026-01-01',
    ...prices,
  };
  const days = await harness.relay.history.reprice({ from: at, to: at + 1 }, target);
  return days.reduce((sum, day) => sum + day.whatIfCostUsd, 0);
}

describe('cost of recorded answers, worked by hand', () => {
  it('OpenAI Chat: the prompt tokens written to the cache at the cache-write price', async () => {
    // 4,020 prompt tokens, 4,012 of them written to the cache, none read; 4 completion tokens:
    // 8 × $2/M + 4,012 × $2.5/M + 4 × $10/M = 0.000016 + 0.01003 + 0.00004 = 0.010086
    // (read as plain input, as before, it was 4,020 × $2/M + 4 × $10/M = 0.00808)
    const { header, row } = await cost('openai-chat-cache-write', 'openai/gpt-5.6-sol');
    expect(header).toBe('0.010086');
    expect(row).toMatchObject({ cost_usd: 0.010086, cache_write_tokens: 4012, cache_read_tokens: 0 });
    // re-priced at $3 / $3.75 written / $15: 8 × 3 + 4,012 × 3.75 + 4 × 15 = 15,129 µ$ (12,120 µ$
    // with the writes stored as 0)
    expect(
      await reprice(row, { input: 3e-6, cacheWrite: 3.75e-6, cacheRead: 3e-7, output: 1.5e-5 }),
    ).toBeCloseTo(0.015129, 10);
  });

  it('OpenAI Responses: the same cache writes, reported by the Responses API', async () => {
    // 4,020 input, 4,012 written; 5 output: 8 × 2 + 4,012 × 2.5 + 5 × 10 = 10,096 µ$
    const { header, row } = await cost('responses-cache-write', 'openai/o1-pro');
    expect(header).toBe('0.010096');
    expect(row).toMatchObject({ cache_write_tokens: 4012 });
  });

  it('Anthropic: writes at the write price, reads at the read price, whole and streamed', async () => {
    // 3 uncached + 418 written + 1,111 read; 33 output:
    // 3 × 3 + 418 × 3.75 + 1,111 × 0.3 + 33 × 15 = 9 + 1,567.5 + 333.3 + 495 = 2,404.8 µ$
    const whole = await cost('anthropic-cache-write-read', 'anthropic/claude-sonnet-4-5');
    expect(whole.header).toBe('0.0024048');
    // 13 uncached + 3,913 written (kept 1 h; priced as writes until the catalog has a 1 h price); 4
    // output: 13 × 3 + 3,913 × 3.75 + 4 × 15 = 39 + 14,673.75 + 60 = 14,772.75 µ$
    const streamed = await cost('anthropic-cache-write-1h', 'anthropic/claude-sonnet-4-6', true);
    expect(streamed.row).toMatchObject({
      cost_usd: 0.01477275,
      cache_write_tokens: 3913,
      cache_write_1h_tokens: 3913,
    });
  });

  it('Gemini: cached content at the cache price, thoughts at the reasoning price', async () => {
    // 12,013 prompt, 11,243 of them cached; 15 candidates and 73 thoughts:
    // 770 × 0.3 + 11,243 × 0.03 + 15 × 2.5 + 73 × 3.5 = 231 + 337.29 + 37.5 + 255.5 = 861.29 µ$
    const { header, row } = await cost('gemini-implicit-cache-thoughts', 'gemini/gemini-2.5-flash');
    expect(header).toBe('0.00086129');
    // re-priced with reasoning at $8/M apart from output at $4/M:
    // 770 × 1 + 11,243 × 0.1 + 15 × 4 + 73 × 8 = 770 + 1,124.3 + 60 + 584 = 2,538.3 µ$
    expect(await reprice(row, { input: 1e-6, cacheRead: 1e-7, output: 4e-6, reasoning: 8e-6 })).toBeCloseTo(
      0.0025383,
      10,
    );
  });

  it('an OpenAI-compatible reasoning provider (Cerebras): reasoning at its own price', async () => {
    // 79 prompt; 37 completion of which 25 reasoning: 79 × 0.35 + 12 × 0.75 + 25 × 1 = 61.65 µ$
    const { header, row } = await cost('cerebras-reasoning', 'cerebras/gpt-oss-120b');
    expect(header).toBe('0.00006165');
    expect(row).toMatchObject({ reasoning_tokens: 25, cache_write_tokens: null });
  });

  it('Bedrock: cache reads and writes counted apart from the input, as Anthropic counts them', async () => {
    // 3 uncached + 236 written + 1,712 read; 121 output:
    // 3 × 3 + 236 × 3.75 + 1,712 × 0.3 + 121 × 15 = 9 + 885 + 513.6 + 1,815 = 3,222.6 µ$
    const { header, row } = await cost(
      'bedrock-cache-read-write',
      'bedrock/us.anthropic.claude-sonnet-4-5-20250929-v1:0',
    );
    expect(header).toBe('0.0032226');
    expect(row).toMatchObject({ cache_write_tokens: 236, cache_read_tokens: 1712, cache_write_1h_tokens: 0 });
  });

  it('a stream cut short: the prompt counts the upstream reported at the start, the output counted', async () => {
    // message_start reported 13 uncached and 3,913 written; the stream is cut after the first text
    harness.emulator.inject({ scenario: 'anthropic-cache-write-1h', dropAfterChunks: 4 });
    const response = await fetch(`${harness.relay.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${clientKey}` },
      body: JSON.stringify({
        model: 'anthropic/claude-sonnet-4-6',
        messages: [{ role: 'user', content: 'hi' }],
        stream: true,
      }),
    });
    await response.text().catch(() => '');
    const row = await harness.waitForRequest(response.headers.get('x-relay-request-id'));
    expect(row).toMatchObject({
      status: 'error',
      usage_estimated: 1,
      input_tokens: 3926,
      cache_write_tokens: 3913,
      cache_write_1h_tokens: 3913,
    });
    // 13 × $3/M + 3,913 × $3.75/M + the counted output × $15/M
    const output = row.output_tokens as number;
    expect(output).toBeGreaterThan(0);
    expect(row.cost_usd).toBeCloseTo((13 * 3 + 3913 * 3.75 + output * 15) / 1e6, 10);
  });
});
