import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll } from 'vitest';
import { clientKey, useHarness } from './relay-harness.js';
import type { Harness } from './relay-harness.js';

type Wire = Record<string, unknown>;

/** The call the scripted model makes: a tool by the name (and namespace) the client gave it. */
export interface ScriptedCall {
  name: string;
  namespace?: string;
  /** JSON arguments for a function; the text itself for a custom tool. */
  input: string;
}

/** One request the upstream received. */
export interface ScriptedRequest {
  path: string;
  body: Wire;
}

export interface ScriptedUpstream {
  url: string;
  requests: ScriptedRequest[];
  /** What the model does on the next requests; `undefined`: it answers with text. */
  call: ScriptedCall | undefined;
  close(): Promise<void>;
}

/** The encrypted reasoning a Responses answer carries when the client includes it. */
export const scriptedEncryptedReasoning = 'gAAAAAscripted-encrypted-reasoning';
export const scriptedText = 'All done.';

const usage = { input_tokens: 12, output_tokens: 7 };

/** The offered tool a call names, in each API's shape; undefined when the model was not offered it. */
function offered(path: string, body: Wire, call: ScriptedCall): { kind: 'function' | 'custom' } | undefined {
  const tools = (body.tools as Wire[] | undefined) ?? [];
  const flat = call.namespace ? `${call.namespace}__${call.name}` : call.name;
  if (path.endsWith('/responses')) {
    const pool = call.namespace
      ? ((tools.find((tool) => tool.type === 'namespace' && tool.name === call.namespace)?.tools as Wire[]) ??
        [])
      : tools;
    const tool = pool.find((candidate) => candidate.name === call.name);
    return tool ? { kind: tool.type === 'custom' ? 'custom' : 'function' } : undefined;
  }
  if (path.endsWith('/messages'))
    return tools.some((tool) => tool.name === flat) ? { kind: 'function' } : undefined;
  return tools.some((tool) => (tool.function as Wire | undefined)?.name === flat)
    ? { kind: 'function' }
    : undefined;
}

function sse(response: ServerResponse, frames: Array<[string | undefined, Wire | string]>): void {
  response.writeHead(200, { 'content-type': 'text/event-stream' });
  for (const [event, data] of frames)
    response.write(
      `${event ? `event: ${event}\n` : ''}data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`,
    );
  response.end();
}

function chat(body: Wire, call: ScriptedCall | undefined, response: ServerResponse): void {
  const name = call ? (call.namespace ? `${call.namespace}__${call.name}` : call.name) : '';
  const toolCall = {
    id: 'call_scripted',
    type: 'function',
    function: { name, arguments: call?.input ?? '' },
  };
  const message = call
    ? { role: 'assistant', content: null, tool_calls: [toolCall] }
    : { role: 'assistant', content: scriptedText };
  const finish = call ? 'tool_calls' : 'stop';
  const base = { id: 'chatcmpl-scripted', created: 1, model: String(body.model) };
  const counts = { prompt_tokens: 12, completion_tokens: 7, total_tokens: 19 };
  if (body.stream !== true) {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(
      JSON.stringify({
        ...base,
        object: 'chat.completion',
        choices: [{ index: 0, message, finish_reason: finish }],
        usage: counts,
      }),
    );
    return;
  }
  const chunk = (delta: Wire, finishReason: string | null = null) => ({
    ...base,
    object: 'chat.completion.chunk',
    choices: [{ index: 0, delta, finish_reason: finishReason }],
  });
  const deltas: Wire[] = call
    ? [
        {
          role: 'assistant',
          tool_calls: [{ index: 0, id: toolCall.id, type: 'function', function: { name, arguments: '' } }],
        },
        // the arguments in two pieces, as models stream them
        { tool_calls: [{ index: 0, function: { arguments: call.input.slice(0, 5) } }] },
        { tool_calls: [{ index: 0, function: { arguments: call.input.slice(5) } }] },
      ]
    : [{ role: 'assistant', content: scriptedText }];
  sse(response, [
    ...deltas.map((delta): [undefined, Wire] => [undefined, chunk(delta)]),
    [undefined, chunk({}, finish)],
    [undefined, { ...base, object: 'chat.completion.chunk', choices: [], usage: counts }],
    [undefined, '[DONE]'],
  ]);
}

