import Anthropic from '@anthropic-ai/sdk';
import { describe, expect, it } from 'vitest';
import { clientKey, useHarness } from '../helpers/relay-harness.js';

// An answer speaks in the client's terms: its `model` is the name the client asked for (a route, a
// bare catalog name, provider/model), in every dialect, streamed or not, fresh or from the cache;
// the x-relay-model header still says which model answered. Claude Code keeps an earlier turn's
// thinking only when that turn's model is the one it asks for.
const harness = useHarness({
  extraConfig: `cache:
  max_size_mb: 4
routes:
  - name: agent-route
    targets: [openai/gpt-4.1-nano]
`,
});
const anthropic = () => new Anthropic({ baseURL: harness.relay.url, apiKey: clientKey, maxRetries: 0 });

let counter = 0;
const fresh = () => `Invent a holiday (#${++counter}).`;
const upstreamModel = /^gpt-4\.1-nano/;

describe('the answer names the model the client asked for', () => {
  it.each(['agent-route', 'openai/gpt-4.1-nano', 'gpt-4.1-nano'])(
    'Anthropic Messages, %s: message_start and the whole message',
    async (model) => {
      const { data: stream, response } = await anthropic()
        .messages.create({
          model,
          max_tokens: 300,
          messages: [{ role: 'user', content: fresh() }],
          stream: true,
        })
        .withResponse();
      const models: string[] = [];
      for await (const event of stream) if (event.type === 'message_start') models.push(event.message.model);
      expect(models).toEqual([model]);
      expect(response.headers.get('x-relay-model')).toMatch(upstreamModel);

      const { data: whole, response: wholeResponse } = await anthropic()
        .messages.create({ model, max_tokens: 300, messages: [{ role: 'user', content: fresh() }] })
        .withResponse();
      expect(whole.model).toBe(model);
      expect(wholeResponse.headers.get('x-relay-model')).toMatch(upstreamModel);
    },
  );

  it('OpenAI Chat: every chunk and the whole completion', async () => {
    const { data: stream, response } = await harness.openai.chat.completions
      .create({ model: 'agent-route', messages: [{ role: 'user', content: fresh() }], stream: true })
      .withResponse();
    const models = new Set<string>();
    for await (const chunk of stream) models.add(chunk.model);
    expect([...models]).toEqual(['agent-route']);
    expect(response.headers.get('x-relay-model')).toMatch(upstreamModel);
    const whole = await harness.openai.chat.completions.create({
      model: 'agent-route',
      messages: [{ role: 'user', content: fresh() }],
    });
    expect(whole.model).toBe('agent-route');
  });

  it('OpenAI Responses: every response object in the stream and the whole response', async () => {
    const stream = await harness.openai.responses.create({
      model: 'agent-route',
      input: fresh(),
      stream: true,
    });
    const models = new Set<string>();
    for await (const event of stream) if ('response' in event) models.add(event.response.model);
    expect([...models]).toEqual(['agent-route']);
    const whole = await harness.openai.responses.create({ model: 'agent-route', input: fresh() });
    expect(whole.model).toBe('agent-route');
  });

  it('an answer replayed from the cache', async () => {
    const body = {
      model: 'agent-route',
      max_tokens: 300,
      temperature: 0,
      messages: [{ role: 'user' as const, content: fresh() }],
    };
    await anthropic().messages.create(body);
    const { data, response } = await anthropic().messages.create(body).withResponse();
    expect(response.headers.get('x-relay-cache')).toBe('hit-exact');
    expect(data.model).toBe('agent-route');
    expect(response.headers.get('x-relay-model')).toMatch(upstreamModel);
    const replayed = await anthropic().messages.create({ ...body, stream: true });
    for await (const event of replayed)
      if (event.type === 'message_start') expect(event.message.model).toBe('agent-route');
  });
});
