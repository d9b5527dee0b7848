import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { startRelay } from '../../relay-core/src/index.js';
import { createSecretStore } from '../../relay-core/src/secrets/create-secret-store.js';
import { clientKey, providerKey, startHarness, useHarness } from '../helpers/relay-harness.js';

// The exact cache end to end: official SDKs in all three dialects, the emulator counting upstream calls.
const harness = useHarness({ extraConfig: 'cache:\n  max_size_mb: 4\n' });

let counter = 0;
/** A question no other test asks, so every test starts with a cold cache. */
const fresh = (label: string) => `Invent a holiday (${label} #${++counter}).`;
const upstreamCalls = () =>
  harness.emulator.calls.filter((call) => call.path === '/v1/chat/completions').length;

function anthropic() {
  return new Anthropic({ baseURL: harness.relay.url, apiKey: clientKey, maxRetries: 0 });
}

async function chatText(stream: boolean, content: string) {
  const body = {
    model: 'openai/gpt-4.1-nano',
    messages: [{ role: 'user' as const, content }],
    temperature: 0,
    max_tokens: 300,
  };
  if (!stream) {
    const { data, response } = await harness.openai.chat.completions.create(body).withResponse();
    return { text: data.choices[0]!.message.content ?? '', headers: response.headers };
  }
  const { data, response } = await harness.openai.chat.completions
    .create({ ...body, stream: true, stream_options: { include_usage: true } })
    .withResponse();
  let text = '';
  let finish: string | null = null;
  for await (const chunk of data) {
    text += chunk.choices[0]?.delta.content ?? '';
    finish = chunk.choices[0]?.finish_reason ?? finish;
  }
  expect(finish).toBe('stop');
  return { text, headers: response.headers };
}

async function messagesText(stream: boolean, content: string) {
  const body = {
    model: 'openai/gpt-4.1-nano',
    max_tokens: 300,
    temperature: 0,
    messages: [{ role: 'user' as const, content }],
  };
  if (!stream) {
    const { data, response } = await anthropic().messages.create(body).withResponse();
    return {
      text: data.content.map((block) => (block.type === 'text' ? block.text : '')).join(''),
      headers: response.headers,
    };
  }
  const { data, response } = await anthropic()
    .messages.create({ ...body, stream: true })
    .withResponse();
  let text = '';
  const types: string[] = [];
  for await (const event of data) {
    types.push(event.type);
    if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') text += event.delta.text;
  }
  expect(types.at(0)).toBe('message_start');
  expect(types.at(-1)).toBe('message_stop');
  return { text, headers: response.headers };
}

async function responsesText(stream: boolean, content: string) {
  const body = { model: 'openai/gpt-4.1-nano', input: content, temperature: 0, max_output_tokens: 300 };
  if (!stream) {
    const { data, response } = await harness.openai.responses.create(body).withResponse();
    return { text: data.output_text, headers: response.headers };
  }
  const { data, response } = await harness.openai.responses.create({ ...body, stream: true }).withResponse();
  let text = '';
  let completed = false;
  for await (const event of data) {
    if (event.type === 'response.output_text.delta') text += event.delta;
    if (event.type === 'response.completed') completed = true;
  }
  expect(completed).toBe(true);
  return { text, headers: response.headers };
}

const dialects = [
  ['OpenAI Chat Completions', chatText],
  ['Anthropic Messages', messagesText],
  ['OpenAI Responses', responsesText],
] as const;

