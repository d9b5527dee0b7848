import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import OpenAI from 'openai';
import { beforeAll, describe, expect, it } from 'vitest';
import { synthesizedModels } from '../../relay-core/src/emulator/synthesized/synthesized-scenarios.js';
import { adminCall } from '../helpers/admin-call.js';
import { useHarness } from '../helpers/relay-harness.js';

// Two client keys on one relay: the harness's own, and one made through the admin API.
const harness = useHarness({
  extraConfig: `routes:
  - name: faq
    targets: [openai/gpt-4.1-nano]
    cache:
      semantic: { enabled: true, embedding_model: openai/${synthesizedModels.hashedEmbedding}, threshold: 0.8 }
`,
});
let mine: OpenAI;
let theirs: OpenAI;

beforeAll(async () => {
  mine = harness.openai;
  const created = await adminCall<{ key: string }>(harness.relay, '/admin/clients/create', {
    name: 'someone-else',
  });
  theirs = new OpenAI({ baseURL: `${harness.relay.url}/v1`, apiKey: created.key, maxRetries: 0 });
});

const sentUpstream = () => harness.emulator.calls.map((call) => call.text ?? '').join('\n');

/** How the cache answered a deterministic question (temperature 0: the exact cache keeps it). */
async function cacheOutcome(client: OpenAI, question: string) {
  const { response } = await client.chat.completions
    .create({ model: 'openai/gpt-4.1-nano', temperature: 0, messages: [{ role: 'user', content: question }] })
    .withResponse();
  return response.headers.get('x-relay-cache');
}

async function refusal(client: OpenAI, previous: string) {
  const error = (await client.responses
    .create({ model: 'openai/gpt-4.1-nano', input: 'What was my PIN?', previous_response_id: previous })
    .catch((caught: unknown) => caught)) as { status: number; error: { message: string; code: string } };
  return {
    status: error.status,
    code: error.error.code,
    message: error.error.message.replace(previous, 'ID'),
  };
}

describe('isolation between client keys', () => {
  it('another key cannot continue a stored response: the same 404 as a missing id, and nothing of it goes upstream', async () => {
    const first = await mine.responses.create({
      model: 'openai/gpt-4.1-nano',
      input: 'My secret PIN is 4711',
    });
    harness.emulator.reset();

    const stolen = await refusal(theirs, first.id);
    expect(stolen).toEqual(await refusal(theirs, 'resp_0000000000000000000000000000'));
    expect(stolen.status).toBe(404);
    expect(sentUpstream()).not.toContain('4711');

    // its owner continues it as before
    await mine.responses.create({
      model: 'openai/gpt-4.1-nano',
      input: 'What was my PIN?',
      previous_response_id: first.id,
    });
    expect(sentUpstream()).toContain('4711');
  });

  it("another key's identical deterministic request is not answered from the first key's exact cache", async () => {
    const ask = (client: OpenAI) => cacheOutcome(client, 'Summarise my notes: PIN 4711, flight LH123.');
    expect(await ask(mine)).toBe('miss');
    expect(await ask(mine)).toBe('hit-exact');
    harness.emulator.reset();
    expect(await ask(theirs)).toBe('miss');
    expect(harness.emulator.calls.filter((call) => call.path === '/v1/chat/completions')).toHaveLength(1);
  });

  it("another key's similar question is not answered from the first key's semantic cache", async () => {
    const ask = (client: OpenAI, question: string) =>
      client.chat.completions
        .create({ model: 'faq', messages: [{ role: 'user', content: question }] })
        .withResponse();
    await ask(mine, 'How do I reset my router password?');
    expect(
      (await ask(mine, 'How do I reset my router password please?')).response.headers.get('x-relay-cache'),
    ).toBe('hit-semantic');
    expect(
      (await ask(theirs, 'How do I reset my router password please?')).response.headers.get('x-relay-cache'),
    ).toBe('miss');
  });

  it('shares answers across keys with cache.shared: true, for a single user', async () => {
    const path = join(harness.home, 'config.yaml');
    const original = readFileSync(path, 'utf8');
    const logged = harness.logs.length;
    writeFileSync(path, original.replace('routes:', 'cache:\n  shared: true\nroutes:'));
    await expect
      .poll(() => harness.logs.slice(logged).some((line) => line.includes('config: reloaded')), {
        timeout: 5000,
      })
      .toBe(true);
    expect(await cacheOutcome(mine, 'One shared question.')).toBe('miss');
    expect(await cacheOutcome(theirs, 'One shared question.')).toBe('hit-exact');
    writeFileSync(path, original);
  });
});
