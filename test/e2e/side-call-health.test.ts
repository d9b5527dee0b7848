import type { APIError } from 'openai';
import { describe, expect, it } from 'vitest';
import { synthesizedModels } from '../../relay-core/src/emulator/synthesized/synthesized-scenarios.js';
import { useHarness } from '../helpers/relay-harness.js';
import { semanticThreshold } from './semantic-pairs.js';

// Calls made on a request's behalf (the semantic cache's embedding, a gate's evaluator) and
// `/v1/embeddings` go through the same attempt engine as chat: an upstream failure counts against
// the target's circuit, and an open circuit keeps the next call away from it. One failure opens a
// circuit here; each case uses a target of its own on the `backup` provider.
const embeddingModel = synthesizedModels.hashedEmbedding;
const harness = useHarness({
  extraConfig: `  breaker:
    failures: 1
    cooldown_ms: 600000
routes:
  - name: faq
    targets: [openai/gpt-4.1-nano]
    cache:
      semantic: { enabled: true, embedding_model: backup/${embeddingModel}, threshold: ${semanticThreshold} }
  - name: evaluated
    targets: [openai/gpt-4.1-nano]
    gates:
      evaluator: { model: backup/gpt-4.1-nano, prompt: 'Score the answer.', threshold: 0.5 }
`,
});

async function circuitOf(target: string): Promise<string | undefined> {
  const response = await fetch(`${harness.relay.url}/admin/routing/health`, {
    headers: { authorization: `Bearer ${harness.relay.adminToken}` },
  });
  const health = (await response.json()) as { targets: Array<{ target: string; state: string }> };
  return health.targets.find((entry) => entry.target === target)?.state;
}

const ask = (model: string, question: string) =>
  harness.openai.chat.completions
    .create({ model, messages: [{ role: 'user', content: question }] })
    .withResponse();
const backupCalls = (path: string) => harness.backup.calls.filter((call) => call.path === path);

describe('calls on a request’s behalf keep to the circuit breaker', () => {
  it("the semantic cache's embedder: a failure opens the circuit, and the next prompt is not sent there", async () => {
    harness.backup.inject({ status: 500, match: { path: '/v1/embeddings' } });
    const first = await ask('faq', 'How long do I boil an egg?');
    // an embedding failure is a semantic miss: the client is answered all the same
    expect(first.response.headers.get('x-relay-provider')).toBe('openai');
    expect(await circuitOf(`backup/${embeddingModel}`)).toBe('open');
    await ask('faq', 'What colour is the sky?');
    expect(backupCalls('/v1/embeddings')).toHaveLength(1);
  });

  it("a gate's evaluator: a failure opens the circuit, and the next answer is not sent there to score", async () => {
    harness.backup.inject({ status: 500, match: { path: '/v1/chat/completions' } });
    const first = await ask('evaluated', 'Name a prime number.');
    expect(first.response.headers.get('x-relay-gates')).toBe('passed');
    expect(await circuitOf('backup/gpt-4.1-nano')).toBe('open');
    await ask('evaluated', 'Name an even number.');
    expect(backupCalls('/v1/chat/completions')).toHaveLength(1);
  });

  it('/v1/embeddings: a failure opens the circuit, and the next request is refused without a call', async () => {
    harness.backup.inject({ status: 500, match: { path: '/v1/embeddings' } });
    const request = () =>
      harness.openai.embeddings
        .create({ model: 'backup/text-embedding-3-small', input: 'hello', encoding_format: 'float' })
        .catch((caught: unknown) => caught as APIError);
    expect(((await request()) as APIError).status).toBe(502);
    expect(await circuitOf('backup/text-embedding-3-small')).toBe('open');
    const second = (await request()) as APIError;
    expect(second.status).toBe(503);
    expect(second.message).toContain('circuit open');
    expect(backupCalls('/v1/embeddings')).toHaveLength(1);
  });
});
