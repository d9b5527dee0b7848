import type { ServerResponse } from 'node:http';
import type { UpstreamDialect } from './read-upstream-request.js';

/** What a scripted upstream answers: signed thinking, then text or one tool call. */
export interface ScriptedAnswer {
  model: string;
  thinking?: { text: string; signature: string };
  text?: string;
  toolCall?: { id: string; name: string; arguments: string; thoughtSignature?: string };
}

type Json = Record<string, unknown>;

/** Splits text into pieces of a few characters: streamed tool arguments arrive in many fragments. */
export function fragments(text: string, size = 4): string[] {
  const pieces: string[] = [];
  for (let at = 0; at < text.length; at += size) pieces.push(text.slice(at, at + size));
  return pieces.length > 0 ? pieces : [''];
}

const usage = { input: 120, output: 30 };
const created = () => Math.floor(Date.now() / 1000);

function chat(answer: ScriptedAnswer, stream: boolean): Array<Json | string> {
  const call = answer.toolCall;
  const finish = call ? 'tool_calls' : 'stop';
  const usageWire = {
    prompt_tokens: usage.input,
    completion_tokens: usage.output,
    total_tokens: usage.input + usage.output,
  };
  const base = { id: 'chatcmpl-scripted', created: created(), model: answer.model };
  if (!stream) {
    const message: Json = { role: 'assistant', content: answer.text ?? null };
    if (call)
      message.tool_calls = [
        { id: call.id, type: 'function', function: { name: call.name, arguments: call.arguments } },
      ];
    return [
      {
        ...base,
        object: 'chat.completion',
        choices: [{ index: 0, message, finish_reason: finish }],
        usage: usageWire,
      },
    ];
  }
  const chunk = (delta: Json, finishReason: string | null = null): Json => ({
    ...base,
    object: 'chat.completion.chunk',
    choices: [{ index: 0, delta, finish_reason: finishReason }],
  });
  const events: Array<Json | string> = [chunk({ role: 'assistant', content: '' })];
  if (call) {
    events.push(
      chunk({
        tool_calls: [
          { index: 0, id: call.id, type: 'function', function: { name: call.name, arguments: '' } },
        ],
      }),
    );
    for (const piece of fragments(call.arguments))
      events.push(chunk({ tool_calls: [{ index: 0, function: { arguments: piece } }] }));
  } else {
    for (const piece of fragments(answer.text ?? '', 6)) events.push(chunk({ content: piece }));
  }
  events.push(
    chunk({}, finish),
    { ...base, object: 'chat.completion.chunk', choices: [], usage: usageWire },
    '[DONE]',
  );
  return events;
}

function responses(answer: ScriptedAnswer, stream: boolean): Array<Json | string> {
  const call = answer.toolCall;
  const item: Json = call
    ? {
        type: 'function_call',
        id: 'fc_scripted',
        call_id: call.id,
        name: call.name,
        arguments: call.arguments,
        status: 'completed',
      }
    : {
        type: 'message',
        id: 'msg_scripted',
        role: 'assistant',
        status: 'completed',
        content: [{ type: 'output_text', text: answer.text ?? '', annotations: [] }],
      };
  const response = (status: string, output: Json[]): Json => ({
    id: 'resp_scripted',
    object: 'response',
    created_at: created(),
    status,
    model: answer.model,
    output,
    usage:
      status === 'completed'
        ? {
            input_tokens: usage.input,
            input_tokens_details: { cached_tokens: 0 },
            output_tokens: usage.output,
            output_tokens_details: { reasoning_tokens: 0 },
            total_tokens: usage.input + usage.output,
          }
        : null,
  });
  if (!stream) return [response('completed', [item])];
  const events: Json[] = [{ type: 'response.created', response: response('in_progress', []) }];
  if (call) {
    const { item: added } = { item: { ...item, arguments: '', status: 'in_progress' } };
    events.push({ type: 'response.output_item.added', output_index: 0, item: added });
    for (const delta of fragments(call.arguments))
      events.push({
        type: 'response.function_call_arguments.delta',
        item_id: 'fc_scripted',
        output_index: 0,
        delta,
      });
    events.push({
      type: 'response.function_call_arguments.done',
      item_id: 'fc_scripted',
      output_index: 0,
      arguments: call.arguments,
    });
  } else {
    const text = answer.text ?? '';
    const part = { item_id: 'msg_scripted', output_index: 0, content_index: 0 };
    events.push(
      {
        type: 'response.output_item.added',
        output_index: 0,
        item: { ...item, status: 'in_progress', content: [] },
      },
      {
        type: 'response.content_part.added',
        ...part,
        part: { type: 'output_text', text: '', annotations: [] },
      },
      ...fragments(text, 6).map((delta) => ({ type: 'response.output_text.delta', ...part, delta })),
      { type: 'response.output_text.done', ...part, text },
      { type: 'response.content_part.done', ...part, part: { type: 'output_text', text, annotations: [] } },
    );
  }
  events.push(
    { type: 'response.output_item.done', output_index: 0, item },
    { type: 'response.completed', response: response('completed', [item]) },
  );
  return events.map((event, index) => ({ ...event, sequence_number: index }));
}

