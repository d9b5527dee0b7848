import Anthropic from '@anthropic-ai/sdk';
import { describe, expect, it } from 'vitest';
import { synthesizedModels } from '../../relay-core/src/emulator/synthesized/synthesized-scenarios.js';
import { clientKey, useHarness } from '../helpers/relay-harness.js';

// Quality gates end to end: gpt-4.1-nano answers with recorded prose (not JSON); the emulator's
// `schema-answer` model answers with an instance of the requested JSON schema.
const schemaModel = `openai/${synthesizedModels.schemaAnswer}`;
const harness = useHarness({
  extraConfig: `routes:
  - name: structured
    targets: [openai/gpt-4.1-nano, ${schemaModel}]
    gates: { json: true, retries: 1, escalations: 1 }
  - name: structured-stream
    targets: [openai/gpt-4.1-nano, ${schemaModel}]
    gates: { json: true, escalations: 1, buffer_streams: true }
  - name: unbuffered
    targets: [openai/gpt-4.1-nano, ${schemaModel}]
    gates: { json: true, escalations: 1 }
  - name: no-refusals
    targets: [openai/gpt-4.1-nano, ${schemaModel}]
    gates: { forbidden: ['galaxy day'], min_length: 2 }
  - name: strict-only
    targets: [openai/gpt-4.1-nano]
    gates: { json: true }
  - name: evaluated
    targets: [openai/gpt-4.1-nano, ${schemaModel}]
    gates:
      evaluator: { model: openai/gpt-4.1-nano, prompt: 'Score the answer.', threshold: 0.5 }
`,
});

const recipeSchema = {
  type: 'object',
  properties: {
    title: { type: 'string' },
    servings: { type: 'integer' },
    ingredients: { type: 'array', items: { type: 'string' } },
  },
  required: ['title', 'servings', 'ingredients'],
  additionalProperties: false,
};
const responseFormat = {
  type: 'json_schema' as const,
  json_schema: { name: 'recipe', schema: recipeSchema, strict: true },
};

interface AttemptRow {
  provider: string;
  upstream_model: string;
  status: string;
  error_code: string | null;
  gates: string | null;
  cost_usd: number | null;
}

function attemptsOf(id: string | null): AttemptRow[] {
  harness.relay.flushHistory();
  return harness.relay.db
    .prepare('SELECT * FROM attempts WHERE request_id = ? ORDER BY attempt_index')
    .all(id) as AttemptRow[];
}

function expectRecipe(text: string) {
  const value = JSON.parse(text) as Record<string, unknown>;
  expect(typeof value.title).toBe('string');
  expect(Number.isInteger(value.servings)).toBe(true);
  expect(Array.isArray(value.ingredients)).toBe(true);
}

