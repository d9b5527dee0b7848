import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../index.js';
import type { Emulator } from '../index.js';
import { hashedEmbedding } from './hashed-embedding.js';
import { instanceOf } from './schema-answer.js';
import { synthesizedModels } from './synthesized-scenarios.js';

let emulator: Emulator;
let client: OpenAI;
beforeAll(async () => {
  emulator = await startEmulator();
  client = new OpenAI({ baseURL: `${emulator.url}/v1`, apiKey: 'test', maxRetries: 0 });
});
afterAll(async () => {
  await emulator.close();
});

const cosine = (a: number[], b: number[]) => a.reduce((sum, value, i) => sum + value * b[i]!, 0);

describe('hashed embeddings', () => {
  it('are unit vectors, the same for the same text, closer for texts sharing more words', () => {
    const base = hashedEmbedding('how do I reset my router');
    expect(cosine(base, base)).toBeCloseTo(1, 10);
    expect(hashedEmbedding('How do I reset my router')).toEqual(base);
    const near = cosine(base, hashedEmbedding('how do I reset my wifi router'));
    const far = cosine(base, hashedEmbedding('bake sourdough bread at home'));
    expect(near).toBeGreaterThan(0.9);
    expect(far).toBeLessThan(0.3);
  });

  it('are served on /v1/embeddings to the official SDK, one per input', async () => {
    const result = await client.embeddings.create({
      model: synthesizedModels.hashedEmbedding,
      input: ['reset my router', 'bake bread'],
    });
    expect(result.data).toHaveLength(2);
    expect(result.data[0]!.embedding).toEqual(hashedEmbedding('reset my router').map((v) => Math.fround(v)));
    expect(emulator.calls.at(-1)!.scenario).toBe('synthesized:hashed-embedding');
  });
});

describe('schema answers', () => {
  const schema = {
    type: 'object',
    properties: {
      name: { type: 'string' },
      size: { enum: ['small', 'large'] },
      tags: { type: 'array', items: { type: 'string' }, minItems: 2 },
      count: { type: ['integer', 'null'] },
      nested: { type: 'object', properties: { ok: { type: 'boolean' } } },
    },
  };

  it('fill every property with the simplest value the schema allows', () => {
    expect(instanceOf(schema)).toEqual({
      name: 'example',
      size: 'small',
      tags: ['example', 'example'],
      count: 1,
      nested: { ok: true },
    });
  });

  it('answer structured-output requests, streamed and not', async () => {
    const response_format = { type: 'json_schema' as const, json_schema: { name: 'x', schema } };
    const messages = [{ role: 'user' as const, content: 'hi' }];
    const whole = await client.chat.completions.create({
      model: synthesizedModels.schemaAnswer,
      messages,
      response_format,
    });
    expect(JSON.parse(whole.choices[0]!.message.content!)).toEqual(instanceOf(schema));
    const stream = await client.chat.completions.create({
      model: synthesizedModels.schemaAnswer,
      messages,
      response_format,
      stream: true,
    });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    expect(JSON.parse(text)).toEqual(instanceOf(schema));
  });
});
