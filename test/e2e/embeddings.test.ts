import { readFileSync } from 'node:fs';
import type { APIError } from 'openai';
import { describe, expect, it } from 'vitest';
import { useHarness } from '../helpers/relay-harness.js';

const recorded = JSON.parse(
  readFileSync(
    new URL('../../resources/recordings/vercel-ai/openai/openai-embedding.json', import.meta.url),
    'utf8',
  ),
);
const geminiShaped = JSON.parse(
  readFileSync(
    new URL('../../resources/recordings/spec-derived/gemini-batch-embed-contents.json', import.meta.url),
    'utf8',
  ),
);

const harness = useHarness();

describe('POST /v1/embeddings (official openai SDK)', () => {
  it('returns the upstream vectors as floats, with usage and a history row', async () => {
    const { data, response } = await harness.openai.embeddings
      .create({
        model: 'openai/text-embedding-3-small',
        input: ['first', 'second'],
        encoding_format: 'float',
      })
      .withResponse();
    expect(data.data.map((item) => item.embedding)).toEqual(
      recorded.data.map((item: { embedding: number[] }) => item.embedding),
    );
    expect(data.usage.prompt_tokens).toBe(recorded.usage.prompt_tokens);
    const row = await harness.waitForRequest(response.headers.get('x-relay-request-id'));
    expect(row).toMatchObject({ dialect: 'embeddings', status: 'ok', input_tokens: 12, provider: 'openai' });
  });

  it('says what the vectors cost in plain decimals, as a chat answer says it', async () => {
    const { response } = await harness.openai.embeddings
      .create({
        model: 'openai/text-embedding-3-small',
        input: ['first', 'second'],
        encoding_format: 'float',
      })
      .withResponse();
    // twelve tokens at two cents a million: no exponent for a client to parse
    expect(response.headers.get('x-relay-cost-usd')).toBe('0.00000024');
  });

  it('encodes base64 itself (the SDK default), decoding to the same float32 values', async () => {
    // the SDK asks for base64 unless told otherwise, and decodes it back to numbers
    const result = await harness.openai.embeddings.create({
      model: 'openai/text-embedding-3-small',
      input: ['first', 'second'],
    });
    const expected = recorded.data[0].embedding.map((value: number) => Math.fround(value));
    expect(result.data[0]!.embedding).toEqual(expected);
    expect(harness.emulator.calls[0]!.body).toMatchObject({ encoding_format: 'float' });
  });

  it('embeds through Gemini, counting tokens itself since Gemini reports none', async () => {
    const result = await harness.openai.embeddings.create({
      model: 'gemini/gemini-embedding-001',
      input: ['first', 'second'],
      encoding_format: 'float',
    });
    expect(result.data.map((item) => item.embedding)).toEqual(
      geminiShaped.embeddings.map((e: { values: number[] }) => e.values),
    );
    expect(result.usage.prompt_tokens).toBeGreaterThan(0);
    expect(harness.emulator.calls[0]!.path).toBe('/v1beta/models/gemini-embedding-001:batchEmbedContents');
  });

  it('refuses a provider without an embeddings API and token-id input, naming the problem', async () => {
    const noApi = (await harness.openai.embeddings
      .create({ model: 'anthropic/claude-sonnet-4-5', input: 'x' })
      .catch((caught: unknown) => caught)) as APIError;
    expect(noApi.status).toBe(503);
    expect(noApi.message).toContain("provider 'anthropic' has no embeddings API");
    const tokens = (await harness.openai.embeddings
      .create({ model: 'openai/text-embedding-3-small', input: [[1, 2, 3]] })
      .catch((caught: unknown) => caught)) as APIError;
    expect(tokens.status).toBe(400);
    expect(tokens.param).toBe('input');
  });
});
