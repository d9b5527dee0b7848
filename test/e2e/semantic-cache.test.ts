import Anthropic from '@anthropic-ai/sdk';
import { describe, expect, it } from 'vitest';
import { cosineSimilarity } from '../../relay-core/src/cache/vector-index.js';
import { hashedEmbedding } from '../../relay-core/src/emulator/synthesized/hashed-embedding.js';
import { synthesizedModels } from '../../relay-core/src/emulator/synthesized/synthesized-scenarios.js';
import { clientKey, useHarness } from '../helpers/relay-harness.js';
import { different, opposites, paraphrases, semanticThreshold } from './semantic-pairs.js';

// The semantic cache end to end: embeddings from the emulator (deterministic hashed bag of words)
// through the relay's own `openai` provider, answers from recorded traffic.
const semantic = `{ enabled: true, embedding_model: openai/${synthesizedModels.hashedEmbedding}, threshold: ${semanticThreshold} }`;
const harness = useHarness({
  extraConfig: `routes:
  - name: faq
    targets: [openai/gpt-4.1-nano]
    cache:
      semantic: ${semantic}
  - name: faq-too
    targets: [openai/gpt-4.1-nano]
    cache:
      semantic: ${semantic}
  - name: plain
    targets: [openai/gpt-4.1-nano]
  - name: rewritten
    targets: [openai/${synthesizedModels.schemaAnswer}]
    cache:
      semantic: { enabled: true, embedding_model: openai/${synthesizedModels.hashedEmbedding}, threshold: ${semanticThreshold}, rewrite_model: openai/gpt-4.1-nano }
`,
});

/** Similarity as the relay sees it: the prompt text it embeds is `user: <question>`. */
const similarity = (a: string, b: string) =>
  cosineSimilarity(
    Float32Array.from(hashedEmbedding(`user: ${a}`)),
    Float32Array.from(hashedEmbedding(`user: ${b}`)),
  );

const chatCalls = () => harness.emulator.calls.filter((call) => call.path === '/v1/chat/completions');
const embeddingCalls = () => harness.emulator.calls.filter((call) => call.path === '/v1/embeddings');

async function ask(question: string, options: { model?: string; system?: string } = {}) {
  const messages = [
    ...(options.system ? [{ role: 'system' as const, content: options.system }] : []),
    { role: 'user' as const, content: question },
  ];
  const { data, response } = await harness.openai.chat.completions
    .create({ model: options.model ?? 'faq', messages })
    .withResponse();
  return {
    text: data.choices[0]!.message.content,
    cache: response.headers.get('x-relay-cache'),
    similarity: response.headers.get('x-relay-cache-similarity'),
    id: response.headers.get('x-relay-request-id'),
  };
}

