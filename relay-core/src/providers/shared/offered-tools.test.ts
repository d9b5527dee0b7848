import { describe, expect, it } from 'vitest';
import type { CanonicalRequest, CanonicalTool } from '../../canonical/types.js';
import { encodeOpenAIError } from '../../dialects/openai-chat/encode-openai-error.js';
import { convertToAnthropicRequest } from '../anthropic/convert-to-anthropic-request.js';
import { convertToBedrockRequest } from '../bedrock/convert-to-bedrock-request.js';
import { convertToGeminiRequest } from '../gemini/convert-to-gemini-request.js';
import { convertToOpenAIRequest } from '../openai-compatible/convert-to-openai-request.js';
import { convertToResponsesRequest } from '../openai-responses/convert-to-responses-request.js';

const fn: CanonicalTool = { name: 'exec_command', parameters: { type: 'object', properties: {} } };
const hosted = (responsesTool: Record<string, unknown>): CanonicalTool => ({
  name: String(responsesTool.type),
  parameters: {},
  kind: 'hosted',
  responsesTool,
});
const search = hosted({
  type: 'web_search',
  filters: { allowed_domains: ['example.com'] },
  user_location: { type: 'approximate', city: 'Lyon', country: 'FR', extra: 1 },
});
const files = hosted({ type: 'file_search', vector_store_ids: ['vs_1'] });

const request = (tools: CanonicalTool[], toolChoice?: CanonicalRequest['toolChoice']): CanonicalRequest => ({
  model: 'm',
  stream: false,
  includeUsage: false,
  messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
  tools,
  ...(toolChoice ? { toolChoice } : {}),
});

/** The names of the tools each provider is offered. */
function offered(tools: CanonicalTool[]) {
  const body = request(tools);
  const anthropic = convertToAnthropicRequest(body, 'claude', 'anthropic').tools as Array<{ name: string }>;
  const gemini = convertToGeminiRequest(body, 'gemini').tools as Array<{
    functionDeclarations: Array<{ name: string }>;
  }>;
  const bedrock = convertToBedrockRequest(body, 'bedrock').toolConfig as {
    tools: Array<{ toolSpec: { name: string } }>;
  };
  const chat = convertToOpenAIRequest(body, 'm', { maxTokensField: 'max_tokens' }).tools as Array<{
    function: { name: string };
  }>;
  const responses = convertToResponsesRequest(body, 'm').tools as Array<{ type: string; name?: string }>;
  return {
    anthropic: anthropic.map((tool) => tool.name),
    gemini: gemini[0]!.functionDeclarations.map((tool) => tool.name),
    bedrock: bedrock.tools.map((tool) => tool.toolSpec.name),
    chat: chat.map((tool) => tool.function.name),
    responses: responses.map((tool) => tool.name ?? tool.type),
  };
}

function refusal(run: () => unknown) {
  try {
    run();
  } catch (error) {
    return encodeOpenAIError(error as Parameters<typeof encodeOpenAIError>[0]).error;
  }
  return undefined;
}

describe('hosted tools: an offer the model may take, left out where it cannot run', () => {
  it('a Responses upstream gets them all; web search runs at Anthropic; others leave them out', () => {
    expect(offered([fn, search, files])).toEqual({
      anthropic: ['exec_command', 'web_search'],
      gemini: ['exec_command'],
      bedrock: ['exec_command'],
      chat: ['exec_command'],
      responses: ['exec_command', 'web_search', 'file_search'],
    });
  });

  it("Anthropic's web search keeps the domain filter and the user's place", () => {
    const tools = convertToAnthropicRequest(request([search]), 'claude', 'anthropic').tools;
    expect(tools).toEqual([
      {
        type: 'web_search_20250305',
        name: 'web_search',
        allowed_domains: ['example.com'],
        user_location: { type: 'approximate', city: 'Lyon', country: 'FR' },
      },
    ]);
  });

  it('a cached-only search, or one whose name a function has, is not run at Anthropic', () => {
    const cached = hosted({ type: 'web_search', external_web_access: false });
    expect(offered([fn, cached]).anthropic).toEqual(['exec_command']);
    const named = { ...fn, name: 'web_search' };
    expect(offered([named, search]).anthropic).toEqual(['web_search']);
  });

  it("forcing a tool left out, or 'required' with none left, is refused as OpenAI words it", () => {
    expect(
      refusal(() => convertToGeminiRequest(request([fn, files], { name: 'file_search' }), 'gemini')),
    ).toEqual({
      message: "Unsupported value: 'tool_choice' does not support 'file_search' with this model.",
      type: 'invalid_request_error',
      param: 'tool_choice',
      code: 'unsupported_value',
    });
    expect(
      refusal(() =>
        convertToOpenAIRequest(request([files], 'required'), 'm', { maxTokensField: 'max_tokens' }),
      ),
    ).toMatchObject({ param: 'tool_choice', code: 'unsupported_value' });
    // 'required' with a function still there is kept
    expect(
      refusal(() => convertToBedrockRequest(request([fn, files], 'required'), 'bedrock')),
    ).toBeUndefined();
    expect(convertToResponsesRequest(request([fn, files], { name: 'file_search' }), 'm').tool_choice).toEqual(
      {
        type: 'file_search',
      },
    );
  });
});
