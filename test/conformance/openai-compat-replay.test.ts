import { describe, expect, it } from 'vitest';
import { validateOpenAI } from './openai-schemas.js';
import { SseParser } from '../../relay-core/src/providers/shared/parse-sse.js';
import { loadRecording } from '../../relay-core/src/emulator/load-recording.js';
import { scenarios } from '../../relay-core/src/emulator/scenarios.js';
import type { Scenario } from '../../relay-core/src/emulator/scenarios.js';
import { clientKey, useHarness } from '../helpers/relay-harness.js';

// Every recorded OpenAI-family exchange, replayed through the relay: the client's output must
// validate against OpenAI's own schemas and carry the provider's content, tool arguments,
// reasoning, finish reason, usage and errors unchanged.
const validate = validateOpenAI;

interface Summary {
  content: string;
  reasoning: string;
  tools: Array<{ name: string; arguments: string }>;
  finish?: string;
  usage?: { prompt_tokens: number; completion_tokens: number };
  error?: string;
}

type Chunk = {
  error?: { message?: string };
  choices?: Array<{
    delta?: {
      content?: unknown;
      reasoning_content?: string;
      reasoning?: string;
      tool_calls?: Array<{ index?: number; function?: { name?: string; arguments?: string } }>;
    };
    finish_reason?: string | null;
  }>;
  usage?: { prompt_tokens: number; completion_tokens: number } | null;
  x_groq?: { usage?: { prompt_tokens: number; completion_tokens: number } };
};

/** Text and reasoning of a content value: a string, or Mistral's array of text/thinking blocks. */
function splitContent(content: unknown): { text: string; reasoning: string } {
  if (typeof content === 'string') return { text: content, reasoning: '' };
  const blocks = (Array.isArray(content) ? content : []) as Array<{
    type: string;
    text?: string;
    thinking?: Array<{ text: string }>;
  }>;
  return {
    text: blocks
      .filter((b) => b.type === 'text')
      .map((b) => b.text)
      .join(''),
    reasoning: blocks
      .filter((b) => b.type === 'thinking')
      .flatMap((b) => b.thinking ?? [])
      .map((t) => t.text)
      .join(''),
  };
}

function summarizeChunks(chunks: Chunk[]): Summary {
  const summary: Summary = { content: '', reasoning: '', tools: [] };
  for (const chunk of chunks) {
    if (chunk.error) summary.error = chunk.error.message;
    const choice = chunk.choices?.[0];
    const split = splitContent(choice?.delta?.content);
    summary.content += split.text;
    summary.reasoning +=
      (choice?.delta?.reasoning_content ?? choice?.delta?.reasoning ?? '') + split.reasoning;
    for (const call of choice?.delta?.tool_calls ?? []) {
      const index = call.index ?? 0;
      summary.tools[index] ??= { name: '', arguments: '' };
      summary.tools[index].name += call.function?.name ?? '';
      summary.tools[index].arguments += call.function?.arguments ?? '';
    }
    if (choice?.finish_reason) summary.finish = choice.finish_reason;
    const usage = chunk.usage ?? chunk.x_groq?.usage;
    if (usage)
      summary.usage = { prompt_tokens: usage.prompt_tokens, completion_tokens: usage.completion_tokens };
  }
  return summary;
}

function parseSse(text: string): Chunk[] {
  const parser = new SseParser();
  return [...parser.push(text), ...parser.end()]
    .filter((e) => e.data !== '[DONE]')
    .map((e) => JSON.parse(e.data) as Chunk);
}

function summarizeBody(body: {
  choices?: Array<{
    message?: {
      content?: unknown;
      reasoning_content?: string;
      reasoning?: string;
      tool_calls?: Array<{ function: { name: string; arguments: string } }>;
    };
    finish_reason?: string;
  }>;
  usage?: Summary['usage'];
  error?: { message?: string };
}): Summary {
  const message = body.choices?.[0]?.message;
  const split = splitContent(message?.content);
  return {
    content: split.text,
    reasoning: (message?.reasoning_content ?? message?.reasoning ?? '') + split.reasoning,
    tools: (message?.tool_calls ?? []).map((call) => ({
      name: call.function.name,
      arguments: call.function.arguments,
    })),
    finish: body.choices?.[0]?.finish_reason,
    usage: body.usage
      ? { prompt_tokens: body.usage.prompt_tokens, completion_tokens: body.usage.completion_tokens }
      : undefined,
    error: body.error?.message,
  };
}

const harness = useHarness();

const openAIScenarios = scenarios.filter((s) => (s.api ?? 'openai-chat') === 'openai-chat' && !s.embeddings);
const cases = openAIScenarios.flatMap((scenario) =>
  (['json', 'stream'] as const)
    .filter((kind) => scenario[kind])
    .map((kind) => [scenario.name, kind, scenario] as const),
);

async function ask(scenario: Scenario, stream: boolean) {
  return fetch(`${harness.relay.url}/v1/chat/completions`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${clientKey}`,
      'x-emulator-scenario': scenario.name,
    },
    body: JSON.stringify({
      model: `openai/${scenario.models[0]}`,
      messages: [{ role: 'user', content: 'replay' }],
      stream,
      ...(stream ? { stream_options: { include_usage: true } } : {}),
      ...(scenario.tools
        ? { tools: [{ type: 'function', function: { name: 'tool', parameters: { type: 'object' } } }] }
        : {}),
    }),
  });
}

describe('recorded OpenAI-family traffic through the relay', () => {
  it.each(cases)('%s (%s)', async (_name, kind, scenario) => {
    harness.emulator.reset();
    harness.emulator.inject({ scenario: scenario.name });
    const recording = loadRecording(scenario[kind]!);
    const response = await ask(scenario, kind === 'stream');
    const text = await response.text();

    if (recording.status !== 200) {
      // a recorded upstream error: same class of status, OpenAI error shape, upstream's message
      const upstream = JSON.parse(recording.kind === 'json' ? recording.body : '{}') as {
        error?: { message?: string };
      };
      expect(response.status).toBe(recording.status === 429 ? 429 : recording.status);
      const body = JSON.parse(text);
      expect(validate('ErrorResponse', body)).toEqual([]);
      expect(body.error.message).toContain(upstream.error?.message ?? '');
      return;
    }
    expect(response.status).toBe(200);
    let expected: Summary;
    let actual: Summary;
    if (kind === 'json') {
      const body = JSON.parse(text);
      expect(validate('CreateChatCompletionResponse', body)).toEqual([]);
      expected = summarizeBody(JSON.parse((recording as { body: string }).body));
      actual = summarizeBody(body);
    } else {
      const chunks = parseSse(text);
      for (const chunk of chunks) {
        expect(validate(chunk.error ? 'ErrorResponse' : 'CreateChatCompletionStreamResponse', chunk)).toEqual(
          [],
        );
      }
      expected = summarizeChunks(parseSse((recording as { events: string[] }).events.join('')));
      actual = summarizeChunks(chunks);
      if (!expected.error) expect(text.endsWith('data: [DONE]\n\n')).toBe(true);
    }
    expect(actual.content).toBe(expected.content);
    expect(actual.reasoning).toBe(expected.reasoning);
    expect(actual.tools).toEqual(expected.tools);
    if (expected.error) {
      expect(actual.error).toContain(expected.error);
      return;
    }
    expect(actual.finish).toBe(expected.finish === 'function_call' ? 'tool_calls' : expected.finish);
    expect(actual.usage).toEqual(expected.usage);
  });
});
