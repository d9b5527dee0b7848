import { describe, expect, it } from 'vitest';
import { clientKey, useHarness } from '../helpers/relay-harness.js';

// An OpenAI Chat client on an OpenAI-compatible upstream: a request the relay need not convert goes
// as the client's own bytes, the model replaced; one it had to fit or convert does not.
const harness = useHarness();

const send = (text: string) =>
  fetch(`${harness.relay.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${clientKey}` },
    body: text,
  });

const upstreamText = () => harness.emulator.calls.at(-1)!.text!;

describe('OpenAI Chat clients on an OpenAI-compatible upstream', () => {
  it('sends the client’s bytes, only the model replaced: spacing, key order, fields it does not model', async () => {
    const text =
      '{ "messages": [ {"role": "user", "content": "caf\\u00e9 \\"model\\" 日本語"} ],\n' +
      '  "zz_vendor_hint": {"b": 1, "a": [2, 1]}, "temperature": 0.5,\n' +
      '  "model": "openai/gpt-4.1-nano", "stream": false }';
    const answer = await send(text);
    expect(answer.status).toBe(200);
    const call = harness.emulator.calls.at(-1)!;
    expect(call.bytes!.equals(Buffer.from(text.replace('"openai/gpt-4.1-nano"', '"gpt-4.1-nano"')))).toBe(
      true,
    );
  });

  it('sends a stream that asks for usage as it came, and one that does not with usage asked for', async () => {
    const withUsage =
      '{"model":"openai/gpt-4.1-nano","stream":true,"stream_options":{"include_usage":true},' +
      '"messages":[{"role":"user","content":"hi"}],"x_extra":[3,2,1]}';
    await (await send(withUsage)).text();
    expect(upstreamText()).toBe(withUsage.replace('"openai/gpt-4.1-nano"', '"gpt-4.1-nano"'));

    const withoutUsage =
      '{"model":"openai/gpt-4.1-nano","stream":true,"messages":[{"role":"user","content":"hi"}],"x_extra":[3,2,1]}';
    const streamed = await (await send(withoutUsage)).text();
    // the relay needs the usage to price the answer, and keeps it from a client that did not ask
    expect(harness.emulator.calls.at(-1)!.body).toMatchObject({
      stream_options: { include_usage: true },
      x_extra: [3, 2, 1],
    });
    expect(streamed).not.toContain('"usage":{');
  });

  it('writes a fitted output limit into the client’s bytes, and nothing else', async () => {
    const text =
      '{"model":"openai/gpt-4.1-nano","max_completion_tokens":900000,' +
      '"messages":[{"role":"user","content":"hi"}], "x_extra": {"k": "v"}}';
    expect((await send(text)).status).toBe(200);
    // the catalog says gpt-4.1-nano writes at most 32768 tokens
    expect(upstreamText()).toBe(
      text.replace('"openai/gpt-4.1-nano"', '"gpt-4.1-nano"').replace('900000', '32768'),
    );
  });

  it('converts a request fitted beyond its output limit: reasoning left out for a model without it', async () => {
    const text =
      '{"model":"openai/gpt-4.1-nano","reasoning_effort":"high",' +
      '"messages":[{"role":"user","content":"hi"}],"x_extra":{"k":"v"}}';
    expect((await send(text)).status).toBe(200);
    const call = harness.emulator.calls.at(-1)!;
    expect(call.text).not.toBe(text.replace('"openai/gpt-4.1-nano"', '"gpt-4.1-nano"'));
    expect(call.body).not.toHaveProperty('reasoning_effort');
    // what the relay does not model still reaches the upstream
    expect(call.body).toMatchObject({ model: 'gpt-4.1-nano', x_extra: { k: 'v' } });
  });

  it('converts what OpenAI names otherwise: max_tokens goes as max_completion_tokens', async () => {
    const text =
      '{"model":"openai/gpt-4.1-nano","max_tokens":50,"messages":[{"role":"user","content":"hi"}]}';
    expect((await send(text)).status).toBe(200);
    expect(harness.emulator.calls.at(-1)!.body).toEqual({
      model: 'gpt-4.1-nano',
      max_completion_tokens: 50,
      messages: [{ role: 'user', content: 'hi' }],
    });
  });
});

describe('An OpenAI-compatible upstream’s whole answer to an OpenAI Chat client', () => {
  const request =
    '{"model":"openai/gpt-4.1-nano","messages":[{"role":"user","content":"Invent a holiday."}]}';

  it('goes on as it came, only the model named as the client asked, and is still priced', async () => {
    // compact, as the relay writes answers, but in an order of its own and with fields it does not model
    const upstream =
      '{"usage":{"prompt_tokens":12,"completion_tokens":3,"total_tokens":15,"x_detail":{"b":1,"a":2}},' +
      '"id":"chatcmpl-1","object":"chat.completion","created":1765000000,' +
      '"model":"gpt-4.1-nano-2025-04-14","system_fingerprint":"fp_1","choices":[{"index":0,' +
      '"message":{"role":"assistant","content":"Caf\\u00e9 day","annotations":[]},' +
      '"logprobs":null,"finish_reason":"stop"}]}';
    harness.emulator.inject({ status: 200, body: upstream, headers: { 'content-type': 'application/json' } });
    const answer = await send(request);
    expect(answer.status).toBe(200);
    expect(await answer.text()).toBe(upstream.replace('"gpt-4.1-nano-2025-04-14"', '"openai/gpt-4.1-nano"'));
    expect(Number(answer.headers.get('x-relay-cost-usd'))).toBeGreaterThan(0);
    const row = await harness.waitForRequest(answer.headers.get('x-relay-request-id'));
    expect(row).toMatchObject({ input_tokens: 12, output_tokens: 3 });
  });

  it('is written in OpenAI’s terms when it is not: reasoning under its other name, compact', async () => {
    const upstream = JSON.stringify(
      {
        id: 'chatcmpl-2',
        object: 'chat.completion',
        created: 1765000000,
        model: 'gpt-4.1-nano',
        x_new_field: 1,
        choices: [
          {
            index: 0,
            message: { role: 'assistant', content: 'Done.', reasoning: 'Thought about it.' },
            finish_reason: 'stop',
          },
        ],
        usage: { prompt_tokens: 12, completion_tokens: 3, total_tokens: 15 },
      },
      null,
      2,
    );
    harness.emulator.inject({ status: 200, body: upstream, headers: { 'content-type': 'application/json' } });
    const text = await (await send(request)).text();
    expect(text).not.toContain('\n');
    const body = JSON.parse(text) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(body.model).toBe('openai/gpt-4.1-nano');
    expect(body.choices[0].message).toMatchObject({
      content: 'Done.',
      reasoning_content: 'Thought about it.',
    });
    expect(body.choices[0].message).not.toHaveProperty('reasoning');
    expect(body).not.toHaveProperty('x_new_field');
  });
});
