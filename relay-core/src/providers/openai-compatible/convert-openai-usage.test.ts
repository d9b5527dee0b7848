import { describe, expect, it } from 'vitest';
import { recordedPayloads } from '../../../../test/helpers/recorded-payloads.js';
import { convertOpenAIUsage } from './convert-openai-usage.js';

// Recorded answers (pydantic-ai cassettes, MIT; see resources/recordings/SOURCES.md)
const cassette = (file: string) => `cassette:pydantic-ai-cassettes/${file}`;

describe('convertOpenAIUsage on recorded answers', () => {
  it('keeps the prompt tokens OpenAI wrote to its cache, so they are priced as writes', () => {
    const [write] = recordedPayloads(
      cassette('test_openai_prompt_cache/test_openai_chat_prompt_cache_e2e.yaml#0'),
    );
    const [read] = recordedPayloads(
      cassette('test_openai_prompt_cache/test_openai_chat_prompt_cache_e2e.yaml#1'),
    );
    expect(convertOpenAIUsage(write!)).toMatchObject({
      inputTokens: 4020,
      cacheWriteTokens: 4012,
      cacheReadTokens: 0,
    });
    expect(convertOpenAIUsage(read!)).toMatchObject({
      inputTokens: 4020,
      cacheWriteTokens: 0,
      cacheReadTokens: 4012,
    });
  });

  it("keeps a reasoning provider's reasoning, and every detail it reports, zeros included", () => {
    const [cerebras] = recordedPayloads(
      cassette('test_cerebras/test_cerebras_thinking_part_survives_multiturn.yaml#0'),
    );
    expect(convertOpenAIUsage(cerebras!)).toEqual({
      inputTokens: 79,
      outputTokens: 37,
      cacheReadTokens: 0,
      reasoningTokens: 25,
    });
    const chunks = recordedPayloads(
      cassette('test_openrouter/test_openrouter_stream_with_native_options.yaml#0'),
    );
    expect(convertOpenAIUsage(chunks.findLast((chunk) => chunk.usage)!)).toMatchObject({
      inputTokens: 687,
      outputTokens: 187,
      cacheReadTokens: 679,
      inputAudioTokens: 0,
      reasoningTokens: 118,
    });
  });

  it('claims no detail the provider left out', () => {
    expect(
      convertOpenAIUsage({ usage: { prompt_tokens: 43, completion_tokens: 9, total_tokens: 52 } }),
    ).toEqual({
      inputTokens: 43,
      outputTokens: 9,
    });
  });
});
