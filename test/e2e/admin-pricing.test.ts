import { describe, expect, it } from 'vitest';
import { useHarness } from '../helpers/relay-harness.js';

// Prices the user sets, the model browser's catalog API, and what-if re-pricing of the history.
const harness = useHarness({
  extraConfig: 'prices:\n  - model: openai/gpt-4.1-nano\n    input: 1\n    output: 2\n',
});

function admin(path: string, init: RequestInit = {}) {
  return fetch(`${harness.relay.url}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${harness.relay.adminToken}`, 'content-type': 'application/json' },
  });
}

describe('pricing in the admin API', () => {
  it('charges the price the user set instead of the catalog price', async () => {
    const { data, response } = await harness.openai.chat.completions
      .create({ model: 'openai/gpt-4.1-nano', messages: [{ role: 'user', content: 'hi' }] })
      .withResponse();
    const usage = data.usage!;
    // $1 and $2 per 1M tokens
    expect(Number(response.headers.get('x-relay-cost-usd'))).toBeCloseTo(
      (usage.prompt_tokens * 1 + usage.completion_tokens * 2) / 1e6,
      10,
    );
  });

  it('serves the catalog searched, filtered and sorted, with availability and user prices marked', async () => {
    const reply = await admin('/admin/catalog?q=gpt-4.1-nano&provider=openai&capability=tools&sort=input');
    expect(reply.status).toBe(200);
    const body = (await reply.json()) as {
      total: number;
      priceDate: string;
      entries: Array<Record<string, unknown>>;
    };
    const entry = body.entries.find((e) => e.model === 'gpt-4.1-nano')!;
    expect(entry).toMatchObject({
      available: true,
      providerIds: ['openai', 'backup'],
      source: 'user',
      input: 1e-6,
      output: 2e-6,
    });
    // every price it shows says where it comes from: here the user's own
    expect(entry.provenance).toMatchObject({ input: { source: 'user' }, output: { source: 'user' } });
    // the catalog's date is its freshest source's
    expect(body.priceDate).toBe('2026-09-23');
    const bad = await admin('/admin/catalog?capability=telepathy');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { param: string } }).error.param).toBe('capability');
  });

  it('traces x-relay-cost-usd to the entry that priced it, and each price to its source and date', async () => {
    const { data, response } = await harness.openai.chat.completions
      .create({ model: 'backup/gpt-4.1-nano', messages: [{ role: 'user', content: 'hi' }] })
      .withResponse();
    const provider = response.headers.get('x-relay-provider')!;
    const model = response.headers.get('x-relay-model')!;
    const reply = await admin(
      `/admin/catalog?provider=${encodeURIComponent(provider)}&model=${encodeURIComponent(model)}`,
    );
    const body = (await reply.json()) as {
      total: number;
      sources: Array<{ id: string; date: string; version: string; license: string }>;
      entries: Array<{
        input: number;
        output: number;
        cacheRead?: number;
        provenance: Record<string, { source: string; date: string; version?: string }>;
      }>;
    };
    expect(body.total).toBe(1);
    const [entry] = body.entries;
    expect(entry!.provenance.input).toMatchObject({
      source: 'genai-prices',
      date: '2026-09-23',
      version: '0.1.8',
    });
    expect(entry!.provenance.output).toMatchObject({ source: 'genai-prices', date: '2026-09-23' });
    expect(body.sources.map((source) => source.id)).toContain(entry!.provenance.input!.source);
    // the header is the answer's tokens at exactly those prices
    const usage = data.usage!;
    const cached = usage.prompt_tokens_details?.cached_tokens ?? 0;
    expect(Number(response.headers.get('x-relay-cost-usd'))).toBeCloseTo(
      (usage.prompt_tokens - cached) * entry!.input +
        cached * (entry!.cacheRead ?? entry!.input) +
        usage.completion_tokens * entry!.output,
      10,
    );
    // the user's price for the same model at `openai` answers as the user's
    const own = (await (
      await admin(`/admin/catalog?provider=openai&model=${encodeURIComponent(model)}`)
    ).json()) as {
      entries: Array<{ source: string; input: number }>;
    };
    expect(own.entries[0]).toMatchObject({ source: 'user', input: 1e-6 });
  });

  it('re-prices the recorded traffic at another model, per day', async () => {
    harness.relay.flushHistory();
    const reply = await admin('/admin/history/reprice', {
      method: 'POST',
      body: JSON.stringify({ target: 'anthropic/claude-sonnet-4-5' }),
    });
    expect(reply.status).toBe(200);
    const body = (await reply.json()) as {
      days: Array<{ requests: number; whatIfCostUsd: number }>;
      totals: { requests: number; whatIfCostUsd: number; recordedCostUsd: number };
    };
    expect(body.totals.requests).toBeGreaterThanOrEqual(1);
    // Sonnet costs more than the $1/$2 the user pays for nano
    expect(body.totals.whatIfCostUsd).toBeGreaterThan(body.totals.recordedCostUsd);
    const unknown = await admin('/admin/history/reprice', {
      method: 'POST',
      body: JSON.stringify({ target: 'nobody/nothing' }),
    });
    expect(unknown.status).toBe(400);
  });
});
