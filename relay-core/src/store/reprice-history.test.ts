import { expect, it } from 'vitest';
import { describeHistoryStores } from './history-stores.fixture.js';
import { loadCatalog } from '../catalog/load-catalog.js';
import { createHistoryWriter } from './history-writer.js';
import type { RequestRecord } from './history-writer.js';

const catalog = loadCatalog();
const day1 = Date.UTC(2026, 10, 1, 12);
const day2 = Date.UTC(2026, 10, 2, 12);

function row(
  id: string,
  createdAt: number,
  input: number,
  output: number,
  costUsd: number | null,
): RequestRecord {
  return {
    id,
    createdAt,
    dialect: 'openai-chat',
    requestedModel: 'm',
    status: 'ok',
    stream: false,
    inputTokens: input,
    outputTokens: output,
    cacheReadTokens: 0,
    cacheWriteTokens: 0,
    reasoningTokens: 0,
    usageEstimated: false,
    costUsd,
    unpriced: costUsd === null,
    cache: 'miss',
    attemptCount: 1,
    attempts: [],
  };
}

describeHistoryStores('what-if re-pricing of history', (open) => {
  it('prices each day of recorded tokens at the target model, beside what it cost', async () => {
    const { store } = await open();
    const writer = createHistoryWriter(store);
    writer.record(row('a', day1, 1_000_000, 100_000, 5));
    writer.record(row('b', day1, 1_000_000, 0, null));
    writer.record(row('c', day2, 2_000_000, 0, 1));
    await writer.flush();
    const target = catalog.find('openai', 'gpt-4o-mini')!; // $0.15 in, $0.60 out per 1M
    expect(await store.reprice({ from: 0, to: Date.UTC(2027, 0, 1) }, target)).toEqual([
      { day: '2026-11-01', requests: 2, recordedCostUsd: 5, unpricedRequests: 1, whatIfCostUsd: 0.36 },
      { day: '2026-11-02', requests: 1, recordedCostUsd: 1, unpricedRequests: 0, whatIfCostUsd: 0.3 },
    ]);
    expect((await store.reprice({ from: day2 - 3_600_000, to: day2 + 1 }, target)).map((d) => d.day)).toEqual(
      ['2026-11-02'],
    );
  });

  it('prices requests above a long-context threshold at the higher tier, the others below', async () => {
    const { store } = await open();
    const writer = createHistoryWriter(store);
    writer.record(row('small', day1, 100_000, 0, 0));
    writer.record(row('large', day1, 300_000, 0, 0));
    await writer.flush();
    const target = catalog.find('gemini', 'gemini-2.5-pro')!; // $1.25 in, $2.50 above 200k
    // 100k × 1.25e-6 + 300k × 2.5e-6 = 0.125 + 0.75
    expect(
      (await store.reprice({ from: 0, to: Date.UTC(2027, 0, 1) }, target))[0]!.whatIfCostUsd,
    ).toBeCloseTo(0.875, 10);
  });

  it("prices each request at the hour's price where the target's price depends on the time of day", async () => {
    const { store } = await open();
    const writer = createHistoryWriter(store);
    // DeepSeek's standard hours (00:30–16:30 UTC) and its off-peak hours, the same day
    writer.record(row('peak', Date.UTC(2026, 10, 1, 12, 0), 1_000_000, 0, 0));
    writer.record(row('night', Date.UTC(2026, 10, 1, 20, 0), 1_000_000, 0, 0));
    writer.record(row('edge', Date.UTC(2026, 10, 1, 16, 30), 1_000_000, 0, 0));
    await writer.flush();
    const target = catalog.find('deepseek', 'deepseek-chat')!;
    // genai-prices: input_mtok 0.27 from 00:30 to 16:30 UTC, 0.135 otherwise: 0.27 + 0.135 + 0.135
    expect(
      (await store.reprice({ from: 0, to: Date.UTC(2027, 0, 1) }, target))[0]!.whatIfCostUsd,
    ).toBeCloseTo(0.54, 10);
  });

  it('adds a per-request fee once for each recorded request', async () => {
    const { store } = await open();
    const writer = createHistoryWriter(store);
    for (const id of ['a', 'b', 'c']) writer.record(row(id, day1, 1_000, 500, 0));
    await writer.flush();
    const target = catalog.find('perplexity', 'sonar-pro')!;
    // genai-prices: input_mtok 3, output_mtok 15, requests_kcount 14:
    // 3 × (1,000 × 3/1M + 500 × 15/1M + 14/1000) = 3 × 0.0245
    expect(
      (await store.reprice({ from: 0, to: Date.UTC(2027, 0, 1) }, target))[0]!.whatIfCostUsd,
    ).toBeCloseTo(0.0735, 10);
  });

  it('re-prices only what the filters match, and leaves failed requests out', async () => {
    const { store } = await open();
    const writer = createHistoryWriter(store);
    writer.record({ ...row('laptop', day1, 1_000_000, 0, 1), client: 'laptop' });
    writer.record({ ...row('ci', day1, 1_000_000, 0, 1), client: 'ci' });
    writer.record({ ...row('failed', day1, 1_000_000, 0, 0), client: 'laptop', status: 'error' });
    await writer.flush();
    const target = catalog.find('openai', 'gpt-4o-mini')!;
    const [day] = await store.reprice({ client: 'laptop' }, target);
    expect(day).toMatchObject({ requests: 1, recordedCostUsd: 1, whatIfCostUsd: 0.15 });
  });
});