function anthropic(answer: ScriptedAnswer, stream: boolean): Array<Json | string> {
  const call = answer.toolCall;
  const content: Json[] = [];
  if (answer.thinking)
    content.push({ type: 'thinking', thinking: answer.thinking.text, signature: answer.thinking.signature });
  if (call)
    content.push({
      type: 'tool_use',
      id: call.id,
      name: call.name,
      input: JSON.parse(call.arguments) as unknown,
    });
  else content.push({ type: 'text', text: answer.text ?? '' });
  const stopReason = call ? 'tool_use' : 'end_turn';
  const message = {
    id: 'msg_scripted',
    type: 'message',
    role: 'assistant',
    model: answer.model,
    stop_sequence: null,
  };
  if (!stream)
    return [
      {
        ...message,
        content,
        stop_reason: stopReason,
        usage: { input_tokens: usage.input, output_tokens: usage.output },
      },
    ];
  const events: Json[] = [
    {
      type: 'message_start',
      message: {
        ...message,
        content: [],
        stop_reason: null,
        usage: { input_tokens: usage.input, output_tokens: 1 },
      },
    },
  ];
  content.forEach((block, index) => {
    if (block.type === 'thinking') {
      events.push(
        {
          type: 'content_block_start',
          index,
          content_block: { type: 'thinking', thinking: '', signature: '' },
        },
        ...fragments(String(block.thinking), 8).map((thinking) => ({
          type: 'content_block_delta',
          index,
          delta: { type: 'thinking_delta', thinking },
        })),
        {
          type: 'content_block_delta',
          index,
          delta: { type: 'signature_delta', signature: block.signature },
        },
      );
    } else if (block.type === 'tool_use') {
      events.push(
        {
          type: 'content_block_start',
          index,
          content_block: { type: 'tool_use', id: block.id, name: block.name, input: {} },
        },
        ...fragments(call!.arguments).map((partial_json) => ({
          type: 'content_block_delta',
          index,
          delta: { type: 'input_json_delta', partial_json },
        })),
      );
    } else {
      events.push(
        { type: 'content_block_start', index, content_block: { type: 'text', text: '' } },
        ...fragments(String(block.text), 6).map((text) => ({
          type: 'content_block_delta',
          index,
          delta: { type: 'text_delta', text },
        })),
      );
    }
    events.push({ type: 'content_block_stop', index });
  });
  events.push(
    {
      type: 'message_delta',
      delta: { stop_reason: stopReason, stop_sequence: null },
      usage: { input_tokens: usage.input, output_tokens: usage.output },
    },
    { type: 'message_stop' },
  );
  return events;
}

function gemini(answer: ScriptedAnswer, stream: boolean): Array<Json | string> {
  const call = answer.toolCall;
  const usageMetadata = {
    promptTokenCount: usage.input,
    candidatesTokenCount: usage.output,
    totalTokenCount: usage.input + usage.output,
  };
  const chunk = (parts: Json[], finishReason?: string): Json => ({
    candidates: [{ content: { role: 'model', parts }, index: 0, ...(finishReason ? { finishReason } : {}) }],
    ...(finishReason ? { usageMetadata } : {}),
    modelVersion: answer.model,
    responseId: 'scripted',
  });
  const callPart: Json | undefined = call && {
    functionCall: { id: call.id, name: call.name, args: JSON.parse(call.arguments) as unknown },
    ...(call.thoughtSignature ? { thoughtSignature: call.thoughtSignature } : {}),
  };
  if (!stream) return [chunk(callPart ? [callPart] : [{ text: answer.text ?? '' }], 'STOP')];
  if (callPart) return [chunk([callPart], 'STOP')];
  const pieces = fragments(answer.text ?? '', 6);
  return pieces.map((text, index) => chunk([{ text }], index === pieces.length - 1 ? 'STOP' : undefined));
}

const encoders = { 'openai-chat': chat, 'openai-responses': responses, anthropic, gemini };

/** Writes a scripted answer in a dialect, as a stream of SSE events or as one JSON body. */
export function writeUpstreamAnswer(
  response: ServerResponse,
  dialect: UpstreamDialect,
  answer: ScriptedAnswer,
  stream: boolean,
): void {
  const events = encoders[dialect](answer, stream);
  if (!stream) {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify(events[0]));
    return;
  }
  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  for (const event of events) {
    if (typeof event === 'string') response.write(`data: ${event}\n\n`);
    else if (dialect === 'openai-responses' || dialect === 'anthropic')
      response.write(`event: ${String(event.type)}\ndata: ${JSON.stringify(event)}\n\n`);
    else response.write(`data: ${JSON.stringify(event)}\n\n`);
  }
  response.end();
}
