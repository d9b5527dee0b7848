import Anthropic from '@anthropic-ai/sdk';
import { ApiError, GoogleGenAI } from '@google/genai';
import { APIError } from 'openai';
import { beforeAll, describe, expect, it } from 'vitest';
import { scenarios } from '../../relay-core/src/emulator/scenarios.js';
import { clientKey, useHarness } from '../helpers/relay-harness.js';
import { validateOpenAI, validateResponsesEvent } from './openai-schemas.js';

// Every inbound dialect × every provider family × text, tool call, reasoning and an upstream 429.
// The Chat Completions stream (itself checked against the recordings in the replay suites) is
// the reference; the Anthropic and Responses dialects must carry the same text, reasoning and
// tool calls, and every Responses event must validate against OpenAI's schema. The Gemini dialect
// speaks through the official @google/genai SDK.
interface Answer {
  text: string;
  reasoning: string;
  tools: Array<{ name: string; input: unknown }>;
}

const families = {
  openai: { provider: 'openai', text: 'openai-text', tool: 'openai-tool-call', reasoning: undefined },
  anthropic: {
    provider: 'anthropic',
    text: 'anthropic-text',
    tool: 'anthropic-json-tool',
    reasoning: 'anthropic-thinking',
  },
  gemini: {
    provider: 'gemini',
    text: 'gemini-text',
    tool: 'gemini-tool-call',
    reasoning: 'gemini-thinking-tool-call',
  },
  'openai-compatible': {
    provider: 'openai',
    text: 'deepseek-text',
    tool: 'deepseek-tool-call',
    reasoning: 'deepseek-reasoning',
  },
} as const;
type Case = 'text' | 'tool' | 'reasoning';
const dialects = ['openai-chat', 'anthropic-messages', 'openai-responses', 'gemini-api'] as const;

const harness = useHarness();
let anthropic: Anthropic;
let gemini: GoogleGenAI;
beforeAll(async () => {
  anthropic = new Anthropic({ baseURL: harness.relay.url, apiKey: clientKey, maxRetries: 0 });
  gemini = new GoogleGenAI({ apiKey: clientKey, httpOptions: { baseUrl: harness.relay.url } });
});

const tool = { name: 'tool', description: 'a tool', parameters: { type: 'object', properties: {} } };

function modelFor(family: keyof typeof families, scenario: string): string {
  return `${families[family].provider}/${scenarios.find((s) => s.name === scenario)!.models[0]}`;
}

async function viaChat(model: string, withTool: boolean, reasoning: boolean): Promise<Answer> {
  const stream = await harness.openai.chat.completions.create({
    model,
    messages: [{ role: 'user', content: 'hi' }],
    stream: true,
    ...(withTool ? { tools: [{ type: 'function' as const, function: tool }] } : {}),
    ...(reasoning ? { reasoning_effort: 'low' as const } : {}),
  });
  const answer: Answer = { text: '', reasoning: '', tools: [] };
  const args: string[] = [];
  for await (const chunk of stream) {
    const delta = chunk.choices[0]?.delta as
      | {
          content?: string;
          reasoning_content?: string;
          tool_calls?: Array<{ index: number; function?: { name?: string; arguments?: string } }>;
        }
      | undefined;
    answer.text += delta?.content ?? '';
    answer.reasoning += delta?.reasoning_content ?? '';
    for (const call of delta?.tool_calls ?? []) {
      if (call.function?.name) answer.tools[call.index] = { name: call.function.name, input: undefined };
      args[call.index] = (args[call.index] ?? '') + (call.function?.arguments ?? '');
    }
  }
  args.forEach((text, i) => (answer.tools[i]!.input = JSON.parse(text || '{}')));
  return answer;
}

async function viaAnthropic(model: string, withTool: boolean, reasoning: boolean): Promise<Answer> {
  const message = await anthropic.messages
    .stream({
      model,
      max_tokens: 4096,
      messages: [{ role: 'user', content: 'hi' }],
      ...(withTool
        ? {
            tools: [
              {
                name: tool.name,
                description: tool.description,
                input_schema: { type: 'object' as const, properties: {} },
              },
            ],
          }
        : {}),
      ...(reasoning ? { thinking: { type: 'enabled' as const, budget_tokens: 2048 } } : {}),
    })
    .finalMessage();
  return {
    text: message.content.flatMap((b) => (b.type === 'text' ? [b.text] : [])).join(''),
    reasoning: message.content.flatMap((b) => (b.type === 'thinking' ? [b.thinking] : [])).join(''),
    tools: message.content.flatMap((b) => (b.type === 'tool_use' ? [{ name: b.name, input: b.input }] : [])),
  };
}

