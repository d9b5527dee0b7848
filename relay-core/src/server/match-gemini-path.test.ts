import { describe, expect, it } from 'vitest';
import { matchGeminiPath } from './match-gemini-path.js';

const gemini = { 'x-goog-api-key': 'sb-key' };

describe('matchGeminiPath', () => {
  it('reads the model and the method after the last colon, a provider/model slash plain or encoded', () => {
    expect(matchGeminiPath('/v1beta/models/agent-route:streamGenerateContent', {}, undefined)).toEqual({
      kind: 'call',
      model: 'agent-route',
      method: 'streamGenerateContent',
    });
    expect(matchGeminiPath('/v1beta/models/openai%2Fgpt-4o:generateContent', {}, undefined)).toMatchObject({
      model: 'openai/gpt-4o',
    });
    expect(matchGeminiPath('/v1/models/local/llama3.2:3b:countTokens', {}, undefined)).toEqual({
      kind: 'call',
      model: 'local/llama3.2:3b',
      method: 'countTokens',
    });
  });

  it('reads a provider/model name sent without models/, as the Vercel AI SDK sends one', () => {
    expect(matchGeminiPath('/v1beta/demo/gpt-4.1-nano:generateContent', {}, undefined)).toEqual({
      kind: 'call',
      model: 'demo/gpt-4.1-nano',
      method: 'generateContent',
    });
    expect(matchGeminiPath('/v1/local/llama3.2:3b:streamGenerateContent', gemini, undefined)).toEqual({
      kind: 'call',
      model: 'local/llama3.2:3b',
      method: 'streamGenerateContent',
    });
    // on /v1, only from a Gemini client: the path is OpenAI's otherwise
    expect(matchGeminiPath('/v1/local/llama3.2:3b:generateContent', {}, undefined)).toBeUndefined();
  });

  it('takes /v1/models for Gemini only from a Gemini client; OpenAI paths stay OpenAI', () => {
    expect(matchGeminiPath('/v1/models', {}, undefined)).toBeUndefined();
    expect(matchGeminiPath('/v1/models', gemini, undefined)).toEqual({ kind: 'list' });
    expect(matchGeminiPath('/v1/models/gpt-4o', {}, new URLSearchParams('key=x'))).toEqual({
      kind: 'get',
      model: 'gpt-4o',
    });
    expect(matchGeminiPath('/v1/chat/completions', gemini, undefined)).toBeUndefined();
    expect(matchGeminiPath('/v1beta/models', {}, undefined)).toEqual({ kind: 'list' });
    expect(matchGeminiPath('/v1beta/files', {}, undefined)).toEqual({ kind: 'unknown' });
    expect(matchGeminiPath('/health', gemini, undefined)).toBeUndefined();
  });
});
