import { describe, expect, it } from 'vitest';
import { recordedPayloads } from '../../../../test/helpers/recorded-payloads.js';
import { convertGeminiUsage, encodeGeminiUsage } from './gemini-usage.js';

// Recorded answers (pydantic-ai cassettes, MIT; Firebase test data, Apache-2.0; see
// resources/recordings/SOURCES.md)
const [image] = recordedPayloads(
  'cassette:pydantic-ai-cassettes/test_multimodal_tool_returns/test_mixed_content_ordering[google_2_5].yaml#0',
);

describe('Gemini usage', () => {
  it('reads cached content, thoughts and the image tokens of the prompt', () => {
    // prompt 373 (258 of them an image, 204 cached), candidates 89 and thoughts 167
    expect(convertGeminiUsage(image!.usageMetadata)).toEqual({
      inputTokens: 373,
      outputTokens: 89 + 167,
      cacheReadTokens: 204,
      reasoningTokens: 167,
      inputImageTokens: 258,
    });
  });

  it('gives a Gemini client back the counts it was given, and claims none it was not', () => {
    expect(encodeGeminiUsage(convertGeminiUsage(image!.usageMetadata))).toEqual({
      promptTokenCount: 373,
      candidatesTokenCount: 89,
      totalTokenCount: 629,
      cachedContentTokenCount: 204,
      thoughtsTokenCount: 167,
      promptTokensDetails: [{ modality: 'IMAGE', tokenCount: 258 }],
    });
    const [plain] = recordedPayloads('json:vercel-ai/google/google-text.json');
    expect(encodeGeminiUsage(convertGeminiUsage(plain!.usageMetadata))).not.toHaveProperty(
      'cachedContentTokenCount',
    );
  });
});