describe('quality gates', () => {
  it('retries, then escalates, until the answer matches the requested JSON schema', async () => {
    const { data, response } = await harness.openai.chat.completions
      .create({
        model: 'structured',
        messages: [{ role: 'user', content: 'A pancake recipe as JSON.' }],
        response_format: responseFormat,
      })
      .withResponse();
    expectRecipe(data.choices[0]!.message.content!);
    expect(response.headers.get('x-relay-gates')).toBe('passed');
    expect(response.headers.get('x-relay-attempts')).toBe('3');
    expect(harness.emulator.calls.map((call) => (call.body as { model: string }).model)).toEqual([
      'gpt-4.1-nano',
      'gpt-4.1-nano',
      synthesizedModels.schemaAnswer,
    ]);

    const id = response.headers.get('x-relay-request-id');
    const row = await harness.waitForRequest(id);
    expect(row).toMatchObject({ status: 'ok', upstream_model: synthesizedModels.schemaAnswer });
    const attempts = attemptsOf(id);
    expect(attempts.map((attempt) => [attempt.upstream_model, attempt.status, attempt.error_code])).toEqual([
      ['gpt-4.1-nano', 'error', 'GATE_FAILED'],
      ['gpt-4.1-nano', 'error', 'GATE_FAILED'],
      [synthesizedModels.schemaAnswer, 'ok', null],
    ]);
    expect(JSON.parse(attempts[0]!.gates!)).toEqual([
      { gate: 'json', passed: false, detail: expect.stringContaining('not valid JSON') },
    ]);
    expect(JSON.parse(attempts[2]!.gates!)).toEqual([
      { gate: 'json', passed: true },
      { gate: 'json_schema', passed: true },
    ]);
    // the failed answers were paid for, and count
    expect(attempts[0]!.cost_usd).toBeGreaterThan(0);
  });

  it('gates a stream when the route buffers, in the client dialect (Anthropic)', async () => {
    const anthropic = new Anthropic({ baseURL: harness.relay.url, apiKey: clientKey, maxRetries: 0 });
    const { data, response } = await anthropic.messages
      .create({
        model: 'structured-stream',
        max_tokens: 200,
        stream: true,
        messages: [{ role: 'user', content: 'Reply with a JSON object.' }],
      })
      .withResponse();
    let text = '';
    for await (const event of data)
      if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') text += event.delta.text;
    expect(JSON.parse(text)).toEqual({});
    expect(response.headers.get('x-relay-gates')).toBe('passed');
    const attempts = attemptsOf(response.headers.get('x-relay-request-id'));
    expect(attempts.map((attempt) => attempt.error_code)).toEqual(['GATE_FAILED', null]);
  });

  it('does not hold back a stream the route did not opt into buffering', async () => {
    const stream = await harness.openai.chat.completions.create({
      model: 'unbuffered',
      stream: true,
      messages: [{ role: 'user', content: 'Invent a holiday.' }],
    });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    expect(() => JSON.parse(text)).toThrow();
    expect(harness.emulator.calls).toHaveLength(1);
  });

  it('escalates past an answer that matches a forbidden pattern', async () => {
    const { data, response } = await harness.openai.chat.completions
      .create({ model: 'no-refusals', messages: [{ role: 'user', content: 'Invent a holiday.' }] })
      .withResponse();
    expect(data.choices[0]!.message.content).toBe('{}');
    const attempts = attemptsOf(response.headers.get('x-relay-request-id'));
    expect(JSON.parse(attempts[0]!.gates!)).toEqual([
      { gate: 'min_length', passed: true },
      { gate: 'forbidden', passed: false, detail: 'matches /galaxy day/i' },
    ]);
  });

  it('serves the last answer, marked failed, when every try fails its gates', async () => {
    const { data, response } = await harness.openai.chat.completions
      .create({ model: 'strict-only', messages: [{ role: 'user', content: 'Invent a holiday.' }] })
      .withResponse();
    expect(data.choices[0]!.message.content).toContain('Galaxy Day');
    expect(response.headers.get('x-relay-gates')).toBe('failed');
    const attempts = attemptsOf(response.headers.get('x-relay-request-id'));
    expect(attempts).toHaveLength(1);
    expect(JSON.parse(attempts[0]!.gates!)[0]).toMatchObject({ gate: 'json', passed: false });
  });

  it('asks the evaluator model, records its score on each attempt and escalates on a low one', async () => {
    // the evaluator is recorded gpt-4.1-nano traffic, whose first number is "October 31st": 31/100
    const { response } = await harness.openai.chat.completions
      .create({ model: 'evaluated', messages: [{ role: 'user', content: 'Invent a holiday.' }] })
      .withResponse();
    expect(response.headers.get('x-relay-gates')).toBe('failed');
    const attempts = attemptsOf(response.headers.get('x-relay-request-id'));
    expect(attempts.map((attempt) => [attempt.upstream_model, attempt.error_code])).toEqual([
      ['gpt-4.1-nano', 'GATE_FAILED'],
      [synthesizedModels.schemaAnswer, null],
    ]);
    expect(JSON.parse(attempts[0]!.gates!)).toEqual([
      // asking the evaluator was paid for too: its cost is on the gate, and in the request's cost
      { gate: 'evaluator', passed: false, detail: 'score 0.31', costUsd: expect.any(Number) },
    ]);
    expect(JSON.parse(attempts[0]!.gates!)[0].costUsd).toBeGreaterThan(0);
    const models = harness.emulator.calls.map((call) => (call.body as { model: string }).model);
    expect(models).toEqual(['gpt-4.1-nano', 'gpt-4.1-nano', synthesizedModels.schemaAnswer, 'gpt-4.1-nano']);
    const asked = harness.emulator.calls[1]!.body as { messages: Array<{ content: string }> };
    expect(asked.messages[0]!.content).toContain('Score the answer.');
    expect(asked.messages[0]!.content).toContain('Invent a holiday.');
    expect(asked.messages[0]!.content).toContain('Galaxy Day');
  });
});
