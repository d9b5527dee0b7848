import type { APIError } from 'openai';
import { describe, expect, it } from 'vitest';
import { useHarness } from '../helpers/relay-harness.js';

// A tight daily budget for SWITCHBOARD_API_KEY's client (`env`); gpt-4.1-nano's recorded answer
// costs about $0.000147. The history is written in batches: the budget must not wait for them.
const harness = useHarness({
  extraConfig: `clients:
  - name: env
    spend_per_day_usd: 0.0004
`,
});

const ask = (maxTokens?: number) =>
  harness.openai.chat.completions
    .create({
      model: 'openai/gpt-4.1-nano',
      messages: [{ role: 'user', content: 'hi' }],
      ...(maxTokens === undefined ? {} : { max_tokens: maxTokens }),
    })
    .then(
      () => 'answered',
      (error: APIError) => `${error.status} ${error.message}`,
    );

describe('a client budget', () => {
  it('refuses the request that would pass it, by its estimated cost, before sending it', async () => {
    expect(await ask(10)).toBe('answered');
    expect(await ask(10)).toBe('answered');
    // $0.000294 spent: without max_tokens, 500 output tokens are assumed (about $0.0002 more)
    expect(await ask()).toMatch(/^429 .*estimated \$0\.000\d+ would pass its budget of \$0\.0004/);
    // a short one still fits; what it really cost then closes the budget for the day
    expect(await ask(10)).toBe('answered');
    expect(await ask(10)).toMatch(/^429 .*has spent \$0\.0004 this day \(budget \$0\.0004\)/);
    expect(harness.emulator.calls).toHaveLength(3);
  });

  it('shows the spend to date the budget counts', async () => {
    const response = await fetch(`${harness.relay.url}/admin/clients`, {
      headers: { authorization: `Bearer ${harness.relay.adminToken}` },
    });
    const body = (await response.json()) as { spend: Array<{ name: string; todayUsd: number }> };
    const env = body.spend.find((entry) => entry.name === 'env')!;
    // three answers of about $0.000147
    expect(env.todayUsd).toBeGreaterThan(0.00043);
    expect(env.todayUsd).toBeLessThan(0.00045);
  });
});
