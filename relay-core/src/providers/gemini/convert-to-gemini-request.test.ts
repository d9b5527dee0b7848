import { describe, expect, it } from 'vitest';
import type { CanonicalRequest } from '../../canonical/types.js';
import { convertToGeminiRequest } from './convert-to-gemini-request.js';

const base: CanonicalRequest = {
  model: 'm',
  stream: true,
  includeUsage: true,
  messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
  tools: [{ name: 'f', parameters: { type: 'object' } }],
  topK: 64,
  reasoning: { budgetTokens: 1024 },
};

describe('convertToGeminiRequest', () => {
  it("carries a Gemini client's unmodeled fields and hosted tools into a converted request", () => {
    const body = convertToGeminiRequest(
      {
        ...base,
        geminiUnmodeled: {
          fields: {
            cachedContent: 'cachedContents/c1',
            safetySettings: [{ category: 'HARM_CATEGORY_HARASSMENT', threshold: 'BLOCK_NONE' }],
            generationConfig: {
              mediaResolution: 'MEDIA_RESOLUTION_LOW',
              thinkingConfig: { includeThoughts: true },
            },
            toolConfig: { retrievalConfig: { languageCode: 'fr' } },
          },
          tools: [{ googleSearch: {} }],
          parts: [],
          refused: [{ param: 'cachedContent', reason: 'content cached at Gemini' }],
        },
      },
      'gemini',
    );
    expect(body).toMatchObject({
      cachedContent: 'cachedContents/c1',
      safetySettings: [{ category: 'HARM_CATEGORY_HARASSMENT', threshold: 'BLOCK_NONE' }],
      generationConfig: {
        topK: 64,
        mediaResolution: 'MEDIA_RESOLUTION_LOW',
        thinkingConfig: { thinkingBudget: 1024, includeThoughts: true },
      },
      toolConfig: { retrievalConfig: { languageCode: 'fr' } },
      tools: [
        { functionDeclarations: [{ name: 'f', parametersJsonSchema: { type: 'object' } }] },
        { googleSearch: {} },
      ],
    });
  });

  it('refuses a part it cannot place, rather than drop it', () => {
    expect(() =>
      convertToGeminiRequest(
        {
          ...base,
          geminiUnmodeled: {
            fields: {},
            tools: [],
            parts: [
              {
                param: 'contents[0].parts[1]',
                part: { inlineData: { mimeType: 'application/pdf', data: 'JVBE' } },
              },
            ],
            refused: [],
          },
        },
        'gemini',
      ),
    ).toThrow(expect.objectContaining({ code: 'BAD_REQUEST', param: 'contents[0].parts[1]' }));
  });

  it("signs the first function call of a model turn that Gemini did not sign, with Google's placeholder", () => {
    const body = convertToGeminiRequest(
      {
        ...base,
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'hi' }] },
          {
            role: 'assistant',
            content: [
              { type: 'tool_call', id: 'a', name: 'f', arguments: '{}' },
              { type: 'tool_call', id: 'b', name: 'f', arguments: '{}' },
            ],
          },
        ],
      },
      'gemini',
    ) as { contents: Array<{ parts: unknown[] }> };
    expect(body.contents[1]!.parts).toEqual([
      { functionCall: { name: 'f', args: {} }, thoughtSignature: 'skip_thought_signature_validator' },
      { functionCall: { name: 'f', args: {} } },
    ]);
  });
});
