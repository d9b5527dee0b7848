import { describe, expect, it } from 'vitest';
import { measuredHistory } from '../../relay-core/src/store/measured-history.fixture.js';
import { createBatchWrite } from '../../relay-core/src/store/write-history-batch.js';
import { adminCall } from '../helpers/admin-call.js';
import { useHarness } from '../helpers/relay-harness.js';

// The user's own figures per model, from the history: the endpoint the model browser's measured
// columns read, over a fixture whose figures are worked out by hand (measured-history.fixture.ts).
const harness = useHarness();

interface Measured {
  provider: string;
  model: string;
  names: string[];
  requests: number;
  tries: number;
  spendUsd?: number;
  cacheSavedUsd: number;
  errorRate?: number;
  ttftP50Ms?: number;
  ttftP95Ms?: number;
  tokensPerSecond?: number;
}
interface CatalogAnswer {
  window: string;
  entries: Array<{
    provider: string;
    model: string;
    measured?: Omit<Measured, 'provider' | 'model' | 'names'>;
  }>;
}

const admin = <T>(path: string) => adminCall<T>(harness.relay, path);
let seeded = false;
function seed() {
  if (seeded) return;
  createBatchWrite(harness.relay.db)(measuredHistory(Date.now()));
  seeded = true;
}

describe('GET /admin/history/models', () => {
  it('answers requests, TTFT p50/p95, tokens/s, error rate, spend and savings per model and provider', async () => {
    seed();
    const answer = await admin<{ window: string; models: Measured[] }>('/admin/history/models?window=7d');
    expect(answer.window).toBe('7d');
    // most used first
    expect(answer.models.map((row) => `${row.provider}/${row.model}`)).toEqual([
      'openai/gpt-4o-mini',
      'anthropic/claude-sonnet-4-5',
      'deepseek/deepseek-chat',
    ]);
    const [mini, sonnet, deepseek] = answer.models;
    // first tokens 50, 100 … 1000 ms: nearest rank, the 10th of 20 and the 19th of 20
    expect(mini).toMatchObject({ requests: 24, tries: 25, errorRate: 0.2, ttftP50Ms: 500, ttftP95Ms: 950 });
    expect(mini).toMatchObject({ tokensPerSecond: 100, spendUsd: 0.02, cacheSavedUsd: 0.002 });
    // 400, 400, 400, 3000, 3000: the 3rd and the 5th of 5
    expect(sonnet).toMatchObject({ requests: 5, errorRate: 0, ttftP50Ms: 400, ttftP95Ms: 3000 });
    expect(sonnet).toMatchObject({ tokensPerSecond: 200, spendUsd: 0.015 });
    expect(deepseek!.spendUsd).toBeUndefined();
    expect(deepseek!.tokensPerSecond).toBeUndefined();
  });

  it('measures a request made now in the last 24 hours, and refuses a window it does not know', async () => {
    seed();
    expect((await admin<{ models: Measured[] }>('/admin/history/models?window=24h')).models).toEqual([]);
    const stream = await harness.openai.chat.completions.create({
      model: 'openai/gpt-4.1-nano',
      messages: [{ role: 'user', content: 'Invent a holiday.' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    for await (const _chunk of stream);
    harness.relay.flushHistory();
    const { models } = await admin<{ models: Measured[] }>('/admin/history/models?window=24h');
    // the try asked for gpt-4.1-nano, the answer named its dated snapshot: one model, as the catalog has it
    expect(models).toHaveLength(1);
    expect(models[0]).toMatchObject({
      provider: 'openai',
      model: 'gpt-4.1-nano',
      requests: 1,
      tries: 1,
      errorRate: 0,
    });
    expect(models[0]!.names).toEqual(['gpt-4.1-nano', 'gpt-4.1-nano-2025-04-14']);
    expect(models[0]!.ttftP50Ms).toBeGreaterThanOrEqual(0);
    const refused = await admin<{ error: { message: string } }>('/admin/history/models?window=1y');
    expect(refused.error.message).toMatch(/window must be one of 24h, 7d, 30d, all/);
  });
});

describe('GET /admin/catalog with the measured columns', () => {
  it('sorts by time to first token, models without figures last in either order', async () => {
    seed();
    const sorted = async (order: string) =>
      (await admin<CatalogAnswer>(`/admin/catalog?sort=ttft_p50&order=${order}&window=7d&limit=20`)).entries;
    const fixture = ['anthropic/claude-sonnet-4-5', 'openai/gpt-4o-mini', 'deepseek/deepseek-chat'];
    const check = (entries: CatalogAnswer['entries'], ascending: boolean) => {
      const measured = entries.filter((entry) => entry.measured);
      // every model with figures comes before every model without, sorted by its p50
      expect(entries.slice(0, measured.length)).toEqual(measured);
      const values = measured.map((entry) => entry.measured!.ttftP50Ms!);
      expect(values).toEqual([...values].sort((a, b) => (ascending ? a - b : b - a)));
      return measured
        .map((entry) => `${entry.provider}/${entry.model}`)
        .filter((name) => fixture.includes(name));
    };
    const ascending = await sorted('asc');
    expect(check(ascending, true)).toEqual(fixture);
    expect(check(await sorted('desc'), false)).toEqual([...fixture].reverse());
    expect(ascending.find((entry) => entry.model === 'claude-sonnet-4-5')!.measured!.ttftP50Ms).toBe(400);
    // the same entry's figures as the endpoint's, and none for a window without requests there
    expect(ascending.find((entry) => entry.model === 'gpt-4o-mini')!.measured).toMatchObject({
      requests: 24,
      ttftP95Ms: 950,
      spendUsd: 0.02,
    });
    const lastDay = await admin<CatalogAnswer>('/admin/catalog?q=openai/gpt-4o-mini&window=24h&limit=1');
    expect(lastDay.entries[0]!.measured).toBeUndefined();
  });
});