async function viaResponses(model: string, withTool: boolean, reasoning: boolean): Promise<Answer> {
  const stream = harness.openai.responses.stream({
    model,
    input: 'hi',
    ...(withTool
      ? {
          tools: [
            {
              type: 'function' as const,
              name: tool.name,
              description: tool.description,
              parameters: tool.parameters,
              strict: false,
            },
          ],
        }
      : {}),
    ...(reasoning ? { reasoning: { effort: 'low' as const } } : {}),
  });
  const problems: string[] = [];
  stream.on('event', (event) => problems.push(...validateResponsesEvent(event)));
  const response = await stream.finalResponse();
  expect(problems).toEqual([]);
  const { output_text: _text, ...plain } = response as typeof response & { output_text?: string };
  expect(validateOpenAI('Response', plain)).toEqual([]);
  return {
    text: response.output_text,
    reasoning: response.output
      .flatMap((item) => (item.type === 'reasoning' ? item.summary.map((s) => s.text) : []))
      .join(''),
    tools: response.output.flatMap((item) =>
      item.type === 'function_call' ? [{ name: item.name, input: JSON.parse(item.arguments || '{}') }] : [],
    ),
  };
}

async function viaGemini(model: string, withTool: boolean, reasoning: boolean): Promise<Answer> {
  const stream = await gemini.models.generateContentStream({
    model,
    contents: 'hi',
    config: {
      ...(withTool
        ? {
            tools: [
              {
                functionDeclarations: [
                  { ...tool, parameters: undefined, parametersJsonSchema: tool.parameters },
                ],
              },
            ],
          }
        : {}),
      // Gemini shows thoughts only to a client that asks to see them (Gemini CLI always does)
      thinkingConfig: { includeThoughts: true, ...(reasoning ? { thinkingBudget: 2048 } : {}) },
    },
  });
  const answer: Answer = { text: '', reasoning: '', tools: [] };
  let finished = false;
  for await (const chunk of stream) {
    const candidate = chunk.candidates?.[0];
    for (const part of candidate?.content?.parts ?? []) {
      if (part.thought) answer.reasoning += part.text ?? '';
      else if (part.functionCall)
        answer.tools.push({ name: part.functionCall.name!, input: part.functionCall.args });
      else answer.text += part.text ?? '';
    }
    finished ||= candidate?.finishReason !== undefined;
  }
  expect(finished).toBe(true);
  return answer;
}

const run = {
  'openai-chat': viaChat,
  'anthropic-messages': viaAnthropic,
  'openai-responses': viaResponses,
  'gemini-api': viaGemini,
};
const rows = dialects.flatMap((dialect) =>
  (Object.keys(families) as Array<keyof typeof families>).flatMap((family) =>
    (['text', 'tool', 'reasoning'] as Case[])
      .filter((kind) => families[family][kind])
      .map((kind) => [dialect, family, kind] as const),
  ),
);

describe('dialect × provider family', () => {
  it.each(rows)('%s on %s: %s', async (dialect, family, kind) => {
    const scenario = families[family][kind]!;
    const model = modelFor(family, scenario);
    harness.emulator.reset();
    harness.emulator.inject({ scenario, times: 2 });
    const reference = await viaChat(model, kind === 'tool', kind === 'reasoning');
    const answer = await run[dialect](model, kind === 'tool', kind === 'reasoning');
    expect(answer).toEqual(reference);
    if (kind === 'text') expect(answer.text.length).toBeGreaterThan(0);
    if (kind === 'tool') expect(answer.tools.length).toBeGreaterThan(0);
    if (kind === 'reasoning') expect(answer.reasoning.length).toBeGreaterThan(0);
  });

  it.each(
    dialects.flatMap((dialect) =>
      (Object.keys(families) as Array<keyof typeof families>).map((family) => [dialect, family] as const),
    ),
  )('%s on %s: an upstream 429 reaches the client as a 429 in its dialect', async (dialect, family) => {
    harness.emulator.reset();
    harness.emulator.inject({ status: 429, retryAfter: 2 });
    const error = await run[dialect](modelFor(family, families[family].text), false, false).catch(
      (caught: unknown) => caught,
    );
    if (dialect === 'gemini-api') {
      expect(error).toBeInstanceOf(ApiError);
      expect((error as ApiError).status).toBe(429);
      expect(JSON.parse((error as ApiError).message)).toMatchObject({
        error: {
          code: 429,
          status: 'RESOURCE_EXHAUSTED',
          details: [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '2s' }],
        },
      });
    } else if (dialect === 'anthropic-messages') {
      expect(error).toBeInstanceOf(Anthropic.RateLimitError);
      expect((error as InstanceType<typeof Anthropic.RateLimitError>).error).toMatchObject({
        type: 'error',
        error: { type: 'rate_limit_error' },
      });
    } else {
      expect(error).toBeInstanceOf(APIError);
      expect((error as APIError).status).toBe(429);
      expect((error as APIError).headers?.get('retry-after')).toBe('2');
    }
  });
});
