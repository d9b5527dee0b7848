import { describe, expect, it } from 'vitest';
import { validateOpenAI } from './openai-schemas.js';
import { SseParser } from '../../relay-core/src/providers/shared/parse-sse.js';
import { loadRecording } from '../../relay-core/src/emulator/load-recording.js';
import { recordedPayloads } from '../helpers/recorded-payloads.js';
import { scenarios } from '../../relay-core/src/emulator/scenarios.js';
import type { Scenario } from '../../relay-core/src/emulator/scenarios.js';
import { clientKey, useHarness } from '../helpers/relay-harness.js';

// Every recorded Anthropic, Gemini and Bedrock exchange, replayed through the relay to an
// OpenAI Chat Completions client. What the provider said is worked out here from the recording
// itself; the relay's output must carry the same text, reasoning, tool calls, finish reason and
// usage, validate against OpenAI's schemas, and turn upstream errors into OpenAI-shaped ones.
const validate = validateOpenAI;

interface Expected {
  text: string;
  reasoning: string;
  tools: Array<{ name: string; arguments: unknown }>;
  finish: string;
  usage?: { prompt_tokens: number; completion_tokens: number };
}

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const sseJson = recordedPayloads;

const anthropicFinish: Record<string, string> = {
  end_turn: 'stop',
  stop_sequence: 'stop',
  max_tokens: 'length',
  tool_use: 'tool_calls',
  refusal: 'content_filter',
};
const geminiFinish: Record<string, string> = {
  STOP: 'stop',
  MAX_TOKENS: 'length',
  SAFETY: 'content_filter',
  RECITATION: 'content_filter',
};
const bedrockFinish: Record<string, string> = {
  end_turn: 'stop',
  max_tokens: 'length',
  tool_use: 'tool_calls',
};

function expectedAnthropic(events: Json[]): Expected {
  const out: Expected = { text: '', reasoning: '', tools: [], finish: 'stop' };
  const kinds = new Map<number, string>();
  const args = new Map<number, string>();
  let input = 0;
  let output = 0;
  const usage = (u: Json | undefined) => {
    if (!u) return;
    if (u.input_tokens !== undefined)
      input = u.input_tokens + (u.cache_read_input_tokens ?? 0) + (u.cache_creation_input_tokens ?? 0);
    if (u.output_tokens !== undefined) output = u.output_tokens;
  };
  for (const event of events) {
    if (event.type === 'message_start') usage(event.message.usage);
    if (event.type === 'content_block_start') {
      kinds.set(event.index, event.content_block.type);
      if (event.content_block.type === 'tool_use') {
        out.tools.push({ name: event.content_block.name, arguments: undefined });
        args.set(event.index, '');
      }
    }
    if (event.type === 'content_block_delta') {
      const kind = kinds.get(event.index);
      if (kind === 'text' && event.delta.type === 'text_delta') out.text += event.delta.text;
      if (kind === 'thinking' && event.delta.type === 'thinking_delta') out.reasoning += event.delta.thinking;
      if (kind === 'tool_use' && event.delta.type === 'input_json_delta')
        args.set(event.index, args.get(event.index)! + event.delta.partial_json);
    }
    if (event.type === 'message_delta') {
      usage(event.usage);
      out.finish = anthropicFinish[event.delta.stop_reason] ?? 'stop';
    }
  }
  [...args.values()].forEach((text, i) => (out.tools[i]!.arguments = JSON.parse(text || '{}')));
  out.usage = { prompt_tokens: input, completion_tokens: output };
  return out;
}

function expectedAnthropicMessage(message: Json): Expected {
  const blocks = message.content as Json[];
  const u = message.usage;
  return {
    text: blocks
      .filter((b) => b.type === 'text')
      .map((b) => b.text)
      .join(''),
    reasoning: blocks
      .filter((b) => b.type === 'thinking')
      .map((b) => b.thinking)
      .join(''),
    tools: blocks.filter((b) => b.type === 'tool_use').map((b) => ({ name: b.name, arguments: b.input })),
    finish: anthropicFinish[message.stop_reason] ?? 'stop',
    usage: {
      prompt_tokens: u.input_tokens + (u.cache_read_input_tokens ?? 0) + (u.cache_creation_input_tokens ?? 0),
      completion_tokens: u.output_tokens,
    },
  };
}

