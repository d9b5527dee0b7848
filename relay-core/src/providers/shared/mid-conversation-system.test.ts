import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAnthropicRequest } from '../../dialects/anthropic-messages/parse-anthropic-request.js';
import { convertToAnthropicRequest } from '../anthropic/convert-to-anthropic-request.js';
import { convertToBedrockRequest } from '../bedrock/convert-to-bedrock-request.js';
import { convertToGeminiRequest } from '../gemini/convert-to-gemini-request.js';
import { convertToOpenAIRequest } from '../openai-compatible/convert-to-openai-request.js';
import { convertToResponsesRequest } from '../openai-responses/convert-to-responses-request.js';

// Claude Code's first turn: a system prompt, the user's message, then a system message after it.
const fixture = JSON.parse(
  readFileSync(
    new URL('../../dialects/anthropic-messages/__fixtures__/claude-code-first-turn.json', import.meta.url),
    'utf8',
  ),
) as { body: { messages: Array<{ content: Array<{ text: string }> }> } };
const request = parseAnthropicRequest(fixture.body);
const userText = fixture.body.messages[0]!.content[1]!.text;
const laterSystem = fixture.body.messages[1]!.content[0]!.text;
const note = `<system-reminder>\n${laterSystem}\n</system-reminder>`;

describe('a system message in the middle of a conversation stays where it was', () => {
  it('OpenAI Chat: a system message at that place', () => {
    const body = convertToOpenAIRequest(request, 'm', { maxTokensField: 'max_tokens' });
    const messages = body.messages as Array<{ role: string; content: unknown }>;
    expect(messages.map((message) => message.role)).toEqual(['system', 'user', 'system']);
    expect(messages[2]!.content).toBe(laterSystem);
  });

  it('OpenAI Responses: a developer message at that place', () => {
    const input = convertToResponsesRequest(request, 'm').input as Array<{ role: string; content: unknown }>;
    expect(input.map((item) => item.role)).toEqual(['developer', 'user', 'developer']);
    expect(input[2]!.content).toEqual([{ type: 'input_text', text: laterSystem }]);
  });

  it('Gemini: the system prompt as systemInstruction, the later message as a system note in the user turn', () => {
    const body = convertToGeminiRequest(request, 'gemini') as {
      systemInstruction: { parts: Array<{ text: string }> };
      contents: Array<{ role: string; parts: Array<{ text: string }> }>;
    };
    expect(body.systemInstruction.parts).toHaveLength(3);
    expect(body.systemInstruction.parts.map((part) => part.text).join('')).not.toContain(laterSystem);
    expect(body.contents).toHaveLength(1);
    expect(body.contents[0]!.role).toBe('user');
    expect(body.contents[0]!.parts.map((part) => part.text).slice(1)).toEqual([userText, note]);
  });

  it('Bedrock and a converted Anthropic request: the same system note at that place', () => {
    const bedrock = convertToBedrockRequest(request, 'bedrock') as {
      system: unknown[];
      messages: Array<{ role: string; content: Array<{ text: string }> }>;
    };
    expect(bedrock.system).toHaveLength(3);
    expect(bedrock.messages.map((message) => message.role)).toEqual(['user']);
    expect(bedrock.messages[0]!.content.at(-1)).toEqual({ text: note });

    const anthropic = convertToAnthropicRequest(request, 'claude-sonnet-4-5', 'anthropic') as {
      system: unknown[];
      messages: Array<{ role: string; content: unknown[] }>;
    };
    expect(anthropic.system).toHaveLength(3);
    expect(anthropic.messages[0]!.content.at(-1)).toEqual({ type: 'text', text: note });
  });
});