describe('semantic cache', () => {
  it.each(paraphrases)('answers "%s" again for "%s"', async (first, second) => {
    expect(similarity(first, second)).toBeGreaterThanOrEqual(semanticThreshold);
    const bought = await ask(first);
    expect(bought.cache).toBe('miss');
    const reused = await ask(second);
    expect(reused.cache).toBe('hit-semantic');
    expect(Number(reused.similarity)).toBeGreaterThanOrEqual(semanticThreshold);
    expect(reused.text).toBe(bought.text);
    expect(chatCalls()).toHaveLength(1);
    // both questions were embedded through the relay's provider
    expect(embeddingCalls()).toHaveLength(2);
    const row = await harness.waitForRequest(reused.id);
    expect(row).toMatchObject({ cache: 'hit-semantic', cost_usd: 0, attempt_count: 0 });
    expect(row.saved_usd).toBeGreaterThan(0);
  });

  it.each(different)('does not answer "%s" for "%s" (below the threshold)', async (first, second) => {
    expect(similarity(first, second)).toBeLessThan(semanticThreshold);
    await ask(first);
    expect((await ask(second)).cache).toBe('miss');
    expect(chatCalls()).toHaveLength(2);
  });

  it.each(opposites)('never answers a $kind near-duplicate with the other answer', async ({ pair }) => {
    const [first, second] = pair;
    // close enough that the threshold alone would have served the wrong answer
    expect(similarity(first, second)).toBeGreaterThanOrEqual(semanticThreshold);
    await ask(first);
    expect((await ask(second)).cache).toBe('miss');
    expect(chatCalls()).toHaveLength(2);
    // and the answer stored for the second does not leak back to the first either way round
    expect((await ask(first)).cache).toBe('hit-semantic');
    expect((await ask(second)).cache).toBe('hit-semantic');
    expect(chatCalls()).toHaveLength(2);
  });

  it('never matches across routes or system prompts', async () => {
    const question = 'Recommend a board game for a family evening with young children';
    await ask(question, { system: 'You are a toy shop assistant.' });
    expect((await ask(question, { system: 'You are a toy shop assistant.' })).cache).toBe('hit-semantic');
    expect((await ask(question, { system: 'Answer in French.' })).cache).toBe('miss');
    expect((await ask(question)).cache).toBe('miss');
    expect((await ask(question, { model: 'faq-too', system: 'You are a toy shop assistant.' })).cache).toBe(
      'miss',
    );
    expect(chatCalls()).toHaveLength(4);
  });

  it('is off for routes that did not opt in', async () => {
    const question = 'Suggest a name for a small bakery by the sea';
    await ask(question, { model: 'plain' });
    expect((await ask(question, { model: 'plain' })).cache).toBe('bypass');
    expect(embeddingCalls()).toHaveLength(0);
    expect(chatCalls()).toHaveLength(2);
  });

  it('has a cheap model adapt a reused answer to the new question when the route asks for it', async () => {
    const bought = await ask('Give me the opening hours of the museum as JSON', { model: 'rewritten' });
    expect(bought.text).toBe('{}');
    const adapted = await ask('Give me the opening hours of the museum as JSON please', {
      model: 'rewritten',
    });
    expect(adapted.cache).toBe('hit-semantic');
    // the rewrite model (recorded gpt-4.1-nano traffic) answered, not the cached schema answer
    expect(adapted.text).toContain('Galaxy Day');
    const rewrite = chatCalls()[1]!.body as { model: string; messages: Array<{ content: string }> };
    expect(rewrite.model).toBe('gpt-4.1-nano');
    expect(rewrite.messages[0]!.content).toContain('Give me the opening hours of the museum as JSON please');
    expect(rewrite.messages[0]!.content).toContain('{}');
    const row = await harness.waitForRequest(adapted.id);
    expect(row.cost_usd).toBeGreaterThan(0);
    expect(row.cache).toBe('hit-semantic');
  });

  it('keeps a streamed answer and replays it as a stream in another dialect', async () => {
    const stream = await harness.openai.chat.completions.create({
      model: 'faq',
      stream: true,
      max_tokens: 500,
      messages: [{ role: 'user', content: 'Describe a quiet holiday for a small mountain town' }],
    });
    let bought = '';
    for await (const chunk of stream) bought += chunk.choices[0]?.delta.content ?? '';
    const anthropic = new Anthropic({ baseURL: harness.relay.url, apiKey: clientKey, maxRetries: 0 });
    const { data, response } = await anthropic.messages
      .create({
        model: 'faq',
        max_tokens: 500,
        stream: true,
        messages: [{ role: 'user', content: 'Describe a quiet holiday for a small mountain town please' }],
      })
      .withResponse();
    let replayed = '';
    for await (const event of data)
      if (event.type === 'content_block_delta' && event.delta.type === 'text_delta')
        replayed += event.delta.text;
    expect(response.headers.get('x-relay-cache')).toBe('hit-semantic');
    expect(replayed).toBe(bought);
    expect(chatCalls()).toHaveLength(1);
  });
});