function expectedResponses(events: Json[]): Expected {
  const out: Expected = { text: '', reasoning: '', tools: [], finish: 'stop' };
  const args = new Map<number, string>();
  const outputs: Json[] = events.length === 1 && events[0]!.output ? events[0]!.output : [];
  for (const [index, item] of outputs.entries()) {
    if (item.type === 'message') out.text += item.content.map((c: Json) => c.text ?? '').join('');
    if (item.type === 'reasoning') out.reasoning += (item.summary ?? []).map((c: Json) => c.text).join('');
    if (item.type === 'function_call') {
      out.tools.push({ name: item.name, arguments: undefined });
      args.set(index, item.arguments);
    }
  }
  let final: Json | undefined = outputs.length > 0 ? events[0] : undefined;
  for (const event of events) {
    if (event.type === 'response.output_text.delta') out.text += event.delta;
    if (event.type === 'response.reasoning_summary_text.delta') out.reasoning += event.delta;
    if (event.type === 'response.output_item.added' && event.item.type === 'function_call') {
      out.tools.push({ name: event.item.name, arguments: undefined });
      args.set(event.output_index, '');
    }
    if (event.type === 'response.function_call_arguments.delta')
      args.set(event.output_index, args.get(event.output_index)! + event.delta);
    if (event.type === 'response.completed' || event.type === 'response.incomplete') final = event.response;
  }
  [...args.values()].forEach((text, i) => (out.tools[i]!.arguments = JSON.parse(text || '{}')));
  if (out.tools.length > 0) out.finish = 'tool_calls';
  if (final?.status === 'incomplete') out.finish = 'length';
  if (final?.usage)
    out.usage = { prompt_tokens: final.usage.input_tokens, completion_tokens: final.usage.output_tokens };
  return out;
}

/** The message of an error the upstream reported inside a 200 stream, if it did. */
function streamError(events: Json[]): string | undefined {
  const failure = events.find((event) => event.type === 'error' || event.type === 'response.failed');
  return failure?.error?.message ?? failure?.message ?? failure?.response?.error?.message;
}

function expectedGemini(chunks: Json[]): Expected {
  const out: Expected = { text: '', reasoning: '', tools: [], finish: 'stop' };
  for (const chunk of chunks) {
    const candidate = chunk.candidates?.[0];
    for (const part of candidate?.content?.parts ?? []) {
      if (part.functionCall)
        out.tools.push({ name: part.functionCall.name, arguments: part.functionCall.args ?? {} });
      else if (typeof part.text === 'string') {
        if (part.thought) out.reasoning += part.text;
        else out.text += part.text;
      }
    }
    if (candidate?.finishReason) out.finish = geminiFinish[candidate.finishReason] ?? 'stop';
    if (!candidate && chunk.promptFeedback?.blockReason) out.finish = 'content_filter';
    const u = chunk.usageMetadata;
    // tool-use prompt tokens (code execution results fed back to the model) are billed as input
    if (u)
      out.usage = {
        prompt_tokens: (u.promptTokenCount ?? 0) + (u.toolUsePromptTokenCount ?? 0),
        completion_tokens: (u.candidatesTokenCount ?? 0) + (u.thoughtsTokenCount ?? 0),
      };
  }
  if (out.tools.length > 0 && out.finish === 'stop') out.finish = 'tool_calls';
  return out;
}

/** Bedrock counts cache reads and writes apart from its input, as Anthropic does. */
const bedrockUsage = (u: Json) => ({
  prompt_tokens: u.inputTokens + (u.cacheReadInputTokens ?? 0) + (u.cacheWriteInputTokens ?? 0),
  completion_tokens: u.outputTokens,
});

function expectedBedrock(events: Json[]): Expected {
  const out: Expected = { text: '', reasoning: '', tools: [], finish: 'stop' };
  const whole = events.length === 1 && events[0]!.output ? events[0]! : undefined;
  if (whole) {
    for (const block of whole.output.message.content as Json[]) {
      out.text += block.text ?? '';
      out.reasoning += block.reasoningContent?.reasoningText?.text ?? '';
    }
    out.finish = bedrockFinish[whole.stopReason] ?? 'stop';
    out.usage = bedrockUsage(whole.usage);
  }
  for (const event of events) {
    if (event.__type === 'contentBlockDelta') {
      out.text += event.delta.text ?? '';
      out.reasoning += event.delta.reasoningContent?.text ?? '';
    }
    if (event.__type === 'messageStop') out.finish = bedrockFinish[event.stopReason] ?? 'stop';
    if (event.__type === 'metadata') out.usage = bedrockUsage(event.usage);
  }
  return out;
}

const providerFor = {
  'anthropic-messages': 'anthropic',
  gemini: 'gemini',
  bedrock: 'bedrock',
  'openai-responses': 'openai',
} as const;
// a model the catalog lists as served only by the Responses API, so the relay goes there
const modelFor = (scenario: Scenario) =>
  scenario.api === 'openai-responses' ? 'o1-pro' : (scenario.models[0] ?? 'replay-model');