function anthropic(body: Wire, call: ScriptedCall | undefined, response: ServerResponse): void {
  const name = call ? (call.namespace ? `${call.namespace}__${call.name}` : call.name) : '';
  const block = call
    ? { type: 'tool_use', id: 'toolu_scripted', name, input: JSON.parse(call.input) as unknown }
    : { type: 'text', text: scriptedText };
  const stop = call ? 'tool_use' : 'end_turn';
  const message = { id: 'msg_scripted', type: 'message', role: 'assistant', model: String(body.model) };
  if (body.stream !== true) {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ ...message, content: [block], stop_reason: stop, usage }));
    return;
  }
  sse(response, [
    [
      'message_start',
      { type: 'message_start', message: { ...message, content: [], usage: { ...usage, output_tokens: 1 } } },
    ],
    [
      'content_block_start',
      {
        type: 'content_block_start',
        index: 0,
        content_block: call ? { ...block, input: {} } : { type: 'text', text: '' },
      },
    ],
    [
      'content_block_delta',
      {
        type: 'content_block_delta',
        index: 0,
        delta: call
          ? { type: 'input_json_delta', partial_json: call.input }
          : { type: 'text_delta', text: scriptedText },
      },
    ],
    ['content_block_stop', { type: 'content_block_stop', index: 0 }],
    ['message_delta', { type: 'message_delta', delta: { stop_reason: stop }, usage: { output_tokens: 7 } }],
    ['message_stop', { type: 'message_stop' }],
  ]);
}

/**
 * The Responses answer: a reasoning item (its encrypted content when the client includes it), a
 * web search the model ran, then the call (namespaced or custom as offered) or a message.
 */
function responses(
  body: Wire,
  call: ScriptedCall | undefined,
  kind: 'function' | 'custom',
  response: ServerResponse,
): void {
  const include = (body.include as string[] | undefined) ?? [];
  const encrypted = include.includes('reasoning.encrypted_content');
  const reasoning = {
    id: 'rs_scripted',
    type: 'reasoning',
    summary: [{ type: 'summary_text', text: 'Thinking it over.' }],
    ...(encrypted ? { encrypted_content: scriptedEncryptedReasoning } : {}),
  };
  const search = {
    id: 'ws_scripted',
    type: 'web_search_call',
    status: 'completed',
    action: { type: 'search', query: 'relay' },
  };
  const namespace = call?.namespace ? { namespace: call.namespace } : {};
  const last = !call
    ? {
        id: 'msg_scripted',
        type: 'message',
        role: 'assistant',
        status: 'completed',
        content: [{ type: 'output_text', text: scriptedText, annotations: [] }],
      }
    : kind === 'custom'
      ? {
          id: 'ctc_scripted',
          type: 'custom_tool_call',
          status: 'completed',
          call_id: 'call_scripted',
          name: call.name,
          ...namespace,
          input: call.input,
        }
      : {
          id: 'fc_scripted',
          type: 'function_call',
          status: 'completed',
          call_id: 'call_scripted',
          name: call.name,
          ...namespace,
          arguments: call.input,
        };
  const output = [reasoning, search, last];
  const done = {
    id: 'resp_scripted',
    object: 'response',
    created_at: 1,
    model: String(body.model),
    status: 'completed',
    output,
    usage,
  };
  if (body.stream !== true) {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify(done));
    return;
  }
  let sequence = 0;
  const frame = (type: string, data: Wire): [string, Wire] => [
    type,
    { type, sequence_number: sequence++, ...data },
  ];
  const lastAdded = call
    ? kind === 'custom'
      ? { ...last, status: 'in_progress', input: '' }
      : { ...last, status: 'in_progress', arguments: '' }
    : { ...last, status: 'in_progress', content: [] };
  const input = call?.input ?? scriptedText;
  const deltaType = !call
    ? 'response.output_text.delta'
    : kind === 'custom'
      ? 'response.custom_tool_call_input.delta'
      : 'response.function_call_arguments.delta';
  sse(response, [
    frame('response.created', { response: { ...done, status: 'in_progress', output: [], usage: null } }),
    frame('response.output_item.added', { output_index: 0, item: { ...reasoning, summary: [] } }),
    frame('response.reasoning_summary_text.delta', {
      item_id: 'rs_scripted',
      output_index: 0,
      summary_index: 0,
      delta: 'Thinking it over.',
    }),
    frame('response.output_item.done', { output_index: 0, item: reasoning }),
    frame('response.output_item.added', { output_index: 1, item: { ...search, status: 'in_progress' } }),
    frame('response.output_item.done', { output_index: 1, item: search }),
    frame('response.output_item.added', { output_index: 2, item: lastAdded }),
    frame(deltaType, { item_id: last.id, output_index: 2, content_index: 0, delta: input.slice(0, 4) }),
    frame(deltaType, { item_id: last.id, output_index: 2, content_index: 0, delta: input.slice(4) }),
    frame('response.output_item.done', { output_index: 2, item: last }),
    frame('response.completed', { response: done }),
  ]);
}

