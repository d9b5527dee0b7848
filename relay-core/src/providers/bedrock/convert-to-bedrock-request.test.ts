import { describe, expect, it } from 'vitest';
import type { CanonicalRequest } from '../../canonical/types.js';
import { convertToBedrockRequest } from './convert-to-bedrock-request.js';

const toolLoop = (signature: string, provider?: string): CanonicalRequest => ({
  model: 'm',
  stream: true,
  includeUsage: true,
  reasoning: { budgetTokens: 2048 },
  tools: [{ name: 'divide', parameters: { type: 'object' } }],
  messages: [
    { role: 'user', content: [{ type: 'text', text: 'Divide 925 by 5.' }] },
    {
      role: 'assistant',
      content: [
        { type: 'reasoning', text: 'Use the tool.', signature, ...(provider ? { provider } : {}) },
        { type: 'tool_call', id: 'toolu_1', name: 'divide', arguments: '{}' },
      ],
    },
    {
      role: 'tool',
      content: [{ type: 'tool_result', toolCallId: 'toolu_1', content: [{ type: 'text', text: '185' }] }],
    },
  ],
});

describe('thinking on a Bedrock request', () => {
  it('sends back the thinking this provider signed, and its thinking request, in a tool loop', () => {
    const body = convertToBedrockRequest(toolLoop('YmVkcm9jaw==', 'bedrock'), 'bedrock') as {
      messages: Array<{ content: unknown[] }>;
      additionalModelRequestFields?: unknown;
    };
    expect(body.messages[1]!.content[0]).toEqual({
      reasoningContent: { reasoningText: { text: 'Use the tool.', signature: 'YmVkcm9jaw==' } },
    });
    expect(body.additionalModelRequestFields).toEqual({ thinking: { type: 'enabled', budget_tokens: 2048 } });
  });

  it('leaves out a signature Anthropic issued, and then thinking, which the tool loop could not start with', () => {
    const body = convertToBedrockRequest(toolLoop('YW50aHJvcGlj'), 'bedrock') as {
      messages: Array<{ content: unknown[] }>;
      additionalModelRequestFields?: unknown;
    };
    expect(body.messages[1]!.content).toEqual([
      { toolUse: { toolUseId: 'toolu_1', name: 'divide', input: {} } },
    ]);
    expect(body).not.toHaveProperty('additionalModelRequestFields');
  });
});