describe('exact cache', () => {
  for (const [dialect, ask] of dialects) {
    for (const stream of [false, true]) {
      it(`answers a repeated deterministic request without the upstream (${dialect}, ${stream ? 'streamed' : 'whole'})`, async () => {
        const question = fresh(`${dialect} ${stream}`);
        const first = await ask(stream, question);
        expect(first.headers.get('x-relay-cache')).toBe('miss');
        expect(upstreamCalls()).toBe(1);
        expect(first.text.length).toBeGreaterThan(100);

        const second = await ask(stream, question);
        expect(upstreamCalls()).toBe(1);
        expect(second.headers.get('x-relay-cache')).toBe('hit-exact');
        expect(second.headers.get('x-relay-attempts')).toBe('0');
        expect(second.text).toBe(first.text);
        expect(Number(second.headers.get('x-relay-overhead-ms'))).toBeLessThan(50);

        const row = await harness.waitForRequest(second.headers.get('x-relay-request-id'));
        expect(row).toMatchObject({ cache: 'hit-exact', cost_usd: 0, attempt_count: 0, status: 'ok' });
        const bought = await harness.waitForRequest(first.headers.get('x-relay-request-id'));
        expect(row.saved_usd).toBeGreaterThan(0);
        expect(row.saved_usd).toBe(bought.cost_usd);
      });
    }
  }

  it('replays an answer bought in one dialect to another, streamed', async () => {
    const question = fresh('cross-dialect');
    const bought = await chatText(false, question);
    const replayed = await messagesText(true, question);
    expect(replayed.headers.get('x-relay-cache')).toBe('hit-exact');
    expect(replayed.text).toBe(bought.text);
    expect(upstreamCalls()).toBe(1);
  });

  it('goes upstream for sampling requests, and for Cache-Control: no-cache and x-relay-cache: off', async () => {
    const question = fresh('sampling');
    const sampled = () =>
      harness.openai.chat.completions
        .create({ model: 'openai/gpt-4.1-nano', messages: [{ role: 'user', content: question }] })
        .withResponse();
    expect((await sampled()).response.headers.get('x-relay-cache')).toBe('bypass');
    expect((await sampled()).response.headers.get('x-relay-cache')).toBe('bypass');
    expect(upstreamCalls()).toBe(2);

    const deterministic = fresh('no-cache');
    await chatText(false, deterministic);
    for (const headers of [{ 'cache-control': 'no-cache' }, { 'x-relay-cache': 'off' }]) {
      const { response } = await harness.openai.chat.completions
        .create(
          {
            model: 'openai/gpt-4.1-nano',
            messages: [{ role: 'user', content: deterministic }],
            temperature: 0,
            max_tokens: 300,
          },
          { headers },
        )
        .withResponse();
      expect(response.headers.get('x-relay-cache')).toBe('bypass');
    }
    expect(upstreamCalls()).toBe(5);
  });

  it('caches a sampling request when the client opts in with x-relay-cache: on', async () => {
    const question = fresh('opt-in');
    const ask = () =>
      harness.openai.chat.completions
        .create(
          { model: 'openai/gpt-4.1-nano', messages: [{ role: 'user', content: question }] },
          { headers: { 'x-relay-cache': 'on' } },
        )
        .withResponse();
    await ask();
    expect((await ask()).response.headers.get('x-relay-cache')).toBe('hit-exact');
    expect(upstreamCalls()).toBe(1);
  });

  it('shows the total saved in the admin history summary', async () => {
    const question = fresh('summary');
    await chatText(false, question);
    const hit = await chatText(false, question);
    const row = await harness.waitForRequest(hit.headers.get('x-relay-request-id'));
    const reply = await fetch(`${harness.relay.url}/admin/history/summary`, {
      headers: { authorization: `Bearer ${harness.relay.adminToken}` },
    });
    const summary = (await reply.json()) as { savedUsd: number; cacheHits: number; cache: { bytes: number } };
    expect(summary.cacheHits).toBeGreaterThanOrEqual(1);
    expect(summary.savedUsd).toBeGreaterThanOrEqual(row.saved_usd as number);
    expect(summary.cache.bytes).toBeGreaterThan(0);
  });

  it('forgets every answer when the admin API clears the cache', async () => {
    const question = fresh('clear');
    await chatText(false, question);
    const cleared = await fetch(`${harness.relay.url}/admin/cache/clear`, {
      method: 'POST',
      headers: { authorization: `Bearer ${harness.relay.adminToken}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(((await cleared.json()) as { freedBytes: number }).freedBytes).toBeGreaterThan(0);
    const again = await chatText(false, question);
    expect(again.headers.get('x-relay-cache')).toBe('miss');
  });
});

describe('exact cache across a restart', () => {
  it('answers from the database a relay wrote before it stopped', async () => {
    const own = await startHarness();
    try {
      const ask = (client: OpenAI) =>
        client.chat.completions
          .create({
            model: 'openai/gpt-4.1-nano',
            messages: [{ role: 'user', content: 'Invent a holiday that survives a restart.' }],
            temperature: 0,
          })
          .withResponse();
      const before = await ask(own.openai);
      expect(before.response.headers.get('x-relay-cache')).toBe('miss');
      await own.relay.close();

      const env = { SWITCHBOARD_API_KEY: clientKey, OPENAI_API_KEY: providerKey };
      const secrets = await createSecretStore({ home: own.home, env, useKeychain: false });
      const restarted = await startRelay({ home: own.home, port: 0, env, secrets, log: () => undefined });
      try {
        const client = new OpenAI({ baseURL: `${restarted.url}/v1`, apiKey: clientKey, maxRetries: 0 });
        const after = await ask(client);
        expect(after.response.headers.get('x-relay-cache')).toBe('hit-exact');
        expect(after.data.choices[0]!.message.content).toBe(before.data.choices[0]!.message.content);
        expect(own.emulator.calls.filter((call) => call.path === '/v1/chat/completions')).toHaveLength(1);
      } finally {
        await restarted.close();
      }
    } finally {
      await own.close();
    }
  });
});

describe('exact cache size limit', () => {
  it('evicts the least recently used answers to stay under max_size_mb', async () => {
    const maxSizeMb = 0.03;
    const own = await startHarness({ extraConfig: `cache:\n  max_size_mb: ${maxSizeMb}\n` });
    try {
      const ask = (question: string) =>
        own.openai.chat.completions
          .create({
            model: 'openai/gpt-4.1-nano',
            messages: [{ role: 'user', content: question }],
            temperature: 0,
          })
          .withResponse();
      const summary = async () =>
        (
          (await (
            await fetch(`${own.relay.url}/admin/history/summary`, {
              headers: { authorization: `Bearer ${own.relay.adminToken}` },
            })
          ).json()) as { cache: { bytes: number } }
        ).cache.bytes;
      for (let i = 0; i < 15; i++) {
        await ask(`Invent holiday number ${i}.`);
        expect(await summary()).toBeLessThanOrEqual(maxSizeMb * 1024 * 1024);
      }
      const cached = own.relay.db.prepare('SELECT COUNT(*) AS n FROM cache_entries').get() as { n: number };
      expect(cached.n).toBeGreaterThan(1);
      expect(cached.n).toBeLessThan(15);
      expect((await ask('Invent holiday number 14.')).response.headers.get('x-relay-cache')).toBe(
        'hit-exact',
      );
      expect((await ask('Invent holiday number 0.')).response.headers.get('x-relay-cache')).toBe('miss');
    } finally {
      await own.close();
    }
  });
});