async function readJson(request: IncomingMessage): Promise<Wire> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as Wire;
}

/**
 * A fake provider for Chat Completions, Anthropic Messages and OpenAI Responses requests that
 * answers as a model calling the scripted tool would, but only a tool it was offered under that
 * name (a 400 otherwise): a test sees what the relay offered and how it maps the call back.
 */
export async function startScriptedUpstream(): Promise<ScriptedUpstream> {
  const requests: ScriptedRequest[] = [];
  const upstream: ScriptedUpstream = {
    url: '',
    requests,
    call: undefined,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server = createServer((request, response) => {
    // the relay lists a provider's models on start (GET /models): this upstream lists none
    if (request.method !== 'POST') {
      response.writeHead(404, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: { message: 'not found', type: 'invalid_request_error' } }));
      return;
    }
    void readJson(request).then((body) => {
      const path = request.url ?? '';
      requests.push({ path, body });
      const call = upstream.call;
      const tool = call ? offered(path, body, call) : undefined;
      if (call && !tool) {
        response.writeHead(400, { 'content-type': 'application/json' });
        response.end(
          JSON.stringify({
            error: { message: `no tool ${call.name} offered`, type: 'invalid_request_error' },
          }),
        );
      } else if (path.endsWith('/responses')) responses(body, call, tool?.kind ?? 'function', response);
      else if (path.endsWith('/messages')) anthropic(body, call, response);
      else chat(body, call, response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  upstream.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return upstream;
}

/**
 * Models the scripted upstream serves through a harness: a Chat Completions one, an Anthropic one,
 * and one the catalog serves only through the Responses API.
 */
export const scriptedModels = {
  // a reasoning model that takes every Chat reasoning_effort a client may send (pipeline/fit-request.ts)
  chat: 'eu-backup/gpt-5',
  anthropic: 'flaky/claude-sonnet-4-5',
  responses: 'eu-backup/gpt-5-codex',
} as const;

/**
 * A scripted upstream and a harness whose `eu-backup` (OpenAI) and `flaky` (Anthropic) providers
 * are it: provider ids the harness has keys for. Started for the test file, closed after.
 */
export async function useScriptedHarness(): Promise<{ harness: Harness; upstream: ScriptedUpstream }> {
  const upstream = await startScriptedUpstream();
  afterAll(() => upstream.close());
  const harness = useHarness({
    extraProviders: () =>
      `  - id: eu-backup\n    preset: openai\n    base_url: ${upstream.url}/v1\n` +
      `  - id: flaky\n    preset: anthropic\n    base_url: ${upstream.url}/v1\n`,
  });
  return { harness, upstream };
}

/** A raw POST of a JSON body to the relay, as any client would send it. */
export async function postJson(harness: Harness, path: string, body: unknown) {
  const response = await fetch(`${harness.relay.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${clientKey}` },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}
