import { describe, expect, it } from 'vitest';
import { resolveProviders } from '../routing/resolve-providers.js';
import { openAttempt } from './open-attempt.js';
import { KeyPool } from './key-pool.js';
import type { RelayRuntime } from './relay-runtime.js';

const noKeys = new KeyPool(async () => [], { failures: 5, cooldownMs: 30_000 });
const runtime = { keys: noKeys, wallClock: () => 0 } as unknown as RelayRuntime;

async function missingKeyMessage(entry: { id: string; preset?: string }): Promise<string | undefined> {
  const [provider] = resolveProviders([{ enabled: true, ...entry }]);
  return (await openAttempt(runtime, { provider: provider!, model: 'gpt-4o-mini' }, [])).error?.message;
}

describe('openAttempt without a key', () => {
  it('names the variable the relay reads for that provider id', async () => {
    expect(await missingKeyMessage({ id: 'openai' })).toBe(
      "no API key for provider 'openai': run `npm run relay -- secrets set openai` or set OPENAI_API_KEY",
    );
    // an OpenAI-compatible endpoint under its own id does not read OPENAI_API_KEY
    const other = await missingKeyMessage({ id: 'work-proxy', preset: 'openai' });
    expect(other).toContain('or set SWITCHBOARD_KEY_WORK_PROXY');
    expect(other).not.toContain('OPENAI_API_KEY');
  });
});
