import { describe, expect, it } from 'vitest';
import { recordedPayloads } from '../../../../test/helpers/recorded-payloads.js';
import type { StreamEvent } from '../../canonical/types.js';
import { convertResponsesUsage, ResponsesEventConverter } from './convert-responses-events.js';

// Recorded answers (pydantic-ai cassettes, MIT; see resources/recordings/SOURCES.md)
const cassette = (file: string) => `cassette:pydantic-ai-cassettes/${file}`;

describe('Responses usage on recorded answers', () => {
  it('keeps the input tokens written to the cache, apart from those read from it', () => {
    const [write] = recordedPayloads(
      cassette('test_openai_prompt_cache/test_openai_responses_prompt_cache_e2e.yaml#0'),
    );
    const [read] = recordedPayloads(
      cassette('test_openai_prompt_cache/test_openai_responses_prompt_cache_e2e.yaml#1'),
    );
    expect(convertResponsesUsage(write!.usage)).toEqual({
      inputTokens: 4020,
      outputTokens: write!.usage.output_tokens,
      cacheReadTokens: 0,
      cacheWriteTokens: 4012,
      reasoningTokens: 0,
    });
    expect(convertResponsesUsage(read!.usage)).toMatchObject({ cacheReadTokens: 4012, cacheWriteTokens: 0 });
  });

  it('carries them through a stream to its usage event', () => {
    const converter = new ResponsesEventConverter('bedrock-mantle');
    const events: StreamEvent[] = recordedPayloads(
      cassette('test_bedrock_mantle/test_reused_tool_call_ids[stream].yaml#2'),
    ).flatMap((payload) => [...converter.convert(payload)]);
    // 158 input, 43 of them written to the cache; 32 output, 10 of them reasoning
    expect(events.find((event) => event.type === 'usage')).toEqual({
      type: 'usage',
      usage: {
        inputTokens: 158,
        outputTokens: 32,
        cacheReadTokens: 0,
        cacheWriteTokens: 43,
        reasoningTokens: 10,
      },
    });
  });

  it('claims no detail the upstream left out', () => {
    expect(convertResponsesUsage({ input_tokens: 12, output_tokens: 3, total_tokens: 15 } as never)).toEqual({
      inputTokens: 12,
      outputTokens: 3,
    });
  });
});