const native = scenarios.filter(
  (s): s is Scenario & { api: keyof typeof providerFor } =>
    s.api !== undefined && s.api in providerFor && !s.embeddings,
);
const cases = native.flatMap((scenario) =>
  (['json', 'stream'] as const)
    .filter((kind) => scenario[kind])
    .map((kind) => [scenario.name, kind, scenario] as const),
);

const harness = useHarness({ extraProviders: (url) => `  - id: bedrock\n    base_url: ${url}\n` });

describe('recorded Anthropic, Gemini and Bedrock traffic through the relay to OpenAI clients', () => {
  it.each(cases)('%s (%s)', async (_name, kind, scenario) => {
    harness.emulator.reset();
    harness.emulator.inject({ scenario: scenario.name });
    const recording = loadRecording(scenario[kind]!);
    const response = await fetch(`${harness.relay.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${clientKey}` },
      body: JSON.stringify({
        model: `${providerFor[scenario.api]}/${modelFor(scenario)}`,
        messages: [{ role: 'user', content: 'replay' }],
        stream: kind === 'stream',
        ...(kind === 'stream' ? { stream_options: { include_usage: true } } : {}),
      }),
    });
    const text = await response.text();

    const inStreamError = recording.status === 200 ? streamError(sseJson(recording)) : undefined;
    if (recording.status !== 200 || inStreamError) {
      // an error the upstream sent before any content: the client gets an OpenAI-shaped error
      const upstream = inStreamError
        ? { error: { message: inStreamError } }
        : (JSON.parse(recording.kind === 'json' ? recording.body : '{}') as { error?: { message?: string } });
      const body = JSON.parse(text);
      expect(validate('ErrorResponse', body)).toEqual([]);
      expect([400, 404, 429, 502, 503]).toContain(response.status);
      expect(body.error.message).toContain(upstream.error?.message ?? '');
      return;
    }
    expect(response.status).toBe(200);
    const recorded = sseJson(recording);
    const expected =
      scenario.api === 'anthropic-messages'
        ? kind === 'json'
          ? expectedAnthropicMessage(recorded[0]!)
          : expectedAnthropic(recorded)
        : scenario.api === 'gemini'
          ? expectedGemini(recorded)
          : scenario.api === 'openai-responses'
            ? expectedResponses(recorded)
            : expectedBedrock(recorded);

    let actual: Expected;
    if (kind === 'json') {
      const body = JSON.parse(text);
      expect(validate('CreateChatCompletionResponse', body)).toEqual([]);
      const message = body.choices[0].message;
      actual = {
        text: message.content ?? '',
        reasoning: message.reasoning_content ?? '',
        tools: (message.tool_calls ?? []).map((c: Json) => ({
          name: c.function.name,
          arguments: JSON.parse(c.function.arguments),
        })),
        finish: body.choices[0].finish_reason,
        usage: { prompt_tokens: body.usage.prompt_tokens, completion_tokens: body.usage.completion_tokens },
      };
    } else {
      const parser = new SseParser();
      const chunks = [...parser.push(text), ...parser.end()]
        .filter((e) => e.data !== '[DONE]')
        .map((e) => JSON.parse(e.data) as Json);
      for (const chunk of chunks) expect(validate('CreateChatCompletionStreamResponse', chunk)).toEqual([]);
      expect(text.endsWith('data: [DONE]\n\n')).toBe(true);
      actual = { text: '', reasoning: '', tools: [], finish: '' };
      const args: string[] = [];
      for (const chunk of chunks) {
        const choice = chunk.choices[0];
        actual.text += choice?.delta?.content ?? '';
        actual.reasoning += choice?.delta?.reasoning_content ?? '';
        for (const call of choice?.delta?.tool_calls ?? []) {
          if (call.function?.name)
            actual.tools[call.index] = { name: call.function.name, arguments: undefined };
          args[call.index] = (args[call.index] ?? '') + (call.function?.arguments ?? '');
        }
        if (choice?.finish_reason) actual.finish = choice.finish_reason;
        if (chunk.usage)
          actual.usage = {
            prompt_tokens: chunk.usage.prompt_tokens,
            completion_tokens: chunk.usage.completion_tokens,
          };
      }
      args.forEach((value, i) => (actual.tools[i]!.arguments = JSON.parse(value)));
    }
    if (!expected.usage) {
      // the upstream reported none: the client gets the relay's own count, the one it charges
      const row = await harness.waitForRequest(response.headers.get('x-relay-request-id'));
      expect(row.usage_estimated).toBe(1);
      expected.usage = {
        prompt_tokens: row.input_tokens as number,
        completion_tokens: row.output_tokens as number,
      };
    }
    expect(actual).toEqual(expected);
  });
});
